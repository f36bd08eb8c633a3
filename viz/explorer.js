/* graphbuild explorer: wires the inlined vis-network to the page controls.
 *
 * Tooltip and detail text is always set with textContent, never innerHTML, so
 * titles, abstracts and evidence sentences are shown as typed, markup included.
 * Everything a test needs is exposed as window.graphbuild.
 */
(function () {
  "use strict";

  // one fold for node text and queries alike (the page's own, so both sides always agree): compatibility
  // forms (ligatures, full-width letters) and case, with the lower-case letters that have no capital of their
  // own joined to theirs ("ß" is "ss" as "STRASSE" lower-cases; a word-final "ς" is "σ")
  function fold(text) {
    return String(text || "").normalize("NFKC").toLowerCase().replace(/\u00df/g, "ss").replace(/\u03c2/g, "\u03c3");
  }

  var data = JSON.parse(document.getElementById("gb-data").textContent);
  var more = data.more || { nodes: {}, edges: [], by: {} };
  data.nodes.forEach(function (n) { n.search = fold(n.search); });
  Object.keys(more.nodes).forEach(function (id) { more.nodes[id].search = fold(more.nodes[id].search); });
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var container = document.getElementById("gb-network");
  var tip = document.getElementById("gb-tip");
  var details = document.getElementById("gb-details");
  var statusLine = document.getElementById("gb-status");
  var physicsButton = document.getElementById("gb-physics");

  var state = {
    physics: !!data.physics,        // is the simulation enabled right now
    frozen: !data.physics,          // initial layout done and physics switched off
    stabilized: !data.physics,      // stabilizationIterationsDone has fired (or no physics at all)
    drawn: false,                   // first frame painted
    hiddenKinds: {},
    years: data.years ? [data.years[0], data.years[1]] : null,
    matches: [],
    matchIndex: -1
  };

  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);

  // ---------------------------------------------------------------- tooltips and details

  function clear(el) {
    while (el.firstChild) { el.removeChild(el.firstChild); }
  }

  function fillInfo(el, info) {
    clear(el);
    var head = document.createElement("div");
    head.className = "gb-tip-head";
    head.textContent = info.head;
    el.appendChild(head);
    var list = document.createElement("dl");
    list.className = "gb-tip-rows";
    info.rows.forEach(function (row) {
      var dt = document.createElement("dt");
      dt.textContent = row[0];
      var dd = document.createElement("dd");
      dd.textContent = row[1];
      list.appendChild(dt);
      list.appendChild(dd);
    });
    el.appendChild(list);
  }

  function itemOf(kind, id) {
    return kind === "edge" ? edges.get(id) : nodes.get(id);
  }

  function showTooltip(kind, id, x, y) {
    var item = itemOf(kind, id);
    if (!item || !item.tip) { return null; }
    fillInfo(tip, item.tip);
    tip.hidden = false;
    var px = (typeof x === "number") ? x : 20;
    var py = (typeof y === "number") ? y : 20;
    var w = tip.offsetWidth, h = tip.offsetHeight;
    tip.style.left = Math.max(0, Math.min(px + 14, window.innerWidth - w - 4)) + "px";
    tip.style.top = Math.max(0, Math.min(py + 14, window.innerHeight - h - 4)) + "px";
    return tip;
  }

  function hideTooltip() {
    tip.hidden = true;
  }

  function showDetails(kind, id) {
    var item = itemOf(kind, id);
    if (item && item.tip) { fillInfo(details, item.tip); }
  }

  function pagePoint(params) {
    var rect = container.getBoundingClientRect();
    return [rect.left + params.pointer.DOM.x, rect.top + params.pointer.DOM.y];
  }

  network.on("hoverNode", function (params) {
    var p = pagePoint(params);
    showTooltip("node", params.node, p[0], p[1]);
  });
  network.on("hoverEdge", function (params) {
    var p = pagePoint(params);
    showTooltip("edge", params.edge, p[0], p[1]);
  });
  network.on("blurNode", hideTooltip);
  network.on("blurEdge", hideTooltip);
  network.on("dragStart", hideTooltip);
  network.on("zoom", hideTooltip);
  network.on("click", function (params) {
    if (params.nodes.length) { showDetails("node", params.nodes[0]); offerExpand(params.nodes[0]); }
    else if (params.edges.length) { showDetails("edge", params.edges[0]); }
  });
  network.on("doubleClick", function (params) {
    if (params.nodes.length) { expand(params.nodes[0]); }
  });

  // ---------------------------------------------------------------- expand hidden neighbours

  function hiddenNeighbours(id) {
    return (more.by[id] || []).filter(function (m) { return !nodes.get(m); });
  }

  // add a node's hidden neighbours (from the page data) in a ring around it; returns how many
  function expand(id) {
    var add = hiddenNeighbours(id);
    if (!add.length) { return 0; }
    var at = network.getPositions([id])[id] || { x: 0, y: 0 };
    var radius = 90 + 6 * add.length;
    nodes.add(add.map(function (m, i) {
      var angle = 2 * Math.PI * i / add.length;
      return Object.assign({}, more.nodes[m], { x: at.x + radius * Math.cos(angle), y: at.y + radius * Math.sin(angle) });
    }));
    edges.add(more.edges.filter(function (e) {
      return nodes.get(e.from) && nodes.get(e.to) && !edges.get(e.id);
    }));
    applyFilters();
    statusLine.textContent = "added " + add.length + " neighbour" + (add.length === 1 ? "" : "s");
    return add.length;
  }

  function offerExpand(id) {
    var count = hiddenNeighbours(id).length;
    if (!count) { return null; }
    var button = document.createElement("button");
    button.type = "button";
    button.id = "gb-expand";
    button.textContent = "Show " + count + " more neighbour" + (count === 1 ? "" : "s");
    button.addEventListener("click", function () { expand(id); button.remove(); });
    details.appendChild(button);
    return button;
  }

  // ---------------------------------------------------------------- physics

  function setPhysics(on) {
    state.physics = !!on;
    network.setOptions({ physics: { enabled: state.physics } });
    physicsButton.textContent = "Physics: " + (state.physics ? "on" : "off");
    physicsButton.setAttribute("aria-pressed", state.physics ? "true" : "false");
    if (state.physics) { state.frozen = false; }
  }

  network.on("stabilizationProgress", function (params) {
    statusLine.textContent = "laying out… " + Math.round(100 * params.iterations / params.total) + "%";
  });
  network.once("stabilizationIterationsDone", function () {
    state.stabilized = true;
    setPhysics(false);
    state.frozen = true;
    statusLine.textContent = "layout frozen; turn physics on to let it move";
  });
  network.once("afterDrawing", function () { state.drawn = true; });
  physicsButton.addEventListener("click", function () { setPhysics(!state.physics); });

  // ---------------------------------------------------------------- filters

  function yearOk(node) {
    if (!state.years || node.kind !== "Paper" || node.year === null || node.year === undefined) { return true; }
    return node.year >= state.years[0] && node.year <= state.years[1];
  }

  function applyFilters() {
    var updates = [];
    nodes.forEach(function (node) {
      var hide = !!state.hiddenKinds[node.kind] || !yearOk(node);
      if (!!node.hidden !== hide) { updates.push({ id: node.id, hidden: hide }); }
    });
    if (updates.length) {
      nodes.update(updates);
      state.matches = [];  // the next search looks again: Enter must not step onto nodes hidden since
    }
    return nodes.get({ filter: function (n) { return !n.hidden; } }).length;
  }

  function setKindVisible(kind, visible) {
    if (visible) { delete state.hiddenKinds[kind]; } else { state.hiddenKinds[kind] = true; }
    Array.prototype.forEach.call(document.querySelectorAll("input.gb-kind"), function (box) {
      if (box.value === kind) { box.checked = !!visible; }  // compared, not put in a selector: any text goes
    });
    return applyFilters();
  }

  function setYearRange(lo, hi) {
    if (!state.years) { return applyFilters(); }
    state.years = [Number(lo), Number(hi)];
    return applyFilters();
  }

  Array.prototype.forEach.call(document.querySelectorAll("input.gb-kind"), function (box) {
    box.addEventListener("change", function () { setKindVisible(box.value, box.checked); });
  });
  var yearMin = document.getElementById("gb-year-min");
  var yearMax = document.getElementById("gb-year-max");
  if (yearMin && yearMax) {
    var onYears = function () {
      var lo = parseInt(yearMin.value, 10), hi = parseInt(yearMax.value, 10);
      if (!isNaN(lo) && !isNaN(hi)) { setYearRange(lo, hi); }
    };
    yearMin.addEventListener("change", onYears);
    yearMax.addEventListener("change", onYears);
  }

  // ---------------------------------------------------------------- search

  var searchStatus = document.getElementById("gb-search-status");

  function search(query) {
    var q = fold(String(query || "").trim());
    if (!q) { searchStatus.textContent = ""; return null; }
    var same = state.matches.length && state.lastQuery === q;
    if (!same) {
      state.lastQuery = q;
      state.matches = nodes.get({
        filter: function (n) { return !n.hidden && n.search.indexOf(q) !== -1; }
      }).map(function (n) { return n.id; });
      state.matchIndex = -1;
    }
    if (!state.matches.length) {
      searchStatus.textContent = "no shown node matches";
      return null;
    }
    state.matchIndex = (state.matchIndex + 1) % state.matches.length;
    var id = state.matches[state.matchIndex];
    network.selectNodes([id]);
    network.focus(id, { scale: 1.4, animation: { duration: 400, easingFunction: "easeInOutQuad" } });
    showDetails("node", id);
    searchStatus.textContent = state.matches.length === 1 ? "1 match"
      : "match " + (state.matchIndex + 1) + " of " + state.matches.length + " (Enter for next)";
    return id;
  }

  document.getElementById("gb-search-form").addEventListener("submit", function (event) {
    event.preventDefault();
    search(document.getElementById("gb-search").value);
  });

  // a link such as overview.html#find=LoRA (from the report page) searches once the page is drawn
  function findFromHash() {
    var m = /^#find=(.*)$/.exec(window.location.hash || "");
    if (!m) { return null; }
    var text;
    try { text = decodeURIComponent(m[1]); } catch (e) { return null; }
    document.getElementById("gb-search").value = text;
    state.lastQuery = null;
    var q = fold(text.trim());
    // the report links by an entity's whole name (a label is cut at 40 characters): go straight to it, and to
    // the entity rather than a paper titled the same
    var exact = nodes.get({ filter: function (n) { return fold(n.tip.head) === q; } });
    if (exact.length) {
      var id = (exact.find(function (n) { return n.kind !== "Paper"; }) || exact[0]).id;
      network.selectNodes([id]);
      network.focus(id, { scale: 1.4 });
      showDetails("node", id);
      return id;
    }
    return search(text);
  }
  network.once("afterDrawing", function () { window.setTimeout(findFromHash, 0); });
  window.addEventListener("hashchange", findFromHash);

  // ids of the nodes whose label is drawn at the current zoom (small ones appear as one zooms in)
  function visibleLabels() {
    return nodes.getIds().filter(function (id) {
      var n = network.body.nodes[id];
      return n && !n.options.hidden && n.labelModule.visible();
    });
  }

  window.graphbuild = {
    network: network,
    nodes: nodes,
    edges: edges,
    state: state,
    showTooltip: showTooltip,
    hideTooltip: hideTooltip,
    showDetails: showDetails,
    setPhysics: setPhysics,
    setKindVisible: setKindVisible,
    setYearRange: setYearRange,
    search: search,
    findFromHash: findFromHash,
    expand: expand,
    offerExpand: offerExpand,
    hiddenNeighbours: hiddenNeighbours,
    visibleLabels: visibleLabels
  };
}());
