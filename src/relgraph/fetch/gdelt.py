"""`relgraph fetch gdelt`: the export files of a period, from GDELT's lists into the cache, then
imported into a data folder as `relgraph import gdelt` imports them.

The lists decide which files exist (never URLs guessed from dates); each file is downloaded
once, verified, and kept in the cache (`<cache>/downloads/gdelt/`, the same paths as under the
base URL), so a second run of the same period reads only the cache.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..atomic import check_folder_target
from ..errors import UsageError
from . import masterlist, slots
from .download import ListUnavailable, Outcome, Policy, Stopped, fetch, fetch_list
from .masterlist import Entry, Stream
from .report import Failure, FetchReport, Gap, IncompleteFetch

# progress(files done, files in all, bytes done, bytes to download)
Progress = Callable[[int, int, int, int], None]


def downloads_dir() -> Path:
    """Where downloaded GDELT files and lists are kept, beside the compiled stores."""
    from ..cache import downloads_dir as downloads

    return downloads() / "gdelt"


@dataclass
class Request:
    """What to fetch: a period (or only the newest slot), which streams, how."""

    period: slots.Period | None  # None: the newest slot (`--last`)
    translation: bool = False  # the translated stream as well as the English one
    jobs: int = 4
    refresh: bool = False
    policy: Policy = Policy()


def fetch_gdelt(request: Request, output: str | os.PathLike, *, actors=None,
                all_actors: bool = False, strict: bool = False, force: bool = False,
                progress: Progress | None = None, import_progress=None) -> FetchReport:
    """Fetch the period's exports and import them into `output`; the report says what came.

    Raises IncompleteFetch (nothing written) when `strict` is on and a file failed, or when no
    file could be had at all; UsageError for a period GDELT has no file of, or a refused
    `output`; StrictImportError and InputFileError as the import does.
    """
    from ..importers import import_events

    if request.jobs < 1:
        raise UsageError(f"jobs must be 1 or more, not {request.jobs}", params=("jobs",))
    check_folder_target(output, replace=force)  # refuse before any download
    base = masterlist.base_url()
    streams = [masterlist.ENGLISH] + ([masterlist.TRANSLATION] if request.translation else [])
    report = FetchReport(dt.datetime.min, dt.datetime.min, [s.name for s in streams],
                         str(output))
    if request.period is None:
        entries = _newest(streams, base, request, report)
    else:
        report.first, report.last = request.period.first, request.period.last
        entries = _listed(streams, request.period, base, request, report)
    report.listed = len(entries)
    if not entries:
        raise UsageError("GDELT's list has no export file in the period "
                         f"{slots.stamp(report.first)} to {slots.stamp(report.last)}; "
                         "choose another period", params=("since", "until"))
    done = _download_all(entries, base, request, report, progress)
    if not report.complete and (strict or not done):
        why = "no file of the period could be had" if not done else \
            f"{len(report.failed)} file{'s' if len(report.failed) != 1 else ''} could not " \
            "be had and strict is on"
        raise IncompleteFetch(report, why + "; nothing was written")
    report.imported = import_events("gdelt", done, output, actors=actors,
                                    all_actors=all_actors, strict=strict, force=force,
                                    progress=import_progress)
    return report


# -- which files ----------------------------------------------------------------------------

def _listed(streams: list[Stream], period: slots.Period, base: str, request: Request,
            report: FetchReport) -> list[Entry]:
    entries: list[Entry] = []
    if period.first < slots.GDELT2_START:
        entries += _v1(period, base, request, report)
    if period.last >= slots.GDELT2_START:
        for stream in streams:
            summary = _v2_list(stream, period, base, request, report)
            entries += summary.entries
            have = {e.first for e in summary.entries}
            absent = [s for s in period.slots(slots.GDELT2_START) if s not in have]
            report.missing += [Gap(stream.name, a, b) for a, b in slots.ranges(absent)]
    return sorted(entries, key=lambda e: (e.first, e.stream != masterlist.ENGLISH.name))


def _v2_list(stream: Stream, period: slots.Period, base: str, request: Request,
             report: FetchReport) -> masterlist.ListSummary:
    path = downloads_dir() / stream.list_path
    summary = _read(path, period, stream)
    stale = summary is None or summary.newest is None or period.last > summary.newest
    if not (request.refresh or stale):
        report.lists.append(f"{stream.name} list: cached, newest slot "
                            f"{slots.stamp(summary.newest)}")
        return summary
    try:
        fetch_list(base + stream.list_path, path, policy=request.policy)
    except ListUnavailable as exc:
        if summary is None:
            raise IncompleteFetch(report, f"cannot read GDELT's list {base}{stream.list_path}: "
                                  f"{exc}; nothing was written") from None
        report.lists.append(f"{stream.name} list: could not be refreshed ({exc}); used the "
                            f"cached list, newest slot {_newest_text(summary)}")
        return summary
    summary = _read(path, period, stream)
    report.lists.append(f"{stream.name} list: downloaded, newest slot {_newest_text(summary)}")
    return summary


def _read(path: Path, period: slots.Period, stream: Stream) -> masterlist.ListSummary | None:
    if not path.is_file():
        return None
    return masterlist.read_v2(masterlist.read_lines(path), period, stream)


def _newest_text(summary: masterlist.ListSummary) -> str:
    return slots.stamp(summary.newest) if summary.newest else "none"


def _v1(period: slots.Period, base: str, request: Request, report: FetchReport) -> list[Entry]:
    """GDELT 1.0's files for the part of the period before GDELT 2.0 begins. Its lists only
    grow at the end, so a cached copy serves every earlier period; --refresh renews them."""
    early = slots.Period(period.first, min(period.last, slots.GDELT2_START - slots.SLOT))
    paths = {}
    for name in (masterlist.V1_SIZES, masterlist.V1_MD5S):
        path = downloads_dir() / name
        if request.refresh or not path.is_file():
            try:
                fetch_list(base + name, path, policy=request.policy)
                report.lists.append(f"GDELT 1.0 {name}: downloaded")
            except ListUnavailable as exc:
                if not path.is_file():
                    if name == masterlist.V1_MD5S:
                        report.lists.append(f"GDELT 1.0 {name}: could not be read ({exc}); "
                                            "files checked by size only")
                        continue
                    raise IncompleteFetch(report, f"cannot read GDELT's list {base}{name}: "
                                          f"{exc}; nothing was written") from None
                report.lists.append(f"GDELT 1.0 {name}: could not be refreshed ({exc}); "
                                    "used the cached list")
        else:
            report.lists.append(f"GDELT 1.0 {name}: cached")
        paths[name] = path
    md5s = masterlist.read_lines(paths[masterlist.V1_MD5S]) if masterlist.V1_MD5S in paths \
        else iter(())
    entries = masterlist.read_v1(masterlist.read_lines(paths[masterlist.V1_SIZES]), md5s, early)
    names = {Path(e.path).name for e in entries}
    report.missing += [Gap("GDELT 1.0", first, last, name)
                       for name, first, last in masterlist.v1_expected(early) if name not in names]
    report.unchecked = sum(1 for e in entries if e.md5 is None)
    return entries


def _newest(streams: list[Stream], base: str, request: Request,
            report: FetchReport) -> list[Entry]:
    """The newest slot's export of each stream, from lastupdate.txt (always read afresh)."""
    entries = []
    for stream in streams:
        path = downloads_dir() / stream.last_path
        try:
            fetch_list(base + stream.last_path, path, policy=request.policy)
        except ListUnavailable as exc:
            raise IncompleteFetch(report, f"cannot read {base}{stream.last_path}: {exc}; "
                                  "nothing was written") from None
        entry = masterlist.newest_line(masterlist.read_lines(path), stream)
        if entry is None:
            raise IncompleteFetch(report, f"{base}{stream.last_path} names no export file; "
                                  "nothing was written")
        report.lists.append(f"{stream.name} lastupdate.txt: newest slot "
                            f"{slots.stamp(entry.first)}")
        entries.append(entry)
    report.first = min(e.first for e in entries)
    report.last = max(e.last for e in entries)
    return entries


