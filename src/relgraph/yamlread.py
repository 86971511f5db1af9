"""Read a YAML file safely, keeping the line of every mapping, key and list item for messages.

Safety: only YAML's standard tags are built (never Python objects), and before anything is
built the event stream is checked for nesting depth and for how far aliases would expand, so
that an alias bomb or a deeply nested document is refused quickly and in bounded memory.
Files over a size limit (RELGRAPH_MAX_FILE_MB, default 32) are refused before they are read.
Whatever the bytes, reading either returns a document or raises YamlProblem.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import yaml

from .errors import Problem, UsageError

MAX_DEPTH = 100
MAX_ALIAS_VALUES = 2_000_000  # values that aliases may add, counted after expansion
DEFAULT_MAX_FILE_MB = 32
MAX_FILE_ENV = "RELGRAPH_MAX_FILE_MB"

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STANDARD_TAG = "tag:yaml.org,2002:"


class LineDict(dict):
    """A mapping read from YAML that remembers its own line and the line of each key."""

    line: int = 0
    key_lines: dict


class LineList(list):
    """A sequence read from YAML that remembers its own line and the line of each item."""

    line: int = 0
    item_lines: list


class YamlProblem(Exception):
    """The file cannot be read as YAML; carries the located problem."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


def max_bytes() -> int:
    """The largest file relgraph reads: $RELGRAPH_MAX_FILE_MB mebibytes (default 32)."""
    raw = os.environ.get(MAX_FILE_ENV, "").strip()
    if not raw:
        return DEFAULT_MAX_FILE_MB * 1024 * 1024
    try:
        megabytes = float(raw)
    except ValueError:
        megabytes = -1.0
    if not megabytes > 0 or megabytes == float("inf"):
        raise UsageError(f"{MAX_FILE_ENV}={raw!r} is not a size; give a number of megabytes "
                         f"such as {DEFAULT_MAX_FILE_MB * 4}")
    return int(megabytes * 1024 * 1024)


def read_yaml(path: Path, label: str) -> tuple[object, list[Problem]]:
    """Parse the file at `path`; return the document and the duplicate-key problems found.

    `label` is how the file is named in messages. Raises YamlProblem when the file is
    missing, unreadable, too big, not UTF-8, not YAML, or hostile.
    """
    text = _read_text(path, label)
    _check_shape(text, label)
    loader = _LineLoader(text)
    loader.label = label
    loader.problems = []
    try:
        document = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        raise YamlProblem(_marked(label, exc, text)) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(_unmarked(label, exc, text)) from None
    except (ValueError, TypeError, KeyError, AttributeError, OverflowError) as exc:
        # A safety net: the constructors below fall back to text instead of raising.
        raise YamlProblem(Problem(label, 0, _one_line(
            f"cannot read the YAML ({type(exc).__name__}: {exc})"))) from None
    finally:
        loader.dispose()
    return document, loader.problems


