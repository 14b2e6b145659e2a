/* kg viewer: reads the graph from the JSON block and draws it on a 2D canvas at the positions computed when the
   graph was written. Every string from the data reaches the page through textContent or a canvas label: never as
   HTML. */
(function () {
  "use strict";

  var t0 = performance.now();
  var DATA = JSON.parse(document.getElementById("kg-data").textContent);
  var docs = DATA.docs;
  var styles = DATA.styles;
  var extractorNames = DATA.extractors || {};
  var nodes = DATA.nodes, edges = DATA.edges;
  var N = nodes.length, M = edges.length;
  var nodesById = new Map(), indexOf = new Map(), edgesById = new Map();
  nodes.forEach(function (n, i) { nodesById.set(n.id, n); indexOf.set(n.id, i); });
  edges.forEach(function (e) { edgesById.set(e.id, e); });
  var adjacency = nodes.map(function () { return []; });
  var EF = new Int32Array(M), ET = new Int32Array(M);
  edges.forEach(function (e, j) {
    EF[j] = indexOf.get(e.from); ET[j] = indexOf.get(e.to);
    adjacency[EF[j]].push(j); adjacency[ET[j]].push(j);
  });
  var X = new Float64Array(N), Y = new Float64Array(N), R = new Float64Array(N);
  nodes.forEach(function (n, i) {
    X[i] = n.x || 0; Y[i] = n.y || 0;
    R[i] = 4 + Math.min(14, Math.sqrt(n.degree + n.docs.length) * 2.2);
  });
  // labels are placed in order of importance: the most connected first
  var byImportance = nodes.map(function (n, i) { return i; }).sort(function (a, b) {
    return (nodes[b].degree * 3 + nodes[b].docs.length) - (nodes[a].degree * 3 + nodes[a].docs.length) || a - b;
  });

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
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  // ---- state and filters -----------------------------------------------------------------------
  var classes = Array.from(new Set(nodes.map(function (n) { return n.cls; }))).sort();
  var relations = Array.from(new Set(edges.map(function (e) { return e.rel; }))).sort();
  var stems = Object.keys(docs).sort();
  var weeks = weekList();
  var state = {
    types: new Set(classes), relations: new Set(relations), articles: new Set(stems),
    from: "", to: "", minConfidence: 0, focus: null, isolated: false, claims: false, selected: -1, selectedEdge: -1
  };
  function defaults() {
    state.types = new Set(classes); state.relations = new Set(relations); state.articles = new Set(stems);
    state.from = ""; state.to = ""; state.minConfidence = 0; state.focus = null; state.isolated = false;
    state.claims = false;
  }
  // claims (what a speaker says, never asserted) are edges with a `claim`; off until asked for
  var claimCount = edges.filter(function (e) { return e.claim; }).length;
  function claimWord(e) { return e.claim.polarity === "negative" ? "denied by " : "claimed by "; }

  function docOk(stem) {
    if (!state.articles.has(stem)) return false;
    var date = (docs[stem] || {}).date || "";
    if ((state.from || state.to) && !date) return false;
    if (state.from && date < state.from) return false;
    if (state.to && date > state.to) return false;
    return true;
  }
  function evidenceOk(ev) { return docOk(ev.doc) && ev.confidence >= state.minConfidence; }

  var nodeOn = new Uint8Array(N), edgeOn = new Uint8Array(M);
  var visibleCount = 0, visibleEdgeCount = 0, visibleClaimCount = 0;
  function recompute() {
    var cand = new Uint8Array(N);
    for (var i = 0; i < N; i++) {
      var n = nodes[i];
      if (!state.types.has(n.cls)) continue;
      if (state.focus && !state.focus.has(i)) continue;
      if (!n.docs.some(docOk)) continue;
      cand[i] = 1;
    }
    var touched = new Uint8Array(N);
    visibleEdgeCount = 0; visibleClaimCount = 0;
    for (var j = 0; j < M; j++) {
      var e = edges[j];
      var on = (!e.claim || state.claims) && state.relations.has(e.rel) && cand[EF[j]] && cand[ET[j]] &&
        e.evidence.some(evidenceOk);
      edgeOn[j] = on ? 1 : 0;
      if (on) { touched[EF[j]] = 1; touched[ET[j]] = 1; if (e.claim) visibleClaimCount++; else visibleEdgeCount++; }
    }
    // a node is shown with a fact that is shown; entities without facts only when asked for
    visibleCount = 0;
    for (var k = 0; k < N; k++) {
      nodeOn[k] = cand[k] && (touched[k] || state.isolated && !nodes[k].degree) ? 1 : 0;
      visibleCount += nodeOn[k];
    }
    buildGrid();
  }

  // ---- spatial grid for hit tests ------------------------------------------------------------
  var CELL = 80, grid = new Map();
  function buildGrid() {
    grid = new Map();
    for (var i = 0; i < N; i++) {
      if (!nodeOn[i]) continue;
      var key = Math.floor(X[i] / CELL) + "," + Math.floor(Y[i] / CELL);
      var list = grid.get(key);
      if (!list) grid.set(key, list = []);
      list.push(i);
    }
  }

  // ---- camera and drawing ----------------------------------------------------------------------
  var canvas = document.getElementById("canvas");
  var ctx = canvas.getContext("2d");
  var cam = { x: 0, y: 0, k: 1 };
  var W = 0, H = 0, dpr = window.devicePixelRatio || 1;
  function resize() {
    var box = canvas.getBoundingClientRect();
    W = Math.max(1, box.width); H = Math.max(1, box.height);
    canvas.width = Math.round(W * dpr); canvas.height = Math.round(H * dpr);
    schedule();
  }
  function sx(x) { return (x - cam.x) * cam.k + W / 2; }
  function sy(y) { return (y - cam.y) * cam.k + H / 2; }
  function wx(px) { return (px - W / 2) / cam.k + cam.x; }
  function wy(py) { return (py - H / 2) / cam.k + cam.y; }

  function fitTo(indices, animate) {
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    indices.forEach(function (i) {
      x0 = Math.min(x0, X[i] - R[i]); y0 = Math.min(y0, Y[i] - R[i]);
      x1 = Math.max(x1, X[i] + R[i]); y1 = Math.max(y1, Y[i] + R[i]);
    });
    if (!isFinite(x0)) { cam = { x: 0, y: 0, k: 1 }; schedule(); return; }
    var k = Math.min(W / Math.max(x1 - x0 + 80, 1), H / Math.max(y1 - y0 + 80, 1), 2.5);
    cam = { x: (x0 + x1) / 2, y: (y0 + y1) / 2, k: k };
    schedule();
  }
  function visibleIndices() { var out = []; for (var i = 0; i < N; i++) if (nodeOn[i]) out.push(i); return out; }
  function largestPart() {
    // the first view: the largest connected part of what is shown
    var seen = new Uint8Array(N), best = [];
    for (var s = 0; s < N; s++) {
      if (!nodeOn[s] || seen[s]) continue;
      var part = [], stack = [s];
      seen[s] = 1;
      while (stack.length) {
        var v = stack.pop();
        part.push(v);
        adjacency[v].forEach(function (j) {
          if (!edgeOn[j]) return;
          var w = EF[j] === v ? ET[j] : EF[j];
          if (!seen[w] && nodeOn[w]) { seen[w] = 1; stack.push(w); }
        });
      }
      if (part.length > best.length) best = part;
    }
    return best;
  }

  function shapePath(shape, x, y, r) {
    switch (shape) {
      case "square": ctx.rect(x - r * 0.85, y - r * 0.85, r * 1.7, r * 1.7); break;
      case "triangle": ctx.moveTo(x, y - r); ctx.lineTo(x + r * 0.95, y + r * 0.75); ctx.lineTo(x - r * 0.95, y + r * 0.75);
        ctx.closePath(); break;
      case "triangleDown": ctx.moveTo(x, y + r); ctx.lineTo(x + r * 0.95, y - r * 0.75); ctx.lineTo(x - r * 0.95, y - r * 0.75);
        ctx.closePath(); break;
      case "diamond": ctx.moveTo(x, y - r); ctx.lineTo(x + r, y); ctx.lineTo(x, y + r); ctx.lineTo(x - r, y); ctx.closePath(); break;
      case "star": case "hexagon":
        var pts = shape === "star" ? 10 : 6;
        for (var p = 0; p < pts; p++) {
          var a = -Math.PI / 2 + p * 2 * Math.PI / pts, rr = shape === "star" && p % 2 ? r * 0.5 : r;
          if (p === 0) ctx.moveTo(x + rr * Math.cos(a), y + rr * Math.sin(a)); else ctx.lineTo(x + rr * Math.cos(a), y + rr * Math.sin(a));
        }
        ctx.closePath(); break;
      default: ctx.moveTo(x + r, y); ctx.arc(x, y, r, 0, 2 * Math.PI);
    }
  }

  var pending = false, frames = 0, drawMs = 0, labelsDrawn = 0;
  function schedule() { if (!pending) { pending = true; requestAnimationFrame(draw); } }
  var labelWidth = new Float64Array(N).fill(-1);
  function draw() {
    pending = false;
    var t = performance.now();
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, W, H);
    var pad = 40 / cam.k;
    var vx0 = wx(0) - pad, vx1 = wx(W) + pad, vy0 = wy(0) - pad, vy1 = wy(H) + pad;
    function inView(i) { return X[i] >= vx0 && X[i] <= vx1 && Y[i] >= vy0 && Y[i] <= vy1; }
    var near = new Set();
    if (state.selected >= 0) adjacency[state.selected].forEach(function (j) { if (edgeOn[j]) { near.add(EF[j]); near.add(ET[j]); } });
    // edges: one path for all, the selection's on top
    ctx.lineWidth = 1;
    ctx.strokeStyle = "rgba(120,135,150,0.45)";
    ctx.beginPath();
    var arrows = cam.k >= 0.9, inViewEdges = [], claimsInView = [];
    for (var j = 0; j < M; j++) {
      if (!edgeOn[j]) continue;
      var a = EF[j], b = ET[j];
      if (!inView(a) && !inView(b)) continue;
      if (edges[j].claim) { claimsInView.push(j); continue; }
      ctx.moveTo(sx(X[a]), sy(Y[a])); ctx.lineTo(sx(X[b]), sy(Y[b]));
      if (inViewEdges.length < 4000) inViewEdges.push(j);
    }
    ctx.stroke();
    // claims: dashed, orange when stated, purple when denied
    [["positive", "rgba(214,110,30,0.85)"], ["negative", "rgba(140,60,170,0.85)"]].forEach(function (kind) {
      ctx.strokeStyle = kind[1]; ctx.lineWidth = 1.5; ctx.setLineDash([6, 4]); ctx.beginPath();
      claimsInView.forEach(function (j) {
        if (edges[j].claim.polarity !== kind[0]) return;
        ctx.moveTo(sx(X[EF[j]]), sy(Y[EF[j]])); ctx.lineTo(sx(X[ET[j]]), sy(Y[ET[j]]));
      });
      ctx.stroke();
    });
    ctx.setLineDash([]);
    inViewEdges = inViewEdges.concat(claimsInView.slice(0, 1000));
    var hot = [];
    if (state.selected >= 0) adjacency[state.selected].forEach(function (j) { if (edgeOn[j]) hot.push(j); });
    if (state.selectedEdge >= 0 && edgeOn[state.selectedEdge]) hot.push(state.selectedEdge);
    if (hot.length) {
      ctx.strokeStyle = "#333"; ctx.lineWidth = 2; ctx.beginPath();
      hot.forEach(function (j) { ctx.moveTo(sx(X[EF[j]]), sy(Y[EF[j]])); ctx.lineTo(sx(X[ET[j]]), sy(Y[ET[j]])); });
      ctx.stroke();
    }
    if (arrows) {
      ctx.fillStyle = "rgba(90,100,110,0.7)";
      ctx.beginPath();
      inViewEdges.forEach(function (j) {
        var a = EF[j], b = ET[j];
        var x1 = sx(X[a]), y1 = sy(Y[a]), x2 = sx(X[b]), y2 = sy(Y[b]);
        var d = Math.hypot(x2 - x1, y2 - y1);
        if (d < 20) return;
        var ux = (x2 - x1) / d, uy = (y2 - y1) / d, tip = R[b] * Math.max(cam.k, 0.5) + 2;
        var px = x2 - ux * tip, py = y2 - uy * tip, s = 6;
        ctx.moveTo(px, py); ctx.lineTo(px - ux * s - uy * s * 0.5, py - uy * s + ux * s * 0.5);
        ctx.lineTo(px - ux * s + uy * s * 0.5, py - uy * s - ux * s * 0.5); ctx.closePath();
      });
      ctx.fill();
    }
    // nodes, batched by type
    var scale = Math.max(cam.k, 0.35);
    classes.forEach(function (cls) {
      var st = styles[cls] || { color: "#999999", shape: "dot" };
      ctx.fillStyle = st.color;
      ctx.beginPath();
      for (var i = 0; i < N; i++) {
        if (!nodeOn[i] || nodes[i].cls !== cls || !inView(i)) continue;
        shapePath(st.shape, sx(X[i]), sy(Y[i]), R[i] * scale);
      }
      ctx.fill();
    });
    if (state.selected >= 0 && nodeOn[state.selected]) {
      var s = state.selected;
      ctx.strokeStyle = "#111"; ctx.lineWidth = 3; ctx.beginPath();
      shapePath((styles[nodes[s].cls] || {}).shape, sx(X[s]), sy(Y[s]), R[s] * scale + 3);
      ctx.stroke();
    }
    // labels: most important first, none overlapping another (a grid of taken screen cells)
    ctx.font = "12px system-ui, sans-serif";
    ctx.textBaseline = "middle";
    var taken = new Set(), drawn = 0, tried = 0;
    function place(i, force) {
      if (!nodeOn[i] || !inView(i)) return;
      if (labelWidth[i] < 0) labelWidth[i] = ctx.measureText(nodes[i].label).width;
      var x = sx(X[i]) + R[i] * scale + 3, y = sy(Y[i]), w = labelWidth[i];
      if (x > W || x + w < 0 || y < -8 || y > H + 8) return;
      var c0 = Math.floor(x / 24), c1 = Math.floor((x + w) / 24), r = Math.floor(y / 14);
      var cells = [];
      for (var c = c0; c <= c1; c++) { cells.push(c + ":" + r); }
      if (!force && cells.some(function (k) { return taken.has(k); })) return;
      cells.forEach(function (k) { taken.add(k); });
      ctx.lineWidth = 3; ctx.strokeStyle = "rgba(255,255,255,0.9)"; ctx.strokeText(nodes[i].label, x, y);
      ctx.fillStyle = i === state.selected ? "#000" : "#333"; ctx.fillText(nodes[i].label, x, y);
      drawn++;
    }
    if (state.selected >= 0) { place(state.selected, true); near.forEach(function (i) { place(i, false); }); }
    for (var q = 0; q < byImportance.length && drawn < 400 && tried < 6000; q++) {
      var i = byImportance[q];
      if (!nodeOn[i]) continue;
      tried++;
      place(i, false);
    }
    labelsDrawn = drawn;
    // relation names when close enough to read them
    if (cam.k >= 1.3) {
      ctx.font = "10px system-ui, sans-serif"; ctx.fillStyle = "#555";
      inViewEdges.slice(0, 300).forEach(function (j) {
        var x = (sx(X[EF[j]]) + sx(X[ET[j]])) / 2, y = (sy(Y[EF[j]]) + sy(Y[ET[j]])) / 2;
        var text = edges[j].claim ? edges[j].rel + " (" + claimWord(edges[j]) + edges[j].claim.by + ")" : edges[j].rel;
        ctx.lineWidth = 3; ctx.strokeStyle = "rgba(255,255,255,0.9)"; ctx.strokeText(text, x, y);
        ctx.fillText(text, x, y);
      });
    }
    frames++;
    drawMs = performance.now() - t;
    if (stats.firstDrawMs === null) {
      stats.firstDrawMs = performance.now() - t0;
      stats.firstDrawAt = performance.now();   // since navigation
      document.body.setAttribute("data-stable", "yes");
    }
  }

  // ---- interaction -----------------------------------------------------------------------------
  function nodeAt(px, py) {
    var x = wx(px), y = wy(py), best = -1, bestD = Infinity;
    var reach = Math.max(16 / cam.k, 8), cx = Math.floor(x / CELL), cy = Math.floor(y / CELL);
    var span = Math.ceil(reach / CELL);
    for (var gx = cx - span; gx <= cx + span; gx++) {
      for (var gy = cy - span; gy <= cy + span; gy++) {
        (grid.get(gx + "," + gy) || []).forEach(function (i) {
          var d = Math.hypot(X[i] - x, Y[i] - y);
          var r = Math.max(R[i] * Math.max(cam.k, 0.35), 5) / cam.k + 2 / cam.k;
          if (d <= r && d < bestD) { best = i; bestD = d; }
        });
      }
    }
    return best;
  }
  function edgeAt(px, py) {
    var best = -1, bestD = 5;
    for (var j = 0; j < M; j++) {
      if (!edgeOn[j]) continue;
      var x1 = sx(X[EF[j]]), y1 = sy(Y[EF[j]]), x2 = sx(X[ET[j]]), y2 = sy(Y[ET[j]]);
      var dx = x2 - x1, dy = y2 - y1, len2 = dx * dx + dy * dy;
      if (!len2) continue;
      var t = Math.max(0, Math.min(1, ((px - x1) * dx + (py - y1) * dy) / len2));
      var d = Math.hypot(px - (x1 + t * dx), py - (y1 + t * dy));
      if (d < bestD) { best = j; bestD = d; }
    }
    return best;
  }
  var drag = null;
  canvas.addEventListener("mousedown", function (ev) {
    drag = { x: ev.clientX, y: ev.clientY, cx: cam.x, cy: cam.y, moved: false };
    canvas.classList.add("dragging");
  });
  window.addEventListener("mousemove", function (ev) {
    if (!drag) return;
    var dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
    cam.x = drag.cx - dx / cam.k; cam.y = drag.cy - dy / cam.k;
    schedule();
  });
  window.addEventListener("mouseup", function (ev) {
    if (!drag) return;
    var moved = drag.moved;
    drag = null;
    canvas.classList.remove("dragging");
    if (moved) return;
    var box = canvas.getBoundingClientRect(), px = ev.clientX - box.left, py = ev.clientY - box.top;
    var i = nodeAt(px, py);
    if (i >= 0) { select(nodes[i].id, false); return; }
    var j = edgeAt(px, py);
    if (j >= 0) showEdge(edges[j].id);
  });
  canvas.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var box = canvas.getBoundingClientRect(), px = ev.clientX - box.left, py = ev.clientY - box.top;
    zoomAt(px, py, ev.deltaY < 0 ? 1.25 : 0.8);
  }, { passive: false });
  function zoomAt(px, py, f) {
    var x = wx(px), y = wy(py);
    cam.k = Math.min(8, Math.max(0.02, cam.k * f));
    cam.x = x - (px - W / 2) / cam.k; cam.y = y - (py - H / 2) / cam.k;
    schedule();
  }
  document.getElementById("zoom-in").addEventListener("click", function () { zoomAt(W / 2, H / 2, 1.4); });
  document.getElementById("zoom-out").addEventListener("click", function () { zoomAt(W / 2, H / 2, 1 / 1.4); });
  document.getElementById("fit").addEventListener("click", function () { fitTo(visibleIndices()); });
  window.addEventListener("resize", resize);
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape" && state.focus) { leaveFocus(); }
  });

  // ---- the panel -------------------------------------------------------------------------------
  var panel = document.getElementById("panel");

  function strength(c) { return c >= 0.8 ? "strong cue" : c >= 0.6 ? "moderate cue" : "weak cue"; }

  function highlighted(sentence, names) {
    // the sentence as text, with the names of the fact's ends marked (found by their labels and aliases)
    var p = el("p", "sentence");
    var low = fold(sentence), marks = [];
    names.forEach(function (name) {
      var f = fold(name);
      if (f.length < 2) return;
      var at = low.indexOf(f);
      while (at >= 0) {
        var before = at === 0 || !/[a-z0-9]/.test(low[at - 1]), after = !/[a-z0-9]/.test(low[at + f.length] || " ");
        if (before && after) marks.push([at, at + f.length]);
        at = low.indexOf(f, at + 1);
      }
    });
    marks.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var pos = 0;
    marks.forEach(function (m) {
      if (m[0] < pos) return;
      p.appendChild(document.createTextNode(sentence.slice(pos, m[0])));
      p.appendChild(el("mark", null, sentence.slice(m[0], m[1])));
      pos = m[1];
    });
    p.appendChild(document.createTextNode(sentence.slice(pos)));
    return p;
  }

  function evidenceBlock(ev, names, prefix) {
    var box = el("div", "evidence");
    box.appendChild(highlighted(ev.sentence || "(no sentence)", names || []));
    var d = docs[ev.doc] || {};
    var meta = el("div", "meta");
    meta.appendChild(document.createTextNode((prefix || "") + (d.title || ev.doc) + (d.date ? " · " + d.date : "") +
      (d.publisher ? " · " + d.publisher : "") + " · "));
    if (d.url && /^https?:\/\//i.test(d.url)) {
      var a = el("a", null, "source");
      a.setAttribute("href", d.url); a.setAttribute("target", "_blank"); a.setAttribute("rel", "noopener noreferrer");
      meta.appendChild(a);
      meta.appendChild(document.createTextNode(" · "));
    }
    meta.appendChild(document.createTextNode("found by " + (extractorNames[ev.extractor] || ev.extractor) +
      " · confidence " + ev.confidence.toFixed(2) + " (" + strength(ev.confidence) + ")"));
    box.appendChild(meta);
    return box;
  }
  function namesOf(n) { return [n.label].concat(n.aliases); }

  function showEdge(id) {
    var e = edgesById.get(id);
    if (!e) return;
    state.selectedEdge = edges.indexOf(e);
    clear(panel);
    panel.scrollTop = 0;
    var head = el("h3");
    var a = el("span", "link", nodesById.get(e.from).label);
    a.addEventListener("click", function () { select(e.from); });
    var b = el("span", "link", nodesById.get(e.to).label);
    b.addEventListener("click", function () { select(e.to); });
    head.appendChild(a);
    head.appendChild(document.createTextNode(" —" + e.rel + "→ "));
    head.appendChild(b);
    panel.appendChild(head);
    if (e.claim) {
      // a claim: the speaker's word, not the article's
      var who = el("div", "claim-by");
      who.appendChild(document.createTextNode(claimWord(e)));
      var sp = el("span", "link", e.claim.by);
      sp.addEventListener("click", function () { select(e.claim.speaker); });
      who.appendChild(sp);
      who.appendChild(document.createTextNode(" — a claim, not a fact the article asserts"));
      panel.appendChild(who);
      if (e.claim.quote) panel.appendChild(el("p", "quote", "“" + e.claim.quote + "”"));
    }
    if (!edgeOn[state.selectedEdge]) panel.appendChild(el("div", "type", "(this fact is hidden by the filters)"));
    var shown = e.evidence.filter(evidenceOk);
    var list = shown.length ? shown : e.evidence;
    panel.appendChild(el("div", "type", plural(shown.length, "evidence sentence") +
      (shown.length < e.evidence.length ? " (of " + e.evidence.length + "; the rest are filtered out)" : "")));
    var names = namesOf(nodesById.get(e.from)).concat(namesOf(nodesById.get(e.to)));
    list.forEach(function (ev) { panel.appendChild(evidenceBlock(ev, names)); });
    schedule();
  }

  function showNode(id) {
    var n = nodesById.get(id);
    if (!n) return;
    clear(panel);
    panel.scrollTop = 0;
    panel.appendChild(el("h3", "name", n.label));
    var all = adjacency[indexOf.get(id)];
    var facts = all.filter(function (j) { return !edges[j].claim; });
    var claims = all.filter(function (j) { return edges[j].claim; });
    panel.appendChild(el("div", "type", n.cls + " · " + plural(facts.length, "fact") + " · " + plural(n.docs.length, "article") +
      (claims.length ? " · " + plural(claims.length, "claim") : "")))
    if (!nodeOn[indexOf.get(id)]) {
      var note = el("div", "type", "Hidden by the filters. ");
      var show = el("span", "link", "Show it");
      show.addEventListener("click", function () { defaults(); syncControls(); state.isolated = !n.degree; syncControls(); refresh(); select(id); });
      note.appendChild(show);
      panel.appendChild(note);
    }
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
    // facts grouped by relation, the biggest group first
    var groups = new Map();
    facts.forEach(function (j) {
      var e = edges[j], out = e.from === id, key = out ? e.rel + " →" : "← " + e.rel;
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(j);
    });
    panel.appendChild(el("h2", null, "Facts (" + facts.length + ")"));
    Array.from(groups.keys()).sort(function (a, b) { return groups.get(b).length - groups.get(a).length || (a < b ? -1 : 1); })
      .forEach(function (key) {
        var g = el("div", "group");
        g.appendChild(el("div", "head", key + " (" + groups.get(key).length + ")"));
        groups.get(key).forEach(function (j) {
          var e = edges[j], other = nodesById.get(e.from === id ? e.to : e.from);
          var row = el("div", "fact");
          var link = el("a", null, (e.from === id ? e.rel + " → " : "← " + e.rel + " ") + other.label);
          link.addEventListener("click", function () { showEdge(e.id); });
          row.appendChild(link);
          row.appendChild(document.createTextNode(" (" + e.evidence.length + ")"));
          if (!edgeOn[j]) row.appendChild(el("span", "hidden-mark", " hidden"));
          g.appendChild(row);
        });
        panel.appendChild(g);
      });
    if (claims.length) {
      panel.appendChild(el("h2", null, "Claims (" + claims.length + ")" + (state.claims ? "" : " — dashed edges, off")));
      claims.forEach(function (j) {
        var e = edges[j], row = el("div", "fact");
        var link = el("a", null, nodesById.get(e.from).label + " —" + e.rel + "→ " + nodesById.get(e.to).label);
        link.addEventListener("click", function () { showEdge(e.id); });
        row.appendChild(link);
        row.appendChild(document.createTextNode(" · " + claimWord(e) + e.claim.by));
        panel.appendChild(row);
      });
    }
    if (n.literals.length) {
      panel.appendChild(el("h2", null, "Attributes"));
      n.literals.forEach(function (lit) {
        var row = el("div", "fact");
        var link = el("a", null, lit.rel + ": " + lit.value);
        var box = el("div");
        link.addEventListener("click", function () {
          if (box.firstChild) { clear(box); return; }
          lit.evidence.forEach(function (ev) { box.appendChild(evidenceBlock(ev, namesOf(n).concat([lit.value]))); });
        });
        row.appendChild(link);
        row.appendChild(document.createTextNode(" (" + plural(lit.evidence.length, "evidence") + ")"));
        row.appendChild(box);
        panel.appendChild(row);
      });
    }
    if (n.quotes.length) {
      panel.appendChild(el("h2", null, "Said (" + n.quotes.length + ")"));
      n.quotes.forEach(function (q) {
        panel.appendChild(el("p", "quote", "“" + q.text + "”"));
        (q.evidence || []).slice(0, 1).forEach(function (ev) {
          panel.appendChild(evidenceBlock(ev, namesOf(n), n.label + ", in "));
        });
      });
    }
    var det = el("details");
    det.appendChild(el("summary", null, "Articles (" + n.docs.length + ")"));
    var ul = el("ul", "docs");
    n.docs.forEach(function (stem) { ul.appendChild(el("li", null, docLabel(stem))); });
    det.appendChild(ul);
    panel.appendChild(det);
  }

  function select(id, center) {
    var i = indexOf.get(id);
    if (i === undefined) return;
    state.selected = i; state.selectedEdge = -1;
    if (center !== false && nodeOn[i]) { cam.x = X[i]; cam.y = Y[i]; cam.k = Math.max(cam.k, 1.1); }
    showNode(id);
    schedule();
  }

  function focusOn(id, hops) {
    var start = indexOf.get(id), keep = new Set([start]), frontier = [start];
    for (var h = 0; h < hops; h++) {
      var next = [];
      frontier.forEach(function (v) {
        adjacency[v].forEach(function (j) {
          var e = edges[j];
          if (!state.relations.has(e.rel) || e.claim && !state.claims || !e.evidence.some(evidenceOk)) return;
          var w = EF[j] === v ? ET[j] : EF[j];
          if (!keep.has(w)) { keep.add(w); next.push(w); }
        });
      });
      frontier = next;
    }
    state.focus = keep;
    document.getElementById("focus-note").textContent =
      "Showing " + nodesById.get(id).label + " and its " + hops + "-hop neighbourhood (Esc goes back).";
    refresh();
    fitTo(visibleIndices());
  }
  function leaveFocus() {
    state.focus = null;
    document.getElementById("focus-note").textContent = "";
    refresh();
    fitTo(largestPart());
  }

  // ---- controls --------------------------------------------------------------------------------
  function checkbox(parent, value, text, count, swatch, onChange) {
    var label = el("label", "check");
    var box = el("input");
    box.type = "checkbox"; box.checked = true; box.value = value;
    box.addEventListener("change", function () { onChange(box.checked); refresh(); });
    label.appendChild(box);
    if (swatch) { var sw = el("span", "swatch"); sw.style.background = swatch; label.appendChild(sw); }
    label.appendChild(el("span", null, text));
    if (count !== null) label.appendChild(el("span", "n", count));
    parent.appendChild(label);
    return box;
  }
  var typeBoxes = [], relBoxes = [];
  var legend = document.getElementById("legend");
  classes.forEach(function (cls) {
    var n = nodes.filter(function (x) { return x.cls === cls; }).length;
    var st = styles[cls] || { color: "#999999", shape: "dot" };
    typeBoxes.push(checkbox(legend, cls, cls, n, st.color, function (on) {
      if (on) state.types.add(cls); else state.types.delete(cls);
    }));
  });
  var isolatedBox = checkbox(legend, "isolated", "entities without facts", nodes.filter(function (x) {
    return !x.degree; }).length, null, function (on) { state.isolated = on; });
  isolatedBox.checked = false;
  isolatedBox.id = "show-isolated";
  var relBox = document.getElementById("relations");
  var claimsBox = checkbox(relBox, "claims", "claims (dashed: what speakers say)", claimCount, null,
    function (on) { state.claims = on; });
  claimsBox.checked = false;
  claimsBox.id = "show-claims";
  relations.forEach(function (rel) {
    var n = edges.filter(function (x) { return x.rel === rel && !x.claim; }).length;
    relBoxes.push(checkbox(relBox, rel, rel, n, null, function (on) {
      if (on) state.relations.add(rel); else state.relations.delete(rel);
    }));
  });

  // confidence: shown while dragging, applied on release
  var conf = document.getElementById("min-confidence");
  conf.addEventListener("input", function () {
    document.getElementById("min-confidence-value").textContent = "≥ " + parseFloat(conf.value).toFixed(2);
  });
  conf.addEventListener("change", function () { state.minConfidence = parseFloat(conf.value); refresh(); });

  // dates: a two-handle slider over a histogram of articles per week, applied on release
  function weekOf(date) {
    var d = new Date(date + "T00:00:00Z");
    if (isNaN(d)) return null;
    var day = (d.getUTCDay() + 6) % 7;
    d.setUTCDate(d.getUTCDate() - day);
    return d.toISOString().slice(0, 10);
  }
  function weekList() {
    var set = new Set();
    Object.keys(docs).forEach(function (s) { var w = docs[s].date && weekOf(docs[s].date.slice(0, 10)); if (w) set.add(w); });
    return Array.from(set).sort();
  }
  var lo = document.getElementById("date-lo"), hi = document.getElementById("date-hi");
  var histogram = document.getElementById("histogram");
  function weekEnd(w) { var d = new Date(w + "T00:00:00Z"); d.setUTCDate(d.getUTCDate() + 6); return d.toISOString().slice(0, 10); }
  function drawHistogram() {
    var hctx = histogram.getContext("2d"), counts = weeks.map(function () { return 0; });
    Object.keys(docs).forEach(function (s) {
      var w = docs[s].date && weekOf(docs[s].date.slice(0, 10));
      var k = w ? weeks.indexOf(w) : -1;
      if (k >= 0) counts[k]++;
    });
    var max = Math.max.apply(null, counts.concat([1])), bw = histogram.width / Math.max(weeks.length, 1);
    hctx.clearRect(0, 0, histogram.width, histogram.height);
    counts.forEach(function (c, k) {
      var on = k >= +lo.value && k <= +hi.value;
      hctx.fillStyle = on ? "#4e79a7" : "#ccd";
      var h = Math.max(1, c / max * (histogram.height - 2));
      hctx.fillRect(k * bw, histogram.height - h, Math.max(bw - 1, 1), h);
    });
  }
  function dateLabel() {
    document.getElementById("date-range").textContent = weeks.length ?
      weeks[+lo.value] + " – " + weekEnd(weeks[+hi.value]) : "(no dates)";
  }
  if (weeks.length) {
    lo.max = hi.max = String(weeks.length - 1);
    lo.value = "0"; hi.value = String(weeks.length - 1);
  } else {
    document.getElementById("dates").style.display = "none";
  }
  [lo, hi].forEach(function (input) {
    input.addEventListener("input", function () {
      if (+lo.value > +hi.value) { if (input === lo) hi.value = lo.value; else lo.value = hi.value; }
      dateLabel(); drawHistogram();
    });
    input.addEventListener("change", function () {
      var full = +lo.value === 0 && +hi.value === weeks.length - 1;
      state.from = full ? "" : weeks[+lo.value];
      state.to = full ? "" : weekEnd(weeks[+hi.value]);
      refresh();
    });
  });

  // articles: a searchable picker, collapsed by default
  var factsPerDoc = {};
  edges.forEach(function (e) { if (!e.claim) e.evidence.forEach(function (ev) { factsPerDoc[ev.doc] = (factsPerDoc[ev.doc] || 0) + 1; }); });
  var artList = document.getElementById("articles"), artSearch = document.getElementById("article-search");
  var SHOWN = 200;
  function renderArticles() {
    clear(artList);
    var q = fold(artSearch.value.trim());
    var hits = stems.filter(function (s) {
      if (!q) return true;
      var d = docs[s] || {};
      return fold([d.title || s, d.date, d.publisher, s].join(" ")).indexOf(q) !== -1;
    });
    hits.slice(0, SHOWN).forEach(function (s) {
      var d = docs[s] || {};
      var row = el("label", "article");
      var box = el("input");
      box.type = "checkbox"; box.value = s; box.checked = state.articles.has(s);
      box.addEventListener("change", function () {
        if (box.checked) state.articles.add(s); else state.articles.delete(s);
        refresh();
      });
      row.appendChild(box);
      var what = el("span", "what", d.title || s);
      what.appendChild(el("span", "meta", [d.date, d.publisher, plural(factsPerDoc[s] || 0, "fact")].filter(Boolean).join(" · ")));
      row.appendChild(what);
      var only = el("button", "only", "only");
      only.type = "button";
      only.addEventListener("click", function (ev) { ev.preventDefault(); state.articles = new Set([s]); renderArticles(); refresh(); });
      row.appendChild(only);
      artList.appendChild(row);
    });
    if (hits.length > SHOWN) artList.appendChild(el("div", "more", (hits.length - SHOWN) + " more: narrow the search"));
    document.getElementById("article-count").textContent = "(" + state.articles.size + " of " + stems.length + ")";
  }
  var artTimer = null;
  artSearch.addEventListener("input", function () { clearTimeout(artTimer); artTimer = setTimeout(renderArticles, 120); });
  document.getElementById("articles-all").addEventListener("click", function () { state.articles = new Set(stems); renderArticles(); refresh(); });
  document.getElementById("articles-none").addEventListener("click", function () { state.articles = new Set(); renderArticles(); refresh(); });

  function syncControls() {
    typeBoxes.forEach(function (b) { b.checked = state.types.has(b.value); });
    relBoxes.forEach(function (b) { b.checked = state.relations.has(b.value); });
    isolatedBox.checked = state.isolated;
    claimsBox.checked = state.claims;
    conf.value = String(state.minConfidence);
    document.getElementById("min-confidence-value").textContent = "≥ " + state.minConfidence.toFixed(2);
    if (weeks.length) { lo.value = "0"; hi.value = String(weeks.length - 1); dateLabel(); drawHistogram(); }
    document.getElementById("focus-note").textContent = "";
    renderArticles();
  }
  document.getElementById("reset").addEventListener("click", function () {
    defaults(); syncControls(); refresh(); fitTo(largestPart());
  });

  // ---- search: the best matching name or alias first, then the most connected ------------------
  var search = document.getElementById("search");
  var results = document.getElementById("results");
  var index = nodes.map(function (n) { return namesOf(n).map(function (s) { return [s, fold(s)]; }); });
  function find(text) {
    var q = fold(text.trim());
    if (!q) return [];
    var hits = [];
    for (var i = 0; i < N; i++) {
      var best = 9, via = null;
      var names = index[i];
      for (var k = 0; k < names.length; k++) {
        var f = names[k][1], rank = 9;
        if (f === q) rank = 0;
        else if (f.indexOf(q) === 0) rank = 1;
        else if (f.indexOf(" " + q) !== -1 || f.indexOf("-" + q) !== -1) rank = 2;
        else if (f.indexOf(q) !== -1) rank = 3;
        if (rank < best || rank === best && k === 0) { best = rank; via = names[k][0]; }
      }
      if (best < 9) hits.push({ node: nodes[i], via: via, rank: best });
    }
    hits.sort(function (a, b) {
      return a.rank - b.rank || b.node.degree - a.node.degree || b.node.docs.length - a.node.docs.length ||
        (a.node.label < b.node.label ? -1 : 1);
    });
    return hits.slice(0, 25);
  }
  function pick(id) { clear(results); select(id); }
  var searchTimer = null;
  function renderResults() {
    clear(results);
    find(search.value).forEach(function (hit) {
      var li = el("li", "result");
      li.tabIndex = 0;
      li.setAttribute("data-id", hit.node.id);
      li.appendChild(el("span", "name", hit.node.label));
      var sub = hit.node.cls + " · " + plural(hit.node.degree, "fact") + " · " + plural(hit.node.docs.length, "article") +
        (hit.via !== hit.node.label ? " · as “" + hit.via + "”" : "");
      li.appendChild(el("span", "sub", sub));
      if (!nodeOn[indexOf.get(hit.node.id)]) li.appendChild(el("span", "hidden-mark", "hidden by the filters"));
      li.addEventListener("click", function () { pick(hit.node.id); });
      li.addEventListener("keydown", function (ev) { if (ev.key === "Enter") pick(hit.node.id); });
      results.appendChild(li);
    });
  }
  search.addEventListener("input", renderResults);
  search.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") {
      var first = find(search.value)[0];
      if (first) pick(first.node.id);
    } else if (ev.key === "Escape") {
      clear(results);
    }
  });

  // ---- refresh and start -----------------------------------------------------------------------
  function refresh() {
    var t = performance.now();
    recompute();
    document.getElementById("counts").textContent =
      visibleCount + " of " + N + " nodes · " + visibleEdgeCount + " of " + (M - claimCount) + " facts" +
      (state.claims ? " · " + visibleClaimCount + " of " + claimCount + " claims" : "");
    document.getElementById("article-count").textContent = "(" + state.articles.size + " of " + stems.length + ")";
    stats.lastRefreshMs = performance.now() - t;
    stats.refreshes++;
    schedule();
  }

  var stats = { started: t0, firstDrawMs: null, lastRefreshMs: null, refreshes: 0, nodes: N, edges: M - claimCount,
                claims: claimCount };
  resize();
  recompute();
  refresh();
  renderArticles();
  dateLabel(); drawHistogram();
  fitTo(largestPart());
  window.kgViewer = {
    state: state, stats: stats,
    visibleNodes: function () { return nodes.filter(function (n, i) { return nodeOn[i]; }).map(function (n) { return n.id; }); },
    visibleEdges: function () { return edges.filter(function (e, j) { return edgeOn[j]; }).map(function (e) { return e.id; }); },
    select: select, showEdge: showEdge, find: find, refresh: refresh, focusOn: focusOn, leaveFocus: leaveFocus,
    toScreen: function (id) { var i = indexOf.get(id); return { x: sx(X[i]), y: sy(Y[i]) }; },
    camera: function () { return { x: cam.x, y: cam.y, k: cam.k }; },
    setCamera: function (c) { cam = { x: c.x, y: c.y, k: c.k }; schedule(); },
    draw: function () { draw(); return { ms: drawMs, labels: labelsDrawn, frames: frames }; }
  };
})();
