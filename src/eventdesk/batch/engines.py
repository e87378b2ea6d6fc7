"""Code partitions of articles: in this process or a process pool (``local``), or on Dask.

Both engines yield ``(partition, results)`` pairs, one per partition, where ``results`` has one
CodedArticle or InputError per article, in the partition's order. The writing is the caller's,
in this process: workers need no access to the output folder.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable, Iterator

from eventdesk.batch.plan import Partition
from eventdesk.config import Settings
from eventdesk.errors import InputError, describe
from eventdesk.model import CodedArticle

Results = list[CodedArticle | InputError]
ENGINES = ("local", "dask")


def code_local(parts: Iterable[Partition], settings: Settings,
               workers: int = 1) -> Iterator[tuple[Partition, Results]]:
    """The ingest path (``runner.code_stream``): one pool for the whole run, results in order."""
    from eventdesk.runner import code_stream

    waiting: deque[Partition] = deque()

    def articles():
        for part in parts:
            waiting.append(part)
            yield from part.articles

    results: Results = []
    for result in code_stream(articles(), settings, workers):
        results.append(result)
        if len(results) == len(waiting[0].articles):
            yield waiting.popleft(), results
            results = []


def code_partition(articles: list, settings: Settings) -> Results:
    """The Dask task: code one partition with this worker process's Coder (built on its first
    task, then kept in ``coder.get_coder``'s cache for every later one)."""
    from eventdesk.coder import get_coder

    return list(get_coder(settings).code_each(articles))


def code_dask(parts: Iterable[Partition], settings: Settings, workers: int = 2,
              scheduler: str | None = None,
              on_error=lambda error: None) -> Iterator[tuple[Partition, Results]]:
    """Code on a Dask distributed cluster: ``scheduler``'s, or a LocalCluster of ``workers``
    single-threaded processes. At most two partitions per worker are in flight, so the
    inputs are read as the workers need them. A task whose worker dies is retried (twice)
    elsewhere; a partition that still fails is reported and left for the next run."""
    from dask import delayed
    from dask.distributed import Client, LocalCluster, as_completed

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=logging.ERROR)
        client = Client(cluster)
    try:
        window = 2 * max(1, len(client.scheduler_info()["workers"]) or workers)
        running = as_completed()
        part_of = {}

        def finished(future):
            part = part_of.pop(future.key)
            try:
                results = future.result()
            except Exception as exc:  # noqa: BLE001 - one partition's failure, reported
                on_error(InputError(f"partition {part.id}",
                                    f"coding failed on Dask: {describe(exc)}; "
                                    "rerun the same command to code it again"))
                return None
            finally:
                future.release()
            return part, results

        for part in parts:
            task = delayed(code_partition, pure=False)(list(part.articles), settings,
                                                       dask_key_name=f"code-{part.id}")
            future = client.compute(task, retries=2)
            part_of[future.key] = part
            running.add(future)
            if running.count() >= window:
                done = finished(next(running))
                if done is not None:
                    yield done
        for future in running:
            done = finished(future)
            if done is not None:
                yield done
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
