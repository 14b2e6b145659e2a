/* kg viewer: reads the graph from the JSON block, draws it with vis-network, and shows evidence.
   Every string from the data reaches the page through textContent or a canvas label: never as HTML. */
(function () {
  "use strict";

  var DATA = JSON.parse(document.getElementById("kg-data").textContent);
  var docs = DATA.docs;
  var styles = DATA.styles;
  var nodesById = new Map();
  DATA.nodes.forEach(function (n) { nodesById.set(n.id, n); });
  var edgesById = new Map();
  DATA.edges.forEach(function (e) { edgesById.set(e.id, e); });
  var adjacency = new Map();
  DATA.nodes.forEach(function (n) { adjacency.set(n.id, []); });
  DATA.edges.forEach(function (e) { adjacency.get(e.from).push(e); adjacency.get(e.to).push(e); });

  // ---- small DOM helpers: text only ------------------------------------------------------------
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function fold(s) {
    return String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[\u2018\u2019`']/g, "'").replace(/[-\u2010-\u2015]/g, "-");
  }
  function docLabel(stem) {
    var d = docs[stem] || {};
    return (d.title || stem) + (d.date ? " (" + d.date + ")" : "");
  }

  // ---- state and filters -----------------------------------------------------------------------
  var classes = Array.from(new Set(DATA.nodes.map(function (n) { return n.cls; }))).sort();
  var relations = Array.from(new Set(DATA.edges.map(function (e) { return e.rel; }))).sort();
  var stems = Object.keys(docs).sort();
  var state = {
    types: new Set(classes), relations: new Set(relations), articles: new Set(stems),
    from: "", to: "", minConfidence: 0, focus: null, isolated: false
  };

  function docOk(stem) {
    if (!state.articles.has(stem)) return false;
    var date = (docs[stem] || {}).date || "";
    if ((state.from || state.to) && !date) return false;
    if (state.from && date < state.from) return false;
    if (state.to && date > state.to) return false;
    return true;
  }
  function evidenceOk(ev) { return docOk(ev.doc) && ev.confidence >= state.minConfidence; }
  function factFilterActive() { return state.minConfidence > 0 || state.relations.size < relations.length; }

  var visibleNodes = new Set();
  var visibleEdges = new Set();
  function recompute() {
    var candidates = new Set();
    DATA.nodes.forEach(function (n) {
      if (!state.types.has(n.cls)) return;
      if (state.focus && !state.focus.has(n.id)) return;
      if (!n.docs.some(docOk)) return;
      if (!state.isolated && !n.degree) return;
      candidates.add(n.id);
    });
    visibleEdges = new Set();
    var touched = new Set();
    DATA.edges.forEach(function (e) {
      if (!state.relations.has(e.rel)) return;
      if (!candidates.has(e.from) || !candidates.has(e.to)) return;
      if (!e.evidence.some(evidenceOk)) return;
      visibleEdges.add(e.id);
      touched.add(e.from); touched.add(e.to);
    });
    var strict = factFilterActive();
    visibleNodes = new Set();
    candidates.forEach(function (id) { if (!strict || touched.has(id)) visibleNodes.add(id); });
  }

  // ---- vis-network data ------------------------------------------------------------------------
  var pairIndex = new Map();
  var visEdges = DATA.edges.map(function (e) {
    var key = e.from < e.to ? e.from + "\u0000" + e.to : e.to + "\u0000" + e.from;
    var k = pairIndex.get(key) || 0;
    pairIndex.set(key, k + 1);
    var smooth = k === 0 ? false
      : { enabled: true, type: k % 2 ? "curvedCW" : "curvedCCW", roundness: 0.2 * Math.ceil(k / 2) };
    return { id: e.id, from: e.from, to: e.to, label: e.rel, arrows: "to", smooth: smooth };
  });
  var visNodes = DATA.nodes.map(function (n) {
    var st = styles[n.cls] || { color: "#999999", shape: "dot" };
    return { id: n.id, label: n.label, shape: st.shape, color: st.color, value: 1 + n.degree + n.docs.length };
  });
  var nodeSet = new vis.DataSet(visNodes);
  var edgeSet = new vis.DataSet(visEdges);
  recompute();
  var nodeView = new vis.DataView(nodeSet, { filter: function (n) { return visibleNodes.has(n.id); } });
  var edgeView = new vis.DataView(edgeSet, { filter: function (e) { return visibleEdges.has(e.id); } });

  var big = DATA.nodes.length > 300;
  var options = {
    layout: { improvedLayout: !big, randomSeed: 7 },
    nodes: { scaling: { min: 8, max: 36, label: { enabled: true, min: 11, max: 22, drawThreshold: 4 } },
             font: { size: 12 }, borderWidth: 1 },
    edges: { font: { size: 9, align: "middle", color: "#555", strokeWidth: 2 }, color: { color: "#9aa", highlight: "#333" },
             width: 1, selectionWidth: 2, arrows: { to: { enabled: true, scaleFactor: 0.5 } } },
    physics: big
      ? { solver: "forceAtlas2Based", forceAtlas2Based: { gravitationalConstant: -40, springLength: 80, avoidOverlap: 0.2 },
          stabilization: { enabled: true, iterations: 400, updateInterval: 50, fit: true }, timestep: 0.5,
          adaptiveTimestep: true }
      : { solver: "barnesHut", barnesHut: { gravitationalConstant: -6000, springLength: 140, avoidOverlap: 0.2 },
          stabilization: { enabled: true, iterations: 600, updateInterval: 25, fit: true } },
    interaction: { hover: true, hideEdgesOnDrag: big, tooltipDelay: 1e9, multiselect: false }
  };

  var stats = { started: performance.now(), stabilisedMs: null, nodes: DATA.nodes.length, edges: DATA.edges.length };
  var container = document.getElementById("network");
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, options);
  // positions are kept in the DataSet, so nodes hidden and shown again come back where they were;
  // nodes never laid out are placed beside a placed neighbour (physics is off after the first layout)
  var placed = new Set();
  function storePositions() {
    var pos = network.getPositions();
    var updates = Object.keys(pos).map(function (id) { placed.add(id); return { id: id, x: pos[id].x, y: pos[id].y }; });
    nodeSet.update(updates);
  }
  function placeNew() {
    if (!stats.stabilisedMs) return;
    var updates = [];
    visibleNodes.forEach(function (id) {
      if (placed.has(id)) return;
      var anchor = null;
      (adjacency.get(id) || []).some(function (e) {
        var w = e.from === id ? e.to : e.from;
        if (placed.has(w)) { anchor = nodeSet.get(w); return true; }
        return false;
      });
      var angle = (updates.length * 2.399963) % (2 * Math.PI);
      var r = anchor ? 60 : 400 + 10 * updates.length;
      var x = (anchor ? anchor.x : 0) + r * Math.cos(angle), y = (anchor ? anchor.y : 0) + r * Math.sin(angle);
      updates.push({ id: id, x: x, y: y });
      placed.add(id);
    });
    if (updates.length) nodeSet.update(updates);
  }

  network.once("stabilizationIterationsDone", function () {
    network.setOptions({ physics: { enabled: false } });
    storePositions();
    stats.stabilisedMs = performance.now() - stats.started;
    document.body.setAttribute("data-stable", "yes");
  });
  network.on("dragEnd", function () { storePositions(); });

  function refresh() {
    recompute();
    placeNew();
    nodeView.refresh();
    edgeView.refresh();
    document.getElementById("counts").textContent =
      visibleNodes.size + " of " + DATA.nodes.length + " nodes · " + visibleEdges.size + " of " + DATA.edges.length + " edges";
  }

  // ---- side panel ------------------------------------------------------------------------------
  var panel = document.getElementById("panel");

  function evidenceBlock(ev) {
    var box = el("div", "evidence");
    box.appendChild(el("p", "sentence", ev.sentence || "(no sentence)"));
    box.appendChild(el("div", "meta", docLabel(ev.doc) + " · " + ev.extractor + " · confidence " + ev.confidence.toFixed(2)));
    return box;
  }

  function showEdge(id) {
    var e = edgesById.get(id);
    if (!e) return;
    clear(panel);
    var head = el("h3");
    var a = el("span", "link", nodesById.get(e.from).label);
    a.addEventListener("click", function () { select(e.from); });
    var b = el("span", "link", nodesById.get(e.to).label);
    b.addEventListener("click", function () { select(e.to); });
    head.appendChild(a);
    head.appendChild(document.createTextNode(" —" + e.rel + "→ "));
    head.appendChild(b);
    panel.appendChild(head);
    var shown = e.evidence.filter(evidenceOk);
    panel.appendChild(el("div", "type", shown.length + " evidence sentence" + (shown.length === 1 ? "" : "s") +
      (shown.length < e.evidence.length ? " (of " + e.evidence.length + "; the rest are filtered out)" : "")));
    shown.forEach(function (ev) { panel.appendChild(evidenceBlock(ev)); });
  }

  function showNode(id) {
    var n = nodesById.get(id);
    if (!n) return;
    clear(panel);
    panel.appendChild(el("h3", "name", n.label));
    panel.appendChild(el("div", "type", n.cls));
    if (n.aliases.length) {
      panel.appendChild(el("h2", null, "Also written"));
      panel.appendChild(el("div", "aliases", n.aliases.join(" · ")));
    }
    var hop = el("div");
    [["Neighbourhood: 1 hop", 1], ["2 hops", 2]].forEach(function (pair) {
      var btn = el("button", "focus", pair[0]);
      btn.type = "button";
      btn.setAttribute("data-hops", String(pair[1]));
      btn.addEventListener("click", function () { focusOn(id, pair[1]); });
      hop.appendChild(btn);
    });
    panel.appendChild(hop);
    panel.appendChild(el("h2", null, "Articles (" + n.docs.length + ")"));
    var ul = el("ul", "docs");
    n.docs.forEach(function (stem) { ul.appendChild(el("li", null, docLabel(stem))); });
    panel.appendChild(ul);
    if (n.literals.length) {
      panel.appendChild(el("h2", null, "Attributes"));
      n.literals.forEach(function (lit) {
        panel.appendChild(el("div", "fact", lit.rel + ": " + lit.value + " (" + lit.evidence.length + " evidence)"));
      });
    }
    var facts = adjacency.get(id) || [];
    panel.appendChild(el("h2", null, "Facts (" + facts.length + ")"));
    facts.forEach(function (e) {
      var row = el("div", "fact");
      var out = e.from === id;
      var other = nodesById.get(out ? e.to : e.from);
      var link = el("a", null, (out ? e.rel + " → " : "← " + e.rel + " ") + other.label);
      link.addEventListener("click", function () { network.selectEdges([e.id]); showEdge(e.id); });
      row.appendChild(link);
      row.appendChild(document.createTextNode(" (" + e.evidence.length + ")"));
      panel.appendChild(row);
    });
    if (n.quotes.length) {
      panel.appendChild(el("h2", null, "Said (" + n.quotes.length + ")"));
      n.quotes.forEach(function (q) {
        panel.appendChild(el("p", "quote", "“" + q.text + "”"));
        panel.appendChild(el("div", "meta", docLabel(q.doc)));
      });
    }
  }

  function select(id) {
    if (visibleNodes.has(id)) {
      network.selectNodes([id]);
      network.focus(id, { scale: 1.1, animation: { duration: 300 } });
    }
    showNode(id);
  }

  function focusOn(id, hops) {
    var keep = new Set([id]);
    var frontier = [id];
    for (var i = 0; i < hops; i++) {
      var next = [];
      frontier.forEach(function (v) {
        (adjacency.get(v) || []).forEach(function (e) {
          if (!state.relations.has(e.rel) || !e.evidence.some(evidenceOk)) return;
          var w = e.from === v ? e.to : e.from;
          if (!keep.has(w)) { keep.add(w); next.push(w); }
        });
      });
      frontier = next;
    }
    state.focus = keep;
    document.getElementById("focus-note").textContent =
      "Showing " + nodesById.get(id).label + " and " + hops + "-hop neighbourhood.";
    refresh();
    network.fit({ animation: { duration: 300 } });
  }

  network.on("click", function (params) {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
  });

  // ---- controls --------------------------------------------------------------------------------
  function checkbox(parent, value, text, count, swatch, onChange) {
    var label = el("label", "check");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.value = value;
    box.addEventListener("change", function () { onChange(box.checked); refresh(); });
    label.appendChild(box);
    if (swatch) {
      var sw = el("span", "swatch");
      sw.style.background = swatch;
      label.appendChild(sw);
    }
    label.appendChild(el("span", null, text));
    if (count !== null) label.appendChild(el("span", "n", count));
    parent.appendChild(label);
    return box;
  }

  var legend = document.getElementById("legend");
  classes.forEach(function (cls) {
    var n = DATA.nodes.filter(function (x) { return x.cls === cls; }).length;
    var st = styles[cls] || { color: "#999999", shape: "dot" };
    checkbox(legend, cls, cls + " (" + st.shape + ")", n, st.color, function (on) {
      if (on) state.types.add(cls); else state.types.delete(cls);
    });
  });
  var isolatedBox = checkbox(legend, "isolated", "entities without facts", DATA.nodes.filter(function (x) {
    return !x.degree; }).length, null, function (on) { state.isolated = on; });
  isolatedBox.checked = false;
  isolatedBox.id = "show-isolated";
  var relBox = document.getElementById("relations");
  relations.forEach(function (rel) {
    var n = DATA.edges.filter(function (x) { return x.rel === rel; }).length;
    checkbox(relBox, rel, rel, n, null, function (on) {
      if (on) state.relations.add(rel); else state.relations.delete(rel);
    });
  });
  var artBox = document.getElementById("articles");
  stems.forEach(function (stem) {
    checkbox(artBox, stem, docLabel(stem), null, null, function (on) {
      if (on) state.articles.add(stem); else state.articles.delete(stem);
    });
  });
  var dates = stems.map(function (s) { return docs[s].date; }).filter(Boolean).sort();
  ["from", "to"].forEach(function (which) {
    var input = document.getElementById("date-" + which);
    if (dates.length) { input.min = dates[0]; input.max = dates[dates.length - 1]; }
    input.addEventListener("change", function () { state[which] = input.value; refresh(); });
  });
  var conf = document.getElementById("min-confidence");
  conf.addEventListener("input", function () {
    state.minConfidence = parseFloat(conf.value);
    document.getElementById("min-confidence-value").textContent = state.minConfidence.toFixed(2);
    refresh();
  });
  document.getElementById("reset").addEventListener("click", function () {
    state.focus = null;
    document.getElementById("focus-note").textContent = "";
    refresh();
    network.fit({ animation: { duration: 300 } });
  });

  // search by label or alias, accents and case ignored
  var search = document.getElementById("search");
  var results = document.getElementById("results");
  var index = DATA.nodes.map(function (n) {
    return { node: n, names: [n.label].concat(n.aliases).map(function (s) { return [s, fold(s)]; }) };
  });
  function find(text) {
    var q = fold(text.trim());
    if (!q) return [];
    var hits = [];
    index.forEach(function (entry) {
      for (var i = 0; i < entry.names.length; i++) {
        if (entry.names[i][1].indexOf(q) !== -1) {
          var exact = entry.names[i][1] === q ? 0 : (entry.names[i][1].indexOf(q) === 0 ? 1 : 2);
          hits.push({ node: entry.node, via: entry.names[i][0], rank: exact });
          break;
        }
      }
    });
    hits.sort(function (a, b) { return a.rank - b.rank || b.node.degree - a.node.degree || (a.node.label < b.node.label ? -1 : 1); });
    return hits.slice(0, 25);
  }
  search.addEventListener("input", function () {
    clear(results);
    find(search.value).forEach(function (hit) {
      var li = el("li", "result");
      li.tabIndex = 0;
      li.setAttribute("data-id", hit.node.id);
      li.appendChild(el("span", null, hit.node.label));
      if (hit.via !== hit.node.label) li.appendChild(el("span", "alias", " — as “" + hit.via + "”"));
      li.appendChild(el("span", "alias", " · " + hit.node.cls));
      li.addEventListener("click", function () { select(hit.node.id); });
      li.addEventListener("keydown", function (ev) { if (ev.key === "Enter") select(hit.node.id); });
      results.appendChild(li);
    });
  });
  search.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") {
      var first = find(search.value)[0];
      if (first) select(first.node.id);
    }
  });

  refresh();
  window.kgViewer = {
    network: network, nodeView: nodeView, edgeView: edgeView, state: state, stats: stats,
    visibleNodes: function () { return Array.from(visibleNodes); },
    visibleEdges: function () { return Array.from(visibleEdges); },
    select: select, showEdge: showEdge, find: find
  };
})();
