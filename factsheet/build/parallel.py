"""Extraction and per-story reconciliation on several cores, or on a Dask cluster.

Why this shape: extraction is pure per article and reconciliation is pure per
story (facts never merge across stories), so the work splits into batches of
whole stories. Each batch is extracted *and* reconciled where it runs, and
only its facts come back: no process ever holds every mention of a large
build, and mentions are never shipped twice. Results are put back in story
order, so the output is the same for any number of jobs and on a cluster.

- `jobs=1`: everything in this process (no pool, easiest to debug).
- `jobs=N`: a ProcessPoolExecutor of N workers ("forkserver", so a process
  that already runs threads, such as a Dask client or a progress bar, forks
  safely), each given the rules once.
- `scheduler="tcp://host:8786"`: the same batches as Dask tasks, the rules
  scattered once to every worker. Needs `pip install factsheet[dask]`.

The extraction cache (cache.py) is used by local workers, which share this
machine's cache folder; workers of a cluster extract without it.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from factsheet.build import lifeline
from factsheet.build.spool import FactSpool
from factsheet.errors import FactsheetError
from factsheet.ingest.copies import find_copies
from factsheet.ingest.stories import Story
from factsheet.model import Article, ArticleInfo, Fact, Mention
from factsheet.reconcile.identity import Ids
from factsheet.reconcile.merge import Reconciled, reconcile
from factsheet.rules.schema import RuleSet

if TYPE_CHECKING:
    from factsheet.build.cache import BuildCache

BATCH_ARTICLES = 200  # articles per batch at most (a larger story is a batch of its own)
BATCHES_PER_JOB = 6  # enough batches that a slow one does not leave the other workers idle
CONNECT_TIMEOUT = "30s"  # how long to try reaching a Dask scheduler
Progress = Callable[[int, str], AbstractContextManager[Callable[[], None]]]


class ClusterError(FactsheetError):
    """The Dask scheduler could not be reached or dask is not installed."""

    exit_code = 1


@dataclass(frozen=True)
class StoryWork:
    """One story's articles, in input order: what a worker needs to reconcile it."""

    story: Story
    articles: tuple[Article, ...]


@dataclass
class BatchResult:
    """The facts of each story of a batch, and the cache counts of the worker that made them."""

    stories: list[Reconciled] = field(default_factory=list)
    hits: int = 0
    misses: int = 0
    errors: list[str] = field(default_factory=list)
    timings: Timings = field(default_factory=lambda: Timings())


@dataclass
class Timings:
    """CPU seconds the workers spent per stage, summed (for the benchmark and the build log)."""

    extract: float = 0.0
    reconcile: float = 0.0
    articles: int = 0
    mentions: int = 0

    def add(self, other: Timings) -> None:
        self.extract += other.extract
        self.reconcile += other.reconcile
        self.articles += other.articles
        self.mentions += other.mentions


def default_jobs() -> int:
    """All cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def extract_mentions(articles: Sequence[Article], rules: RuleSet) -> list[Mention]:
    """Every mention of the articles, in order (the plain sequential reference)."""
    from factsheet.extract.mentions import extract_article

    return [m for a in articles for m in extract_article(a, rules)]


def reconcile_story(articles: Sequence[Article], mentions: Sequence[Mention], rules: RuleSet,
                    story: str) -> Reconciled:
    """One story's reprints and facts, from its own articles and mentions only."""
    copies = find_copies(articles, rules.reconcile.reprint)
    policies = {r.id: r.single_source for r in rules.rules if r.single_source is not None}
    return reconcile(articles, mentions, copies, rules.reconcile, rules.aliases, story=story, single_source=policies)


def run_batch(batch: Sequence[StoryWork], rules: RuleSet, cache_folder: str | None = None) -> BatchResult:
    """Extract and reconcile whole stories; the unit of work of a worker."""
    from factsheet.build.cache import BuildCache

    cache = BuildCache(cache_folder)
    out = BatchResult()
    clock = time.process_time
    for work in batch:
        start = clock()
        mentions = [m for a in work.articles for m in cache.extract(a, rules)]
        middle = clock()
        out.stories.append(reconcile_story(work.articles, mentions, rules, work.story.id))
        out.timings.add(Timings(middle - start, clock() - middle, len(work.articles), len(mentions)))
    out.hits, out.misses, out.errors = cache.stats.hits, cache.stats.misses, list(cache.stats.errors)
    return out


