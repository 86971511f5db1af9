"""All terminal output: query results as Rich tables or as JSON, and messages on stderr.

The only package that imports Rich; it does so inside the functions, so that `--help` and
the library never pay for it. This module holds what every renderer shares (`emit`, the
registry, the console, number and span formats); each family of results has its renderers in
a module of its own (tables.py, relations.py, imports.py, views.py, pages.py), registered with
`@renders("ResultClass")`.
"""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

    from ..model import Relation


from . import paging

_RENDERERS: dict[str, object] = {}


def renders(result_class: str):
    """Register the function that draws results of the class named `result_class`."""

    def register(function):
        _RENDERERS[result_class] = function
        return function

    return register


# The modules whose renderers `emit` may need, imported on first use: one per family of results.
RENDERER_MODULES = ("tables", "relations", "imports", "views", "pages", "fetching")


def emit(result, as_json: bool = False) -> None:
    """Show a command's result: as JSON from its `as_dict()`, or as its renderer draws it.

    A result that can be read as it is shown (`json_items()`, a listing read from the store in
    batches) is written as a JSON array an item at a time.
    """
    if as_json:
        if hasattr(result, "json_items"):
            stream_json(result.json_items())
        else:
            print_json(result.as_dict())
        return
    import importlib

    for module in RENDERER_MODULES:
        importlib.import_module(f"{__name__}.{module}")
    _RENDERERS[type(result).__name__](result)


def print_json(data: object) -> None:
    """Print `data` as JSON on stdout, and nothing else.

    Non-ASCII text is written as itself on a UTF-8 stdout, and as \\u escapes elsewhere, so
    that the JSON stays exact whatever the terminal's encoding.
    """
    text = json.dumps(data, indent=2, ensure_ascii=_json_ascii())
    sys.stdout.write(text + "\n")


def stream_json(items) -> None:
    """Write the JSON array of `items` on stdout as each comes: the same text `print_json`
    writes for the list, in constant memory."""
    ascii_only = _json_ascii()
    write = sys.stdout.write
    encode = _Flat(ascii_only)
    first = True
    for item in items:
        write(("[\n  " if first else ",\n  ") + encode(item))
        first = False
    write("[]\n" if first else "\n]\n")


class _Flat:
    """`json.dumps(item, indent=2)` as an item of a list (indented 2 more). A flat dict (a
    relation) is written value by value with json's own C string encoder and float repr, keys
    encoded once: json's indenting encoder is Python, and a call of `json.dumps` with options
    builds an encoder each time; both cost more than the rest of a streamed listing."""

    def __init__(self, ascii_only: bool):
        from json import encoder

        self.ascii_only = ascii_only
        self.text = (encoder.encode_basestring_ascii if ascii_only
                     else encoder.encode_basestring)
        self.number = json.JSONEncoder(ensure_ascii=ascii_only).encode
        self.keys: dict[str, str] = {}

    def __call__(self, item) -> str:
        if not isinstance(item, dict) or not item:
            return self._slow(item)
        parts = []
        for key, value in item.items():
            if not isinstance(key, str):
                return self._slow(item)
            if isinstance(value, str):
                encoded = self.text(value)
            elif value is None:
                encoded = "null"
            elif value is True:
                encoded = "true"
            elif value is False:
                encoded = "false"
            elif isinstance(value, (int, float)):
                encoded = self.number(value)
            else:
                return self._slow(item)
            name = self.keys.get(key)
            if name is None:
                name = self.keys[key] = "    " + self.text(key) + ": "
            parts.append(name + encoded)
        return "{\n" + ",\n".join(parts) + "\n  }"

    def _slow(self, item) -> str:
        return json.dumps(item, indent=2, ensure_ascii=self.ascii_only).replace("\n", "\n  ")


def _json_ascii() -> bool:
    encoding = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "")
    return encoding not in ("utf8", "utf8sig")


def error(line: str) -> None:
    """One line on stderr, prefixed so it is clear who speaks."""
    sys.stderr.write(f"relgraph: {line}\n")


def note(line: str) -> None:
    """A status line on stderr (what an export wrote), kept off stdout."""
    sys.stderr.write(f"{line}\n")


def console() -> Console:
    from rich.console import Console

    # Names and summaries come from the data: never read them as markup ([b]) or emoji (:x:).
    # Through a pager, the width is the terminal's (measured before stdout became the pipe).
    console = Console(highlight=False, soft_wrap=False, markup=False, emoji=False,
                      width=paging.WIDTH)
    console.on_broken_pipe = _reader_gone  # instead of Rich's own exit with status 1
    return console


def _reader_gone() -> None:
    # Hand a closed pipe to the CLI's boundary, which ends every command the same quiet way.
    raise BrokenPipeError


def table(title: str | None, *columns: str):
    from rich.table import Table

    table = Table(title=title, title_justify="left", show_lines=False, expand=False)
    for column in columns:
        justify = "right" if column in {"hostile", "friendly", "net", "weight", "hostility",
                                        "support", "#"} else "left"
        table.add_column(column, justify=justify, overflow="fold")
    return table


GAP = "  "  # between columns


