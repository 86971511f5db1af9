"""One self-contained, interactive HTML page: the graph library, the styles and the data inline.

The page needs no network: Cytoscape.js (vendored in assets/, see assets/VENDORED.md), relgraph's
own script and styles, and the data are all in the file, so it works from `file://` offline.
The data is the node-link document of `export --format json` (plus `graph.sources`, the
sources the relations cite), in `<script type="application/json" id="relgraph-data">`.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from functools import cache
from importlib import resources
from typing import TextIO

from .jsonlink import document
from .view import View

# Markers in page.html that write() fills; one pass, so text put in is never read as a marker.
_MARKER = re.compile(r"\{\{(title|csp|style|library|script|data)\}\}")

# Inside <script>, `</script` ends the element and `<!--` changes how it is parsed; escaping
# every <, > and & as \u003c... keeps any text (a quote such as "</script>") inside the JSON.
# U+2028 and U+2029 are escaped too, so the data stays valid JavaScript if someone inlines it.
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                 "\u2028": "\\u2028", "\u2029": "\\u2029"}


def write(view: View, out: TextIO) -> None:
    """Write the page for `view` to `out`."""
    assets = _assets()
    data = page_data(view)
    names = f"{len(view.actors)} actors, {len(view.relations)} relations"
    values = {
        "title": html.escape(f"relgraph: {names}"),
        "csp": html.escape(_policy(assets["library"], assets["script"])),
        "style": assets["style"],
        "library": assets["library"],
        "script": assets["script"],
        "data": script_json(data),
    }
    out.write(_MARKER.sub(lambda m: values[m.group(1)], assets["template"]))


def page_data(view: View) -> dict:
    """The node-link document of `export --format json`, with the sources its relations cite."""
    data = document(view)
    data["graph"]["sources"] = {key: source.as_dict()
                                for key, source in sorted(view.sources.items())}
    return data


def script_json(data: object) -> str:
    """JSON that can stand inside a <script> element whatever strings it holds."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return re.sub("[<>&\u2028\u2029]", lambda m: _JSON_ESCAPES[m.group(0)], text)


def _policy(*scripts: str) -> str:
    """A Content-Security-Policy that lets only relgraph's two scripts run and fetches nothing:
    a defence in depth, should any text from the data ever reach the page as markup."""
    hashes = " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'"
                      for s in scripts)
    return (f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; "
            "img-src data:; base-uri 'none'; form-action 'none'")


@cache
def _assets() -> dict[str, str]:
    folder = resources.files(__package__) / "assets"

    def read(name: str) -> str:
        return (folder / name).read_text(encoding="utf-8")

    return {"template": read("page.html"), "style": read("page.css"),
            # One script element for relgraph's own two files: the edge layer, then the page.
            "library": read("cytoscape.min.js"), "script": read("edges.js") + read("page.js")}