def plan(work: Sequence[StoryWork], jobs: int) -> list[list[int]]:
    """Consecutive stories packed into batches of about equal article counts."""
    total = sum(len(w.articles) for w in work)
    size = max(1, min(BATCH_ARTICLES, -(-total // max(1, jobs * BATCHES_PER_JOB))))
    batches: list[list[int]] = []
    current: list[int] = []
    filled = 0
    for i, w in enumerate(work):
        if current and filled + len(w.articles) > size:
            batches.append(current)
            current, filled = [], 0
        current.append(i)
        filled += len(w.articles)
    if current:
        batches.append(current)
    return batches


def reconcile_stories(articles: Sequence[Article], groups: Sequence[Story], rules: RuleSet, *,
                      jobs: int | None = None, scheduler: str | None = None,
                      cache: BuildCache | None = None,
                      timings: Timings | None = None) -> tuple[list[ArticleInfo], FactSpool, int]:
    """Article infos (input order), facts (story order, ids unique across stories: identity.py) and the
    number of single-source sentences left out as background (background.py), run where asked.

    Facts are written out story by story as the batches finish, into a
    FactSpool that moves them to disk when there are many (spool.py): the
    facts of a big build are never all in memory.

    The result is identical for any `jobs` and with a `scheduler`: each story
    is computed by the same pure function, and results are put back in order.
    `timings`, if given, receives the workers' CPU time per stage.
    """
    by_id = {a.id: a for a in articles}
    work = [StoryWork(g, tuple(by_id[i] for i in g.articles)) for g in groups]
    jobs = jobs or default_jobs()
    cache_folder = str(cache.folder) if cache is not None and cache.folder is not None else None
    progress: Progress = cache.progress if cache is not None else _no_progress
    runner: AbstractContextManager[Iterator[tuple[list[int], BatchResult]]]
    if scheduler:
        runner = _Cluster(scheduler, work, rules)
    elif jobs <= 1 or len(work) <= 1:
        runner = nullcontext((b, run_batch([work[i] for i in b], rules, cache_folder)) for b in plan(work, 1))
    else:
        runner = _Pool(jobs, work, rules, cache_folder)
    finished: dict[int, tuple[list[ArticleInfo], list[Fact]]] = {}
    infos: dict[str, ArticleInfo] = {}
    facts = FactSpool()
    ids = Ids()
    written = background = 0
    with runner as runs, progress(len(articles), "extracting and reconciling") as tick:
        for batch, result in runs:
            for i, story in zip(batch, result.stories, strict=True):
                # a worker sends back a copy of each article: keep ours (equal) and let the copy go now
                finished[i] = ([replace(x, article=by_id[x.article.id]) for x in story.articles], story.facts)
                background += story.background
                for _ in work[i].articles:
                    tick()
            while written in finished:  # stories are written in order; one that finishes early waits here
                story_infos, story_facts = finished.pop(written)
                infos.update((x.article.id, x) for x in story_infos)
                renamed = {f.id: ids.unique(f.id) for f in story_facts}  # content ids, unique across stories
                for f in story_facts:
                    related = tuple(replace(r, id=renamed.get(r.id, r.id)) for r in f.related)
                    facts.append(replace(f, id=renamed[f.id], related=related))
                written += 1
            if timings is not None:
                timings.add(result.timings)
            if cache is not None:
                cache.stats.hits += result.hits
                cache.stats.misses += result.misses
                cache.stats.errors.extend(e for e in result.errors if e not in cache.stats.errors)
    return [infos[a.id] for a in articles if a.id in infos], facts, background


# --- local processes --------------------------------------------------------------------------

_WORKER: dict[str, Any] = {}


def _init_worker(rules: RuleSet, cache_folder: str | None, build_pid: int) -> None:
    lifeline.die_with(build_pid)
    _WORKER["rules"], _WORKER["cache"] = rules, cache_folder


def _worker_batch(batch: list[StoryWork]) -> BatchResult:
    with lifeline.busy():
        return run_batch(batch, _WORKER["rules"], _WORKER["cache"])


def _start_method() -> str:
    """fork when this process runs no other thread (fast, nothing re-imported), else forkserver.

    Forking a process that runs threads (a progress bar, a Dask client) can
    deadlock the child; forkserver forks from a clean helper process instead.
    """
    return "fork" if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods() \
        else "forkserver"


class _Pool:
    """Batches on a local process pool, yielded as they finish (at most 2 per worker queued).

    The workers are started on entry, before a progress bar starts its thread.
    They end with the build however it ends (lifeline.py): drained on
    success, stopped at once on an exception, SIGTERM or Ctrl-C.
    """

    def __init__(self, jobs: int, work: Sequence[StoryWork], rules: RuleSet, cache_folder: str | None) -> None:
        batches = plan(work, jobs)
        self.jobs, self.work = min(jobs, len(batches)), work
        self.todo = iter(batches)
        self.running: dict[Future[BatchResult], list[int]] = {}
        context = multiprocessing.get_context(_start_method())
        if context.get_start_method() == "forkserver":
            context.set_forkserver_preload(["factsheet.build.parallel"])
        self.pool = ProcessPoolExecutor(max_workers=self.jobs, mp_context=context, initializer=_init_worker,
                                        initargs=(rules, cache_folder, os.getpid()))

    def __enter__(self) -> Iterator[tuple[list[int], BatchResult]]:
        self._feed()
        return self._results()

    def __exit__(self, kind: type[BaseException] | None, *exc: object) -> None:
        if kind is None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            return
        workers = list(self.pool._processes.values())  # private: no public way to reach them before 3.14
        self.pool.shutdown(wait=False, cancel_futures=True)
        lifeline.stop_processes(workers)

    def _feed(self) -> None:
        for b in self.todo:
            self.running[self.pool.submit(_worker_batch, [self.work[i] for i in b])] = b
            if len(self.running) >= 2 * self.jobs:
                break

    def _results(self) -> Iterator[tuple[list[int], BatchResult]]:
        while self.running:
            done, _ = wait(self.running, return_when=FIRST_COMPLETED)
            for fut in sorted(done, key=self.running.__getitem__):
                try:
                    result = fut.result()
                except BrokenProcessPool as exc:
                    raise FactsheetError(f"a worker process died ({exc}); if it ran out of memory, "
                                         "build with fewer --jobs") from None
                yield self.running.pop(fut), result
            self._feed()


# --- Dask distributed -------------------------------------------------------------------------


class _Cluster:
    """Batches as tasks on a Dask cluster, yielded as they finish.

    The batches (articles) and the rules are scattered to the workers rather
    than put into the task graph; each task returns only its stories' facts.
    """

    def __init__(self, address: str, work: Sequence[StoryWork], rules: RuleSet) -> None:
        try:
            import distributed
        except ImportError as exc:
            raise ClusterError("--scheduler needs Dask: pip install 'factsheet[dask]'") from exc
        self.distributed: Any = distributed
        self.address, self.work, self.rules = address, work, rules
        self.client: Any = None
        self.futures: list[Any] = []

    def __enter__(self) -> Iterator[tuple[list[int], BatchResult]]:
        try:
            self.client = self.distributed.Client(self.address, timeout=CONNECT_TIMEOUT, set_as_default=False)
        except (OSError, TimeoutError) as exc:
            raise ClusterError(f"cannot reach the Dask scheduler at {self.address}: {exc}") from exc
        threads = sum(self.client.nthreads().values()) or 1
        batches = plan(self.work, threads)
        [rules] = self.client.scatter([self.rules], broadcast=True, hash=False)
        data = self.client.scatter([[self.work[i] for i in b] for b in batches], hash=False)
        # cache_folder None: a task writes nothing anywhere, so a task left running by a killed client harms nothing
        self.futures = [self.client.submit(run_batch, d, rules, None, pure=False) for d in data]
        return self._results(self.futures, batches)

    def _results(self, futures: list[Any], batches: list[list[int]]) -> Iterator[tuple[list[int], BatchResult]]:
        """In submission order (the cluster runs them all meanwhile); each result is let go once read."""
        for fut, batch in zip(futures, batches, strict=True):
            yield batch, fut.result()
            fut.release()

    def __exit__(self, kind: type[BaseException] | None, *exc: object) -> None:
        if self.client is None:
            return
        try:
            if kind is not None and self.futures:  # stopped: take the batches not yet run off the cluster
                self.client.cancel(self.futures)
        finally:
            self.client.close()


@contextmanager
def _no_progress(total: int, label: str) -> Iterator[Callable[[], None]]:
    yield lambda: None

