"""The embedded store's fresh load from Arrow tables (``graph_columns`` -> ``graph_frames`` -> ``load``):
the same rows as a sync of the row tables into an empty store, the same report, the same errors."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from graph_fixture import E, small_graph

from graphbuild.errors import StoreError
from graphbuild.graph import graph_columns, graph_to_tables
from graphbuild.resources import data_path
from graphbuild.schema import NODE_TABLES, REL_TABLES
from graphbuild.stores.embedded import EmbeddedStore
from graphbuild.stores.embedded_rows import graph_frames
from graphbuild.workspace import Workspace


def dump(store: EmbeddedStore) -> dict[str, list]:
    """Every row of every table, sorted: what a store holds, compared whole."""
    out: dict[str, list] = {}
    for label, spec in NODE_TABLES.items():
        cols = ", ".join(f"n.{c}" for c in spec)
        out[label] = sorted(tuple(map(repr, r.values())) for r in store.query(f"MATCH (n:{label}) RETURN {cols}"))
    for rel, (src, dst, props) in REL_TABLES.items():
        cols = "".join(f", r.{c}" for c in props)
        rows = store.query(f"MATCH (a:{src})-[r:{rel}]->(b:{dst}) RETURN a.id, b.id{cols}")
        out[rel] = sorted(tuple(map(repr, r.values())) for r in rows)
    return out


def both_ways(G: nx.MultiDiGraph, tmp_path: Path) -> tuple[dict, dict, str, str]:
    synced, loaded = EmbeddedStore(tmp_path / "synced"), EmbeddedStore(tmp_path / "loaded")
    with synced, loaded:
        report_sync = synced.sync(graph_to_tables(G))
        report_load = loaded.load(graph_frames(graph_columns(G)))
        return dump(synced), dump(loaded), report_sync.summary(), report_load.summary()


def test_graph_columns_hold_the_rows_of_graph_to_tables():
    G = small_graph()
    tables = graph_to_tables(G)
    for name, cols in graph_columns(G):
        rows = tables.nodes[name] if name in NODE_TABLES else tables.rels[name]
        assert [dict(zip(cols, values)) for values in zip(*cols.values())] == rows, name


def test_load_holds_what_a_sync_into_an_empty_store_holds(tmp_path):
    synced, loaded, report_sync, report_load = both_ways(small_graph(), tmp_path)
    assert loaded == synced
    assert len(loaded["USES"]) == 4 and len(loaded["AUTHORED"]) == 5
    assert report_load == report_sync == "19 nodes created, 0 updated, 0 deleted; 27 relationships created, 0 deleted"


@pytest.mark.slow
def test_load_of_the_demo_build_holds_what_its_store_holds(tmp_path):
    ws = Workspace(tmp_path / "demo")
    ws.build([str(data_path("demo"))], progress=False, overview=False)  # a new workspace: the fresh load
    synced, loaded, *_ = both_ways(ws.graph(), tmp_path)
    assert loaded == synced
    with EmbeddedStore(ws.store_path()) as built:
        assert dump(built) == synced
    assert sum(len(v) for v in synced.values()) > 500


def test_load_refuses_a_relationship_to_a_node_of_another_label(tmp_path):
    G = small_graph()
    G.add_edge("P1", E["LoRA"], key="CITES", inferred=False, via=None)  # CITES ends at a Paper
    with pytest.raises(StoreError, match=r"CITES relationship 'P1' -> 'entity:lora' points at a missing Paper/Paper"):
        graph_frames(graph_columns(G))


def test_load_refuses_a_value_of_the_wrong_type(tmp_path):
    G = small_graph()
    G.nodes["P1"]["year"] = "twenty-one"
    with pytest.raises(StoreError, match=r"Paper.year holds a value that is not INT64"):
        graph_frames(graph_columns(G))


def test_load_refuses_a_node_without_a_string_id():
    G = small_graph()
    G.add_node("author:seven", label="Author", id=7, name="Seven")
    with pytest.raises(StoreError, match=r"a Author row has no string id: 7"):
        graph_frames(graph_columns(G))


def test_load_from_parquet_files_holds_the_same_rows(tmp_path):
    G = small_graph()
    spill = tmp_path / "it's a \\ folder"  # a quote and a backslash: the COPY's path literal is escaped
    spill.mkdir()
    frames = graph_frames(graph_columns(G), spill=spill)
    assert frames.nodes["Paper"] == spill / "Paper.parquet" and frames.rows["USES"] == 4
    with EmbeddedStore(tmp_path / "synced") as synced, EmbeddedStore(tmp_path / "loaded") as loaded:
        synced.sync(graph_to_tables(G))
        report = loaded.load(frames)
        assert dump(loaded) == dump(synced)
    assert report.summary() == "19 nodes created, 0 updated, 0 deleted; 27 relationships created, 0 deleted"
    assert {**frames.nodes, **frames.rels}.keys() == {"Community", "Result", "IN_COMMUNITY", "REPORTS", "OF_MODEL",
                                                      "ON_DATASET"}  # the others were handed over (empty: none)
