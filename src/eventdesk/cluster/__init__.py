"""Cross-article deduplication: mentions of one real-world event become one canonical event."""

from eventdesk.cluster.match import (
    THRESHOLD,
    Mention,
    cluster_id,
    components,
    matches,
    mention_from_event,
    outlet,
)

__all__ = ["THRESHOLD", "Mention", "cluster_id", "components", "matches", "mention_from_event",
           "outlet"]
