"""The YAML files of an imported folder: actors.yaml, and relations.yaml with the types and
sources (the relations themselves are in relations.jsonl or relations.parquet). PyYAML's
safe_dump does the quoting, so a CAMEO code such as '043' stays text and a name such as 'No'
stays a name."""

from __future__ import annotations

from pathlib import Path

from ..model import Actor
from .reading import EventKind
from .report import ImportReport


def _header(report: ImportReport) -> str:
    names = [Path(f).name for f in report.files]
    if len(names) > 3:  # a fetched period is thousands of files: name the first and the last
        names = [f"{len(names):,} files, {names[0]} to {names[-1]}"]
    return (f"# Written by relgraph's {report.source} import from {', '.join(names)}.\n"
            "# docs/event-data.md says how events become actors, types, sources and relations.\n")


def _dump(path: Path, header: str, document: dict) -> None:
    import yaml

    class Dumper(yaml.SafeDumper):
        def ignore_aliases(self, data) -> bool:
            return True  # write a value shared by two entries twice, never as &id001 / *id001

    with open(path, "w", encoding="utf-8", newline="\n") as out:
        out.write(header)
        yaml.dump(document, out, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=100,
                  default_flow_style=False)


def write_actors(path: Path, actors: list[Actor], report: ImportReport) -> None:
    _dump(path, _header(report), {"actors": [a.yaml_entry() for a in actors]})


def write_relations_yaml(path: Path, sources: dict[str, dict], types: dict[str, EventKind],
                         report: ImportReport, relations_file: str = "relations.jsonl") -> None:
    type_entries = {}
    for code in sorted(types):
        rtype = types[code].relation_type()
        entry = {"polarity": rtype.polarity, "weight": rtype.weight, "cameo": rtype.cameo,
                 "description": rtype.description}
        type_entries[rtype.name] = {k: v for k, v in entry.items() if v is not None}
    document = {"sources": sources, "types": type_entries, "relations": []}
    where = "one JSON object a line" if relations_file.endswith(".jsonl") else "by year"
    header = _header(report) + f"# The relations are in {relations_file}, {where}.\n"
    _dump(path, header, document)
