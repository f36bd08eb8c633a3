"""graphbuild.viz without a browser: selection, row parsing, page content."""

from __future__ import annotations

import json
import re

import networkx as nx
import pytest

from graphbuild.errors import GraphbuildError, QueryError, RelatedLookupError
from graphbuild.viz import (
    KIND_COLORS,
    node_ids_from_rows,
    render_html,
    resolve_focus,
    select_subgraph,
    show_in_notebook,
)
from tests.graph_fixture import E, small_graph

A_HU, A_SHEN, A_DETT, A_DOSO = ("author:edward hu", "author:yelong shen", "author:tim dettmers",
                                "author:alexey dosovitskiy")


def _snapshot(G: nx.MultiDiGraph) -> str:
    return json.dumps(nx.node_link_data(G, edges="edges"), sort_keys=True)


def _page_data(path) -> dict:
    text = path.read_text(encoding="utf-8")
    raw = re.search(r'<script id="gb-data" type="application/json">(.*?)</script>', text, re.S).group(1)
    return json.loads(raw)


# ------------------------------------------------------------------ selection


def test_viz_select_whole_graph_keeps_everything():
    G = small_graph()
    sel = select_subgraph(G)
    assert set(sel.graph) == set(G)
    assert sel.graph.number_of_edges() == G.number_of_edges()
    assert sel.cut == () and sel.note is None and sel.total == 19


@pytest.mark.parametrize("focus, hops, expected", [
    ("LoRA", 1, {E["LoRA"], "P1", "P2", "P3"}),
    ("entity:lora", 0, {E["LoRA"]}),
    ("low-rank adaptation", 1, {E["LoRA"], "P1", "P2", "P3"}),  # alias
    ("vision transformer", 1, {E["ViT"], "P5"}),
    ("Llama-2-7B", 1, {E["Llama-2-7B"], E["Llama"], "P2", "P4"}),  # VARIANT_OF followed backwards too
    ("edward hu", 1, {A_HU, "P1", "P2"}),
    ("adapter", 1, {"P3", E["LoRA"], E["GLUE"], E["MMLU"], "P1", "X1"}),  # title substring
    ("LoRA paper", 1, {"P1", E["LoRA"], E["GPT-3"], E["GLUE"], A_HU, A_SHEN, "P2", "P3"}),  # exact title wins
    ("ViT", 2, {E["ViT"], "P5", E["ImageNet"], A_DOSO}),
])
def test_viz_select_focus_hops(focus, hops, expected):
    sel = select_subgraph(small_graph(), focus=focus, hops=hops)
    assert set(sel.graph) == expected
    assert sel.focus in expected


def test_viz_select_focus_subgraph_keeps_edges_among_chosen_nodes():
    sel = select_subgraph(small_graph(), focus="LoRA", hops=1)
    assert sorted(sel.graph.edges(keys=True)) == sorted([
        ("P1", E["LoRA"], "PROPOSES"), ("P2", E["LoRA"], "USES"), ("P3", E["LoRA"], "USES"),
        ("P2", "P1", "CITES"), ("P3", "P1", "CITES"),
    ])
    assert sel.graph.edges["P2", E["LoRA"], "USES"]["evidence"] == "on top of LoRA"


def test_viz_select_types_filters_kinds_but_keeps_focus():
    G = small_graph()
    assert set(select_subgraph(G, types=["Paper"]).graph) == {"P1", "P2", "P3", "P4", "P5", "X1"}
    assert set(select_subgraph(G, types=["dataset", "Method"]).graph) == {
        E["GLUE"], E["MMLU"], E["ImageNet"], E["LoRA"], E["QLoRA"]}
    sel = select_subgraph(G, focus="LoRA", hops=2, types=["Author"])
    assert set(sel.graph) == {E["LoRA"], A_HU, A_SHEN, A_DETT}
    assert "kinds Author" in sel.reason


