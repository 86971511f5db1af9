"""The YAML files of an imported folder: actors.yaml, and relations.yaml with the types and
sources (the relations themselves are in relations.jsonl or relations.parquet). PyYAML's
safe_dump does the quoting, so a CAMEO code such as '043' stays text and a name such as 'No'
stays a name."""

from __future__ import annotations

from pathlib import Path

from ..model import Actor
from .cameo import EventCode
from .report import ImportReport


def _header(report: ImportReport) -> str:
    return (f"# Written by relgraph's {report.source} import from "
            f"{', '.join(Path(f).name for f in report.files)}.\n"
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


def _actor_entry(actor: Actor) -> dict:
    entry: dict = {"id": actor.id, "name": actor.name, "kind": actor.kind}
    if actor.aliases:
        entry["aliases"] = list(actor.aliases)
    if actor.codes:
        entry["codes"] = list(actor.codes)
    if actor.description:
        entry["description"] = actor.description
    return entry


def write_actors(path: Path, actors: list[Actor], report: ImportReport) -> None:
    _dump(path, _header(report), {"actors": [_actor_entry(a) for a in actors]})


def write_relations_yaml(path: Path, sources: dict[str, dict], types: dict[str, EventCode],
                         report: ImportReport, relations_file: str = "relations.jsonl") -> None:
    type_entries = {}
    for code in sorted(types):
        rtype = types[code].relation_type()
        type_entries[rtype.name] = {"polarity": rtype.polarity, "weight": rtype.weight,
                                    "cameo": rtype.cameo, "description": rtype.description}
    document = {"sources": sources, "types": type_entries, "relations": []}
    where = "one JSON object a line" if relations_file.endswith(".jsonl") else "by year"
    header = _header(report) + f"# The relations are in {relations_file}, {where}.\n"
    _dump(path, header, document)