def _read_text(path: Path, label: str) -> str:
    limit = max_bytes()
    try:
        size = path.stat().st_size
        if size > limit:
            raise YamlProblem(Problem(label, 0, (
                f"file is {_mebibytes(size)} MiB, over the {_mebibytes(limit)} MiB limit; "
                f"is it the right file? (set {MAX_FILE_ENV} to raise the limit)")))
        with path.open("rb") as stream:
            data = stream.read(limit + 1)  # the file may have grown since stat()
    except FileNotFoundError:
        raise YamlProblem(Problem(label, 0, "file not found; every dataset folder needs "
                                  "actors.yaml and relations.yaml")) from None
    except IsADirectoryError:
        raise YamlProblem(Problem(label, 0, "is a folder, not a file")) from None
    except OSError as exc:
        raise YamlProblem(Problem(label, 0, f"cannot read: {exc.strerror or exc}")) from None
    if len(data) > limit:
        raise YamlProblem(Problem(label, 0, (
            f"file is over the {_mebibytes(limit)} MiB limit; is it the right file? "
            f"(set {MAX_FILE_ENV} to raise the limit)")))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise YamlProblem(Problem(label, 1, "saved as UTF-16 text; save the file as UTF-8"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise YamlProblem(Problem(label, line, (
            f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "save the file as UTF-8"))) from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise YamlProblem(Problem(label, line, "contains NUL bytes; is it a binary file?"))
    return text


def _mebibytes(size: int) -> str:
    return f"{size / (1024 * 1024):.3g}"


def _check_shape(text: str, label: str) -> None:
    """Walk the event stream once: refuse deep nesting and alias bombs before building.

    Each anchor's size is its number of values with the aliases inside it expanded; every
    alias adds the size of its anchor to the total that aliases expand to.
    """
    depth = 0
    sizes = [0]  # expanded size of each open collection
    anchored: dict[str, int] = {}
    open_anchors: list[str | None] = []
    expanded = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise YamlProblem(Problem(label, event.start_mark.line + 1,
                                              _nested_too_deep()))
                sizes.append(1)
                open_anchors.append(event.anchor)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
                size = sizes.pop()
                anchor = open_anchors.pop()
                if anchor is not None:
                    anchored[anchor] = size
                sizes[-1] += size
            elif isinstance(event, yaml.ScalarEvent):
                sizes[-1] += 1
                if event.anchor is not None:
                    anchored[event.anchor] = 1
            elif isinstance(event, yaml.AliasEvent):
                size = anchored.get(event.anchor, 1)
                sizes[-1] += size
                expanded += size
                if expanded > MAX_ALIAS_VALUES:
                    raise YamlProblem(Problem(label, event.start_mark.line + 1, (
                        f"aliases expand to more than {MAX_ALIAS_VALUES:,} values (an alias "
                        "bomb?); write the values out instead of repeating anchors")))
    except yaml.MarkedYAMLError as exc:
        raise YamlProblem(_marked(label, exc, text)) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(_unmarked(label, exc, text)) from None


# -- messages for YAML errors ----------------------------------------------------------------

def _nested_too_deep() -> str:
    return f"nested more than {MAX_DEPTH} levels deep; relgraph data is at most a few levels deep"


def _unmarked(label: str, exc: yaml.YAMLError, text: str) -> Problem:
    """A YAML error without a mark: in practice the reader refusing a control character."""
    character = getattr(exc, "character", None)
    if isinstance(character, int):
        where = text.find(chr(character))
        line = text.count("\n", 0, where) + 1 if where >= 0 else 0
        return Problem(label, line, (
            f"control character U+{character:04X} is not allowed in YAML; delete it "
            "(it often comes with text pasted from elsewhere)"))
    return Problem(label, 0, _one_line(f"not valid YAML: {exc}"))


def _marked(label: str, exc: yaml.MarkedYAMLError, text: str) -> Problem:
    """Turn PyYAML's parser wording into what went wrong, where, and how to fix it."""
    lines = text.split("\n")
    problem = exc.problem or "not valid YAML"
    context = exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 0
    column = mark.column if mark else 0
    context_line = exc.context_mark.line + 1 if exc.context_mark else line
    context_column = exc.context_mark.column if exc.context_mark else 0

    def source(number: int) -> str:
        return lines[number - 1] if 0 < number <= len(lines) else ""

    if "could not determine a constructor" in problem:
        tag = problem.rsplit(" ", 1)[-1].strip("'")
        if tag.startswith(_STANDARD_TAG):
            tag = "!!" + tag[len(_STANDARD_TAG):]
        return Problem(label, line, (
            f"unsupported YAML tag {tag}; relgraph reads plain YAML only: remove the tag"))
    here = source(line)
    indent = here[: len(here) - len(here.lstrip())]
    if "nesting depth" in problem:  # libyaml's own limit, met before relgraph's
        return Problem(label, line, _nested_too_deep())
    if "recursive" in problem:
        what = "an alias used inside its own anchor; write the values out"
    elif "tab character" in problem or "\t" in indent or here[column:column + 1] == "\t":
        what = "a tab in the indentation; indent with spaces, not tabs"
    elif "expected ',' or" in problem and "flow" in context:
        opener, closer = ("[", "]") if "sequence" in context else ("{", "}")
        line = context_line
        what = f"the {opener!r} is never closed; add the closing {closer!r}"
    elif "quoted scalar" in context and "end of stream" in problem:
        line = context_line
        quote = source(line)[context_column:context_column + 1] or '"'
        what = f"the quote {quote} is never closed; add the closing {quote}"
    elif "another document" in problem:
        what = ("a second YAML document starts here; a relgraph file holds one document: "
                "remove the '---' line")
    elif "mapping values are not allowed" in problem:
        what = ("a ':' followed by a space inside a value; put the value in quotes "
                "(summary: \"Russia: a partner\")")
    elif "could not find expected ':'" in problem:
        line = context_line
        what = "a line without 'key: value' (is the ':' missing?)"
    elif "cannot start any token" in problem and here[column:column + 1]:
        what = (f"a value cannot start with {here[column]!r}; put the value in quotes")
    elif "expected" in problem and _after_closing_quote(here, column):
        quote = _after_closing_quote(here, column)
        other = "'" if quote == '"' else '"'
        inside = "''" if quote == "'" else '\\"'
        what = (f"text after the closing {quote} of a quoted value; to put {quote} inside "
                f"{quote}...{quote} write {inside}, or quote the value with {other}...{other}")
    elif ("expected key" in problem or "indicator" in problem or "<block end>" in problem) \
            and column == len(indent) and here.strip():
        what = "this line is not indented like the lines around it; check its indentation"
    else:
        what = problem if not context or context in problem else f"{problem} ({context})"
    snippet = source(line).strip()
    if len(snippet) > 60:
        snippet = snippet[:57] + "..."
    shown = f" in `{snippet}`" if snippet else ""
    return Problem(label, line, _one_line(f"YAML syntax error{shown}: {what}"))


def _after_closing_quote(text: str, column: int) -> str:
    """The quote character when `column` follows a quoted value closed early, else ''."""
    before = text[:column].rstrip()
    if not before or before[-1] not in "'\"":
        return ""
    quote = before[-1]
    start = len(before) - len(before.lstrip())
    value = before[start:]
    for marker in ("- ", ": "):  # where a quoted value can begin on the line
        if marker in value:
            value = value.split(marker, 1)[1] if marker == ": " else value[2:]
    value = value.lstrip()
    return quote if value.startswith(quote) and len(value) > 1 else ""


def _one_line(text: str) -> str:
    return " ".join(text.split())


# -- building the document -----------------------------------------------------------------

class _LineLoader(_Loader):
    """The safe loader, with mappings and sequences that remember their lines."""


def _construct_mapping(loader: _LineLoader, node: yaml.Node):
    if not isinstance(node, yaml.MappingNode):
        raise yaml.constructor.ConstructorError(
            None, None, f"expected a mapping, but found a {node.id}", node.start_mark)
    data = LineDict()
    data.line = node.start_mark.line + 1
    data.key_lines = {}
    yield data
    own = sum(1 for key_node, _ in node.value if key_node.tag != _STANDARD_TAG + "merge")
    loader.flatten_mapping(node)  # YAML merge keys (<<: *anchor) put their pairs first
    merged = len(node.value) - own
    written_here: set = set()  # keys written in this mapping itself, not merged in
    for position, (key_node, value_node) in enumerate(node.value):
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        try:
            hash(key)
        except TypeError:
            loader.problems.append(Problem(loader.label, line, "a mapping key must be plain text"))
            continue
        if position >= merged and key in written_here:
            loader.problems.append(Problem(loader.label, line, (
                f"duplicate key {key!r} (first on line {data.key_lines[key]}); "
                "keep one of them")))
            continue
        # A key written here overrides one merged in; a later merge overrides an earlier one.
        if position >= merged:
            written_here.add(key)
        data.key_lines[key] = line
        data[key] = loader.construct_object(value_node, deep=True)


def _construct_sequence(loader: _LineLoader, node: yaml.Node):
    data = LineList()
    data.line = node.start_mark.line + 1
    data.item_lines = []
    yield data
    data.extend(loader.construct_sequence(node, deep=True))
    data.item_lines = [item.start_mark.line + 1 for item in node.value]


def _falls_back_to_text(construct):
    """Wrap a scalar constructor: a value it cannot build ('2019-02-30', `!!int abc`, an
    integer of 5,000 digits) is kept as the text written, for the checks to explain."""

    def build(loader: _LineLoader, node: yaml.Node):
        try:
            return construct(loader, node)
        except (ValueError, TypeError, KeyError, AttributeError, OverflowError):
            return loader.construct_scalar(node)

    return build


_YAML11_SURPRISES = re.compile(r"[-+]?0[0-9_]+|.*:.*")  # octal 042, base-60 1:30


def _construct_number(construct):
    """YAML 1.1 reads `042` as octal 34 and `1:30` as 90; relgraph keeps both as written
    (a CAMEO code such as 042 must not change), and they stay text."""

    def build(loader: _LineLoader, node: yaml.Node):
        if isinstance(node.value, str) and _YAML11_SURPRISES.fullmatch(node.value.strip()):
            return loader.construct_scalar(node)
        return construct(loader, node)

    return build


_LineLoader.add_constructor(_STANDARD_TAG + "map", _construct_mapping)
_LineLoader.add_constructor(_STANDARD_TAG + "seq", _construct_sequence)
for _tag, _construct in (
    ("bool", _Loader.construct_yaml_bool),
    ("int", _construct_number(_Loader.construct_yaml_int)),
    ("float", _construct_number(_Loader.construct_yaml_float)),
    ("timestamp", _Loader.construct_yaml_timestamp),
):
    _LineLoader.add_constructor(_STANDARD_TAG + _tag, _falls_back_to_text(_construct))
