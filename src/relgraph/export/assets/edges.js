/* relgraph's page: the edges of a large graph, drawn on a canvas of their own under
 * Cytoscape's nodes.
 *
 * Cytoscape.js spends a fifth of a millisecond of the main thread on each edge element before
 * its first drawing (making, styling and measuring it): two seconds for 10,000 relations. A
 * plain canvas draws 10,000 lines in a few milliseconds, and the page asks this layer which
 * edge is under the pointer, so edges keep their tooltips and clicks. The edges look as
 * Cytoscape drew them: straight lines between the actors' centres, as wide as the style says
 * at the current zoom, an arrowhead at the middle unless mutual, a bundle's count as a label. */
(function () {
  "use strict";

  // Cytoscape's triangle arrowhead at arrow-scale 1.8: its size grows with the line's width.
  const ARROW_SCALE = 1.8;
  // A bundle's count is written once its 10-unit font would be at least this many pixels high:
  // smaller, it is an unreadable smudge on every edge.
  const LABEL_FONT = 10;
  const LABEL_MIN_PX = 6;
  // The pointer is on an edge within this many pixels of its side.
  const HIT_PX = 4;
  // Edges drawn together, in data order: few enough slices to stay fast, enough to mix colours.
  const SLICE = 250;
  const CHOSEN = { colour: "#ffd54f", alpha: 0.9, padding: 4 };

  function arrowSize(width) {
    return Math.max(Math.pow(width * 13.37, 0.9), 29) * ARROW_SCALE * 0.3;
  }

  // items: [{id, from, to, colour, mutual}], `from` and `to` the indexes of the nodes in
  // cy.nodes(); looks: a Map from an item's id to {label, width} while it is shown.
  window.relgraphEdgeLayer = function (cy, looks) {
    const container = cy.container();
    const canvas = document.createElement("canvas");
    canvas.className = "edge-layer";
    container.prepend(canvas);
    const context = canvas.getContext("2d");
    let items = [];
    let chosen = null;
    let frame = null; // the drawing asked for the next frame
    const layer = { labelsDrawn: 0 };

    function ends(item, places) {
      return [places[item.from], places[item.to]];
    }

    function path(list, places, width) {
      context.beginPath();
      for (const item of list) {
        const [a, b] = ends(item, places);
        context.moveTo(a.x, a.y);
        context.lineTo(b.x, b.y);
      }
      context.lineWidth = width;
    }

    function arrowheads(list, places, width) {
      const size = arrowSize(width);
      context.beginPath();
      for (const item of list) {
        if (item.mutual) continue;
        const [a, b] = ends(item, places);
        const length = Math.hypot(b.x - a.x, b.y - a.y);
        if (!length) continue;
        const ux = (b.x - a.x) / length, uy = (b.y - a.y) / length;
        const mx = (a.x + b.x) / 2, my = (a.y + b.y) / 2;
        context.moveTo(mx, my);
        context.lineTo(mx - ux * size - uy * size / 2, my - uy * size + ux * size / 2);
        context.lineTo(mx - ux * size + uy * size / 2, my - uy * size - ux * size / 2);
        context.closePath();
      }
      context.fill();
    }

    function labels(list, places, zoom) {
      let drawn = 0;
      if (LABEL_FONT * zoom < LABEL_MIN_PX) return drawn;
      context.font = LABEL_FONT + "px system-ui, sans-serif";
      context.textAlign = "center";
      context.textBaseline = "middle";
      for (const item of list) {
        const look = looks.get(item.id);
        if (!look.label) continue;
        const [a, b] = ends(item, places);
        const x = (a.x + b.x) / 2, y = (a.y + b.y) / 2;
        const w = context.measureText(look.label).width + 2;
        context.fillStyle = "rgba(255, 255, 255, 0.8)";
        context.fillRect(x - w / 2, y - LABEL_FONT / 2 - 1, w, LABEL_FONT + 2);
        context.fillStyle = item.colour;
        context.fillText(look.label, x, y);
        drawn++;
      }
      return drawn;
    }

    layer.draw = function () {
      cancelAnimationFrame(frame);
      frame = null;
      const width = container.clientWidth, height = container.clientHeight;
      if (canvas.width !== width || canvas.height !== height) {
        canvas.width = width;
        canvas.height = height;
      }
      context.setTransform(1, 0, 0, 1, 0, 0);
      context.clearRect(0, 0, width, height);
      const zoom = cy.zoom(), pan = cy.pan();
      context.setTransform(zoom, 0, 0, zoom, pan.x, pan.y);
      const places = cy.nodes().map((node) => node.position());
      const shown = items.filter((item) => looks.get(item.id));
      // One path per colour and width: a few strokes instead of one per edge. Slice by slice
      // in data order, so that no colour lies wholly on top of the others.
      for (let start = 0; start < shown.length; start += SLICE) {
        const groups = new Map();
        for (const item of shown.slice(start, start + SLICE)) {
          const width = looks.get(item.id).width;
          const key = item.colour + " " + width;
          if (!groups.has(key)) groups.set(key, { colour: item.colour, width: width, list: [] });
          groups.get(key).list.push(item);
        }
        for (const group of groups.values()) {
          path(group.list, places, group.width);
          context.strokeStyle = group.colour;
          context.stroke();
          context.fillStyle = group.colour;
          arrowheads(group.list, places, group.width);
        }
      }
      // The chosen edge again on top, on its highlight, so that no other edge hides it.
      const picked = chosen !== null && looks.get(chosen.id) ? chosen : null;
      if (picked) {
        const width = looks.get(picked.id).width;
        path([picked], places, width + 2 * CHOSEN.padding);
        context.globalAlpha = CHOSEN.alpha;
        context.strokeStyle = CHOSEN.colour;
        context.stroke();
        context.globalAlpha = 1;
        path([picked], places, width);
        context.strokeStyle = picked.colour;
        context.stroke();
        context.fillStyle = picked.colour;
        arrowheads([picked], places, width);
      }
      layer.labelsDrawn = labels(shown, places, zoom);
    };

    // At most one drawing a frame, however many events ask for one; a drawing now makes the
    // one asked for the next frame unneeded.
    layer.schedule = function () {
      if (frame === null) frame = requestAnimationFrame(layer.draw);
    };

    layer.set = function (list) {
      items = list;
      chosen = null;
    };

    layer.choose = function (id) {
      chosen = id === null ? null : items.find((item) => item.id === id) || null;
      layer.schedule();
    };

    // The id of the shown edge nearest to a point (rendered coordinates in the graph's box)
    // if the point is on it, else null.
    layer.edgeAt = function (point) {
      const zoom = cy.zoom(), pan = cy.pan();
      const x = (point.x - pan.x) / zoom, y = (point.y - pan.y) / zoom;
      const places = cy.nodes().map((node) => node.position());
      let best = null;
      let bestDistance = Infinity;
      for (const item of items) {
        const look = looks.get(item.id);
        if (!look) continue;
        const [a, b] = ends(item, places);
        const dx = b.x - a.x, dy = b.y - a.y;
        const t = dx || dy
          ? Math.min(Math.max(((x - a.x) * dx + (y - a.y) * dy) / (dx * dx + dy * dy), 0), 1)
          : 0;
        const distance = Math.hypot(x - a.x - t * dx, y - a.y - t * dy);
        if (distance <= look.width / 2 + HIT_PX / zoom && distance < bestDistance) {
          best = item.id;
          bestDistance = distance;
        }
      }
      return best;
    };

    // Where an edge's middle is drawn (rendered coordinates), for scripts and tests.
    layer.middle = function (id) {
      const item = items.find((one) => one.id === id);
      const places = cy.nodes().map((node) => node.position());
      const [a, b] = ends(item, places);
      const zoom = cy.zoom(), pan = cy.pan();
      return { x: ((a.x + b.x) / 2) * zoom + pan.x, y: ((a.y + b.y) / 2) * zoom + pan.y };
    };

    // The edges drawn now: [{id, rid, label}] (rid: the id of its first relation).
    layer.shown = function () {
      return items.filter((item) => looks.get(item.id))
        .map((item) => ({ id: item.id, rid: item.rid, label: looks.get(item.id).label }));
    };

    cy.on("viewport", layer.schedule);
    // Cytoscape says "resize" once after its first drawing whatever the size: redraw only if
    // the box did change.
    cy.on("resize", () => {
      if (canvas.width !== container.clientWidth || canvas.height !== container.clientHeight) {
        layer.schedule();
      }
    });
    cy.on("position", "node", layer.schedule);
    return layer;
  };
})();
