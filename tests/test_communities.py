"""Leiden communities: labels, reproducibility, a two-field corpus splitting in two, both stores."""

from __future__ import annotations

import doctest
import json
import os
import random

import networkx as nx
import pytest
from graph_fixture import small_graph

import graphbuild.communities as communities
from graphbuild.communities import (
    add_communities,
    community_rows,
    detect_communities,
    entity_communities,
    node_communities,
)
from graphbuild.graph import graph_to_tables
from graphbuild.workspace import Workspace

NLP = [
    "We fine-tune BERT on GLUE and SQuAD and compare with RoBERTa.",
    "RoBERTa improves over BERT on GLUE, MNLI and SQuAD.",
    "A study of BERT pre-training: results on GLUE and MNLI.",
    "We distil RoBERTa and evaluate on SQuAD and GLUE.",
    "Pruning BERT heads keeps accuracy on MNLI and SQuAD.",
    "We probe RoBERTa and BERT representations on GLUE.",
    "Adversarial training of BERT on SQuAD and MNLI.",
    "Long inputs for RoBERTa: experiments on SQuAD and GLUE.",
]
RL = [
    "We train PPO agents on Atari and MuJoCo and compare with DQN.",
    "DQN with prioritized replay on Atari, compared with PPO on MuJoCo.",
    "Soft Actor-Critic outperforms PPO on MuJoCo locomotion.",
    "We revisit DQN and PPO baselines on Atari.",
    "Model-based rollouts speed up Soft Actor-Critic on MuJoCo.",
    "Exploration bonuses for DQN and PPO on hard Atari games and MuJoCo.",
    "PPO with larger batches on MuJoCo and Atari.",
    "Offline Soft Actor-Critic on MuJoCo benchmarks compared with PPO.",
]


