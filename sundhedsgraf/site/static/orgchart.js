/* sundhedsgraf organisation charts: lays out the chart data of every <figure class="sg-orgchart">
 * with ELK's layered algorithm (elk.bundled.js, run on the main thread: no worker to fetch, so the
 * page works from file://) and draws it as an SVG; "Hent SVG" / "Hent PNG" download it.
 *
 * The SVG carries all its presentation as attributes (no stylesheet, no class it needs), so the
 * downloaded file looks the same anywhere. Text is measured on a canvas in the SVG's own font and
 * wrapped to the box before the layout, so no box is smaller than its text.
 */
(function () {
  "use strict";
  if (window.sgOrgchart) return; // the fragment may be on a page twice
  var SVGNS = "http://www.w3.org/2000/svg";
  var FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', 'DejaVu Sans', sans-serif";
  var NAME_SIZE = 13;
  var NAME_LINE = 16;
  var NAME_WEIGHT = "600";
  var LABEL_SIZE = 11;
  var LABEL_HEIGHT = 17;
  var PAD_X = 10;
  var PAD_Y = 8;
  var MIN_TEXT = 130; // a box's text width: at least this, at most MAX_TEXT
  var MAX_TEXT = 240;
  var MAX_LINES = 7;
  var BAND_COLUMN = 132; // the band names' column left of the drawing
  var MARGIN = 16;
  var GAP = 22; // between boxes
  var LINE_CLEARANCE = 10; // between a packed box and a line passing it
  var PACK_MIN_WIDTH = 900;

  // top to bottom; the secretariats serve the bands above them, the local level is at the bottom
  var LEVELS = ["politisk", "administrativ", "sekretariat", "lokalt"];
  var LEVEL_STYLE = {
    politisk: { name: "Politisk niveau", fill: "#fbe3d6", stroke: "#a8432a", band: "#fdf4ef" },
    administrativ: { name: "Administrativt niveau", fill: "#dce8f5", stroke: "#2d5d93", band: "#f2f6fb" },
    sekretariat: { name: "Sekretariater", fill: "#ececec", stroke: "#5f5f5f", band: "#f7f7f7" },
    lokalt: { name: "Lokalt niveau", fill: "#dff0d8", stroke: "#3f7a32", band: "#f3f9f1" }
  };
  // a colour and a dash per relation; `superior` is the end drawn higher when both share a band
  var RELATIONS = {
    REPORTS_TO: { label: "refererer til", color: "#1b2f5e", dash: "", width: 2.2, superior: "target" },
    PREPARES_CASES_FOR: { label: "forbereder sager til", color: "#9a4a00", dash: "8 4", width: 1.8, superior: "target" },
    COMMISSIONS: { label: "giver opdrag til", color: "#1d6b30", dash: "12 4 2 4", width: 1.8, superior: "source" },
    SETS_UP: { label: "nedsætter", color: "#6a2c91", dash: "2 3", width: 2, superior: "source" },
    SECRETARIAT_FOR: { label: "sekretariat for", color: "#555555", dash: "14 5", width: 1.5, superior: "target" }
  };
  var RELATION_ORDER = ["REPORTS_TO", "PREPARES_CASES_FOR", "COMMISSIONS", "SETS_UP", "SECRETARIAT_FOR"];

  var measureContext = null;
  function textWidth(text, size, weight) {
    if (!measureContext) measureContext = document.createElement("canvas").getContext("2d");
    measureContext.font = (weight || "normal") + " " + size + "px " + FONT;
    return measureContext.measureText(text).width;
  }

  // Greedy wrap at spaces; only a word wider than the whole line is cut, with a hyphen.
  function wrap(text, width, size, weight) {
    var words = String(text).split(/\s+/).filter(Boolean);
    var lines = [];
    var line = "";
    words.forEach(function (word) {
      while (textWidth(word, size, weight) > width) {
        var cut = word.length - 1;
        while (cut > 1 && textWidth(word.slice(0, cut) + "-", size, weight) > width) cut--;
        if (line) { lines.push(line); line = ""; }
        lines.push(word.slice(0, cut) + "-");
        word = word.slice(cut);
      }
      var candidate = line ? line + " " + word : word;
      if (!line || textWidth(candidate, size, weight) <= width) {
        line = candidate;
      } else {
        lines.push(line);
        line = word;
      }
    });
    if (line) lines.push(line);
    return lines;
  }

  // A box for a name: as narrow as keeps it within three lines (never narrower than its longest
  // word), at most MAX_LINES lines (the full name stays in the box's tooltip).
  function boxFor(name) {
    var longest = 0;
    String(name).split(/\s+/).forEach(function (w) { longest = Math.max(longest, textWidth(w, NAME_SIZE, NAME_WEIGHT)); });
    var width = Math.min(MAX_TEXT, Math.max(MIN_TEXT, Math.ceil(longest) + 1));
    var lines = wrap(name, width, NAME_SIZE, NAME_WEIGHT);
    while (lines.length > 3 && width < MAX_TEXT) {
      width = Math.min(MAX_TEXT, width + 10);
      lines = wrap(name, width, NAME_SIZE, NAME_WEIGHT);
    }
    if (lines.length > MAX_LINES) {
      lines = lines.slice(0, MAX_LINES);
      var last = lines[MAX_LINES - 1];
      while (last.length > 1 && textWidth(last + " …", NAME_SIZE, NAME_WEIGHT) > width) last = last.slice(0, -1);
      lines[MAX_LINES - 1] = last.replace(/[\s,;:(-]+$/, "") + " …";
    }
    var widest = 0;
    lines.forEach(function (l) { widest = Math.max(widest, textWidth(l, NAME_SIZE, NAME_WEIGHT)); });
    return {
      lines: lines,
      width: Math.ceil(Math.max(widest, 100) + 2 * PAD_X),
      height: lines.length * NAME_LINE + 2 * PAD_Y
    };
  }

  function el(name, attrs, parent) {
    var node = document.createElementNS(SVGNS, name);
    Object.keys(attrs || {}).forEach(function (k) {
      if (attrs[k] !== null && attrs[k] !== undefined && attrs[k] !== "") node.setAttribute(k, String(attrs[k]));
    });
    if (parent) parent.appendChild(node);
    return node;
  }

  function textLines(parent, lines, x, y, size, lineHeight, attrs) {
    var all = { x: x, y: y, "font-size": size, "text-anchor": "middle" };
    Object.keys(attrs || {}).forEach(function (k) { all[k] = attrs[k]; });
    var t = el("text", all, parent);
    lines.forEach(function (line, i) {
      var span = el("tspan", { x: x, dy: i === 0 ? 0 : lineHeight }, t);
      span.textContent = line;
    });
    return t;
  }

  // ------------------------------------------------------------------------------------------
  // the layout

  // The ELK graph of the boxes that have a drawn relation. Every layout edge runs down the page:
  // from the band drawn higher, or within a band from the superior end (what is reported, prepared
  // or delivered to; who commissions or sets up); `reversed` says the arrow points the other way.
  // The arrows of one type into a box share one port, so they meet in one arrowhead as in a
  // hand-drawn chart, and that group carries one label, beside the arrowhead; at its tail every
  // arrow has a port of its own.
  function elkGraph(data, boxes, band) {
    var ports = {};
    var labelled = {};
    function port(node, type, side, edge) {
      var id = node + "::" + type + "::" + side + (edge ? "::" + edge : "");
      ports[node] = ports[node] || {};
      ports[node][id] = { id: id, width: 1, height: 1, layoutOptions: { "elk.port.side": side } };
      return id;
    }
    var edges = data.edges.map(function (e) {
      var up = RELATIONS[e.type].superior === "source" ? e.source : e.target;
      var down = up === e.source ? e.target : e.source;
      if (band[up] > band[down]) { var t = up; up = down; down = t; }
      var reversed = up !== e.source;
      var edge = {
        id: e.id,
        sources: [port(up, e.type, "SOUTH", reversed ? null : e.id)],
        targets: [port(down, e.type, "NORTH", reversed ? e.id : null)],
        labels: []
      };
      var group = e.type + "->" + e.target;
      if (!labelled[group]) {
        labelled[group] = true;
        edge.labels.push({
          id: e.id + "#label",
          text: e.label_da,
          width: Math.ceil(textWidth(e.label_da, LABEL_SIZE, "normal")) + 10,
          height: LABEL_HEIGHT,
          layoutOptions: { "elk.edgeLabels.placement": reversed ? "TAIL" : "HEAD" }
        });
      }
      return { elk: edge, reversed: reversed };
    });
    var children = data.nodes.filter(function (n) { return ports[n.id]; }).map(function (n) {
      return {
        id: n.id,
        width: boxes[n.id].width,
        height: boxes[n.id].height,
        ports: Object.keys(ports[n.id]).sort().map(function (k) { return ports[n.id][k]; }),
        layoutOptions: { "elk.partitioning.partition": String(band[n.id]), "elk.portConstraints": "FIXED_SIDE" }
      };
    });
    return {
      graph: {
        id: "root",
        layoutOptions: {
          "elk.algorithm": "layered",
          "elk.direction": "DOWN",
          "elk.partitioning.activate": "true",
          "elk.separateConnectedComponents": "false",
          "elk.edgeRouting": "ORTHOGONAL",
          "elk.layered.nodePlacement.strategy": "NETWORK_SIMPLEX",
          "elk.spacing.nodeNode": String(GAP),
          "elk.layered.spacing.nodeNodeBetweenLayers": "34",
          "elk.spacing.edgeNode": "14",
          "elk.spacing.edgeEdge": "10",
          "elk.layered.spacing.edgeNodeBetweenLayers": "14",
          "elk.layered.spacing.edgeEdgeBetweenLayers": "8",
          "elk.spacing.edgeLabel": "4",
          "elk.spacing.labelLabel": "6",
          "elk.spacing.labelPortHorizontal": "6",
          "elk.spacing.labelPortVertical": "4",
          "elk.padding": "[top=12,left=12,bottom=12,right=12]"
        },
        children: children,
        edges: edges.map(function (e) { return e.elk; })
      },
      reversed: edges.reduce(function (m, e) { m[e.elk.id] = e.reversed; return m; }, {})
    };
  }

  // ELK's result as plain geometry: boxes, polylines (in the arrow's direction) and labels.
  function geometry(laid, reversed) {
    var g = { boxes: {}, edges: [], width: laid.width || 0, height: laid.height || 0 };
    (laid.children || []).forEach(function (c) { g.boxes[c.id] = { x: c.x, y: c.y, width: c.width, height: c.height }; });
    (laid.edges || []).forEach(function (e) {
      var s = e.sections && e.sections[0];
      var pts = s ? [s.startPoint].concat(s.bendPoints || [], [s.endPoint]).map(function (p) { return { x: p.x, y: p.y }; }) : [];
      if (reversed[e.id]) pts.reverse();
      g.edges.push({
        id: e.id,
        points: pts,
        junctions: (e.junctionPoints || []).map(function (p) { return { x: p.x, y: p.y }; }),
        labels: (e.labels || []).map(function (l) { return { text: l.text, x: l.x, y: l.y, width: l.width, height: l.height }; })
      });
    });
    return g;
  }

  // Moves everything below y down by dy (orthogonal lines stay orthogonal: a segment crossing y
  // is vertical and only grows).
  function shiftBelow(g, y, dy) {
    Object.keys(g.boxes).forEach(function (id) { if (g.boxes[id].y > y) g.boxes[id].y += dy; });
    g.edges.forEach(function (e) {
      e.points.concat(e.junctions).forEach(function (p) { if (p.y > y) p.y += dy; });
      e.labels.forEach(function (l) { if (l.y > y) l.y += dy; });
    });
    g.height += dy;
  }

  // The x intervals that lines crossing the height y occupy.
  function blockedAt(g, y) {
    var blocked = [];
    g.edges.forEach(function (e) {
      for (var i = 1; i < e.points.length; i++) {
        var a = e.points[i - 1];
        var b = e.points[i];
        if (Math.min(a.y, b.y) <= y && Math.max(a.y, b.y) >= y) {
          blocked.push([Math.min(a.x, b.x) - LINE_CLEARANCE, Math.max(a.x, b.x) + LINE_CLEARANCE]);
        }
      }
    });
    return blocked.sort(function (p, q) { return p[0] - q[0]; });
  }

  // Rows of boxes from x0 to x1 that step over the blocked intervals; positions relative to the
  // strip's top, and the strip's height.
  function packRows(ids, boxes, blocked, x0, x1) {
    var placed = {};
    var y = 0;
    var i = 0;
    while (i < ids.length) {
      var x = x0;
      var tallest = 0;
      var placedInRow = 0;
      while (i < ids.length) {
        var b = boxes[ids[i]];
        var moved = true;
        while (moved) {
          moved = false;
          for (var k = 0; k < blocked.length; k++) {
            if (x < blocked[k][1] && x + b.width > blocked[k][0]) { x = blocked[k][1]; moved = true; }
          }
        }
        if (x + b.width > x1 && placedInRow > 0) break;
        placed[ids[i]] = { x: x, y: y, width: b.width, height: b.height };
        x += b.width + GAP;
        tallest = Math.max(tallest, b.height);
        placedInRow++;
        i++;
      }
      y += tallest + GAP;
    }
    return { placed: placed, height: y };
  }

  // The boxes with no drawn relation, packed in rows below their band's other boxes (or where their
  // band would be), as wide as the drawing, between the lines that pass there.
  function packUnrelated(g, data, band, boxes) {
    var related = {};
    data.edges.forEach(function (e) { related[e.source] = related[e.target] = true; });
    var width = Math.max(g.width, PACK_MIN_WIDTH);
    var strips = [];
    LEVELS.forEach(function (level, p) {
      var ids = data.nodes.filter(function (n) { return band[n.id] === p && !related[n.id]; }).map(function (n) { return n.id; });
      if (!ids.length) return;
      // below the lowest related box of this band or of any band above it, and below any label there
      var y = 0;
      Object.keys(g.boxes).forEach(function (id) {
        if (band[id] <= p) y = Math.max(y, g.boxes[id].y + g.boxes[id].height);
      });
      g.edges.forEach(function (e) {
        e.labels.forEach(function (l) { if (l.y < y && l.y + l.height > y) y = l.y + l.height; });
      });
      strips.push({ band: p, ids: ids, y: y + 1 });
    });
    // bottom band first, so that a strip of a higher band at the same height pushes it down
    strips.sort(function (a, b) { return b.y - a.y || b.band - a.band; });
    strips.forEach(function (s) {
      var pack = packRows(s.ids, boxes, blockedAt(g, s.y), 12, width - 12);
      shiftBelow(g, s.y, pack.height);
      Object.keys(pack.placed).forEach(function (id) {
        var b = pack.placed[id];
        g.boxes[id] = { x: b.x, y: s.y + GAP + b.y, width: b.width, height: b.height };
      });
    });
    g.width = width;
    g.height = Math.max(g.height, maxBottom(g) + 12);
  }

  function maxBottom(g) {
    var y = 0;
    Object.keys(g.boxes).forEach(function (id) { y = Math.max(y, g.boxes[id].y + g.boxes[id].height); });
    return y;
  }

  function layout(data, boxes) {
    var band = {};
    data.nodes.forEach(function (n) { band[n.id] = LEVELS.indexOf(n.level); });
    var built = elkGraph(data, boxes, band);
    var ready = built.graph.children.length
      ? new window.ELK().layout(built.graph)
      : Promise.resolve({ children: [], edges: [], width: 0, height: 0 });
    return ready.then(function (laid) {
      var g = geometry(laid, built.reversed);
      packUnrelated(g, data, band, boxes);
      g.bands = bandExtents(g, data);
      return g;
    });
  }

  // Each band's vertical extent, the boundaries halfway between neighbours.
  function bandExtents(g, data) {
    var extents = [];
    LEVELS.forEach(function (level) {
      var rects = data.nodes.filter(function (n) { return n.level === level; }).map(function (n) { return g.boxes[n.id]; });
      if (!rects.length) return;
      extents.push({
        level: level,
        top: Math.min.apply(null, rects.map(function (r) { return r.y; })),
        bottom: Math.max.apply(null, rects.map(function (r) { return r.y + r.height; }))
      });
    });
    extents.forEach(function (b, i) {
      b.from = i === 0 ? 0 : (extents[i - 1].bottom + b.top) / 2;
      b.to = i === extents.length - 1 ? g.height : (b.bottom + extents[i + 1].top) / 2;
    });
    return extents;
  }

  // ------------------------------------------------------------------------------------------
  // the drawing

  function markerId(figure, type) {
    return figure.id + "-arrow-" + type.toLowerCase();
  }

  function draw(figure, data, g, boxes) {
    var root = figure.getAttribute("data-root") || "";
    var titleText = figure.querySelector(".sg-orgchart__title").textContent;
    var byId = {};
    data.nodes.forEach(function (n) { byId[n.id] = n; });
    var edgeById = {};
    data.edges.forEach(function (e) { edgeById[e.id] = e; });
    var dx = MARGIN + BAND_COLUMN;
    var dy = MARGIN;
    var width = Math.ceil(dx + g.width + MARGIN);
    var usedTypes = RELATION_ORDER.filter(function (t) { return data.edges.some(function (e) { return e.type === t; }); });
    var legend = legendLayout(usedTypes, g.bands.map(function (b) { return b.level; }), data, width - 2 * MARGIN);
    var height = Math.ceil(dy + g.height + 18 + legend.height + MARGIN);

    var svg = el("svg", {
      xmlns: SVGNS,
      width: width,
      height: height,
      viewBox: "0 0 " + width + " " + height,
      "font-family": FONT,
      role: "group",
      "aria-label": titleText
    });
    el("title", {}, svg).textContent = titleText;
    var defs = el("defs", {}, svg);
    usedTypes.forEach(function (t) {
      var m = el("marker", {
        id: markerId(figure, t), viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 9, markerHeight: 9,
        orient: "auto-start-reverse", markerUnits: "userSpaceOnUse"
      }, defs);
      el("path", { d: "M0,0 L10,5 L0,10 z", fill: RELATIONS[t].color }, m);
    });
    el("rect", { x: 0, y: 0, width: width, height: height, fill: "#ffffff" }, svg);

    var bands = el("g", { "data-part": "bands" }, svg);
    g.bands.forEach(function (b) {
      var style = LEVEL_STYLE[b.level];
      el("rect", {
        x: MARGIN, y: dy + b.from, width: width - 2 * MARGIN, height: b.to - b.from,
        fill: style.band, stroke: "#d9d9d9", "stroke-width": 1, "data-band": b.level
      }, bands);
      var name = wrap(style.name, BAND_COLUMN - 24, 13, "700");
      textLines(bands, name, MARGIN + 10, dy + b.from + 22, 13, 16, { "text-anchor": "start", "font-weight": 700, fill: style.stroke });
    });

    var edgeLayer = el("g", { "data-part": "edges", fill: "none" }, svg);
    var labelLayer = el("g", { "data-part": "labels" }, svg);
    g.edges.forEach(function (e) {
      var source = edgeById[e.id];
      var style = RELATIONS[source.type];
      var d = e.points.map(function (p, i) { return (i ? "L" : "M") + (p.x + dx).toFixed(1) + "," + (p.y + dy).toFixed(1); }).join(" ");
      var path = el("path", {
        d: d,
        stroke: style.color,
        "stroke-width": style.width,
        "stroke-dasharray": style.dash,
        "stroke-linecap": source.type === "SETS_UP" ? "round" : "butt",
        "marker-end": "url(#" + markerId(figure, source.type) + ")",
        "data-edge": e.id,
        "data-type": source.type
      }, edgeLayer);
      el("title", {}, path).textContent = byId[source.source].name + " " + source.label_da + " " + byId[source.target].name;
      // where arrows of one group meet
      e.junctions.forEach(function (p) {
        el("circle", { cx: p.x + dx, cy: p.y + dy, r: 3.2, fill: style.color, stroke: "none" }, edgeLayer);
      });
      e.labels.forEach(function (l) {
        var lg = el("g", { "data-label": e.id }, labelLayer);
        el("rect", {
          x: l.x + dx, y: l.y + dy, width: l.width, height: l.height, rx: 3,
          fill: "#ffffff", stroke: style.color, "stroke-width": 0.6
        }, lg);
        textLines(lg, [l.text], l.x + dx + l.width / 2, l.y + dy + l.height / 2 + LABEL_SIZE * 0.36, LABEL_SIZE, LABEL_SIZE,
          { fill: style.color, "font-style": "italic" });
      });
    });

    var boxLayer = el("g", { "data-part": "boxes" }, svg);
    data.nodes.forEach(function (n) {
      var r = g.boxes[n.id];
      var style = LEVEL_STYLE[n.level];
      var link = el("a", { href: root + n.href, "data-node": n.id }, boxLayer);
      el("title", {}, link).textContent = n.name;
      el("rect", {
        x: r.x + dx, y: r.y + dy, width: r.width, height: r.height,
        rx: n.kind === "Organisation" ? 0 : 7,
        fill: style.fill, stroke: style.stroke, "stroke-width": 1.5,
        "data-box": n.id
      }, link);
      textLines(link, boxes[n.id].lines, r.x + dx + r.width / 2, r.y + dy + PAD_Y + NAME_SIZE * 0.92, NAME_SIZE, NAME_LINE,
        { "font-weight": NAME_WEIGHT, fill: "#1a1a1a" });
    });

    drawLegend(svg, legend, MARGIN, dy + g.height + 18, figure);
    return svg;
  }

  // The legend's items in rows no wider than the drawing.
  function legendLayout(types, levels, data, maxWidth) {
    var items = [];
    types.forEach(function (t) {
      items.push({ kind: "relation", type: t, text: RELATIONS[t].label, width: 54 + textWidth(RELATIONS[t].label, 12, "normal") });
    });
    levels.forEach(function (l) {
      items.push({ kind: "level", level: l, text: LEVEL_STYLE[l].name, width: 30 + textWidth(LEVEL_STYLE[l].name, 12, "normal") });
    });
    if (data.nodes.some(function (n) { return n.kind === "Organisation"; })) {
      var org = "lige hjørner: en organisation, ikke et forum";
      items.push({ kind: "org", text: org, width: 30 + textWidth(org, 12, "normal") });
    }
    var rows = [[]];
    var x = 0;
    var usable = Math.max(maxWidth - 140, 220);
    items.forEach(function (it) {
      if (x > 0 && x + it.width > usable) { rows.push([]); x = 0; }
      it.x = x;
      rows[rows.length - 1].push(it);
      x += it.width + 22;
    });
    return { rows: rows, height: 8 + rows.length * 22 };
  }

  function drawLegend(svg, legend, x0, y0, figure) {
    var g = el("g", { "data-part": "legend" }, svg);
    el("text", { x: x0, y: y0 + 12, "font-size": 12, "font-weight": 700, fill: "#333333" }, g).textContent = "Signaturforklaring";
    var items = el("g", { transform: "translate(" + (x0 + 130) + "," + y0 + ")" }, g);
    legend.rows.forEach(function (row, r) {
      var y = r * 22 + 8;
      row.forEach(function (it) {
        if (it.kind === "relation") {
          var s = RELATIONS[it.type];
          el("path", {
            d: "M" + it.x + "," + y + " L" + (it.x + 44) + "," + y,
            stroke: s.color, "stroke-width": s.width, "stroke-dasharray": s.dash, fill: "none",
            "stroke-linecap": it.type === "SETS_UP" ? "round" : "butt",
            "marker-end": "url(#" + markerId(figure, it.type) + ")"
          }, items);
          el("text", { x: it.x + 52, y: y + 4, "font-size": 12, fill: s.color, "font-style": "italic" }, items).textContent = it.text;
        } else {
          var st = it.kind === "level" ? LEVEL_STYLE[it.level] : { fill: "#ffffff", stroke: "#333333" };
          el("rect", {
            x: it.x, y: y - 7, width: 22, height: 14, rx: it.kind === "org" ? 0 : 4,
            fill: st.fill, stroke: st.stroke, "stroke-width": 1.5
          }, items);
          el("text", { x: it.x + 28, y: y + 4, "font-size": 12, fill: "#333333" }, items).textContent = it.text;
        }
      });
    });
  }

  // ------------------------------------------------------------------------------------------
  // downloads

  // The drawing as a standalone SVG file: no links (their targets are pages of the site), nothing
  // it would fetch, fonts by name only.
  function standalone(svg) {
    var copy = svg.cloneNode(true);
    Array.prototype.slice.call(copy.querySelectorAll("a")).forEach(function (a) {
      while (a.firstChild) a.parentNode.insertBefore(a.firstChild, a);
      a.parentNode.removeChild(a);
    });
    copy.removeAttribute("role");
    copy.setAttribute("version", "1.1");
    return '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n' + new XMLSerializer().serializeToString(copy) + "\n";
  }

  function save(blob, filename) {
    var url = URL.createObjectURL(blob);
    var a = document.createElement("a");
    a.href = url;
    a.download = filename;
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }

  function downloadPng(svg, filename, status) {
    var w = Number(svg.getAttribute("width"));
    var h = Number(svg.getAttribute("height"));
    var scale = Math.min(2, 16000 / Math.max(w, h)); // sharp on high-density screens, within canvas limits
    var img = new Image();
    img.onload = function () {
      var canvas = document.createElement("canvas");
      canvas.width = Math.round(w * scale);
      canvas.height = Math.round(h * scale);
      var ctx = canvas.getContext("2d");
      ctx.fillStyle = "#ffffff";
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
      canvas.toBlob(function (blob) {
        if (blob) save(blob, filename);
        else status("PNG-filen kunne ikke laves.");
      }, "image/png");
    };
    img.onerror = function () { status("PNG-filen kunne ikke laves."); };
    img.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(standalone(svg));
  }

  // ------------------------------------------------------------------------------------------

  function render(figure) {
    var statusEl = figure.querySelector(".sg-orgchart__status");
    var canvas = figure.querySelector(".sg-orgchart__canvas");
    var buttons = Array.prototype.slice.call(figure.querySelectorAll("button[data-download]"));
    function status(message) {
      if (statusEl) statusEl.textContent = message;
    }
    function fail(kind, message) {
      status(message);
      buttons.forEach(function (b) { b.disabled = true; });
      figure.setAttribute("data-error", kind);
    }
    var data;
    try {
      data = JSON.parse(figure.querySelector("script.sg-orgchart__data").textContent);
    } catch (err) {
      fail("data", "Diagrammets data kunne ikke læses.");
      return Promise.resolve();
    }
    if (!data.nodes.length) {
      status("Ingen fora i kraft på datoen.");
      buttons.forEach(function (b) { b.disabled = true; });
      figure.setAttribute("data-ready", "true");
      return Promise.resolve();
    }
    if (typeof window.ELK !== "function") {
      fail("elk", "Layoutbiblioteket (elk.bundled.js) mangler i sidens assets-mappe.");
      return Promise.resolve();
    }
    var boxes = {};
    data.nodes.forEach(function (n) { boxes[n.id] = boxFor(n.name); });
    return layout(data, boxes).then(function (g) {
      var svg = draw(figure, data, g, boxes);
      canvas.textContent = "";
      canvas.appendChild(svg);
      status(data.nodes.length + " organer og " + data.edges.length + " relationer.");
      var base = "organisationsdiagram-" + data.region + "-" + data.as_of;
      figure.querySelector('button[data-download="svg"]').addEventListener("click", function () {
        save(new Blob([standalone(svg)], { type: "image/svg+xml;charset=utf-8" }), base + ".svg");
      });
      figure.querySelector('button[data-download="png"]').addEventListener("click", function () {
        downloadPng(svg, base + ".png", status);
      });
      figure.setAttribute("data-ready", "true");
    }).catch(function (err) {
      fail("layout", "Diagrammet kunne ikke tegnes: " + (err && err.message ? err.message : err));
    });
  }

  function start() {
    var figures = Array.prototype.slice.call(document.querySelectorAll("figure.sg-orgchart:not([data-started])"));
    figures.forEach(function (f) { f.setAttribute("data-started", "true"); });
    return figures.reduce(function (p, f) { return p.then(function () { return render(f); }); }, Promise.resolve());
  }

  window.sgOrgchart = { start: start };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
