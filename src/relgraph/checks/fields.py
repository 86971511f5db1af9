"""Read one field of an entry, reporting what is wrong with it, and the words for messages.

An entry is a mapping read from YAML (a LineDict, which knows the line of each key) or a
record of JSON Lines or CSV (a LineDict whose keys all share the record's line).
"""

from __future__ import annotations

import datetime as dt
import difflib
import math

from ..dates import PartialDate, parse_date
from ..model import DEFAULT_WEIGHT
from ..yamlread import LineDict
from .reporter import Reporter


def text(report: Reporter, entry: LineDict, key: str, where: str,
         required: bool = False) -> str | None:
    """The field as stripped text; None when absent or bad (a problem says which)."""
    value = entry.get(key)
    line = key_line(entry, key)
    if value is None:
        if required and key in entry:
            report.problem(line, f"{where}: {key!r} is empty")
        elif required:
            report.problem(entry.line, f"{where}: missing required field {key!r}")
        return None
    if isinstance(value, bool):
        report.problem(line, f"{where}: {key!r} was read as {str(value).lower()} (YAML reads "
                             "yes, no, on and off so); write the text in quotes")
        return None
    if not isinstance(value, (str, int, float, dt.date)):
        report.problem(line, f"{where}: {key!r} must be text, not {kind(value)}")
        return None
    stripped = str(value).strip() if not isinstance(value, str) else value.strip()
    if required and not stripped:
        report.problem(line, f"{where}: {key!r} is empty")
        return None
    return stripped


def labels(report: Reporter, entry: LineDict, key: str, noun: str,
           where: str) -> tuple[str, ...] | None:
    """A list of short texts (`aliases`, `codes`); None after reporting a problem."""
    value = entry.get(key)
    if value is None:
        return ()
    line = key_line(entry, key)
    if isinstance(value, str):
        report.problem(line, f"{where}: {key!r} must be a list; write [{value}]")
        return None
    if not isinstance(value, list):
        report.problem(line, f"{where}: {key!r} must be a list, not {kind(value)}")
        return None
    found = []
    for i, label in enumerate(value):
        if isinstance(label, bool):
            report.problem(item_line(value, i, line), (
                f"{where}: {_article(noun)} {noun} was read as {str(label).lower()} (YAML "
                f"reads yes, no, on and off so); write the {noun} in quotes"))
            return None
        if not isinstance(label, (str, int, float)):
            report.problem(item_line(value, i, line),
                           f"{where}: {noun} #{i + 1} must be text, not {kind(label)}")
            return None
        if not str(label).strip():
            report.problem(item_line(value, i, line), f"{where}: {noun} #{i + 1} is empty")
            return None
        found.append(str(label).strip())
    return tuple(found)


def weight(report: Reporter, entry: LineDict, polarity: str, where: str) -> float | None:
    """The entry's weight, or its polarity's default; None (after a problem) when bad."""
    value = entry.get("weight")
    if value is None:
        return DEFAULT_WEIGHT[polarity]
    line = key_line(entry, "weight")
    if isinstance(value, bool) or not isinstance(value, (int, float)) or \
            (isinstance(value, float) and math.isnan(value)):
        report.problem(line, f"{where}: weight {short(value)} must be a number in [-10, 10]")
        return None
    if not -10 <= value <= 10:  # compared exactly: a huge int never becomes a float here
        report.problem(line, f"{where}: weight {short(value)} is out of range; use a number "
                             "in [-10, 10]")
        return None
    if not agrees(polarity, value):
        rule = {"hostile": "below 0", "friendly": "above 0", "neutral": "0"}[polarity]
        report.problem(line, f"{where}: weight {value} disagrees with polarity {polarity}; "
                             f"a {polarity} weight must be {rule}")
        return None
    return float(value)


def agrees(polarity: str, value: float) -> bool:
    """Whether a weight's sign agrees with a polarity: hostile < 0, friendly > 0, neutral 0."""
    if polarity == "hostile":
        return value < 0
    if polarity == "friendly":
        return value > 0
    return value == 0