def two_field_corpus(path):
    rows = [{"id": f"nlp{i}", "title": f"Language paper {i}", "abstract": text, "year": 2018 + i % 5}
            for i, text in enumerate(NLP)]
    rows += [{"id": f"rl{i}", "title": f"Control paper {i}", "abstract": text, "year": 2016 + i % 6}
             for i, text in enumerate(RL)]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def test_communities_doctests_run():
    result = doctest.testmod(communities, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted >= 3


def test_communities_two_unrelated_fields_split_into_them(tmp_path):
    ws = Workspace(tmp_path / "ws")
    ws.build([two_field_corpus(tmp_path / "papers.jsonl")], progress=False, overview=False)
    G = ws.graph()
    rows = community_rows(G)
    assert len(rows) == 2
    members = {c: sorted(u for u, v, k in G.edges(keys=True) if k == "IN_COMMUNITY" and v == c) for c in
               (r["id"] for r in rows)}
    fields = sorted(tuple(sorted({m.rstrip("0123456789") for m in ms})) for ms in members.values())
    assert fields == [("nlp",), ("rl",)]
    assert sum(len(ms) for ms in members.values()) == 16
    labels = {r["id"]: set(r["top_entities"]) for r in rows}
    nlp_id = next(c for c, ms in members.items() if ms[0].startswith("nlp"))
    assert labels[nlp_id] <= {"BERT", "RoBERTa", "GLUE", "SQuAD", "MNLI"}
    assert {"GLUE", "SQuAD"} & set(next(r for r in rows if r["id"] == nlp_id)["top_datasets"])
    # entities follow their papers
    ents = entity_communities(G)
    by_name = {G.nodes[e]["name"]: c for e, c in ents.items()}
    assert by_name["BERT"] == by_name["GLUE"] == nlp_id
    assert by_name["PPO"] == by_name["MuJoCo"] == by_name["DQN"] != nlp_id


def test_communities_stable_under_a_rebuild_with_no_change(tmp_path):
    ws = Workspace(tmp_path / "ws")
    corpus = two_field_corpus(tmp_path / "papers.jsonl")
    ws.build([corpus], progress=False, overview=False)
    before = community_rows(ws.graph())
    report = ws.build([corpus], progress=False, overview=False)
    assert not report.changed  # the graph, communities included, hashes the same
    assert community_rows(Workspace(tmp_path / "ws").graph()) == before
    assert ws.query("MATCH (p:Paper)-[:IN_COMMUNITY]->(c:Community) RETURN count(p) AS n") == [{"n": 16}]


def test_communities_cli_lists_them_and_colours_a_page(tmp_path, capsys):
    from graphbuild.cli import main

    ws = str(tmp_path / "ws")
    Workspace(ws).build([two_field_corpus(tmp_path / "papers.jsonl")], progress=False, overview=False)
    assert main(["communities", "-w", ws, "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["papers"] for r in rows] == [8, 8]
    assert main(["communities", "-w", ws]) == 0
    assert rows[0]["name"] in capsys.readouterr().out
    out = tmp_path / "c.html"
    assert main(["viz", "-w", ws, "--color", "community", "-o", str(out)]) == 0
    text = out.read_text()
    assert rows[0]["name"] in text and rows[1]["name"] in text and 'id="gb-communities"' in text


def test_communities_reproducible_whatever_the_insertion_order():
    G = small_graph()
    first = detect_communities(G, min_papers=1)
    shuffled = nx.MultiDiGraph()
    nodes = list(G.nodes(data=True))
    edges = list(G.edges(keys=True, data=True))
    random.Random(3).shuffle(nodes)
    random.Random(4).shuffle(edges)
    shuffled.add_nodes_from(nodes)
    shuffled.add_edges_from(edges)
    assert detect_communities(shuffled, min_papers=1) == first
    assert detect_communities(G, min_papers=1) == first
    assert [c.rank for c in first] == list(range(1, len(first) + 1))
    assert all(a.papers >= b.papers for a, b in zip(first, first[1:]))


def test_communities_add_replaces_previous_ones_and_drops_small_groups():
    G = add_communities(small_graph(), min_papers=1)
    n = sum(1 for _, d in G.nodes(data=True) if d["label"] == "Community")
    assert n >= 2
    add_communities(G, min_papers=1)
    assert sum(1 for _, d in G.nodes(data=True) if d["label"] == "Community") == n
    add_communities(G, min_papers=99)
    assert not any(d["label"] == "Community" for _, d in G.nodes(data=True))
    assert not any(k == "IN_COMMUNITY" for *_, k in G.edges(keys=True))
    assert node_communities(G) == {}


def test_communities_empty_graph():
    assert detect_communities(nx.MultiDiGraph()) == []


@pytest.fixture(params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def synced(request, tmp_path):
    G = add_communities(small_graph(), min_papers=1)
    if request.param == "embedded":
        from graphbuild.stores.embedded import EmbeddedStore

        store = EmbeddedStore(tmp_path / "db")
    else:
        from graphbuild.stores.neo4j import Neo4jStore

        store = Neo4jStore(request.getfixturevalue("neo4j_uri"),
                           password=os.environ.get("NEO4J_PASSWORD", "graphbuild-test"))
    store.sync(graph_to_tables(G))
    yield G, store
    store.close()


def test_communities_queryable_on_both_stores(synced):
    G, store = synced
    rows = store.query("MATCH (p:Paper)-[:IN_COMMUNITY]->(c:Community) "
                       "RETURN c.id AS id, c.name AS name, c.rank AS rank, c.top_entities AS top, "
                       "count(p) AS papers ORDER BY rank")
    expected = [{"id": r["id"], "name": r["name"], "rank": r["rank"], "top": r["top_entities"],
                 "papers": r["papers"]} for r in community_rows(G)]
    assert rows == expected
    assert store.counts()["IN_COMMUNITY"] == sum(r["papers"] for r in expected)


def test_communities_named_queries_identical_on_both_stores(synced):
    from graphbuild.library import bind_params, load_library

    G, store = synced
    library = load_library()

    def run(name, **params):
        query = library[name]
        return store.query(query.cypher_for(store.name), bind_params(query, params))

    rows = community_rows(G)
    assert run("communities") == [{"id": r["id"], "rank": r["rank"], "label": r["name"], "papers": r["papers"],
                                   "first_year": r["first_year"], "last_year": r["last_year"],
                                   "top_entities": r["top_entities"], "top_datasets": r["top_datasets"]}
                                  for r in rows]
    members = sorted((v, -G.nodes[u]["year"], u) for u, v, k in G.edges(keys=True) if k == "IN_COMMUNITY")
    largest = [m for m in members if m[0] == "community:1"]
    assert [(r["community"], r["id"]) for r in run("community-members")] == [(c, p) for c, _, p in largest]
    assert run("community-members", community="1") == run("community-members", community="community:1")
    word = rows[-1]["top_entities"][0].lower()
    assert rows[-1]["id"] in {r["community"] for r in run("community-members", community=word)}
    assert run("community-members", community="no such community") == []
    # small_graph: 2020 ViT; 2021 LoRA; 2022 adapter study; 2023 QLoRA, Llama 2 (hand-counted)
    rising = run("rising-entities", since=2022, span=2, min_papers=1)
    assert [(r["entity"], r["earlier"], r["recent"], r["gain"]) for r in rising] == [
        ("MMLU", 0, 3, 3), ("Llama-2-7B", 0, 2, 2), ("LoRA", 1, 2, 1), ("Llama", 0, 1, 1), ("QLoRA", 0, 1, 1)]
    assert [r["entity"] for r in run("rising-entities", since=2022, span=2, type="Dataset", min_papers=1)] == ["MMLU"]