def test_viz_select_since_keeps_connected_entities_and_authors():
    sel = select_subgraph(small_graph(), since=2023)
    assert set(sel.graph) == {
        "P2", "P4", A_DETT, A_HU,
        E["QLoRA"], E["LoRA"], E["Llama-2-7B"], E["MMLU"], E["GPT-3"], E["Llama"],
    }
    # X1 (external, no year) and P1 (2021) are gone, so P2's citations to them are too
    assert {k for _, _, k in sel.graph.edges(keys=True)} == {"AUTHORED", "PROPOSES", "USES", "EVALUATES_ON",
                                                             "COMPARES_WITH", "VARIANT_OF", "CITES"}
    assert sel.graph.has_edge("P2", "P4", "CITES") and not sel.graph.has_edge("P2", "P1")


def test_viz_select_max_nodes_keeps_focus_nearest_and_most_important():
    sel = select_subgraph(small_graph(), focus="LoRA", hops=2, max_nodes=5)
    # distance 1 first (P1 is cited twice; P2 before P3 by degree), then MMLU (paper_count 3)
    assert set(sel.graph) == {E["LoRA"], "P1", "P2", "P3", E["MMLU"]}
    assert sel.total == 14 and len(sel.cut) == 9
    assert set(sel.cut).isdisjoint(sel.graph)
    assert sel.note == "showing 5 of 14 nodes; use --focus/--types/--max-nodes to see more"


def test_viz_select_max_nodes_without_focus_ranks_by_importance():
    sel = select_subgraph(small_graph(), types=["Dataset", "Method"], max_nodes=2)
    assert set(sel.graph) == {E["LoRA"], E["MMLU"]}  # paper_count 3 each
    assert sel.cut[0] == E["GLUE"]  # paper_count 2 is next


def test_viz_select_max_nodes_joins_unlinked_best_nodes_with_the_papers_between_them():
    G = nx.MultiDiGraph()  # 40 papers, no citations, 4 entities each: entities outrank every paper
    for i in range(40):
        G.add_node(f"p{i}", label="Paper", title=f"Paper {i}", year=2020)
        for j in range(4):
            e = f"entity:e{(i * 4 + j) % 60}"
            G.add_node(e, label="Entity", name=e[7:], type="Method")
            G.add_edge(f"p{i}", e, key="USES")
    for e, data in G.nodes(data=True):
        if data["label"] == "Entity":
            data["paper_count"] = len(G.pred[e])
    sel = select_subgraph(G, max_nodes=20)
    H = sel.graph
    # was 20 entities and no edge: the lonely ones went and came back, as nothing linked to an empty page
    assert H.number_of_nodes() == 20 and H.number_of_edges() >= 10
    assert not [n for n in H if H.degree(n) == 0]
    assert {H.nodes[n]["label"] for n in H} == {"Paper", "Entity"}
    assert select_subgraph(G, max_nodes=20).graph.nodes == H.nodes  # the same page every time


def test_viz_select_node_ids_restricts_and_validates():
    G = small_graph()
    sel = select_subgraph(G, node_ids={"P1", E["LoRA"], A_SHEN})
    assert set(sel.graph) == {"P1", E["LoRA"], A_SHEN}
    assert set(select_subgraph(G, node_ids={"P1", "P2", "P4"}, focus="P1", hops=3).graph) == {"P1", "P2", "P4"}
    with pytest.raises(QueryError, match="not in the graph: nope"):
        select_subgraph(G, node_ids={"P1", "nope"})


def test_viz_select_does_not_mutate_or_share_with_caller():
    G = small_graph()
    before = _snapshot(G)
    sel = select_subgraph(G, focus="LoRA", hops=2)
    sel.graph.nodes["P1"]["authors"].append("Someone Else")
    sel.graph.nodes["P1"]["title"] = "changed"
    assert _snapshot(G) == before