# -- downloads ------------------------------------------------------------------------------

def _download_all(entries: list[Entry], base: str, request: Request, report: FetchReport,
                  progress: Progress | None) -> list[Path]:
    """Fetch every entry, `jobs` at a time; the verified files, in slot order."""
    targets = [downloads_dir() / e.path for e in entries]
    to_fetch = sum(e.size for e, t in zip(entries, targets, strict=True) if _size(t) != e.size)
    stop = threading.Event()
    lock = threading.Lock()
    counts = [0, 0]  # files done, bytes fetched

    def on_bytes(count: int) -> None:
        with lock:
            counts[1] += count
        if progress is not None:
            progress(counts[0], len(entries), counts[1], to_fetch)

    def one(entry: Entry, target: Path) -> Outcome:
        outcome = fetch(entry.url(base), target, entry.size, entry.md5, policy=request.policy,
                        on_bytes=on_bytes, stop=stop)
        with lock:
            counts[0] += 1
        if progress is not None:
            progress(counts[0], len(entries), counts[1], to_fetch)
        return outcome

    outcomes = _in_parallel(request.jobs, [(e, t) for e, t in zip(entries, targets,
                                                                 strict=True)], one, stop)
    done = []
    for entry, target, outcome in zip(entries, targets, outcomes, strict=True):
        if outcome.status == "failed":
            report.failed.append(Failure(entry.first, entry.path, outcome.reason))
            continue
        if outcome.status == "cached":
            report.cached += 1
        else:
            report.fetched += 1
            report.resumed += outcome.resumed
        done.append(target)
    return done


def _in_parallel(jobs: int, tasks: list[tuple], work, stop: threading.Event) -> list:
    """`work(*task)` for every task on `jobs` daemon threads; the results in task order.

    Daemon threads, not an executor's: on Ctrl-C the main thread sets `stop` and leaves at
    once, instead of waiting out a stalled read (up to the timeout); a download cut off there
    leaves only its partial file, which the next run resumes.
    """
    results: list = [None] * len(tasks)
    errors: list[BaseException] = []
    queue = iter(range(len(tasks)))
    lock = threading.Lock()

    def worker() -> None:
        while not stop.is_set():
            with lock:
                index = next(queue, None)
            if index is None:
                return
            try:
                results[index] = work(*tasks[index])
            except Stopped:
                return
            except BaseException as exc:  # a disk error: the run stops and reports it
                errors.append(exc)
                stop.set()
                return

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(min(jobs, len(tasks)))]
    for thread in threads:
        thread.start()
    try:
        for thread in threads:
            while thread.is_alive():
                thread.join(0.2)
    except BaseException:
        stop.set()
        raise
    if errors:
        raise errors[0]
    return results


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return -1