def date(report: Reporter, entry: LineDict, key: str, where: str) -> PartialDate | None:
    value = entry.get(key)
    if value is None:
        return None
    try:
        return parse_date(value)
    except ValueError as exc:
        report.problem(key_line(entry, key), f"{where}: {key} {exc}")
        return None


def unknown_fields(report: Reporter, entry: LineDict, allowed: set[str],
                   where: str | None) -> None:
    """Report each key of `entry` not in `allowed`, with the closest known one."""
    noun = "field" if where else "top-level key"
    for key in entry:
        if key in allowed:
            continue
        guess = difflib.get_close_matches(str(key), sorted(allowed), n=1)
        hint = f" (did you mean {guess[0]!r}?)" if guess else \
            f"; known {noun}s: {', '.join(sorted(allowed))}"
        prefix = f"{where}: " if where else ""
        report.problem(key_line(entry, key), f"{prefix}unknown {noun} {key!r}{hint}")


def top_keys(report: Reporter, doc: LineDict, allowed: set[str], required: str | None) -> bool:
    """Report unknown top-level keys; False when the required one is missing."""
    unknown_fields(report, doc, allowed, None)
    if required is not None and required not in doc:
        report.problem(doc.line, f"missing top-level key {required!r}")
        return False
    return True


def listed(report: Reporter, doc: LineDict, key: str) -> list:
    """The list under `key` (a top-level section); [] when absent or not a list."""
    value = doc.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        report.problem(key_line(doc, key),
                       f"{key!r} must be a list of entries, each starting with '- ', "
                       f"not {kind(value)}{shown(value)}")
        return []
    return value


def mapping(report: Reporter, doc: LineDict, key: str) -> dict:
    """The mapping under `key` (a top-level section); {} when absent or not a mapping."""
    value = doc.get(key)
    if value is None:
        return {}
    if not isinstance(value, LineDict):
        report.problem(key_line(doc, key),
                       f"{key!r} must be a mapping of names to entries, "
                       f"not {kind(value)}{shown(value)}")
        return {}
    return value


# -- where things are -----------------------------------------------------------------------

def key_line(entry: LineDict, key: object) -> int:
    """The line of `key` in a mapping read from YAML, else the mapping's own line."""
    return entry.key_lines.get(key, entry.line)


def item_line(items: object, index: int, default: int = 0) -> int:
    """The line of item `index` of a list read from YAML, else `default`."""
    lines = getattr(items, "item_lines", None)
    if lines and 0 <= index < len(lines):
        return lines[index]
    return getattr(items, "line", default) or default


def section_key_line(doc: LineDict, section: str, key: object) -> int:
    """The line of `key` in the top-level mapping `section`, else the document's line."""
    entries = doc.get(section)
    return key_line(entries, key) if isinstance(entries, LineDict) else doc.line


# -- words for messages ---------------------------------------------------------------------

def _article(noun: str) -> str:
    return "an" if noun[:1] in "aeiou" else "a"


def kind(value: object) -> str:
    """What a value is, in words for a message: 'a list', 'text', 'a number'..."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "an empty value"
    if isinstance(value, str):
        return "text"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, dt.date):
        return "a date"
    if isinstance(value, bytes):
        return "binary data"
    return f"a {type(value).__name__}"  # set, tuple: other standard YAML tags


def short(value: object, limit: int = 40) -> str:
    """repr(value), cut short for a message."""
    shown_text = repr(value)
    if len(shown_text) <= limit:
        return shown_text
    return shown_text[: limit - 4] + "..." + (shown_text[-1] if isinstance(value, str) else "")


def shown(value: object) -> str:
    """' (the value)' for a plain value, '' for a collection or nothing."""
    if value is None or isinstance(value, (dict, list, set, tuple, bytes)):
        return ""
    return f" ({short(value)})"