def test_viz_select_unknown_focus_lists_close_matches(capsys):
    # a typo is matched fuzzily (graphbuild.lookup), and stderr says what it matched
    assert resolve_focus(small_graph(), "Lorra") == "entity:lora"
    assert "matched entity 'LoRA' (entity:lora) by fuzzy match" in capsys.readouterr().err
    with pytest.raises(RelatedLookupError) as info:  # E600 like `related`, not E200 (a query error)
        select_subgraph(small_graph(), focus="Lorra-Net")
    message = str(info.value)
    assert "matches 'Lorra-Net'; did you mean LoRA" in message
    assert isinstance(info.value, GraphbuildError)


def test_viz_select_ambiguous_title_fragment_lists_papers():
    with pytest.raises(RelatedLookupError, match=r"matches 3 paper titles.*'LoRA paper' \(P1\)") as info:
        resolve_focus(small_graph(), "paper")
    assert "paper id. Pass a node id" in str(info.value)  # was "paper id.. Pass"


@pytest.mark.parametrize("kwargs, match", [
    ({"types": ["Gene"]}, "unknown node type"),
    ({"hops": -1, "focus": "LoRA"}, "hops must be"),
    ({"max_nodes": 0}, "max_nodes must be"),
])
def test_viz_select_rejects_bad_arguments(kwargs, match):
    with pytest.raises(QueryError, match=match):
        select_subgraph(small_graph(), **kwargs)


# ------------------------------------------------------------------ rows


def test_viz_node_ids_from_rows_reads_dicts_strings_and_lists():
    G = small_graph()
    rows = [
        {"p": {"id": "P2", "title": "QLoRA paper"}, "n": 3},
        {"e": {"id": E["Llama-2-7B"], "family": E["Llama"]}, "names": ["GLUE", "not an id"]},
        {"ids": ["P4", ("X1",)], "nested": {"rel": {"from": "P3"}}, "gone": {"id": "deleted-node"}},
        {"title": "P5 is mentioned but this string is not an id"},
    ]
    # family (Llama) is a property of the node dict, not a mention; "GLUE" is a name, not an id
    assert node_ids_from_rows(G, rows) == {"P2", E["Llama-2-7B"], "P4", "X1", "P3"}
    assert node_ids_from_rows(G, []) == set()


# ------------------------------------------------------------------ page


def test_viz_render_is_self_contained_and_leaves_graph_unchanged(tmp_path):
    G = small_graph()
    G.nodes["P1"]["url"] = "https://arxiv.org/abs/2106.09685"
    before = _snapshot(G)
    out = render_html(select_subgraph(G), tmp_path / "page.html", title="See http://example.org")
    assert _snapshot(G) == before
    text = out.read_text(encoding="utf-8")
    assert "http://" not in text and "https://" not in text
    assert not re.search(r"<(link|script|img|iframe)[^>]+(src|href)=[\"'](?!data:)", text)
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"]  # no temp file or lib/ folder left behind


def test_viz_render_escapes_markup_in_titles_and_evidence(tmp_path):
    G = small_graph()
    G.nodes["P5"]["title"] = "ViT <script>window.pwned=1</script> paper"
    out = render_html(select_subgraph(G, focus="ViT", hops=1), tmp_path / "vit.html",
                      title="<script>alert(2)</script>")
    text = out.read_text(encoding="utf-8")
    assert "<script>window.pwned" not in text and "<script>alert" not in text
    assert "<title>&lt;script&gt;alert(2)&lt;&#47;script&gt;</title>" in text
    assert len(re.findall(r"^<script\b", text, re.M)) == 3  # data, vis-network, explorer: nothing injected
    data = _page_data(out)
    p5 = next(n for n in data["nodes"] if n["id"] == "P5")
    assert p5["tip"]["head"] == "ViT <script>window.pwned=1</script> paper"
    assert "title" not in p5  # vis-network would render a string title as HTML
    assert dict(p5["tip"]["rows"])["abstract"] == "We propose ViT <b>bold</b>."
    edge = next(e for e in data["edges"] if e["rel"] == "PROPOSES")
    assert dict(edge["tip"]["rows"])["evidence"] == "We propose ViT <script>alert(1)</script>."


