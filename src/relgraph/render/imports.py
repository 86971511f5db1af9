"""The renderer of `relgraph import`'s closing report, on stderr (the progress bar while it
reads is the loads' bar, render.LoadProgress)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from . import renders

if TYPE_CHECKING:
    from ..importers.report import ImportReport


@renders("ImportReport")
def import_report(report: ImportReport) -> None:
    """The closing report of an import, on stderr: stdout stays free for what was asked."""
    from ..importers.report import REASONS

    written = report.completed
    files = len(report.files)
    relations = f"{report.written:,} relation{'s' if report.written != 1 else ''}"
    outcome = f"{relations} written to {report.output}" if written else \
        f"nothing written ({relations} were ready)"
    lines = [f"{report.source} import: {report.rows_read:,} rows read from {files} "
             f"file{'s' if files != 1 else ''}; {outcome}"]
    dropped = sum(report.dropped.values())
    if dropped:
        lines.append(f"dropped {dropped:,} row{'s' if dropped != 1 else ''}:")
        width = len(f"{max(report.dropped.values()):,}")
        lines += [f"  {report.dropped[reason]:>{width},}  {reason}" for reason in REASONS
                  if report.dropped[reason]]
    if report.bad_rows:
        shown, count = len(report.bad_rows), report.bad_count
        lines.append(f"bad rows (the first {shown} of {count}):" if shown < count
                     else f"bad rows ({count}):")
        lines += [f"  {row}" for row in report.bad_rows]
    lines += [f"read as ISO-8859-1 (not UTF-8): {name}" for name in report.fell_back]
    if written:
        lines.append(f"{report.actors:,} actors ({report.actors_made:,} made), "
                     f"{report.types} type{'s' if report.types != 1 else ''}, "
                     f"{report.sources:,} source{'s' if report.sources != 1 else ''}")
    if report.notice:
        lines.append(report.notice)
    sys.stderr.write("".join(f"{line}\n" for line in lines))