def cells(text: str) -> int:
    """How many terminal cells `text` takes (a CJK character takes two)."""
    if text.isascii() and text.isprintable():
        return len(text)  # the usual case, at a listing's hundred thousand rows
    from rich.cells import cell_len

    return cell_len(text)


def columns(rows: list[list[str]], right: set[int], width: int,
            give: set[int] = frozenset()) -> list[str]:
    """Each row's cells lined up in columns `GAP` apart; the columns in `right` to the right.

    When the columns are wider than `width`, the columns in `give` narrow (the widest first)
    and their longer cells are cut with "…". Without `give`, the widest column is padded only
    as far as the width allows and a longer cell pushes the rest of its row along; a row that
    still overflows is written with its cells just `GAP` apart, out of line, and cut with "…"
    at the width if even that is too long.
    """
    return lay_out(rows, fit(rows, width, give), right, width, give)


def fit(rows: list[list[str]], width: int, give: set[int] = frozenset()) -> list[int]:
    """The width of each column of `rows` within `width` (see `columns`)."""
    widths = [max(cells(row[i]) for row in rows) for i in range(len(rows[0]))]
    excess = sum(widths) + len(GAP) * (len(widths) - 1) - width
    if excess > 0 and not give:
        widest = max(range(len(widths)), key=lambda i: (widths[i], -i))
        widths[widest] = max(widths[widest] - excess, 1)
    for _ in range(max(excess, 0) if give else 0):
        narrowest_allowed = max(give, key=lambda i: (widths[i], -i))
        if widths[narrowest_allowed] <= 5:
            break
        widths[narrowest_allowed] -= 1
    return widths


def lay_out(rows: list[list[str]], widths: list[int], right: set[int], width: int,
            give: set[int] = frozenset()) -> list[str]:
    """`rows` in columns of `widths` (from `fit`, perhaps over other rows: a long listing is
    laid out a screenful at a time in the widths of its first)."""
    starts = [sum(widths[:i]) + len(GAP) * i for i in range(len(widths))]
    lines = []
    for row in rows:
        row = [_cut(cell, widths[i]) if i in give else cell for i, cell in enumerate(row)]
        parts, end = [], 0  # end: the cells the line takes so far
        for i, cell in enumerate(row):
            size = cells(cell)
            at = starts[i] + (widths[i] - size if i in right else 0)
            if i:
                at = max(at, end + len(GAP))
            parts.append(" " * (at - end) + cell)
            end = at + size
        line = "".join(parts)
        if end > width:
            line = _cut(GAP.join(row), width)
        lines.append(line)
    return lines


def headed(lines: list[str]) -> list[str]:
    """`columns()` lines whose first is a header: a rule under it, as wide as the widest line."""
    head, *rows = lines
    return [head, "\u2500" * max(cells(line) for line in lines), *rows]


def _cut(text: str, width: int) -> str:
    if cells(text) <= width:
        return text
    while text and cells(text) + 1 > width:
        text = text[:-1]
    return text.rstrip() + "\u2026"


def say(text: str) -> None:
    """A sentence on stdout: what an empty answer prints instead of an empty table."""
    sys.stdout.write(text + "\n")


def number(value: float) -> str:
    """Weights as people write them: -2, +3.5, 0."""
    text = f"{value:+.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("+0", "-0") else text


def span(relation: Relation) -> str:
    return relation.when or "undated"


def arrow(relation: Relation) -> str:
    return "<->" if relation.mutual else "->"


def names_of(names: dict[str, str], relation: Relation) -> str:
    return f"{names[relation.source]} {arrow(relation)} {names[relation.target]}"


class StderrBar:
    """A Rich progress bar on stderr that disappears when closed: what the bars of loads and
    fetches share. A subclass decides when to `_start` it (never off a terminal)."""

    def __init__(self):
        self._bar = None
        self._task = None

    def _start(self, what: str, columns: list, **fields) -> None:
        from rich.console import Console
        from rich.progress import Progress

        self._bar = Progress(*columns, console=Console(stderr=True), transient=True)
        self._task = self._bar.add_task(what, total=1, **fields)
        self._bar.start()

    def _update(self, done: int, total: int, **fields) -> None:
        self._bar.update(self._task, completed=done, total=max(total, 1), **fields)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class LoadProgress(StderrBar):
    """A progress bar on stderr for a load that takes more than about a second.

    Called as `progress(bytes_done, bytes_total, relations_done)`. It draws nothing when
    stderr is not a terminal, and nothing for a load that finishes within the first second.
    """

    DELAY = 1.0

    def __init__(self, what: str = "loading relations"):
        import time

        super().__init__()
        self._clock = time.monotonic
        self._started = self._clock()
        self._what = what

    def __call__(self, done: int, total: int, relations: int) -> None:
        if self._bar is None:
            if self._clock() - self._started < self.DELAY or not sys.stderr.isatty():
                return
            from rich.progress import (
                BarColumn,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
                TransferSpeedColumn,
            )

            self._start(self._what, [
                TextColumn(self._what), BarColumn(),
                TextColumn("{task.fields[relations]} relations"), TransferSpeedColumn(),
                TimeElapsedColumn(), TextColumn("left"), TimeRemainingColumn()], relations="0")
        self._update(done, total, relations=f"{relations:,}")
