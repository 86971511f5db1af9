"""The HTML page in a real browser: Debian's Chromium, driven by Playwright.

Pages are exported from the shipped data, tests/data/tricky, tests/data/hostile and a dataset
of hostile names written below. Every expected number and id is worked out by hand from the
YAML files (how, in a comment by each), never taken from the page's own output. The tests wait
on conditions in the page, never for a time.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import SHIPPED, TRICKY

import relgraph
from relgraph.export import export

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed (pip install -e '.[test]')")

pytestmark = pytest.mark.slow

HOSTILE = TRICKY.parent / "hostile"
CHROMIUM = os.environ.get("RELGRAPH_TEST_CHROMIUM") or shutil.which("chromium") \
    or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

if not Path(CHROMIUM).exists():
    pytest.skip(f"Chromium not found at {CHROMIUM}: `apt-get install chromium` (.ci/run does), "
                "or set RELGRAPH_TEST_CHROMIUM", allow_module_level=True)

# A name, a quote and a url that would run script if the page ever took data for markup.
EVIL_ACTORS = """\
actors:
  - id: evil
    name: "<img src=x onerror=alert(1)>"
    kind: person
    aliases: ["<b>bold</b>", "&amp;"]
    description: "<script>alert(2)</script>"
  - id: plain
    name: Plain
"""
EVIL_RELATIONS = """\
sources:
  js:
    title: "</script><script>alert(3)</script>"
    url: "javascript:alert(4)"
  web:
    title: A page
    publisher: "<i>Pub</i>"
    date: 2020
    url: "https://example.org/a?b=1&c=<2>"
types:
  threat: {polarity: hostile, weight: -4}
relations:
  - id: e1
    source: evil
    target: plain
    type: threat
    date: 2020
    summary: "<svg onload=alert(5)>"
    quote: "</script><!-- <script>alert(6)</script>"
    ref: js
  - {id: e2, source: plain, target: evil, type: threat, date: 2021, ref: web,
     quote: "\u2028line\u2029separators"}
"""


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, str]:
    """file:// URLs of the pages exported from each dataset."""
    folder = tmp_path_factory.mktemp("pages")
    evil = folder / "evil-data"
    evil.mkdir()
    (evil / "actors.yaml").write_text(EVIL_ACTORS, encoding="utf-8")
    (evil / "relations.yaml").write_text(EVIL_RELATIONS, encoding="utf-8")
    urls = {}
    for name, data in (("shipped", SHIPPED), ("tricky", TRICKY), ("hostile", HOSTILE),
                       ("evil", evil)):
        target = folder / f"{name}.html"
        export(relgraph.load(data), path=target)
        urls[name] = target.as_uri()
    return urls


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


class Opened:
    """A page in a fresh browser context, with everything it asked for and complained about."""

    def __init__(self, browser, url: str):
        self.context = browser.new_context(viewport={"width": 1400, "height": 900})
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.problems: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.problems.append(f"pageerror: {error}"))
        self.page.on("dialog", self._dialog)
        # Anything but the page itself is refused (and recorded by the listener above).
        base = url.split("#")[0]
        self.page.route("**/*", lambda route: route.continue_() if route.request.url
                        .split("#")[0] == base else route.abort())
        self.page.goto(url)
        self.page.wait_for_selector("body[data-ready]")

    def _console(self, message) -> None:
        if message.type in ("error", "warning"):
            self.problems.append(f"console {message.type}: {message.text}")

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def drawn(self) -> dict:
        """The actors and relation ids drawn now (edges are relations unless bundled)."""
        # An element is drawn when its style says display: element. (pstyle() brings the style
        # up to date first; Cytoscape's `:visible` may answer from a cache until the next frame.)
        return self.page.evaluate("""() => {
            const cy = relgraphPage.cy;
            const drawn = (e) => e.pstyle('display').value === 'element';
            const edges = cy.edges().filter(drawn);
            return {nodes: cy.nodes().filter(drawn).length, edges: edges.length,
                    relations: edges.map(e => e.data('rid')).sort()};
        }""")

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def open_page(browser, pages):
    opened: list[Opened] = []

    def go(name: str, fragment: str = "") -> Opened:
        page = Opened(browser, pages[name] + fragment)
        opened.append(page)
        return page

    yield go
    for page in opened:
        page.close()


