"""`relgraph fetch`: event data downloaded for a period, verified, cached, then imported.

`slots` (periods and GDELT's 15-minute slots), `masterlist` (GDELT's lists of files),
`download` (one file: partial, Range, retries, checks), `gdelt` (a period's fetch and import),
`report` (what a fetch did). docs/event-data.md has the rules.
"""

from .gdelt import Request, downloads_dir, fetch_gdelt
from .report import FetchReport, IncompleteFetch

__all__ = ["FetchReport", "IncompleteFetch", "Request", "downloads_dir", "fetch_gdelt"]
