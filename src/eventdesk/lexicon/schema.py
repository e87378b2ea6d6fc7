"""What each event lexicon file may hold: its kind, its keys, and how its word lists match.

Every YAML file under ``events/`` starts with ``kind:`` saying what it is, so that no file's
meaning depends on its name:

- ``triggers``: ``rules:``, trigger words of PLOVER types (one rule per entry);
- ``cues``: ``lists:``, named word lists the grammar uses, each saying how it matches;
- ``types``: ``types:``, one row of behaviour per PLOVER type;
- ``reinterpret``: ``rows:``, the ordered decision table that changes an event's type;
- ``constructions``: ``constructions:``, dependency patterns that give an event its roles.

Unknown keys, words that cannot match the way their list says, rule ids and list names that
do not exist are all problems (``lexicon check`` prints them as ``file:line: reason``).
"""

from __future__ import annotations

FILE_KINDS = {
    "triggers": "rules",
    "cues": "lists",
    "types": "types",
    "reinterpret": "rows",
    "constructions": "constructions",
}

RULE_KEYS = frozenset({"rule", "type", "cameo", "mode", "verbs", "nouns", "object",
                       "exclude_object", "preps", "verb_preps", "governors", "exclude_preps",
                       "confidence", "of_is", "example", "note"})
RULE_LIST_KEYS = ("verbs", "nouns", "object", "exclude_object", "preps", "verb_preps",
                  "governors", "exclude_preps")

# How the words of a cue list are compared with a token:
#   lemmas   one word: the token's lemma (or its lower-case form)
#   verbs    a verb lemma, optionally with particles attached to it ("call for", "point out")
#   phrases  a run of lemmas ending just before the trigger ("stop short of")
#   words    one word: the token's lower-case form exactly ("'ll", "wo", "if")
#   rules    ids of trigger rules
#   modes    PLOVER modes used by trigger rules
CUE_MATCHES = ("lemmas", "verbs", "phrases", "words", "rules", "modes")
CUE_KEYS = frozenset({"match", "words", "note"})

TYPE_KEYS = frozenset({"participants", "symmetric", "content", "topic_preps", "from_is",
                       "needs_target", "located", "needs_object", "reacts"})
OPTIONAL_TYPE_KEYS = frozenset({"located", "needs_object", "reacts"})  # false when left out
PARTICIPANTS = ("state", "organised", "official", "armed", "crowd", "community")
FROM_IS = ("source", "place")

# The conditions a reinterpretation row may test (extract/reinterpret.py computes them).
CONDITIONS = frozenset({"cancelled", "negated", "nominal", "asserted_noun", "offered",
                        "preparing", "intent", "willing", "has_source", "modality",
                        "scheduled", "threatened", "alleged", "joint", "riot",
                        "verbal_clash"})
ROW_KEYS = frozenset({"name", "when", "then", "codes", "note"})
THEN_KEYS = frozenset({"type", "negated", "modality"})

CONSTRUCTION_KEYS = frozenset({"name", "trigger", "role", "pattern", "only_if_empty",
                               "symmetric", "skip_topic_preps", "from_is", "types",
                               "except_types", "requires",
                               "delegate", "delegate_role", "of_is",
                               "example", "expect", "note"})
# Checks a construction may require that a dependency pattern cannot state
# (extract/constructions.py defines each).
REQUIRES = frozenset({"filler_before_trigger", "bare_participle", "not_bare_participle",
                      "governor_without_particle", "passive_trigger", "not_undergone",
                      "carrying_verb", "noun_carried", "filler_no_trigger",
                      "not_passive_of_conjunct", "attribution_upheld",
                      "not_passive_conjunct", "nearest_verb",
                      "order_governs", "small_clause", "not_small_clause",
                      "passive_chain", "agent_of_chain", "misattached_subject"})
TRIGGER_KINDS = ("verb", "noun", "any")
ROLES = ("source", "target")