def test_viz_render_node_attributes_legend_and_physics(tmp_path):
    sel = select_subgraph(small_graph(), focus="LoRA", hops=1)
    data = _page_data(render_html(sel, tmp_path / "lora.html"))
    by_id = {n["id"]: n for n in data["nodes"]}
    assert set(by_id) == set(sel.graph)
    assert by_id[E["LoRA"]]["color"] == KIND_COLORS["Method"] and by_id[E["LoRA"]]["group"] == "Method"
    assert by_id["P1"]["color"] == KIND_COLORS["Paper"] and by_id["P1"]["year"] == 2021
    assert by_id["P1"]["size"] > by_id["P2"]["size"]  # P1 is cited twice on the page
    assert [item["kind"] for item in data["legend"]] == ["Paper", "Method"]
    assert {e["label"] for e in data["edges"]} == {"proposes", "uses", "cites"}
    assert data["physics"] is True and data["options"]["physics"]["enabled"] is True
    assert data["years"] == [2021, 2023]


def test_viz_render_large_page_gets_positions_and_no_physics(tmp_path):
    G = nx.MultiDiGraph()
    for i in range(320):
        G.add_node(f"p{i}", label="Paper", id=f"p{i}", title=f"Paper {i}", year=2000 + i % 20, authors=[])
        if i:
            G.add_edge(f"p{i}", f"p{i // 2}", key="CITES", inferred=False, via=None)
    data = _page_data(render_html(select_subgraph(G, max_nodes=1000), tmp_path / "big.html"))
    assert data["physics"] is False and data["options"]["physics"]["enabled"] is False
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in data["nodes"])
    assert len({(n["x"], n["y"]) for n in data["nodes"]}) == 320


def test_viz_render_cut_note_and_empty_selection(tmp_path):
    G = small_graph()
    text = render_html(select_subgraph(G, max_nodes=3), tmp_path / "cut.html").read_text(encoding="utf-8")
    assert "showing 3 of 19 nodes; use --focus&#47;--types&#47;--max-nodes to see more" in text
    empty = render_html(select_subgraph(G, since=2030), tmp_path / "empty.html").read_text(encoding="utf-8")
    assert "no nodes match this selection" in empty


def test_viz_show_in_notebook_embeds_page(tmp_path):
    pytest.importorskip("IPython")
    out = render_html(select_subgraph(small_graph(), focus="ViT"), tmp_path / "nb.html")
    shown = show_in_notebook(out, height=400)
    assert shown.data.startswith('<div class="graphbuild-viz"><iframe srcdoc="&lt;!DOCTYPE html&gt;')
    assert "height:400px" in shown.data


# ------------------------------------------------------------------ communities


def test_viz_community_nodes_are_colours_not_nodes(tmp_path):
    from graphbuild.communities import add_communities, community_names, node_communities
    from graphbuild.report import community_color

    G = add_communities(small_graph(), min_papers=1)
    sel = select_subgraph(G)
    assert not any(d["label"] == "Community" for _, d in sel.graph.nodes(data=True))
    assert sel.shown == small_graph().number_of_nodes()
    of = node_communities(G)
    page = render_html(sel, tmp_path / "c.html", communities=of, community_names=community_names(G))
    data = _page_data(page)
    colors = {n["id"]: n["color"] for n in data["nodes"]}
    assert colors["P1"] == community_color(int(of["P1"].split(":")[1]))
    assert colors[E["LoRA"]] == colors["P1"]  # LoRA's papers are mostly in P1's community
    assert colors[A_HU] == KIND_COLORS["Entity"]  # authors have no community: grey
    assert {c["name"] for c in data["communities"]} >= set(community_names(G).values()) | {"no community"}
    assert 'id="gb-communities"' in page.read_text()
    plain = _page_data(render_html(sel, tmp_path / "k.html"))
    assert {n["id"]: n["color"] for n in plain["nodes"]}["P1"] == KIND_COLORS["Paper"]
    assert plain["communities"] == []