def _relations(folder: Path) -> list[dict]:
    with open(folder / "relations.yaml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)["relations"]


def _month(year: int, month: int) -> str:
    """A slider value: months since year 0 (the page's unit, one step a month)."""
    return str(year * 12 + month - 1)


# -- drawing -------------------------------------------------------------------------------

def test_the_shipped_graph_is_drawn_whole_without_errors_or_requests(open_page, pages):
    page = open_page("shipped")
    # data/actors.yaml has 17 entries under `actors:` (`grep -c '^  - id:' data/actors.yaml`),
    # data/relations.yaml 77 under `relations:` (the same grep); each relation is one edge.
    assert (page.drawn()["nodes"], page.drawn()["edges"]) == (17, 77)
    assert page.page.inner_text("#status") == "17 actors, 77 of 77 relations shown"
    assert page.problems == []
    assert page.requests == [pages["shipped"]]
    # The kinds in data/actors.yaml (`grep kind: data/actors.yaml | sort | uniq -c`): 8
    # states, 5 armed groups, 2 organizations, 2 groups; the legend lists them in its order.
    assert page.page.locator("#legend-kinds div").all_inner_texts() == [
        "state", "armed-group", "organization", "group"]


def test_tricky_and_hostile_data_are_drawn_whole(open_page):
    # tricky: 8 actors (north, south, east, west, cote, guild, militia, hermit, which has no
    # relation) and 13 relations (r1..r8, the two militia attacks without ids, r11, r12, and the
    # one with an explicit made-up-looking id). hostile: 7 actors, 7 relations (h1, h2,
    # "h 3 <&>", the end-graph one without an id, h5, h6, h7).
    for name, counts in (("tricky", (8, 13)), ("hostile", (7, 7))):
        page = open_page(name)
        drawn = page.drawn()
        assert (drawn["nodes"], drawn["edges"]) == counts, name
        assert page.problems == [], name
        assert len(page.requests) == 1, name


def test_bundling_draws_one_edge_per_pair_direction_and_polarity_with_a_count(open_page):
    page = open_page("tricky")
    page.page.check("#bundle")
    # By hand from tricky/relations.yaml: r1 and r2 (north->south, hostile) share an edge, and
    # so do the two militia->north attacks; the other 9 relations each differ in direction or
    # polarity from every other (r3 north->south is friendly; r6 runs south->north). 11 edges.
    assert page.drawn()["edges"] == 11
    labels = page.page.evaluate(
        "relgraphPage.cy.edges().filter(e => e.pstyle('display').value === 'element')"
        ".map(e => e.data('label')).filter(Boolean)")
    assert sorted(labels) == ["\u00d72", "\u00d72"]
    assert page.page.inner_text("#status") == "8 actors, 13 of 13 relations shown"


# -- dates ---------------------------------------------------------------------------------

def test_the_date_range_shows_exactly_the_relations_whose_span_overlaps_it(open_page):
    page = open_page("shipped")
    page.page.uncheck("#undated")
    page.page.locator("#from").fill(_month(2000, 1))
    page.page.locator("#to").fill(_month(2012, 12))
    # By hand from data/relations.yaml, spans reaching into 2000-01..2012-12: the five that run
    # 1993..2023 (cooperation against terrorism, and Russia's and Israel's confrontations with
    # the Islamic State and Al-Qaeda) and Putin's visits of 2005 and 2012. The 1999 cooperation
    # ends with 1999; the 2015 relations start after 2012.
    assert page.drawn()["relations"] == sorted([
        "russia-israel-counterterrorism-cooperation-1993-2023",
        "russia-islamic-state-confrontation", "israel-islamic-state-confrontation",
        "russia-al-qaeda-confrontation", "israel-al-qaeda-confrontation",
        "russia-israel-putin-visit-2005", "russia-israel-putin-visit-2012",
    ])
    assert page.drawn()["nodes"] == 17  # actors stay; those without a shown relation fade


def test_a_span_counts_to_the_end_of_its_last_period(open_page):
    page = open_page("shipped", "#undated=0")
    page.page.locator("#from").fill(_month(1991, 12))
    page.page.locator("#to").fill(_month(1991, 12))
    # `date: 1967, until: 1991` runs to 1991-12-31 and `date: 1991` covers all of 1991.
    assert page.drawn()["relations"] == ["russia-israel-restoration-1991",
                                         "russia-israel-soviet-era-hostility"]
    page.page.locator("#to").fill(_month(1992, 12))
    page.page.locator("#from").fill(_month(1992, 1))
    # Nothing dated touches 1992: the hostility ended with 1991, the next span starts in 1993.
    assert page.drawn()["relations"] == []


def test_undated_relations_are_behind_their_checkbox(open_page):
    undated = sorted(r["id"] for r in _relations(SHIPPED) if "date" not in r)
    assert len(undated) == 18  # as docs/export.md counts them
    page = open_page("shipped")
    page.page.locator("#from").fill(_month(1992, 1))
    page.page.locator("#to").fill(_month(1992, 12))
    assert page.drawn()["relations"] == undated
    page.page.uncheck("#undated")
    assert page.drawn()["relations"] == []


def test_play_moves_the_range_forward_year_by_year(open_page):
    page = open_page("shipped", "#from=1967-01&to=1967-12")
    page.page.click("#play")
    # The shipped dates start in 1967 (the severance); one step is a year.
    page.page.wait_for_function("() => document.getElementById('from-label').textContent"
                                " === '1968-01'")
    assert page.page.inner_text("#to-label") == "1968-12"
    page.page.click("#play")  # pause
    assert page.page.get_attribute("#play", "aria-pressed") == "false"


# -- filters, search, details --------------------------------------------------------------

def test_the_type_filter_keeps_only_the_checked_types(open_page):
    page = open_page("shipped")
    page.page.click("#types-none")
    assert page.drawn()["edges"] == 0
    page.page.check("#types input[value='veto']")
    # The three relations of type veto in data/relations.yaml (`grep -n 'type: veto'`).
    assert page.drawn()["relations"] == ["china-malta-veto-2023", "russia-israel-veto-2023",
                                         "russia-malta-veto-2023"]
    page.page.uncheck("#polarities input[value='hostile']")
    assert page.drawn()["relations"] == []  # vetoes are hostile


def test_search_by_alias_selects_and_centres_the_actor(open_page):
    page = open_page("shipped")
    page.page.fill("#search", "ussr")
    page.page.press("#search", "Enter")
    assert page.page.inner_text("#panel h2") == "Russia"
    centre = page.page.evaluate("""() => {
        const cy = relgraphPage.cy;
        const at = cy.nodes().filter(n => n.data('label') === 'Russia')[0].renderedPosition();
        return [at.x - cy.width() / 2, at.y - cy.height() / 2];
    }""")
    assert all(abs(offset) < 1 for offset in centre), centre
    page.page.fill("#search", "Atlantis")
    page.page.press("#search", "Enter")
    assert page.page.inner_text("#search-status") == "No actor matches \u201cAtlantis\u201d"


def test_clicking_a_relation_shows_its_quote_and_source(open_page):
    relation = next(r for r in _relations(SHIPPED)
                    if r["id"] == "russia-jewish-agency-suspension-2022")
    page = open_page("shipped")
    page.page.click("#types-none")
    page.page.check("#types input[value='suspension']")  # its edge is the only one drawn
    x, y = page.page.evaluate("""() => {
        const cy = relgraphPage.cy;
        const edge = cy.edges().filter(e => e.pstyle('display').value === 'element')[0];
        const nodes = cy.nodes().map(n => n.renderedBoundingBox());
        const a = edge.source().renderedPosition(), b = edge.target().renderedPosition();
        const box = cy.container().getBoundingClientRect();
        for (let t = 0.3; t <= 0.7; t += 0.05) {
            const x = a.x + t * (b.x - a.x), y = a.y + t * (b.y - a.y);
            const onNode = nodes.some(n => x >= n.x1 && x <= n.x2 && y >= n.y1 && y <= n.y2);
            if (!onNode) return [box.left + x, box.top + y];
        }
        return null;
    }""")
    page.page.mouse.click(x, y)
    page.page.wait_for_selector("#panel:not([hidden]) blockquote")
    assert page.page.inner_text("#panel blockquote") == relation["quote"]
    source = page.page.inner_text("#panel .source")
    assert "Al Jazeera Net, 2023-11" in source
    page.page.wait_for_function("() => location.hash.includes('sel=r')")
    assert "sel=r%3Arussia-jewish-agency-suspension-2022" in page.page.url


def test_clicking_an_actor_lists_its_relations_by_counterpart(open_page):
    page = open_page("tricky")
    x, y = page.page.evaluate("""() => {
        const cy = relgraphPage.cy;
        const node = cy.nodes().filter(n => n.data('label') === 'Westmark')[0];
        const box = cy.container().getBoundingClientRect();
        const at = node.renderedPosition();
        return [box.left + at.x, box.top + at.y];
    }""")
    page.page.mouse.click(x, y)
    page.page.wait_for_selector("#panel:not([hidden])")
    # Westmark (west) has r5 with Southland (mutual condemn) and, from Eastria, the aid with
    # the explicit id: two counterparts, one relation each, headings in name order.
    headings = page.page.locator("#panel h3").all_inner_texts()
    assert headings == ["Eastria (1)", "Southland (1)"]
    assert page.page.locator("#panel .relation").count() == 2


def test_the_url_fragment_reopens_the_same_view(open_page, pages):
    page = open_page("shipped")
    page.page.locator("#from").fill(_month(2022, 2))
    page.page.uncheck("#undated")
    page.page.uncheck("#types input[value='war']")
    page.page.fill("#search", "Hamas")
    page.page.press("#search", "Enter")
    page.page.wait_for_function("() => location.hash.includes('sel=')")
    before = page.drawn()
    again = open_page("shipped", "#" + page.page.url.split("#", 1)[1])
    assert again.drawn() == before
    assert again.page.inner_text("#from-label") == "2022-02"
    assert not again.page.is_checked("#undated")
    assert not again.page.is_checked("#types input[value='war']")
    assert again.page.inner_text("#panel h2") == "Hamas"
    assert again.problems == []


def test_a_link_pasted_into_an_open_page_shows_its_view(open_page):
    page = open_page("shipped")
    page.page.evaluate("() => { location.hash = '#from=1991-12&to=1991-12&undated=0'; }")
    page.page.wait_for_function(
        "() => document.getElementById('to-label').textContent === '1991-12'")
    # As in test_a_span_counts_to_the_end_of_its_last_period.
    assert page.drawn()["relations"] == ["russia-israel-restoration-1991",
                                         "russia-israel-soviet-era-hostility"]
    assert not page.page.is_checked("#undated")


# -- hostile text --------------------------------------------------------------------------

def test_hostile_names_quotes_and_urls_render_as_text(open_page):
    page = open_page("evil")
    assert page.drawn()["edges"] == 2
    page.page.fill("#search", "<b>bold</b>")  # an alias
    page.page.press("#search", "Enter")
    panel = page.page.locator("#panel")
    assert panel.locator("h2").inner_text() == "<img src=x onerror=alert(1)>"
    assert "<script>alert(2)</script>" in panel.inner_text()
    quotes = panel.locator("blockquote").all_inner_texts()
    assert "</script><!-- <script>alert(6)</script>" in quotes
    assert "<svg onload=alert(5)>" in panel.inner_text()
    # The javascript: url is shown as text, never as a link; the web one is a link.
    links = panel.locator("a").evaluate_all("links => links.map(a => a.href)")
    assert links == ["https://example.org/a?b=1&c=%3C2%3E"]
    assert "(javascript:alert(4))" in panel.inner_text()
    assert page.page.evaluate("document.querySelectorAll('img, svg, b, i').length") == 0
    assert page.dialogs == []
    assert page.problems == []
    assert len(page.requests) == 1  # the https link is never followed by itself


def test_hovering_an_actor_shows_its_name_kind_and_aliases(open_page):
    page = open_page("tricky")
    x, y = page.page.evaluate("""() => {
        const cy = relgraphPage.cy;
        const node = cy.nodes().filter(n => n.data('label') === "C\u00f4te d'Ivoire")[0];
        const box = cy.container().getBoundingClientRect();
        const at = node.renderedPosition();
        return [box.left + at.x, box.top + at.y];
    }""")
    page.page.mouse.move(x, y)
    page.page.wait_for_selector("#tooltip:not([hidden])")
    # tricky/actors.yaml: cote, a state, with the aliases "Ivory Coast" and "Cote d’Ivoire".
    assert page.page.inner_text("#tooltip").splitlines() == [
        "C\u00f4te d'Ivoire", "state", "Also: Ivory Coast; Cote d\u2019Ivoire"]


def test_the_hostile_dataset_shows_its_names_exactly(open_page):
    page = open_page("hostile")
    page.page.fill("#search", "Q&A")
    page.page.press("#search", "Enter")
    assert page.page.inner_text("#panel h2") == 'The "Quoted" <Party> & Co'
    assert page.page.evaluate("relgraphPage.cy.nodes().map(n => n.data('label'))") == [
        'The "Quoted" <Party> & Co', "--help", "end", "graph", "Rocket \U0001f680 Club",
        'Back\\slash "and" #quot; | pipe `tick`', "Loner"]
    assert page.dialogs == []


# -- beyond the size the page draws whole --------------------------------------------------

def test_a_graph_beyond_the_limit_starts_from_its_most_connected_actors(open_page):
    # #max=5 makes tricky's 13 relations "too many". Relations per actor, counted by hand
    # from tricky/relations.yaml: south 8, north 7, east 3, cote 3, west 2, militia 2,
    # guild 1, hermit 0. South comes first; north adds its 4 relations with south (r1, r2,
    # r3, r6); east would add 2 more (r4, r11), past 5. So 2 actors and 4 relations.
    page = open_page("tricky", "#max=5")
    drawn = page.drawn()
    assert (drawn["nodes"], drawn["relations"]) == (2, ["r1", "r2", "r3", "r6"])
    assert page.page.inner_text("#status") == (
        "2 of 8 actors (the most connected), 4 of 13 relations shown")
    # Searching Traders' Guild adds it and its one counterpart, Côte d'Ivoire; the relations
    # among the four: the four above, r8 (guild-cote) and r12 (south-cote), r7 (cote-south).
    page.page.fill("#search", "traders")
    page.page.press("#search", "Enter")
    drawn = page.drawn()
    assert (drawn["nodes"], drawn["relations"]) == (
        4, ["r1", "r12", "r2", "r3", "r6", "r7", "r8"])
    page.page.wait_for_function("() => location.hash.includes('add=guild')")
    page.page.click("#show-all")
    assert (page.drawn()["nodes"], page.drawn()["edges"]) == (8, 13)
    assert page.problems == []
