"""`relgraph export --format parquet -o DIR`: a whole data folder that `--data DIR` reads back.

DIR gets actors.yaml, relations.yaml (the types and the sources, no relations) and the
relations in relations.parquet/, partitioned by year (relgraph.parquet.writing). The folder is
written beside DIR and renamed into place (atomic.folder_atomic): never half a folder.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..atomic import folder_atomic
from ..dataset import ACTORS_FILE, RELATIONS_FILE
from ..model import RelationType, Source
from .view import View

_HEADER = "# Written by relgraph export --format parquet; the relations are in relations.parquet.\n"


def write_folder(view: View, sources: dict[str, Source], output: str | os.PathLike) -> Path:
    """Write `view` as a data folder at `output` (which must be new or empty); its path."""
    from ..parquet.writing import PartitionedWriter

    with folder_atomic(output) as folder:
        writer = PartitionedWriter(folder, "export --format parquet")
        with writer:
            for relation in view.relations:
                writer.add(relation.as_dict())
        _dump(folder / ACTORS_FILE, {"actors": [a.yaml_entry() for a in view.actors]})
        document: dict = {"sources": {key: _source(s) for key, s in sources.items()},
                          "types": {name: _type(t) for name, t in view.types.items()}}
        if not writer.count:
            document["relations"] = []  # no relations.parquet: the YAML says there are none
        _dump(folder / RELATIONS_FILE, document)
    return Path(output)


def _type(rtype: RelationType) -> dict:
    entry: dict = {"polarity": rtype.polarity, "weight": rtype.weight}
    if rtype.cameo is not None:
        entry["cameo"] = rtype.cameo
    if rtype.description is not None:
        entry["description"] = rtype.description
    return entry


def _source(source: Source) -> dict:
    return {key: value for key, value in source.as_dict().items()
            if key != "key" and value is not None}


def _dump(path: Path, document: dict) -> None:
    import yaml

    class Dumper(yaml.SafeDumper):
        def ignore_aliases(self, data) -> bool:
            return True  # a value shared by two entries is written twice, never as an alias

    with open(path, "w", encoding="utf-8", newline="\n") as out:
        out.write(_HEADER)
        yaml.dump(document, out, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=100,
                  default_flow_style=False)
