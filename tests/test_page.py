"""The HTML page as a file (no browser here; tests/test_page_browser.py opens it): one file with
everything inline, its data readable back out, text that cannot escape its script element, the
vendored library unchanged; and `relgraph view`.

Expected values are worked out by hand from tests/data/tricky and tests/data/hostile.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import TRICKY

import relgraph
from relgraph.export import export

HOSTILE = TRICKY.parent / "hostile"
ASSETS = Path(relgraph.__file__).parent / "export" / "assets"
# sha256 of dist/cytoscape.min.js in the npm tarball cytoscape-3.35.0.tgz (assets/VENDORED.md).
CYTOSCAPE_SHA256 = "71fa9ebec21a7ca2c40cff6aacc30d1f6464e363662ad4b2c197e1adc770cd94"


class Page(HTMLParser):
    """The parts of a page the tests look at: every tag with its attributes, and the text of
    each script element as a browser's parser would cut it."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[tuple[dict, str]] = []
        self._script: dict | None = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._script = dict(attrs)
            self.scripts.append((self._script, ""))

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def data(self) -> dict:
        [text] = [text for attrs, text in self.scripts if attrs.get("id") == "relgraph-data"]
        return json.loads(text)


def _page(data: Path, **filters) -> str:
    from io import StringIO

    out = StringIO()
    graph = relgraph.load(data)
    if filters:
        filters = {"selection": graph.selection(**filters)}
    export(graph, "html", stream=out, **filters)
    return out.getvalue()


def test_the_vendored_library_is_the_released_build():
    library = (ASSETS / "cytoscape.min.js").read_bytes()
    assert hashlib.sha256(library).hexdigest() == CYTOSCAPE_SHA256
    notes = (ASSETS / "VENDORED.md").read_text(encoding="utf-8")
    assert "cytoscape-3.35.0.tgz" in notes and "3.35.0" in notes
    assert "Permission is hereby granted" in (ASSETS / "cytoscape.LICENSE").read_text("utf-8")


