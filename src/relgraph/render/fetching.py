"""The renderers of `relgraph fetch`: its closing report on stderr, and the download bar."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from . import StderrBar, renders

if TYPE_CHECKING:
    from ..fetch.report import FetchReport

LISTED = 20  # failures and gaps shown one a line; --json has them all


@renders("FetchReport")
def fetch_report(report: FetchReport) -> None:
    """What was fetched and what is missing, then the import's report."""
    from ..fetch import slots
    from . import emit

    def plural(count: int, word: str) -> str:
        return f"{count:,} {word}{'s' if count != 1 else ''}"

    fetched = f"{report.fetched:,} fetched"
    if report.resumed:
        fetched += f" ({report.resumed:,} resumed)"
    lines = [f"GDELT fetch, {slots.stamp(report.first)} to {slots.stamp(report.last)} UTC "
             f"({', '.join(report.streams)}): {plural(report.listed, 'file')} in the period; "
             f"{fetched}, {report.cached:,} already in the cache, {len(report.failed):,} failed"]
    lines += [f"  {line}" for line in report.lists]
    if report.unchecked:
        lines.append(f"  {plural(report.unchecked, 'GDELT 1.0 file')} checked by size only "
                     "(no MD5 published)")
    if report.failed:
        lines.append(f"failed ({len(report.failed):,}):")
        lines += [f"  {slots.stamp(f.slot)}  {f.file}: {f.reason}"
                  for f in report.failed[:LISTED]]
        lines += _more(len(report.failed))
    if report.missing:
        slots_ = sum(gap.count for gap in report.missing if not gap.name)
        files = sum(gap.count for gap in report.missing if gap.name)
        counted = ", ".join(([plural(slots_, "slot")] if slots_ else [])
                            + ([plural(files, "GDELT 1.0 file")] if files else []))
        lines.append(f"not in GDELT's list ({counted}):")
        lines += [f"  {gap}" for gap in report.missing[:LISTED]]
        lines += _more(len(report.missing))
    sys.stderr.write("".join(f"{line}\n" for line in lines))
    if report.imported is not None:
        emit(report.imported)


def _more(count: int) -> list[str]:
    return [f"  ... and {count - LISTED:,} more (--json lists them all)"] if count > LISTED else []


class FetchProgress(StderrBar):
    """A bar on stderr of files and bytes, with rate and time left; nothing off a terminal."""

    def __call__(self, files: int, files_total: int, done: int, total: int) -> None:
        if self._bar is None:
            if not sys.stderr.isatty():
                return
            from rich.progress import (
                BarColumn,
                DownloadColumn,
                TextColumn,
                TimeRemainingColumn,
                TransferSpeedColumn,
            )

            self._start("fetching", [
                TextColumn("fetching"), BarColumn(), TextColumn("{task.fields[files]} files"),
                DownloadColumn(), TransferSpeedColumn(), TextColumn("left"),
                TimeRemainingColumn()], files="0")
        self._update(done, total, files=f"{files:,}/{files_total:,}")