# ------------------------------------------------------------------ term map


def _two_topic_corpus(n_papers: int) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for t in range(2):
        for k in range(6):
            e = f"entity:t{t}e{k}"
            G.add_node(e, label="Entity", id=e, name=f"T{t} term {k}", type="Method", paper_count=0)
    for i in range(n_papers):
        t = i % 2
        pid = f"P{i:05d}"
        G.add_node(pid, label="Paper", id=pid, title=f"Paper {i}", year=2000 + i % 20, external=False)
        for k in {i % 6, (i // 2) % 6, 0}:
            G.add_edge(pid, f"entity:t{t}e{k}", key="USES")
    return G


def test_viz_term_map_links_terms_that_co_occur():
    from graphbuild.termmap import CO_OCCURS, term_map

    G = _two_topic_corpus(600)
    sel = term_map(G, max_terms=12, links_per_term=3)
    H = sel.graph
    assert set(H) == {f"entity:t{t}e{k}" for t in range(2) for k in range(6)}
    assert all(d["label"] == "Entity" for _, d in H.nodes(data=True))
    assert H.nodes["entity:t0e0"]["paper_count"] == 300 and len(H.nodes["entity:t0e0"]["top_papers"]) == 8
    for u, v, key, data in H.edges(keys=True, data=True):
        assert key == CO_OCCURS and u.split("e")[1][0] == v.split("e")[1][0]  # never across the two topics
        assert data["papers"] >= 2 and data["strength"] > 0
    assert max(dict(H.degree()).values()) <= 2 * 3 + 3
    # the API's note named --max-nodes, which a term map has not
    assert term_map(G, max_terms=5).note == "showing 5 of 12 nodes; a larger max_terms shows more"


def test_viz_whole_graph_of_a_large_corpus_is_a_term_map(tmp_path):
    from graphbuild.communities import add_communities
    from graphbuild.termmap import TERM_MAP_MIN_PAPERS

    G = add_communities(_two_topic_corpus(TERM_MAP_MIN_PAPERS))
    sel = select_subgraph(G, max_nodes=500)
    assert sel.reason.startswith("term map: the 12 entities in most of 5,000 papers")
    assert not any(d["label"] == "Paper" for _, d in sel.graph.nodes(data=True))
    data = _page_data(render_html(sel, tmp_path / "map.html"))
    colors = {n["id"]: n["color"] for n in data["nodes"]}
    assert len({colors[f"entity:t0e{k}"] for k in range(6)}) == 1 != len(set(colors.values()))
    assert {c["name"] for c in data["communities"]} == {d["name"] for _, d in G.nodes(data=True)
                                                       if d["label"] == "Community"}
    tip = next(n for n in data["nodes"] if n["id"] == "entity:t0e0")["tip"]
    assert any(row[0] == "most cited papers" and "Paper " in row[1] for row in tip["rows"])
    assert all(e["arrows"] == "" for e in data["edges"])
    # a focus still gives the neighbourhood of papers
    assert any(d["label"] == "Paper" for _, d in select_subgraph(G, focus="T0 term 1").graph.nodes(data=True))


def test_viz_term_map_note_names_what_shows_more(tmp_path):
    from graphbuild.cli import main
    from graphbuild.communities import add_communities
    from graphbuild.graph import save_graph
    from graphbuild.termmap import TERM_MAP_MIN_PAPERS

    G = add_communities(_two_topic_corpus(TERM_MAP_MIN_PAPERS))
    # "use --focus/--types/--max-nodes to see more", yet a larger --max-nodes kept the same map
    assert select_subgraph(G, max_nodes=5).note == ("showing 5 of 12 nodes; use --focus/--types for part of the "
                                                    "graph, or `graphbuild map --terms N` for a larger map")
    ws = tmp_path / "ws"
    (ws / "gen-000001").mkdir(parents=True)
    save_graph(G, ws / "gen-000001" / "graph.json")
    (ws / "CURRENT").write_text("gen-000001\n")
    assert main(["map", "-w", str(ws), "--terms", "3", "-o", str(tmp_path / "map.html")]) == 0
    assert "showing 3 of 12 nodes; --terms N shows more</p>" in (tmp_path / "map.html").read_text()


def test_viz_page_carries_hidden_neighbours_for_expanding(tmp_path):
    G = small_graph()
    sel = select_subgraph(G, focus="QLoRA", hops=1)
    hidden = set(sel.frontier) - set(sel.graph)
    assert hidden and not hidden & set(sel.graph)
    # every hidden node is a neighbour in G of a shown one, and no Community node is ever offered
    assert all(any(m in sel.graph for m in nx.all_neighbors(G, h)) for h in hidden)
    data = _page_data(render_html(sel, tmp_path / "q.html"))
    assert set(data["more"]["nodes"]) == hidden
    assert set(data["more"]["by"]) <= set(sel.graph)
    assert {m for ms in data["more"]["by"].values() for m in ms} == hidden
    assert all(set(e) >= {"from", "to", "id", "tip"} for e in data["more"]["edges"])
    whole = select_subgraph(G)
    assert _page_data(render_html(whole, tmp_path / "w.html"))["more"] is None  # nothing hidden


def test_viz_page_shows_control_characters_as_escapes(tmp_path):
    G = small_graph()
    G.nodes[E["LoRA"]]["name"] = "Lo\x00RA\x1b[2J"  # the page drew an empty box for each, or nothing
    G.nodes["P1"]["abstract"] = "Bell\x07 and\ttab\nkept"
    page = render_html(select_subgraph(G), tmp_path / "g.html", title="Title\x01")
    nodes = {n["id"]: n for n in _page_data(page)["nodes"]}
    assert nodes[E["LoRA"]]["label"] == nodes[E["LoRA"]]["tip"]["head"] == "Lo\\x00RA\\x1b[2J"
    assert nodes[E["LoRA"]]["search"].startswith("Lo\\x00RA")  # found as it is shown
    assert dict(nodes["P1"]["tip"]["rows"])["abstract"] == "Bell\\x07 and tab kept"
    assert "<title>Title\\x01</title>" in page.read_text()


def test_viz_page_counts_read_as_numbers_of_things(tmp_path):
    one = render_html(select_subgraph(small_graph(), max_nodes=1), tmp_path / "one.html").read_text()
    assert "1 node, 0 edges</p>" in one  # was "1 nodes, 0 edges"
    G = nx.MultiDiGraph()
    for i in range(1200):
        G.add_node(f"p{i}", label="Paper", title=f"Paper {i}")
    many = render_html(select_subgraph(G, max_nodes=1200), tmp_path / "many.html").read_text()
    assert "1,200 nodes, 0 edges</p>" in many  # as the "showing 500 of 1,200 nodes" note writes it


@pytest.mark.parametrize("tail", ["\U0001f1eb\U0001f1f7\U0001f1e9\U0001f1ea",
                                  "\U0001f469\u200d\U0001f469\u200d\U0001f467", "e\u0301\u0301",
                                  "\U0001f44d\U0001f3fd"])
def test_viz_labels_are_cut_between_drawn_characters(tmp_path, tail):
    G = small_graph()
    G.nodes[E["LoRA"]]["name"] = "A" * 38 + tail + " and more"  # cut at 39 characters: inside the flag, family, ...
    label = next(n for n in _page_data(render_html(select_subgraph(G), tmp_path / "g.html"))["nodes"]
                 if n["id"] == E["LoRA"])["label"]
    assert label == "A" * 38 + "…"  # was half a flag (a lone letter), one of a family, a bare 'e' or a brown square
