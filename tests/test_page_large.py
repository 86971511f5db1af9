"""The page of a large graph in a real browser: edges drawn on the page's own edge layer
(assets/edges.js) rather than as Cytoscape elements, and still shown, filtered, bundled,
labelled, hovered and clicked.

The graph is a star written below, large because it has more than 300 actors. Worked out by
hand from it:

- 301 actors: the hub `hub` and the leaves `l1`..`l300`.
- 311 relations: `hub` aids each leaf in 2000 (`h-lN`, 300); it aids `l1`..`l10` again in
  2001 (`h-lN-again`, 10); `l100` attacks `hub` in 2002 (`l100-h`, 1).
- Bundled (the default for a large graph: one edge per pair, direction and polarity): 301
  edges, the 300 hub->leaf aids (10 of them bundles of 2, labelled x2) and `l100-h`, which runs
  the other way with another polarity. Not bundled: 311 edges.
"""

from __future__ import annotations

import math

import pytest
from test_page_browser import Opened, browser  # noqa: F401  (browser is a fixture)

import relgraph
from relgraph.export import export

pytestmark = pytest.mark.slow

LEAVES = 300
AGAIN = 10  # l1..l10 aided a second time


def write_star(folder) -> None:
    actors = ["actors:", "  - {id: hub, name: Hub, kind: state}"]
    actors += [f"  - {{id: l{i}, name: Leaf {i}, kind: group}}" for i in range(1, LEAVES + 1)]
    relations = ["types:", "  aid: {polarity: friendly, weight: 6}",
                 "  attack: {polarity: hostile, weight: -9}", "relations:"]
    relations += [f"  - {{id: h-l{i}, source: hub, target: l{i}, type: aid, date: 2000}}"
                  for i in range(1, LEAVES + 1)]
    relations += [f"  - {{id: h-l{i}-again, source: hub, target: l{i}, type: aid, date: 2001}}"
                  for i in range(1, AGAIN + 1)]
    relations += ["  - {id: l100-h, source: l100, target: hub, type: attack, date: 2002}"]
    (folder / "actors.yaml").write_text("\n".join(actors) + "\n", encoding="utf-8")
    (folder / "relations.yaml").write_text("\n".join(relations) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def star(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("star")
    write_star(folder)
    target = folder / "star.html"
    export(relgraph.load(folder), path=target)
    return target.as_uri()


@pytest.fixture
def open_star(browser, star):  # noqa: F811
    opened: list[Opened] = []

    def go(fragment: str = "") -> Opened:
        page = Opened(browser, star + fragment)
        opened.append(page)
        return page

    yield go
    for page in opened:
        page.close()


def shown(page: Opened) -> list[dict]:
    """The edges the edge layer draws now: [{id, rid, label}], rid the first relation's id."""
    return page.page.evaluate("relgraphPage.edges.shown()")


def next_frame(page: Opened) -> None:
    """Wait until the edge layer has drawn what was asked of it (it draws once a frame)."""
    page.page.evaluate("() => new Promise(done => requestAnimationFrame(() => "
                       "requestAnimationFrame(done)))")


def middle(page: Opened, rid: str) -> tuple[float, float]:
    """Where, on the screen, the middle of the edge drawing relation `rid` is."""
    return page.page.evaluate("""(rid) => {
        const layer = relgraphPage.edges;
        const edge = layer.shown().find(e => e.rid === rid);
        const at = layer.middle(edge.id);
        const box = relgraphPage.cy.container().getBoundingClientRect();
        return [box.left + at.x, box.top + at.y];
    }""", rid)


def centre_on(page: Opened, rid: str) -> None:
    """Zoom 1, with the middle of the edge drawing relation `rid` at the middle of the view;
    then wait for the edge layer to draw it."""
    page.page.evaluate("""(rid) => {
        const cy = relgraphPage.cy, layer = relgraphPage.edges;
        const at = layer.middle(layer.shown().find(e => e.rid === rid).id);
        const x = (at.x - cy.pan().x) / cy.zoom(), y = (at.y - cy.pan().y) / cy.zoom();
        cy.viewport({zoom: 1, pan: {x: cy.width() / 2 - x, y: cy.height() / 2 - y}});
    }""", rid)
    next_frame(page)


def layer_middle(page: Opened, rid: str) -> tuple[float, float]:
    """Where, on the edge layer's canvas, the middle of the edge drawing relation `rid` is."""
    return page.page.evaluate("""(rid) => {
        const layer = relgraphPage.edges;
        const at = layer.middle(layer.shown().find(e => e.rid === rid).id);
        return [at.x, at.y];
    }""", rid)


def layer_pixel(page: Opened, x: float, y: float) -> list[int]:
    """The RGBA of the edge layer's pixel at (x, y), copied to a canvas of one pixel so that
    the layer's own canvas is never read back."""
    return page.page.evaluate("""([x, y]) => {
        const one = document.createElement('canvas');
        one.width = one.height = 1;
        const context = one.getContext('2d');
        context.drawImage(document.querySelector('canvas.edge-layer'),
                          -Math.round(x), -Math.round(y));
        return [...context.getImageData(0, 0, 1, 1).data];
    }""", [x, y])


def corner(page: Opened) -> tuple[float, float]:
    """A point of the graph's box near its top left corner, outside the ring of actors."""
    return page.page.evaluate("""() => {
        const box = relgraphPage.cy.container().getBoundingClientRect();
        return [box.left + 5, box.top + 5];
    }""")


def test_a_large_graph_draws_its_edges_on_the_edge_layer(open_star):
    page = open_star()
    assert page.page.evaluate("relgraphPage.large") is True
    assert page.page.evaluate("relgraphPage.cy.edges().length") == 0
    edges = shown(page)
    assert len(edges) == LEAVES + 1
    assert sorted(e["label"] for e in edges if e["label"]) == ["\u00d72"] * AGAIN
    assert page.page.inner_text("#status") == "301 actors, 311 of 311 relations shown"
    # Zoomed in on the middle of hub->l20, it is drawn in the friendly green (#2ca02c) on the
    # layer's canvas; l100->hub in the hostile red (#d62728), over hub->l100, which comes
    # before it in the data.
    for rid, colour in (("h-l20", [0x2C, 0xA0, 0x2C, 255]), ("l100-h", [0xD6, 0x27, 0x28, 255])):
        centre_on(page, rid)
        pixel = layer_pixel(page, *layer_middle(page, rid))
        # Within 3 of the colour in each channel: where the arrowhead's edge crosses the line,
        # the canvas blends the colour with itself and rounds.
        assert all(abs(got - want) <= 3
                   for got, want in zip(pixel, colour, strict=True)), (rid, pixel)
    assert page.problems == []


def test_bundled_edges_expand_when_bundling_is_off(open_star):
    page = open_star()
    page.page.uncheck("#bundle")
    edges = shown(page)
    assert len(edges) == LEAVES + AGAIN + 1
    assert [e["label"] for e in edges if e["label"]] == []
    page.page.wait_for_function("() => location.hash.includes('bundle=0')")
    page.page.check("#bundle")
    assert len(shown(page)) == LEAVES + 1


def test_bundle_counts_are_written_only_once_zoomed_in(open_star):
    page = open_star()
    next_frame(page)
    # Fitted, the ring of 300 leaves is drawn at a zoom of about 0.07: a 10-unit label would be
    # under a pixel high, so none is written.
    assert page.page.evaluate("relgraphPage.cy.zoom()") < 0.6
    assert page.page.evaluate("relgraphPage.edges.labelsDrawn") == 0
    page.page.evaluate("relgraphPage.cy.zoom(1)")
    next_frame(page)
    assert page.page.evaluate("relgraphPage.edges.labelsDrawn") == AGAIN


def test_filters_reach_the_edge_layer(open_star):
    # 2001 alone: only the ten second aids, each now alone in its bundle, so unlabelled.
    page = open_star("#from=2001-01&to=2001-12")
    edges = shown(page)
    # A bundle is named by its first relation: h-l1..h-l10, whose second aid is the one shown.
    assert sorted(e["rid"] for e in edges) == sorted(f"h-l{i}" for i in range(1, AGAIN + 1))
    assert [e["label"] for e in edges] == [""] * AGAIN
    assert page.page.inner_text("#status") == "301 actors, 10 of 311 relations shown"
    page.page.click("#types-none")
    assert shown(page) == []


def test_hovering_and_clicking_an_edge_of_a_large_graph(open_star):
    page = open_star()
    page.page.mouse.move(*middle(page, "h-l20"))  # a relation alone on its edge
    page.page.wait_for_selector("#tooltip:not([hidden])")
    assert page.page.inner_text("#tooltip").splitlines() == ["Hub \u2192 Leaf 20", "aid, 2000"]
    page.page.mouse.move(*middle(page, "h-l3"))  # a bundle of h-l3 and h-l3-again
    page.page.wait_for_function(
        "() => document.getElementById('tooltip').textContent.endsWith('2 relations')")
    assert page.page.inner_text("#tooltip").splitlines()[0] == "Hub \u2192 Leaf 3"
    page.page.mouse.click(*middle(page, "h-l20"))
    page.page.wait_for_selector("#panel:not([hidden]) .relation")
    assert page.page.inner_text("#panel h2") == "Hub \u2192 Leaf 20"
    assert page.page.locator("#panel .relation").count() == 1
    page.page.wait_for_function("() => location.hash.includes('sel=r')")
    assert "sel=r%3Ah-l20" in page.page.url
    # The chosen edge lies on a yellow highlight (#ffd54f at 0.9 opacity), 4 units wider than
    # the edge on each side: at zoom 1, 3 pixels off its middle, beside the 3.5-wide line
    # (weight 6: 1.5 + 6 / 3), the highlight shows.
    centre_on(page, "h-l20")
    at_x, at_y = layer_middle(page, "h-l20")
    hub = page.page.evaluate("relgraphPage.cy.getElementById('a0').renderedPosition()")
    length = math.hypot(at_x - hub["x"], at_y - hub["y"])
    beside = layer_pixel(page, at_x - 3 * (at_y - hub["y"]) / length,
                         at_y + 3 * (at_x - hub["x"]) / length)
    assert all(abs(got - want) <= 3
               for got, want in zip(beside, [0xFF, 0xD5, 0x4F, 230], strict=True)), beside
    # A click on the background away from every edge closes the panel.
    page.page.mouse.click(*corner(page))
    page.page.wait_for_selector("#panel", state="hidden")
    assert page.problems == []


def test_the_chosen_edge_is_drawn_over_the_others(open_star):
    # hub->l100 (friendly, green) and l100->hub (hostile, red) lie on the same line; l100->hub
    # comes later in the data, so it is drawn over hub->l100 (see the first test) until
    # hub->l100 is chosen.
    page = open_star("#sel=r:h-l100")
    page.page.wait_for_selector("#panel:not([hidden]) .relation")
    centre_on(page, "h-l100")
    pixel = layer_pixel(page, *layer_middle(page, "h-l100"))
    assert all(abs(got - want) <= 3
               for got, want in zip(pixel, [0x2C, 0xA0, 0x2C, 255], strict=True)), pixel
