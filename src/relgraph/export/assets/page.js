/* relgraph's page: draws the data embedded in #relgraph-data with Cytoscape.js.
 *
 * Text from the data reaches the page only through textContent, element properties and
 * Cytoscape's canvas labels, never as markup. State (dates, filters, selection) lives in the
 * URL fragment, so a link reopens the same view. */
(function () {
  "use strict";

  // The polarity colours of every relgraph export (relgraph/export/view.py, COLOURS).
  const POLARITY_COLOURS = { hostile: "#d62728", friendly: "#2ca02c", neutral: "#7f7f7f" };
  const POLARITIES = ["hostile", "friendly", "neutral"];
  const KIND_COLOURS = {
    state: "#4e79a7", "armed-group": "#f28e2b", organization: "#b07aa1",
    person: "#edc948", group: "#76b7b2", other: "#bab0ac",
  };
  // Beyond these sizes the page switches to what stays fast: a concentric layout (most
  // connected actors in the middle) instead of the force layout, parallel relations bundled,
  // and straight edges drawn on a canvas of their own (edges.js) instead of as Cytoscape
  // elements.
  const LARGE_ACTORS = 300;
  const LARGE_RELATIONS = 2000;
  // Beyond this many relations the page starts from the most connected actors, as many as
  // keep the relations among them within this number; a search adds an actor and its
  // counterparts, and "Show all" draws everything (slowly). `#max=N` in the URL sets another
  // number when the page opens.
  const MAX_DRAWN = (() => {
    const max = parseInt(new URLSearchParams(location.hash.slice(1)).get("max"), 10);
    return max > 0 ? max : 10000;
  })();
  const PLAY_STEP_MONTHS = 12;
  const PLAY_TICK_MS = 900;
  const HASH_DELAY_MS = 150;

  performance.mark("relgraph:start");
  const data = JSON.parse(document.getElementById("relgraph-data").textContent);
  const $ = (id) => document.getElementById(id);

  // -- the model ------------------------------------------------------------------------

  // Months are counted from year 0 (year * 12 + month - 1), so a slider step is one month.
  function month(text, last) {
    const parts = String(text).split("-");
    const year = parseInt(parts[0], 10);
    if (parts.length === 1) return year * 12 + (last ? 11 : 0);
    return year * 12 + parseInt(parts[1], 10) - 1;
  }
  function monthText(m) {
    const mm = (m % 12) + 1;
    return String(Math.floor(m / 12)).padStart(4, "0") + "-" + (mm < 10 ? "0" : "") + mm;
  }
  function parseMonth(text) {
    const found = /^(\d{4})-(\d{2})$/.exec(text || "");
    return found ? parseInt(found[1], 10) * 12 + parseInt(found[2], 10) - 1 : null;
  }

  const actors = data.nodes.map((node, i) => Object.assign({}, node, { key: "a" + i }));
  const actorById = new Map(actors.map((a) => [a.id, a]));
  const actorIndex = new Map(actors.map((a, i) => [a.id, i]));
  const relations = data.edges.map((edge, i) => {
    const dated = edge.date !== null && edge.date !== undefined;
    return Object.assign({}, edge, {
      key: "r" + i,
      from: actorById.get(edge.source),
      to: actorById.get(edge.target),
      first: dated ? month(edge.date, false) : null,
      last: dated ? month(edge.until || edge.date, true) : null,
    });
  });
  const relationById = new Map(relations.map((r) => [r.id, r]));
  const sources = (data.graph && data.graph.sources) || {};
  const typeInfo = new Map(((data.graph && data.graph.types) || []).map((t) => [t.name, t]));

  const counterparts = new Map(actors.map((a) => [a.id, new Set()]));
  for (const r of relations) {
    counterparts.get(r.source).add(r.target);
    counterparts.get(r.target).add(r.source);
  }
  const dated = relations.filter((r) => r.first !== null);
  const minMonth = dated.length ? Math.min(...dated.map((r) => r.first)) : 0;
  const maxMonth = dated.length ? Math.max(...dated.map((r) => r.last)) : 0;
  const large = actors.length > LARGE_ACTORS || relations.length > LARGE_RELATIONS;
  const huge = relations.length > MAX_DRAWN;

  // The most connected actors (by number of relations) whose relations among themselves stay
  // within MAX_DRAWN; null when the graph is small enough to draw whole.
  function mostConnected() {
    if (!huge) return null;
    const touching = new Map(actors.map((a) => [a.id, []]));
    for (const r of relations) {
      touching.get(r.source).push(r);
      if (r.target !== r.source) touching.get(r.target).push(r);
    }
    const order = actors.slice().sort((a, b) =>
      touching.get(b.id).length - touching.get(a.id).length);
    const kept = new Set();
    let among = 0;
    for (const a of order) {
      let adds = 0;
      for (const r of touching.get(a.id)) {
        const other = r.source === a.id ? r.target : r.source;
        if (kept.has(other) || other === a.id) adds++;
      }
      if (among + adds > MAX_DRAWN) break;
      kept.add(a.id);
      among += adds;
    }
    return kept;
  }

  const state = {
    from: minMonth, to: maxMonth, undated: true,
    polarities: new Set(POLARITIES), hidden: new Set(), bundle: large, selected: null,
    added: new Set(), all: false,
  };
  const core = mostConnected();
  let focus = null; // the actors drawn (ids), or null for all of them

  function refocus() {
    focus = core && !state.all ? new Set(core) : null;
    if (focus) {
      for (const id of state.added) {
        if (!actorById.has(id)) continue;
        focus.add(id);
        for (const other of counterparts.get(id)) focus.add(other);
      }
    }
  }
  const inFocus = (r) => !focus || (focus.has(r.source) && focus.has(r.target));

  function shown(r) {
    if (!inFocus(r)) return false;
    if (!state.polarities.has(r.polarity) || state.hidden.has(r.type)) return false;
    if (r.first === null) return state.undated;
    return r.first <= state.to && r.last >= state.from;
  }

  function span(r) {
    if (r.date === null || r.date === undefined) return "undated";
    return r.until ? r.date + ".." + r.until : String(r.date);
  }
  function arrow(r) {
    return r.from.name + (r.mutual ? " \u2194 " : " \u2192 ") + r.to.name;
  }

  // -- the graph ------------------------------------------------------------------------

  const members = new Map(); // edge element id -> the relations it draws
  const edgeOf = new Map(); // relation id -> edge element id in the current mode
  // What is drawn now, so that a change of filters touches only the elements that change:
  // edge element id -> its label and width while shown, null while hidden; faded actor keys.
  const drawnAs = new Map();
  const faded = new Set();

  const nodeSize = (a) => 16 + 8 * Math.sqrt(counterparts.get(a.id).size);

  function nodeElements(positions) {
    const active = activeActors();
    return actors.map((a, i) => {
      if (!active.has(a.key)) faded.add(a.key);
      return {
        group: "nodes",
        data: { id: a.key, index: i, label: a.name, size: nodeSize(a),
                colour: KIND_COLOURS[a.kind] || KIND_COLOURS.other },
        position: positions[i],
        classes: (focus && !focus.has(a.id) ? "hidden " : "") +
          (active.has(a.key) ? "" : "faded"),
      };
    });
  }

  // Edges are made with the classes and labels of the current filters, so that they are
  // styled once, as they are drawn.
  function edgeElements() {
    members.clear();
    edgeOf.clear();
    drawnAs.clear();
    const groups = new Map();
    for (const r of relations) {
      if (!inFocus(r)) continue;
      let id = r.key;
      if (state.bundle) {
        const ends = r.mutual ? [r.from.key, r.to.key].sort() : [r.from.key, r.to.key];
        const key = ends.join(" ") + " " + r.polarity + (r.mutual ? " mutual" : "");
        if (!groups.has(key)) groups.set(key, "b" + groups.size);
        id = groups.get(key);
      }
      if (!members.has(id)) members.set(id, []);
      members.get(id).push(r);
      edgeOf.set(r.id, id);
    }
    const elements = [];
    for (const [id, list] of members) {
      const r = list[0];
      const look = edgeLook(list, list.filter(shown));
      drawnAs.set(id, look);
      elements.push({
        group: "edges",
        data: Object.assign({ id: id, source: r.from.key, target: r.to.key, rid: r.id,
                              width: look ? look.width : edgeWidth(list),
                              colour: POLARITY_COLOURS[r.polarity] },
                            list.length > 1 ? { label: look ? look.label : "" } : {}),
        classes: (r.mutual ? "mutual" : "") + (look ? "" : " hidden"),
      });
    }
    return elements;
  }

  // How an edge is drawn with `visible` of its relations shown: null when hidden; a bundle
  // of several shown is labelled with their count.
  function edgeLook(list, visible) {
    if (!visible.length) return null;
    return { label: visible.length > 1 ? "\u00d7" + visible.length : "",
             width: edgeWidth(visible) };
  }

  function edgeWidth(list) {
    if (list.length > 1) return Math.min(2 + list.length, 10);
    return 1.5 + Math.abs(Number(list[0].weight) || 0) / 3;
  }

  // The actors (keys) at either end of an edge shown.
  function activeActors() {
    const active = new Set();
    for (const [id, look] of drawnAs) {
      if (!look) continue;
      const r = members.get(id)[0];
      active.add(r.from.key);
      active.add(r.to.key);
    }
    return active;
  }

  // A large graph's edges as the edge layer draws them (edges.js).
  function layerItems(elements) {
    return elements.map((element) => {
      const r = members.get(element.data.id)[0];
      return { id: element.data.id, rid: r.id, from: actorIndex.get(r.source),
               to: actorIndex.get(r.target), colour: POLARITY_COLOURS[r.polarity],
               mutual: !!r.mutual };
    });
  }

  // Cytoscape's styles. Only a small graph's edges are Cytoscape elements, parallel relations
  // drawn apart as curves; a large graph's are drawn by the edge layer (edges.js).
  const STYLE = [
    { selector: "node", style: {
      "background-color": "data(colour)", width: "data(size)", height: "data(size)",
      label: "data(label)", "font-size": 11, "text-valign": "bottom", "text-margin-y": 3,
      "text-outline-color": "#fff", "text-outline-width": 2, "border-width": 1,
      "border-color": "#fff", "min-zoomed-font-size": large ? 8 : 0,
    } },
    { selector: "edge", style: {
      width: "data(width)", "line-color": "data(colour)", "curve-style": "bezier",
      "control-point-step-size": 14, opacity: 0.8, "target-arrow-shape": "triangle",
      "target-arrow-color": "data(colour)", "arrow-scale": 0.9,
    } },
    { selector: "edge.mutual", style: { "target-arrow-shape": "none" } },
    // Only bundles carry a label (their count).
    { selector: "edge[label]", style: {
      label: "data(label)", color: "data(colour)", "font-size": 10,
      "text-background-color": "#fff",
      "text-background-opacity": 0.8, "text-background-padding": 1,
    } },
    { selector: ".hidden", style: { display: "none" } },
    { selector: "node.faded", style: { opacity: 0.3 } },
    { selector: "node.chosen", style: { "border-width": 4, "border-color": "#111" } },
    { selector: "edge.chosen", style: { opacity: 1, "underlay-color": "#ffd54f",
      "underlay-opacity": 0.9, "underlay-padding": 4 } },
  ];

  function drawEdges() {
    refocus();
    const elements = edgeElements();
    if (large) edgeLayer.set(layerItems(elements));
    cy.batch(() => {
      if (!large) {
        cy.edges().remove();
        cy.add(elements);
      }
      const nodes = cy.nodes();
      nodes.filter((n) => !focus || focus.has(actors[n.data("index")].id)).removeClass("hidden");
      if (focus) nodes.filter((n) => !focus.has(actors[n.data("index")].id)).addClass("hidden");
    });
  }

  // A large graph's layout, computed here rather than by Cytoscape (which would place, measure
  // and fit every node through its own machinery): actors on rings by their number of
  // counterparts, the most connected in the middle, each ring holding the actors within
  // four counterparts of its first, spaced so that no two touch.
  function concentricPositions() {
    const SPACING = 6;
    const order = actors.map((a, i) => i).sort((i, j) =>
      counterparts.get(actors[j].id).size - counterparts.get(actors[i].id).size || i - j);
    const step = Math.max(...actors.map(nodeSize)) + SPACING;
    const positions = new Array(actors.length);
    let radius = 0;
    let at = 0;
    while (at < order.length) {
      const top = counterparts.get(actors[order[at]].id).size;
      let end = at;
      while (end < order.length && top - counterparts.get(actors[order[end]].id).size < 4) end++;
      const n = end - at;
      // Consecutive actors on a ring are `step` apart: a chord of 2r sin(pi / n).
      const needed = n > 1 ? step / (2 * Math.sin(Math.PI / n)) : 0;
      radius = at === 0 ? needed : Math.max(radius + step, needed);
      for (let k = 0; k < n; k++) {
        const angle = 1.5 * Math.PI + (2 * Math.PI * k) / n;
        positions[order[at + k]] = { x: radius * Math.cos(angle), y: radius * Math.sin(angle) };
      }
      at = end;
    }
    return positions;
  }

  // A small graph starts from a circle in data order, so the same data gives the same picture.
  function circlePositions() {
    const n = actors.length;
    return actors.map((a, i) => ({ x: 300 * Math.cos((2 * Math.PI * i) / n),
                                   y: 300 * Math.sin((2 * Math.PI * i) / n) }));
  }

  // The force layout of a small graph; a large graph is placed when its nodes are made.
  function layout(done) {
    if (large) {
      done();
      return;
    }
    const options = { name: "cose", animate: false, fit: true, padding: 40, randomize: false,
                      nodeRepulsion: () => 600000, idealEdgeLength: () => 120, numIter: 1500,
                      nodeOverlap: 20 };
    // One edge per pair of actors pulls in the layout: 27 relations between two actors would
    // otherwise draw them on top of each other.
    const pairs = new Map();
    cy.edges().forEach((edge) => {
      const key = [edge.data("source"), edge.data("target")].sort().join(" ");
      if (!pairs.has(key)) pairs.set(key, edge);
    });
    const run = cy.nodes().union(cy.collection([...pairs.values()])).layout(options);
    run.one("layoutstop", done);
    run.run();
  }

  // -- showing the state ----------------------------------------------------------------

  function update() {
    let count = 0;
    const changed = [];
    for (const [id, list] of members) {
      const visible = list.filter(shown);
      count += visible.length;
      const look = edgeLook(list, visible);
      const before = drawnAs.get(id);
      if (look === before || (look && before && look.label === before.label &&
                              look.width === before.width)) continue;
      drawnAs.set(id, look);
      changed.push(id);
    }
    const active = activeActors();
    if (large) edgeLayer.schedule();
    cy.batch(() => {
      const show = [];
      const hide = [];
      for (const id of large ? [] : changed) {
        const edge = cy.getElementById(id);
        const look = drawnAs.get(id);
        if (!look) {
          hide.push(edge);
          continue;
        }
        show.push(edge);
        if (members.get(id).length > 1) edge.data({ label: look.label, width: look.width });
      }
      // Whole collections at once: Cytoscape restyles only the elements whose class changes.
      cy.collection(hide).addClass("hidden");
      cy.collection(show).removeClass("hidden");
      const fade = [];
      const unfade = [];
      for (const a of actors) {
        if (active.has(a.key) === !faded.has(a.key)) continue;
        if (active.has(a.key)) {
          faded.delete(a.key);
          unfade.push(cy.getElementById(a.key));
        } else {
          faded.add(a.key);
          fade.push(cy.getElementById(a.key));
        }
      }
      cy.collection(fade).addClass("faded");
      cy.collection(unfade).removeClass("faded");
    });
    const who = focus ? focus.size + " of " + actors.length + " actors (the most connected" +
      (state.added.size ? " and those searched" : "") + ")" : actors.length + " actors";
    $("status").textContent = who + ", " + count + " of " + relations.length + " relations shown";
    $("show-all").hidden = !focus;
    showSelection();
    scheduleHash();
  }

  function syncControls() {
    $("from").value = String(state.from);
    $("to").value = String(state.to);
    $("from-label").textContent = monthText(state.from);
    $("to-label").textContent = monthText(state.to);
    $("undated").checked = state.undated;
    $("bundle").checked = state.bundle;
    for (const box of document.querySelectorAll("#polarities input")) {
      box.checked = state.polarities.has(box.value);
    }
    for (const box of document.querySelectorAll("#types input")) {
      box.checked = !state.hidden.has(box.value);
    }
  }

  // -- the side panel -------------------------------------------------------------------

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function relationCard(r) {
    const card = el("article", null, "relation");
    card.dataset.relation = r.id;
    const head = el("p", null, "head");
    head.append(el("span", r.polarity, "pol " + r.polarity), " ", el("span", r.type, "type"),
                " ", el("span", arrow(r), "ends"));
    card.append(head);
    const facts = el("dl");
    const add = (term, value) => {
      if (value === null || value === undefined || value === "") return;
      facts.append(el("dt", term), el("dd", value));
    };
    add("When", span(r));
    add("Weight", (r.weight > 0 ? "+" : "") + r.weight);
    const type = typeInfo.get(r.type);
    if (type && type.description) add("Type", type.description);
    card.append(facts);
    if (r.summary) card.append(el("p", r.summary, "summary"));
    if (r.quote) card.append(el("blockquote", r.quote, "quote"));
    if (r.ref) card.append(sourceLine(r.ref));
    return card;
  }

  function sourceLine(ref) {
    const line = el("p", "Source: ", "source");
    const source = sources[ref];
    if (!source) {
      line.append(ref);
      return line;
    }
    line.append([source.title || ref, source.publisher, source.date].filter(Boolean).join(", "));
    if (source.url && /^https?:\/\//i.test(source.url)) {
      const link = el("a", source.url);
      link.href = source.url;
      link.rel = "noopener noreferrer";
      link.target = "_blank";
      line.append(" ", link);
    } else if (source.url) {
      line.append(" (" + source.url + ")");
    }
    return line;
  }

  function actorButton(actor) {
    const button = el("button", actor.name, "linkish");
    button.type = "button";
    button.addEventListener("click", () => select({ kind: "a", id: actor.id }, true));
    return button;
  }

  function actorPanel(actor) {
    const body = [el("h2", actor.name)];
    body.push(el("p", actor.kind, "meta"));
    if (actor.aliases && actor.aliases.length) {
      body.push(el("p", "Also: " + actor.aliases.join("; "), "meta"));
    }
    if (actor.description) body.push(el("p", actor.description, "meta"));
    const own = relations.filter((r) => (r.source === actor.id || r.target === actor.id));
    const visible = own.filter(shown);
    body.push(el("p", visible.length + " of " + own.length +
                  " relations shown with the current filters", "meta"));
    const byOther = new Map();
    for (const r of visible) {
      const other = r.source === actor.id ? r.to : r.from;
      if (!byOther.has(other)) byOther.set(other, []);
      byOther.get(other).push(r);
    }
    const others = [...byOther.keys()].sort((a, b) => a.name.localeCompare(b.name));
    for (const other of others) {
      const heading = el("h3");
      heading.append(actorButton(other), " (" + byOther.get(other).length + ")");
      body.push(heading);
      for (const r of chronological(byOther.get(other))) body.push(relationCard(r));
    }
    return body;
  }

  function chronological(list) {
    return list.slice().sort((a, b) => {
      const ka = a.first === null ? Infinity : a.first;
      const kb = b.first === null ? Infinity : b.first;
      return ka - kb;
    });
  }

  function relationPanel(r) {
    const together = members.get(edgeOf.get(r.id)) || [r];
    const list = together.length > 1 ? together.filter(shown) : together;
    const body = [];
    const heading = el("h2");
    heading.append(actorButton(r.from), r.mutual ? " \u2194 " : " \u2192 ", actorButton(r.to));
    body.push(heading);
    if (list.length > 1) body.push(el("p", list.length + " relations bundled", "meta"));
    for (const one of chronological(list)) body.push(relationCard(one));
    return body;
  }

  function showSelection() {
    cy.elements(".chosen").removeClass("chosen");
    if (large) edgeLayer.choose(null);
    const selected = state.selected;
    let body = null;
    if (selected && selected.kind === "a" && actorById.has(selected.id)) {
      const actor = actorById.get(selected.id);
      cy.getElementById(actor.key).addClass("chosen");
      body = actorPanel(actor);
    } else if (selected && selected.kind === "r" && relationById.has(selected.id)) {
      const r = relationById.get(selected.id);
      if (large) edgeLayer.choose(edgeOf.get(r.id));
      else cy.getElementById(edgeOf.get(r.id)).addClass("chosen");
      body = relationPanel(r);
    }
    const panel = $("panel");
    const wasHidden = panel.hidden;
    if (body) {
      $("panel-body").replaceChildren(...body);
      panel.hidden = false;
    } else {
      $("panel-body").replaceChildren();
      panel.hidden = true;
    }
    if (wasHidden !== panel.hidden) cy.resize();
  }

  // The node itself in the middle of the view (cy.center would centre it with its label).
  function centre(node) {
    cy.resize();
    const zoom = Math.max(cy.zoom(), 1);
    const at = node.position();
    cy.viewport({ zoom: zoom, pan: { x: cy.width() / 2 - at.x * zoom,
                                     y: cy.height() / 2 - at.y * zoom } });
  }

  function select(selection, centred) {
    state.selected = selection;
    showSelection();
    if (centred && selection && selection.kind === "a") {
      const node = cy.getElementById(actorById.get(selection.id).key);
      centre(node);
    }
    scheduleHash();
  }

  // -- the URL fragment -----------------------------------------------------------------

  let hashTimer = null;
  let writtenHash = null;

  function scheduleHash() {
    clearTimeout(hashTimer);
    hashTimer = setTimeout(writeHash, HASH_DELAY_MS);
  }

  function writeHash() {
    const params = new URLSearchParams();
    if (dated.length && (state.from !== minMonth || state.to !== maxMonth)) {
      params.set("from", monthText(state.from));
      params.set("to", monthText(state.to));
    }
    if (!state.undated) params.set("undated", "0");
    if (state.polarities.size !== POLARITIES.length) {
      params.set("pol", POLARITIES.filter((p) => state.polarities.has(p)).join(","));
    }
    for (const type of [...state.hidden].sort()) params.append("hide", type);
    if (state.bundle !== large) params.set("bundle", state.bundle ? "1" : "0");
    if (MAX_DRAWN !== 10000) params.set("max", String(MAX_DRAWN));
    if (state.all) params.set("all", "1");
    for (const id of state.added) params.append("add", id);
    if (state.selected) params.set("sel", state.selected.kind + ":" + state.selected.id);
    writtenHash = params.toString();
    history.replaceState(null, "", writtenHash ? "#" + writtenHash : location.pathname +
                         location.search);
  }

  function readHash() {
    const params = new URLSearchParams(location.hash.replace(/^#/, ""));
    const clamp = (m, fallback) => (m === null ? fallback
      : Math.min(Math.max(m, minMonth), maxMonth));
    state.from = clamp(parseMonth(params.get("from")), minMonth);
    state.to = clamp(parseMonth(params.get("to")), maxMonth);
    if (state.to < state.from) state.to = state.from;
    state.undated = params.get("undated") !== "0";
    state.polarities = params.has("pol")
      ? new Set(params.get("pol").split(",").filter((p) => POLARITIES.includes(p)))
      : new Set(POLARITIES);
    state.hidden = new Set(params.getAll("hide"));
    state.bundle = params.has("bundle") ? params.get("bundle") === "1" : large;
    state.all = params.get("all") === "1";
    state.added = new Set(params.getAll("add"));
    const sel = params.get("sel");
    state.selected = null;
    if (sel && /^[ar]:/.test(sel)) state.selected = { kind: sel[0], id: sel.slice(2) };
  }

  // -- controls -------------------------------------------------------------------------

  function checkbox(value, text, swatch, checked, onChange) {
    const label = el("label");
    const box = el("input");
    box.type = "checkbox";
    box.value = value;
    box.checked = checked;
    box.addEventListener("change", () => onChange(box.checked));
    label.append(box, " ");
    if (swatch) label.append(swatch);
    label.append(text);
    return label;
  }

  function swatch(colour, className) {
    const mark = el("span", null, className || "swatch");
    mark.style.background = colour;
    return mark;
  }

  function buildControls() {
    for (const id of ["from", "to"]) {
      $(id).min = String(minMonth);
      $(id).max = String(maxMonth);
    }
    if (!dated.length) {
      for (const id of ["from", "to", "play", "reset-time"]) $(id).disabled = true;
      $("no-dates").hidden = false;
    }
    $("from").addEventListener("input", () => {
      state.from = parseInt($("from").value, 10);
      if (state.to < state.from) state.to = state.from;
      syncControls();
      update();
    });
    $("to").addEventListener("input", () => {
      state.to = parseInt($("to").value, 10);
      if (state.from > state.to) state.from = state.to;
      syncControls();
      update();
    });
    $("reset-time").addEventListener("click", () => {
      stop();
      state.from = minMonth;
      state.to = maxMonth;
      syncControls();
      update();
    });
    $("undated").addEventListener("change", () => {
      state.undated = $("undated").checked;
      update();
    });
    $("play").addEventListener("click", () => (timer ? stop() : play()));

    const counts = new Map();
    for (const r of relations) counts.set(r.type, (counts.get(r.type) || 0) + 1);
    for (const polarity of POLARITIES) {
      const n = relations.filter((r) => r.polarity === polarity).length;
      $("polarities").append(checkbox(polarity, polarity + " ", swatch(
        POLARITY_COLOURS[polarity], "line"), true, (on) => {
        if (on) state.polarities.add(polarity);
        else state.polarities.delete(polarity);
        update();
      }));
      $("polarities").lastChild.append(el("span", "(" + n + ")", "count"));
    }
    const polarityOf = (name) => (typeInfo.get(name) || {}).polarity || "neutral";
    const names = [...counts.keys()].sort((a, b) =>
      POLARITIES.indexOf(polarityOf(a)) - POLARITIES.indexOf(polarityOf(b)) ||
      a.localeCompare(b));
    for (const name of names) {
      const label = checkbox(name, name + " ", swatch(POLARITY_COLOURS[polarityOf(name)]),
        true, (on) => {
          if (on) state.hidden.delete(name);
          else state.hidden.add(name);
          update();
        });
      label.append(el("span", "(" + counts.get(name) + ")", "count"));
      $("types").append(label);
    }
    $("types-all").addEventListener("click", () => {
      state.hidden.clear();
      syncControls();
      update();
    });
    $("types-none").addEventListener("click", () => {
      state.hidden = new Set(names);
      syncControls();
      update();
    });
    $("bundle").addEventListener("change", () => {
      state.bundle = $("bundle").checked;
      drawEdges();
      update();
    });
    $("fit").addEventListener("click", () => cy.fit(undefined, 30));
    $("show-all").addEventListener("click", () => {
      state.all = true;
      drawEdges();
      update();
    });
    $("close-panel").addEventListener("click", () => select(null));
    if (large) {
      $("large-note").hidden = false;
      $("large-note").textContent = "A large graph: concentric layout (most connected " +
        "actors in the middle), straight edges with the arrowhead at the middle, parallel " +
        "relations bundled." + (huge ? " It starts from the most connected actors, as many " +
        "as keep " + MAX_DRAWN + " relations among them; a search adds an actor and its " +
        "counterparts." : "");
    }

    const kinds = [...new Set(actors.map((a) => (KIND_COLOURS[a.kind] ? a.kind : "other")))];
    for (const kind of Object.keys(KIND_COLOURS).filter((k) => kinds.includes(k))) {
      const row = el("div");
      row.append(swatch(KIND_COLOURS[kind]), kind);
      $("legend-kinds").append(row);
    }
    const legend = [
      ...POLARITIES.map((p) => [swatch(POLARITY_COLOURS[p], "line"), p]),
      [null, "\u2192 from source to target; no arrowhead: mutual"],
      [null, "node size: number of counterparts"],
      [null, "\u00d7N: N relations bundled"],
      [null, "faded: no relation shown"],
    ];
    for (const [mark, text] of legend) {
      const row = el("div");
      if (mark) row.append(mark);
      row.append(text);
      $("legend-edges").append(row);
    }

    const list = $("names");
    const seen = new Set();
    for (const a of actors) {
      for (const name of [a.name, ...(a.aliases || [])]) {
        if (seen.has(name)) continue;
        seen.add(name);
        const option = el("option");
        option.value = name;
        list.append(option);
      }
    }
    $("search-form").addEventListener("submit", (event) => {
      event.preventDefault();
      search($("search").value);
    });
  }

  let timer = null;

  function play() {
    if (!dated.length) return;
    let width = state.to - state.from;
    if (width >= maxMonth - minMonth) width = PLAY_STEP_MONTHS - 1; // all dates: year by year
    if (state.to >= maxMonth || state.to - state.from !== width) {
      state.from = minMonth;
      state.to = Math.min(minMonth + width, maxMonth);
    }
    $("play").textContent = "\u275a\u275a Pause";
    $("play").setAttribute("aria-pressed", "true");
    syncControls();
    update();
    timer = setInterval(() => {
      if (state.to >= maxMonth) {
        stop();
        return;
      }
      const step = Math.min(PLAY_STEP_MONTHS, maxMonth - state.to);
      state.from += step;
      state.to += step;
      syncControls();
      update();
    }, PLAY_TICK_MS);
  }

  function stop() {
    clearInterval(timer);
    timer = null;
    $("play").textContent = "\u25b6 Play";
    $("play").setAttribute("aria-pressed", "false");
  }

  // -- search ---------------------------------------------------------------------------

  function find(text) {
    const needle = text.trim().toLowerCase();
    if (!needle) return null;
    const names = (a) => [a.name, a.id, ...(a.aliases || [])].map((n) => n.toLowerCase());
    return actors.find((a) => names(a).includes(needle)) ||
      actors.find((a) => names(a).some((n) => n.startsWith(needle))) ||
      actors.find((a) => names(a).some((n) => n.includes(needle))) || null;
  }

  function search(text) {
    const actor = find(text);
    const status = $("search-status");
    if (!actor) {
      status.textContent = text.trim() ? "No actor matches \u201c" + text.trim() + "\u201d" : "";
      return;
    }
    status.textContent = "Found " + actor.name;
    if (focus && !focus.has(actor.id)) {
      // Outside the most connected actors: draw it with its counterparts.
      state.added.add(actor.id);
      drawEdges();
      update();
    }
    select({ kind: "a", id: actor.id }, true);
  }

  // -- hover ----------------------------------------------------------------------------

  function tooltip(event, text) {
    const tip = $("tooltip");
    tip.textContent = text;
    tip.hidden = false;
    const box = $("graph").getBoundingClientRect();
    const at = event.renderedPosition || { x: 0, y: 0 };
    tip.style.left = Math.min(box.left + at.x + 14, window.innerWidth - 330) + "px";
    tip.style.top = box.top + at.y + 14 + "px";
  }

  function edgeTip(id) {
    const list = members.get(id).filter(shown);
    const r = list[0] || members.get(id)[0];
    const what = list.length > 1 ? list.length + " relations" : r.type + ", " + span(r);
    return arrow(r) + "\n" + what;
  }

  function tapEdge(id) {
    const list = members.get(id);
    const r = list.find(shown) || list[0];
    select({ kind: "r", id: r.id }, false);
  }

  function hookEvents() {
    cy.on("mouseover", "node", (event) => {
      const a = actors[parseInt(event.target.id().slice(1), 10)];
      const lines = [a.name, a.kind];
      if (a.aliases && a.aliases.length) lines.push("Also: " + a.aliases.join("; "));
      tooltip(event, lines.join("\n"));
    });
    cy.on("mouseover", "edge", (event) => tooltip(event, edgeTip(event.target.id())));
    cy.on("mouseout", () => { $("tooltip").hidden = true; });
    cy.on("tap", "node", (event) => {
      const a = actors[parseInt(event.target.id().slice(1), 10)];
      select({ kind: "a", id: a.id }, false);
    });
    cy.on("tap", "edge", (event) => tapEdge(event.target.id()));
    cy.on("tap", (event) => {
      if (event.target !== cy) return;
      const id = large ? edgeLayer.edgeAt(event.renderedPosition) : null;
      if (id === null) select(null);
      else tapEdge(id);
    });
    if (large) {
      // The edge layer's edges are not Cytoscape elements: the pointer over the background
      // may be on one.
      cy.on("mousemove", (event) => {
        if (event.target !== cy) return;
        const id = edgeLayer.edgeAt(event.renderedPosition);
        if (id === null) $("tooltip").hidden = true;
        else tooltip(event, edgeTip(id));
      });
    }
    window.addEventListener("hashchange", () => {
      if (location.hash.replace(/^#/, "") === writtenHash) return;
      stop();
      readHash();
      drawEdges();
      syncControls();
      update();
    });
  }

  // -- start ----------------------------------------------------------------------------

  // Marks in the browser's performance timeline show where the start-up time goes.
  performance.mark("relgraph:model");
  readHash();
  buildControls();
  syncControls();
  refocus();
  // Nodes and edges are made at once, placed, with the classes of the filters in the URL: for
  // a large graph nothing is measured, restyled or moved again before the first drawing.
  const edges = edgeElements();
  const positions = large ? concentricPositions() : circlePositions();
  let edgeLayer = null;
  const cy = cytoscape({
    container: $("graph"),
    layout: { name: "preset" },
    minZoom: 0.02,
    maxZoom: 5,
    boxSelectionEnabled: false,
    autounselectify: true,
    pixelRatio: large ? 1 : "auto", // a large graph draws at one pixel per CSS pixel
    style: STYLE,
  });
  // Added in one batch: Cytoscape styles them once at its end, not as each is added.
  cy.batch(() => cy.add(large ? nodeElements(positions) : nodeElements(positions).concat(edges)));
  if (large) {
    edgeLayer = window.relgraphEdgeLayer(cy, drawnAs);
    edgeLayer.set(layerItems(edges));
  }
  hookEvents();
  performance.mark("relgraph:elements");
  layout(() => {
    performance.mark("relgraph:layout");
    update();
    // Fit once the side panel of a selection in the URL has opened.
    cy.fit(cy.nodes().not(".hidden"), 30);
    performance.mark("relgraph:filters");
    if (state.selected && state.selected.kind === "a" && actorById.has(state.selected.id)) {
      centre(cy.getElementById(actorById.get(state.selected.id).key));
    }
    if (large) edgeLayer.draw();
    cy.one("render", () => {
      // Exposed for scripts and relgraph's browser tests: the Cytoscape instance and when
      // the first full drawing was done (ms since the page started loading).
      window.relgraphPage = { cy: cy, readyAt: performance.now(), large: large,
                              edges: edgeLayer };
      document.body.dataset.ready = "1";
    });
    cy.forceRender();
  });
})();