def test_the_page_is_one_file_that_asks_for_nothing(tmp_path):
    page = Page(_page(TRICKY))
    # Three scripts, all inline: the data, Cytoscape.js, relgraph's own.
    assert [attrs for attrs, _ in page.scripts] == [
        {"type": "application/json", "id": "relgraph-data"}, {}, {}]
    for tag, attrs in page.tags:
        for name in ("src", "href", "action", "srcset", "poster"):
            value = attrs.get(name)
            assert value is None or value.startswith("data:"), (tag, name, value)
    [policy] = [a["content"] for t, a in page.tags
                if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert policy.startswith("default-src 'none';")


def test_only_the_pages_own_scripts_may_run():
    page = Page(_page(TRICKY))
    [policy] = [a["content"] for t, a in page.tags if a.get("http-equiv")]
    allowed = re.search(r"script-src ([^;]*);", policy).group(1).split()
    runnable = [text for attrs, text in page.scripts if "type" not in attrs]
    digests = ["'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
               + "'" for text in runnable]
    assert allowed == digests


def test_the_data_comes_back_out_of_the_page_as_the_json_export(tmp_path):
    graph = relgraph.load(TRICKY)
    export(graph, path=tmp_path / "graph.json")
    exported = json.loads((tmp_path / "graph.json").read_text(encoding="utf-8"))
    data = Page(_page(TRICKY)).data()
    sources = data["graph"].pop("sources")
    assert data == exported
    # tricky cites one source, `notes`, from r2.
    assert sources == {"notes": {"key": "notes", "title": "Test notes", "publisher": None,
                                 "date": None, "url": None}}


def test_text_that_would_end_a_script_stays_inside_the_data():
    text = _page(HOSTILE)
    page = Page(text)
    data = page.data()
    # hostile's actor `quoter` and relation h1, written exactly as in tests/data/hostile.
    assert data["nodes"][0]["name"] == 'The "Quoted" <Party> & Co'
    assert data["nodes"][0]["aliases"] == ["Q&A", "<q>"]
    assert data["edges"][0]["summary"] == 'Says "no" to <everything> & more'
    assert data["graph"]["sources"]["src"]["title"] == 'A <source> & "title"'
    start = text.index('id="relgraph-data">') + len('id="relgraph-data">')
    raw = text[start:text.index("</script>", start)]
    assert not set("<>&") & set(raw)  # written as \u003c, \u003e, \u0026


def test_script_json_round_trips_any_string():
    from relgraph.export.html import script_json

    value = {"quote": "</script><!-- <script>\u2028\u2029 & \u00e9 \U0001f680"}
    text = script_json(value)
    assert json.loads(text) == value
    assert not set("<>&\u2028\u2029") & set(text)


def test_the_page_follows_the_filters():
    # tricky: relations dated in 2020 or later, r4 (undated) left out: r1 (2020-03), r2
    # (2021-06-15), r5 (2022), r6 (2020-01..02), r8 (2021), the two militia attacks (2021-06),
    # r12 (2023-02), and the 2022-12-31 aid: 9 relations; every actor stays.
    data = Page(_page(TRICKY, since="2020")).data()
    assert len(data["edges"]) == 9
    assert len(data["nodes"]) == 8
    assert data["graph"]["filters"]["since"] == "2020"


def test_export_writes_a_page_for_the_html_extension(run, tmp_path):
    target = tmp_path / "graph.html"
    result = run("export", "-o", str(target), data=TRICKY)
    assert result.exit_code == 0
    assert result.stderr == f"wrote html: 8 actors, 13 relations to {target}\n"
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.fixture
def temporary(monkeypatch, tmp_path):
    """`tempfile` writes into tmp_path, so the test sees what view leaves behind."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


@pytest.fixture
def browser(monkeypatch):
    """Python's webbrowser, replaced: records what it is asked to open, answers `found`."""
    import webbrowser

    asked: list[str] = []
    state = {"found": True}

    def open_(url, *args, **kwargs):
        asked.append(url)
        return state["found"]

    monkeypatch.setattr(webbrowser, "open", open_)
    return asked, state


def test_view_writes_the_page_to_a_temporary_file_and_opens_it(run, temporary, browser):
    asked, _ = browser
    result = run("view", "--type", "attack", data=TRICKY)
    [page] = list(temporary.iterdir())
    assert result.exit_code == 0
    assert result.stdout == f"{page}\n"
    assert result.stderr == (f"wrote html: 8 actors, 3 relations to {page}; "
                             "opened it in the browser\n")
    assert asked == [page.resolve().as_uri()]
    assert page.name.startswith("relgraph-") and page.suffix == ".html"  # says what it is
    # r2 and the two militia attacks are tricky's relations of type attack.
    assert len(Page(page.read_text(encoding="utf-8")).data()["edges"]) == 3


def test_view_without_a_browser_says_where_the_page_is(run, temporary, browser):
    _, state = browser
    state["found"] = False
    result = run("view", data=TRICKY)
    [page] = list(temporary.iterdir())
    assert (result.exit_code, result.stdout) == (0, f"{page}\n")
    assert result.stderr == (f"wrote html: 8 actors, 13 relations to {page}; "
                             "open that file in a browser\n")


def test_view_with_a_browser_that_fails_to_start_says_where_the_page_is(run, temporary,
                                                                        monkeypatch):
    import webbrowser

    def broken(url, *args, **kwargs):
        raise webbrowser.Error("could not locate runnable browser")

    monkeypatch.setattr(webbrowser, "open", broken)
    result = run("view", data=TRICKY)
    [page] = list(temporary.iterdir())
    assert (result.exit_code, result.stdout) == (0, f"{page}\n")
    assert result.stderr == (f"wrote html: 8 actors, 13 relations to {page}; "
                             "open that file in a browser\n")


def test_the_library_view_opens_the_page_unless_told_not_to(temporary, browser):
    import relgraph
    from relgraph.export.browse import view

    asked, _ = browser
    viewed = view(relgraph.load(TRICKY))
    assert viewed.opened and asked == [Path(viewed.path).resolve().as_uri()]
    assert not view(relgraph.load(TRICKY), open_browser=False).opened and len(asked) == 1


def test_view_no_open_starts_no_browser(run, temporary, browser):
    asked, _ = browser
    result = run("view", "--no-open", "--actor", "Westmark", data=TRICKY)
    [page] = list(temporary.iterdir())
    assert asked == []
    # Westmark's neighbours at depth 1: Southland (r5) and Eastria (the 2022-12-31 aid); the
    # relations among the three: r4, r5 and that aid.
    assert result.stderr == (f"wrote html: 3 actors, 3 relations to {page}; "
                             "open that file in a browser\n")


def test_view_with_bad_filters_leaves_no_file(run, temporary, browser):
    asked, _ = browser
    result = run("view", "--depth", "2", data=TRICKY)
    assert result.exit_code == 2
    assert result.stderr == "relgraph: --depth needs --actor: whose neighbourhood, how deep?\n"
    assert list(temporary.iterdir()) == []
    assert asked == []
