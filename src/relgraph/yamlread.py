"""Read a YAML file safely, keeping the line of every mapping and key for error messages.

Safety: only YAML's standard tags are built (never Python objects), and before anything is
built the event stream is checked for nesting depth and for how far aliases would expand, so
that an alias bomb or a deeply nested document is refused quickly and in bounded memory.
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from .errors import Problem

MAX_DEPTH = 100
MAX_NODES = 2_000_000  # scalars and collections after expanding aliases
MAX_BYTES = int(float(os.environ.get("RELGRAPH_MAX_FILE_MB", "512")) * 1024 * 1024)

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LineDict(dict):
    """A mapping read from YAML that remembers its own line and the line of each key."""

    line: int = 0
    key_lines: dict


class LineList(list):
    """A sequence read from YAML that remembers its own line."""

    line: int = 0


class YamlProblem(Exception):
    """The file cannot be read as YAML; carries the located problem."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


def read_yaml(path: Path, label: str) -> tuple[object, list[Problem]]:
    """Parse the file at `path`; return the document and the duplicate-key problems found.

    `label` is how the file is named in messages. Raises YamlProblem when the file is
    missing, unreadable, not UTF-8, not YAML, or hostile.
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
        raise YamlProblem(Problem(label, 0, f"not valid YAML: {exc}")) from None
    finally:
        loader.dispose()
    return document, loader.problems


def _read_text(path: Path, label: str) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise YamlProblem(Problem(label, 0, (
                f"file is {size // (1024 * 1024)} MiB, over the {MAX_BYTES // (1024 * 1024)} MiB "
                "limit; is it the right file? (set RELGRAPH_MAX_FILE_MB to raise the limit)")))
        data = path.read_bytes()
    except FileNotFoundError:
        raise YamlProblem(Problem(label, 0, "file not found; every dataset folder needs "
                                  "actors.yaml and relations.yaml")) from None
    except IsADirectoryError:
        raise YamlProblem(Problem(label, 0, "is a folder, not a file")) from None
    except OSError as exc:
        raise YamlProblem(Problem(label, 0, f"cannot read: {exc.strerror}")) from None
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


def _check_shape(text: str, label: str) -> None:
    """Walk the event stream once: refuse deep nesting and alias bombs before building."""
    depth = 0
    counts = [0]  # expanded node count of each open collection
    anchored: dict[str, int] = {}
    open_anchors: list[str | None] = []
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise YamlProblem(Problem(label, event.start_mark.line + 1, (
                        f"nested more than {MAX_DEPTH} levels deep; relgraph data is at most "
                        "a few levels deep")))
                counts.append(1)
                open_anchors.append(event.anchor)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
                size = counts.pop()
                anchor = open_anchors.pop()
                if anchor is not None:
                    anchored[anchor] = size
                counts[-1] += size
            elif isinstance(event, yaml.ScalarEvent):
                counts[-1] += 1
                if event.anchor is not None:
                    anchored[event.anchor] = 1
            elif isinstance(event, yaml.AliasEvent):
                counts[-1] += anchored.get(event.anchor, 1)
            else:
                continue
            if counts[-1] > MAX_NODES or sum(counts) > MAX_NODES:
                raise YamlProblem(Problem(label, event.start_mark.line + 1, (
                    f"aliases expand to more than {MAX_NODES:,} values (an alias bomb?); "
                    "write the values out instead of repeating anchors")))
    except yaml.MarkedYAMLError as exc:
        raise YamlProblem(_marked(label, exc, text)) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(Problem(label, 0, f"not valid YAML: {exc}")) from None


def _marked(label: str, exc: yaml.MarkedYAMLError, text: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 0
    what = exc.problem or "not valid YAML"
    if "could not determine a constructor" in what:
        tag = what.rsplit(" ", 1)[-1]
        return Problem(label, line, (
            f"unsupported YAML tag {tag}; relgraph reads plain YAML only: remove the tag"))
    if exc.context and exc.context not in what:
        what = f"{what} ({exc.context})"
    source_line = text.split("\n")[line - 1] if 0 < line <= text.count("\n") + 1 else ""
    if "\t" in source_line[: len(source_line) - len(source_line.lstrip())]:
        what = f"{what}; indent with spaces, not tabs"
    return Problem(label, line, f"YAML syntax error: {what}")


class _LineLoader(_Loader):
    """The safe loader, with mappings and sequences that remember their lines."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode):
    data = LineDict()
    data.line = node.start_mark.line + 1
    data.key_lines = {}
    yield data
    loader.flatten_mapping(node)  # YAML merge keys (<<: *anchor)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        try:
            hash(key)
        except TypeError:
            loader.problems.append(Problem(loader.label, line, "a mapping key must be plain text"))
            continue
        if key in data:
            loader.problems.append(Problem(loader.label, line, (
                f"duplicate key {key!r} (first on line {data.key_lines[key]}); "
                "keep one of them")))
            continue
        data.key_lines[key] = line
        data[key] = loader.construct_object(value_node, deep=True)


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode):
    data = LineList()
    data.line = node.start_mark.line + 1
    yield data
    data.extend(loader.construct_sequence(node, deep=True))


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)
