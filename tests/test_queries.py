"""The named query library: loading, parameter binding and the exact rows of every
query on the hand-checked graph (tests/graph_fixture.py), on every store."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from graph_fixture import E, small_graph

from graphbuild.errors import InputError, QueryError
from graphbuild.graph import graph_to_tables
from graphbuild.library import NamedQuery, bind_params, get_query, load_library, parse_query_file
from graphbuild.records import ENTITY_TYPES
from graphbuild.stores.embedded import EmbeddedStore

LIBRARY = load_library()


@pytest.fixture(scope="module", params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request, tmp_path_factory):
    if request.param == "embedded":
        st = EmbeddedStore(tmp_path_factory.mktemp("queries") / "db")
    else:
        uri = request.getfixturevalue("neo4j_uri")
        from graphbuild.stores.neo4j import Neo4jStore

        st = Neo4jStore(uri, password=os.environ.get("NEO4J_PASSWORD", "graphbuild-test"))
    st.sync(graph_to_tables(small_graph()))
    yield st
    st.close()


def run(store, query_name: str, /, **overrides) -> list[dict]:
    query = LIBRARY[query_name]
    return store.query(query.cypher_for(store.name), bind_params(query, overrides))


def _ent(id_: str, name: str, type_: str, papers: int) -> dict:
    return {"id": id_, "entity": name, "type": type_, "papers": papers}


# ---------------------------------------------------------------------------
# library loading and parameters


def test_queries_library_loads_at_least_twelve_described_queries():
    assert len(LIBRARY) >= 12
    for name, query in LIBRARY.items():
        assert query.name == name == query.path.stem
        assert query.description and len(query.description) > 20
        assert "$" not in query.description
        for param in query.params:
            assert f"${param}" in query.cypher, f"{name} declares ${param} but never uses it"


def test_queries_every_query_orders_its_rows():
    for query in LIBRARY.values():
        for body in [query.cypher, *query.variants.values()]:
            assert "ORDER BY" in body.rsplit("RETURN", 1)[1], query.name


def test_queries_header_defaults_are_typed():
    top = LIBRARY["top-datasets"]
    assert top.params == {"type": "Dataset", "limit": 20}
    assert LIBRARY["most-cited"].params["include_external"] is True
    assert LIBRARY["papers-with-entity"].params["role"] == ""
    assert set(LIBRARY["shortest-path"].variants) == {"embedded", "neo4j"}
    assert LIBRARY["top-models"].cypher_for("embedded") == LIBRARY["top-models"].cypher


def test_queries_bind_params_coerces_cli_strings():
    query = LIBRARY["most-cited"]
    bound = bind_params(query, {"limit": "5", "include_external": "no", "include_inferred": "TRUE"})
    assert bound == {"limit": 5, "include_external": False, "include_inferred": True}
    assert bind_params(LIBRARY["top-entities"], {"type": "Model"})["type"] == "Model"
    assert bind_params(query, {"limit": 7})["limit"] == 7
    assert bind_params(query) == query.params


def test_queries_bind_params_float_default(tmp_path):
    path = tmp_path / "scored.cypher"
    path.write_text("// name: scored\n// description: a float parameter for testing\n"
                    "// param: threshold = 0.5\nRETURN $threshold AS t ORDER BY t\n")
    query = parse_query_file(path)
    assert bind_params(query, {"threshold": "2"}) == {"threshold": 2.0}
    assert bind_params(query, {"threshold": 1}) == {"threshold": 1.0}


@pytest.mark.parametrize("overrides, message", [
    ({"limit": "many"}, "takes a whole number (default 20), not 'many'"),
    ({"include_external": "maybe"}, "takes true or false"),
    ({"limt": "3"}, "has no parameter 'limt'; its parameters: include_external, include_inferred, limit"),
    ({"limit": True}, "takes a whole number, not True"),
])
def test_queries_bind_params_errors(overrides, message):
    with pytest.raises(QueryError, match=re.escape(message)):
        bind_params(LIBRARY["most-cited"], overrides)


def test_queries_every_limit_refuses_a_negative_value_naming_the_parameter():
    """A negative limit reached the database, which answered in its own words (E200 "Runtime exception: ...")."""
    for name, query in LIBRARY.items():
        if "limit" in query.params:
            with pytest.raises(QueryError, match=re.escape(f"parameter 'limit' of {name} takes a whole number "
                                                           "of 0 or more, not -1")):
                bind_params(query, {"limit": "-1"})
            assert bind_params(query, {"limit": 0})["limit"] == 0


def test_queries_papers_with_entity_refuses_an_unknown_role_naming_the_allowed_ones():
    """``role=bogus`` matched no paper and returned no rows, as if the entity had none."""
    query = LIBRARY["papers-with-entity"]
    with pytest.raises(QueryError, match=re.escape("parameter 'role' of papers-with-entity takes one of '', "
                                                   "'proposes', 'uses', 'evaluates_on', 'compares_with', not 'bogus'")):
        bind_params(query, {"role": "bogus"})
    assert bind_params(query, {"role": "uses"})["role"] == "uses"


@pytest.mark.parametrize("name, overrides, accepted", [
    ("rising-entities", {"span": "-5"}, "parameter 'span' of rising-entities takes a whole number from 1 to 1000, "
                                        "not -5"),
    ("rising-entities", {"span": "100000000000000000000"},
     "takes a whole number from 1 to 1000, not 100000000000000000000"),
    ("rising-entities", {"since": "20222"}, "parameter 'since' of rising-entities takes a whole number from 1000 "
                                            "to 9999, not 20222"),
    ("rising-entities", {"min_papers": "-3"}, "parameter 'min_papers' of rising-entities takes a whole number of 0 "
                                              "or more, not -3"),
    ("ancestry", {"depth": "6"}, "parameter 'depth' of ancestry takes a whole number from 0 to 5, not 6"),
    ("ancestry", {"depth": "-1"}, "parameter 'depth' of ancestry takes a whole number from 0 to 5, not -1"),
    ("co-occurring", {"type": "Foo"}, "parameter 'type' of co-occurring takes one of '', 'Model', 'Method', "
                                      "'Dataset', 'Task', 'Metric', not 'Foo'"),
    ("top-datasets", {"type": "Datasets"}, "parameter 'type' of top-datasets takes one of 'Dataset', '', 'Model'"),
])
def test_queries_numbers_and_types_out_of_range_are_refused_naming_what_is_accepted(name, overrides, accepted):
    """These reached the database unchecked: span=-5 or type=Foo gave '(no rows)', a huge depth an [E200]."""
    with pytest.raises(QueryError, match=re.escape(accepted)):
        bind_params(LIBRARY[name], overrides)


def test_queries_declared_ranges_keep_their_ends_and_every_entity_type():
    assert bind_params(LIBRARY["ancestry"], {"depth": "5"})["depth"] == 5
    assert bind_params(LIBRARY["ancestry"], {"depth": 0})["depth"] == 0
    rising = bind_params(LIBRARY["rising-entities"], {"span": "1", "since": "1999", "min_papers": "0"})
    assert (rising["span"], rising["since"], rising["min_papers"]) == (1, 1999, 0)
    for name, query in LIBRARY.items():
        if "type" in query.params:
            for type_ in ("", *ENTITY_TYPES):
                assert bind_params(query, {"type": type_})["type"] == type_, name
    # a listed text in another case is passed on as listed (the stores compare types case-sensitively)
    assert bind_params(LIBRARY["top-entities"], {"type": "model"})["type"] == "Model"
    assert bind_params(LIBRARY["papers-with-entity"], {"role": "USES"})["role"] == "uses"


def test_queries_cli_out_of_range_param_is_one_coded_line(capsys):
    from graphbuild.cli import main

    assert main(["query", "--name", "rising-entities", "--param", "span=-5", "-w", "/nonexistent-left9"]) != 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "parameter 'span' of rising-entities takes a whole number from 1 to 1000" in err[0]
    assert re.search(r"\[E\d{3}\]", err[0])


@pytest.mark.parametrize("line, words", [
    ("// param: limit = 20; min x", "'; min' of parameter 'limit' needs a number"),
    ("// param: limit = -1; min 0", "the default of parameter 'limit' is below its minimum 0"),
    ("// param: n = 2; one of 1, two",
     "the values of parameter 'n' after '; one of' must be of its default's type (a whole number)"),
    ("// param: depth = 9; min 0; max 5", "the default of parameter 'depth' is above its maximum 5"),
    ("// param: depth = 3; max many", "'; max' of parameter 'depth' needs a number"),
    ("// param: depth = 3; min 1; min 2", "parameter 'depth' has two '; min' checks"),
])
def test_queries_parse_rejects_a_check_that_cannot_hold(tmp_path, line, words):
    bad = tmp_path / "oops.cypher"
    bad.write_text(f"// name: oops\n// description: a broken check\n{line}\nRETURN 1\n")
    with pytest.raises(InputError, match=re.escape(f"oops.cypher:3: {words}")):
        parse_query_file(bad)


def test_queries_get_query_suggests_close_names():
    assert get_query("top-datasets").name == "top-datasets"
    with pytest.raises(QueryError, match="did you mean top-datasets"):
        get_query("top-dataset")
    with pytest.raises(QueryError, match="known queries: .*ancestry"):
        get_query("zzzz")


def test_queries_parse_rejects_bad_headers(tmp_path):
    bad = tmp_path / "oops.cypher"
    bad.write_text("// name: other\n// description: mismatched name here\nRETURN 1 AS x ORDER BY x\n")
    with pytest.raises(InputError, match="make them agree"):
        parse_query_file(bad)
    bad.write_text("// name: oops\nRETURN 1 AS x ORDER BY x\n")
    with pytest.raises(InputError, match="description"):
        parse_query_file(bad)
    bad.write_text("// name: oops\n// description: a broken parameter line\n// param: limit 20\nRETURN 1\n")
    with pytest.raises(InputError, match=r"oops.cypher:3"):
        parse_query_file(bad)


def test_queries_parse_rejects_an_undeclared_parameter(tmp_path):
    # it loaded, then asked for --param since=VALUE and refused that value as no parameter of the query
    bad = tmp_path / "since.cypher"
    bad.write_text("// name: since\n// description: papers after a year\n// param: limit = 5\n"
                   "MATCH (p:Paper)\nWHERE p.year > $since AND p.title <> '$not'\nRETURN p.id LIMIT $limit\n")
    with pytest.raises(InputError, match=r"since.cypher:5: .*\$since.*// param: since = "):
        parse_query_file(bad)
    bad.write_text("// name: since\n// description: a variant's own parameter\nRETURN 1 AS x\n"
                   "// variant: neo4j\nRETURN $`odd name` AS x\n")
    with pytest.raises(InputError, match=r"since.cypher:5: .*odd name"):
        parse_query_file(bad)


def test_queries_variant_bodies_are_split(tmp_path):
    path = tmp_path / "two.cypher"
    path.write_text("// name: two\n// description: portable body plus a variant\n"
                    "RETURN 1 AS x ORDER BY x\n// variant: neo4j\nRETURN 2 AS x ORDER BY x\n")
    query = parse_query_file(path)
    assert isinstance(query, NamedQuery)
    assert query.cypher == "RETURN 1 AS x ORDER BY x"
    assert query.cypher_for("neo4j") == "RETURN 2 AS x ORDER BY x"
    assert query.cypher_for("embedded") == query.cypher


# ---------------------------------------------------------------------------
# every query with its defaults, then each one's exact rows


@pytest.mark.parametrize("name", sorted(LIBRARY))
def test_queries_run_with_defaults(store, name):
    rows = run(store, name)
    assert isinstance(rows, list)
    assert rows == run(store, name)  # deterministic


def test_queries_top_entities(store):
    assert run(store, "top-entities") == [
        _ent(E["MMLU"], "MMLU", "Dataset", 3), _ent(E["GLUE"], "GLUE", "Dataset", 2),
        _ent(E["ImageNet"], "ImageNet", "Dataset", 1)]
    assert run(store, "top-entities", type="", limit="4") == [
        _ent(E["MMLU"], "MMLU", "Dataset", 3), _ent(E["GLUE"], "GLUE", "Dataset", 2),
        _ent(E["GPT-3"], "GPT-3", "Model", 2), _ent(E["LoRA"], "LoRA", "Method", 2)]


def test_queries_top_datasets(store):
    assert run(store, "top-datasets", limit="2") == [
        _ent(E["MMLU"], "MMLU", "Dataset", 3), _ent(E["GLUE"], "GLUE", "Dataset", 2)]


def test_queries_top_methods(store):
    assert run(store, "top-methods") == [_ent(E["LoRA"], "LoRA", "Method", 2)]


def test_queries_top_models(store):
    assert run(store, "top-models") == [
        _ent(E["GPT-3"], "GPT-3", "Model", 2), _ent(E["Llama-2-7B"], "Llama-2-7B", "Model", 1)]


def test_queries_entity(store):
    llama = {"id": E["Llama"], "entity": "Llama", "type": "Model", "aliases": ["LLaMA"], "family": None,
             "paper_count": 1}
    assert run(store, "entity", name="llama") == [llama]
    lora = run(store, "entity", name="Low-Rank Adaptation")
    assert lora == [{"id": E["LoRA"], "entity": "LoRA", "type": "Method", "aliases": ["low-rank adaptation"],
                     "family": None, "paper_count": 3}]
    assert [r["entity"] for r in run(store, "entity", name="", limit="3")] == ["GLUE", "GPT-3", "ImageNet"]
    assert run(store, "entity", name="llama-2-7b")[0]["family"] == E["Llama"]


def test_queries_papers_with_entity(store):
    def row(paper, title, year, role):
        flags = {r: r == role for r in ("proposes", "uses", "evaluates_on", "compares_with")}
        return {"entity": "LoRA", "paper": paper, "title": title, "year": year, **flags}

    assert run(store, "papers-with-entity", name="LoRA") == [
        row("P2", "QLoRA paper", 2023, "uses"), row("P3", "Adapter study", 2022, "uses"),
        row("P1", "LoRA paper", 2021, "proposes")]
    assert run(store, "papers-with-entity", name=E["LoRA"], role="proposes") == [
        row("P1", "LoRA paper", 2021, "proposes")]
    gpt = run(store, "papers-with-entity", name="gpt-3", role="compares_with")
    assert [(r["paper"], r["compares_with"], r["uses"]) for r in gpt] == [("P2", True, False)]


def test_queries_compared_with(store):
    assert run(store, "compared-with", name="GPT-3") == [
        {"entity": "GPT-3", "id": E["QLoRA"], "compared_with": "QLoRA", "type": "Method", "papers": 1}]
    assert run(store, "compared-with", name="qlora") == [
        {"entity": "QLoRA", "id": E["GPT-3"], "compared_with": "GPT-3", "type": "Model", "papers": 1}]
    assert run(store, "compared-with", name="LoRA") == []


def test_queries_co_occurring(store):
    def row(name, type_, papers):
        return {"entity": "LoRA", "id": E[name], "co_occurs_with": name, "type": type_, "papers": papers}

    assert run(store, "co-occurring", name="lora") == [
        row("GLUE", "Dataset", 2), row("GPT-3", "Model", 2), row("MMLU", "Dataset", 2),
        row("Llama-2-7B", "Model", 1), row("QLoRA", "Method", 1)]
    assert run(store, "co-occurring", name="lora", type="Dataset", limit="1") == [row("GLUE", "Dataset", 2)]


def test_queries_evaluated_on(store):
    assert run(store, "evaluated-on", name="LoRA") == [
        {"entity": "LoRA", "id": E["GLUE"], "dataset": "GLUE", "papers": 2},
        {"entity": "LoRA", "id": E["MMLU"], "dataset": "MMLU", "papers": 2}]
    assert run(store, "evaluated-on", name="Vision Transformer") == [
        {"entity": "ViT", "id": E["ImageNet"], "dataset": "ImageNet", "papers": 1}]


def test_queries_methods_on_dataset(store):
    def row(name, type_, papers):
        return {"dataset": "MMLU", "id": E[name], "entity": name, "type": type_, "papers": papers}

    assert run(store, "methods-on-dataset", name="MMLU") == [
        row("Llama-2-7B", "Model", 2), row("LoRA", "Method", 2), row("Llama", "Model", 1), row("QLoRA", "Method", 1)]
    assert run(store, "methods-on-dataset", name="MMLU", type="Method") == [
        row("LoRA", "Method", 2), row("QLoRA", "Method", 1)]
    assert run(store, "methods-on-dataset") == [
        {"dataset": "ImageNet", "id": E["ViT"], "entity": "ViT", "type": "Model", "papers": 1}]


def test_queries_model_family(store):
    family = [
        {"family": "Llama", "id": E["Llama"], "member": "Llama", "type": "Model", "role": "family", "paper_count": 1},
        {"family": "Llama", "id": E["Llama-2-7B"], "member": "Llama-2-7B", "type": "Model", "role": "variant",
         "paper_count": 2},
    ]
    assert run(store, "model-family") == family
    assert run(store, "model-family", name="Llama-2-7B") == family
    assert run(store, "model-family", name="LLaMA") == family
    assert run(store, "model-family", name="GPT-3") == []


def test_queries_entity_by_year(store):
    assert run(store, "entity-by-year", name="MMLU") == [
        {"entity": "MMLU", "id": E["MMLU"], "year": 2022, "papers": 1},
        {"entity": "MMLU", "id": E["MMLU"], "year": 2023, "papers": 2}]


def test_queries_similar_papers(store):
    assert run(store, "similar-papers", paper="P3") == [
        {"paper": "P3", "similar": "P1", "title": "LoRA paper", "year": 2021, "shared": 2},
        {"paper": "P3", "similar": "P2", "title": "QLoRA paper", "year": 2023, "shared": 2},
        {"paper": "P3", "similar": "P4", "title": "Llama 2 report", "year": 2023, "shared": 1}]
    assert [r["similar"] for r in run(store, "similar-papers")] == ["P2", "P3"]  # default: P1
    assert run(store, "similar-papers", paper="vit paper") == []


def test_queries_citation_neighbours(store):
    def row(paper, direction, other, title, year, external=False, inferred=False, via=None):
        return {"paper": paper, "direction": direction, "neighbour": other, "title": title, "year": year,
                "external": external, "inferred": inferred, "via": via}

    assert run(store, "citation-neighbours", paper="P2") == [
        row("P2", "cites", "P1", "LoRA paper", 2021),
        row("P2", "cites", "P4", "Llama 2 report", 2023, inferred=True, via=E["Llama-2-7B"]),
        row("P2", "cites", "X1", "An external reference", None, external=True)]
    assert run(store, "citation-neighbours") == [
        row("P1", "cited-by", "P2", "QLoRA paper", 2023), row("P1", "cited-by", "P3", "Adapter study", 2022)]
    assert run(store, "citation-neighbours", paper="Llama 2 report") == [
        row("P4", "cited-by", "P2", "QLoRA paper", 2023, inferred=True, via=E["Llama-2-7B"])]


def test_queries_shortest_path(store):
    assert run(store, "shortest-path", source="QLoRA", target="GLUE") == [{
        "source": E["QLoRA"], "target": E["GLUE"], "hops": 3,
        "ids": [E["QLoRA"], "P2", "P1", E["GLUE"]], "names": ["QLoRA", "QLoRA paper", "LoRA paper", "GLUE"]}]
    direct = run(store, "shortest-path", source="Tim Dettmers", target="P2")
    assert [(r["hops"], r["ids"]) for r in direct] == [(1, ["author:tim dettmers", "P2"])]
    assert run(store, "shortest-path", source="ViT", target="GLUE") == []  # P5 is its own component


@pytest.fixture(scope="module")
def tied_store(store):
    """``store`` (either engine) reloaded with a Result node on a second QLoRA-GLUE path of 3 hops."""
    G = small_graph()
    rid = f"result:-|{E['GLUE']}|accuracy|"
    G.add_node(rid, label="Result", id=rid, model=None, dataset="GLUE", metric="accuracy", setting=None,
               lower_is_better=False)
    G.add_edge("P2", rid, key="REPORTS", metric="accuracy", value=90.0)
    G.add_edge(rid, E["GLUE"], key="ON_DATASET")
    store.sync(graph_to_tables(G))
    yield store
    store.sync(graph_to_tables(small_graph()))


def test_queries_shortest_path_ties_are_ordered_by_node_ids_and_results_are_named(tied_store):
    # two 3-hop paths tie: the embedded store gave the Result one and Neo4j might give the other;
    # a Result node had `name: null`
    rid = f"result:-|{E['GLUE']}|accuracy|"
    first = [E["QLoRA"], "P2", "P1", E["GLUE"]]
    assert [r["ids"] for r in run(tied_store, "shortest-path", source="QLoRA", target="GLUE")] == [first]
    rows = run(tied_store, "shortest-path", source="QLoRA", target="GLUE", limit=5)
    assert [(r["hops"], r["ids"]) for r in rows] == [(3, first), (3, [E["QLoRA"], "P2", rid, E["GLUE"]])]
    assert rows[1]["names"] == ["QLoRA", "QLoRA paper", "? on GLUE: accuracy", "GLUE"]


def test_queries_papers_by_author(store):
    assert run(store, "papers-by-author", author="hu") == [
        {"author": "Edward Hu", "paper": "P2", "title": "QLoRA paper", "year": 2023, "position": 1},
        {"author": "Edward Hu", "paper": "P1", "title": "LoRA paper", "year": 2021, "position": 0}]
    assert [(r["author"], r["paper"]) for r in run(store, "papers-by-author")] == [
        ("Alexey Dosovitskiy", "P5"), ("Edward Hu", "P2"), ("Edward Hu", "P1"),
        ("Tim Dettmers", "P2"), ("Yelong Shen", "P1")]


def test_queries_most_cited(store):
    p1 = {"paper": "P1", "title": "LoRA paper", "year": 2021, "external": False, "citations": 2}
    x1 = {"paper": "X1", "title": "An external reference", "year": None, "external": True, "citations": 2}
    p4 = {"paper": "P4", "title": "Llama 2 report", "year": 2023, "external": False, "citations": 1}
    assert run(store, "most-cited") == [p1, x1]
    assert run(store, "most-cited", include_external="false") == [p1]
    assert run(store, "most-cited", include_inferred="true") == [p1, x1, p4]


def test_queries_co_citation(store):
    def row(paper, other, title, n):
        return {"paper": paper, "co_cited_with": other, "title": title, "co_cited": n}

    x1 = row("P1", "X1", "An external reference", 2)
    assert run(store, "co-citation") == [x1]  # default: the most cited paper, P1 (tie with X1 broken by id)
    assert run(store, "co-citation", include_inferred="yes") == [x1, row("P1", "P4", "Llama 2 report", 1)]
    assert run(store, "co-citation", paper="P4", include_inferred="yes") == [
        row("P4", "P1", "LoRA paper", 1), row("P4", "X1", "An external reference", 1)]
    assert run(store, "co-citation", paper="P4") == []


def test_queries_ancestry(store):
    assert run(store, "ancestry", paper="P2") == [
        {"paper": "P2", "ancestor": "P1", "title": "LoRA paper", "year": 2021, "depth": 1},
        {"paper": "P2", "ancestor": "P4", "title": "Llama 2 report", "year": 2023, "depth": 1},
        {"paper": "P2", "ancestor": "X1", "title": "An external reference", "year": None, "depth": 1}]
    assert run(store, "ancestry") == []  # default: P1 cites nothing
    assert run(store, "ancestry", paper="P2", depth="0") == []


@pytest.fixture(scope="module")
def deep_store(tmp_path_factory):
    """The fixture plus P6 -> P7 -> P2 so that ancestry has depth 3."""
    G = small_graph()
    for pid, year in (("P6", 2024), ("P7", 2024)):
        G.add_node(pid, label="Paper", id=pid, title=f"{pid} paper", abstract=None, year=year, date=None,
                   venue=None, doi=None, arxiv_id=None, url=None, n_authors=None, external=False)
    G.add_edge("P6", "P7", key="CITES", inferred=False, via=None)
    G.add_edge("P7", "P2", key="CITES", inferred=False, via=None)
    G.add_edge("P6", "P1", key="CITES", inferred=False, via=None)
    st = EmbeddedStore(tmp_path_factory.mktemp("deep") / "db")
    st.sync(graph_to_tables(G))
    yield st
    st.close()


def test_queries_ancestry_depth(deep_store):
    rows = run(deep_store, "ancestry", paper="P6")
    assert [(r["ancestor"], r["depth"]) for r in rows] == [
        ("P1", 1), ("P7", 1), ("P2", 2), ("P4", 3), ("X1", 3)]
    assert [r["ancestor"] for r in run(deep_store, "ancestry", paper="p6 paper", depth="1")] == ["P1", "P7"]


def test_queries_files_live_in_the_resource_folder():
    assert all(q.path.parent == Path(LIBRARY["ancestry"].path).parent for q in LIBRARY.values())


def test_queries_papers_by_author_with_or_without_accents(tmp_path):
    # a reader types "muller" for "Jörg Müller" and "lukasz" for "Łukasz Kaiser"; the accented text finds them too
    from graphbuild.graph import build_graph
    from graphbuild.records import Paper

    papers = [Paper(id="P1", title="Zorb Paper", authors=("Jörg Müller", "Łukasz Kaiser"), year=2020),
              Paper(id="P2", title="Quill Paper", authors=("Jorge Muñoz",), year=2021)]
    st = EmbeddedStore(tmp_path / "db")
    try:
        st.sync(graph_to_tables(build_graph(papers, [], [])))
        for text in ("muller", "Müller", "MULLER", "jörg"):
            assert [r["author"] for r in run(st, "papers-by-author", author=text)] == ["Jörg Müller"], text
        assert [r["author"] for r in run(st, "papers-by-author", author="lukasz")] == ["Łukasz Kaiser"]
        assert [r["author"] for r in run(st, "papers-by-author", author="munoz")] == ["Jorge Muñoz"]
    finally:
        st.close()


@pytest.fixture(scope="module")
def yearless_store(store):
    """``store`` (either engine) reloaded with P1 losing its year and P1-P3 in one community."""
    G = small_graph()
    G.nodes["P1"]["year"] = None
    G.add_node("community:1", label="Community", id="community:1", name="LoRA · GLUE", rank=1, papers=3,
               entities=2, first_year=2021, last_year=2023, top_entities=["LoRA"], top_datasets=["GLUE"])
    for pid in ("P1", "P2", "P3"):
        G.add_edge(pid, "community:1", key="IN_COMMUNITY")
    store.sync(graph_to_tables(G))
    yield store
    store.sync(graph_to_tables(small_graph()))


def test_queries_newest_first_lists_a_paper_without_a_year_last(yearless_store):
    """A paper with no year sorted as the newest (nulls come first in a descending order), ahead of the dated
    papers, and with a small limit crowded them out."""
    assert [r["id"] for r in run(yearless_store, "community-members")] == ["P2", "P3", "P1"]
    assert [r["paper"] for r in run(yearless_store, "papers-with-entity", name="LoRA")] == ["P2", "P3", "P1"]
    assert [r["paper"] for r in run(yearless_store, "papers-with-entity", name="LoRA", limit=1)] == ["P2"]
    assert [(r["author"], r["paper"]) for r in run(yearless_store, "papers-by-author", author="hu")] == [
        ("Edward Hu", "P2"), ("Edward Hu", "P1")]


def test_queries_ancestry_on_the_embedded_store_walks_shortest_paths_with_the_portable_rows(tmp_path):
    """The portable body walks every path of up to 5 hops whatever depth says: seconds for one paper of 2,000
    citing 15 each, growing with the fifth power of the citations. The embedded variant walks one shortest path
    per ancestor and must give the very same rows, on diamonds and cycles too."""
    import random

    G = small_graph()
    rng = random.Random(7)
    ids = [f"Q{i:03d}" for i in range(60)]
    for i, pid in enumerate(ids):
        G.add_node(pid, label="Paper", id=pid, title=f"{pid} paper", abstract=None, year=2000 + i % 20, date=None,
                   venue=None, doi=None, arxiv_id=None, url=None, n_authors=None, external=False)
    for i, pid in enumerate(ids):
        for j in rng.sample(range(60), 4):  # any direction: cycles and paths of every length
            if j != i:
                G.add_edge(pid, ids[j], key="CITES", inferred=False, via=None)
    query = LIBRARY["ancestry"]
    assert "SHORTEST" in query.cypher_for("embedded") and query.cypher_for("embedded") != query.cypher
    st = EmbeddedStore(tmp_path / "db")
    try:
        st.sync(graph_to_tables(G))
        for paper in ("Q000", "Q031", "P2", ""):
            for depth in range(6):
                params = bind_params(query, {"paper": paper, "depth": depth, "limit": 10_000})
                assert st.query(query.cypher_for("embedded"), params) == st.query(query.cypher, params), (paper, depth)
    finally:
        st.close()


@pytest.fixture(scope="module")
def cased_store(store):
    """``store`` (either engine) reloaded with aliases in mixed case, as the gazetteer writes them."""
    G = small_graph()
    G.nodes[E["LoRA"]]["aliases"] = ["Low-Rank Adaptation"]
    G.nodes[E["GLUE"]]["aliases"] = ["General Language Understanding Evaluation"]
    store.sync(graph_to_tables(G))
    yield store
    store.sync(graph_to_tables(small_graph()))


@pytest.mark.parametrize(("query", "param", "name", "alias"), [
    ("entity", "name", "LoRA", "low-rank ADAPTATION"),
    ("papers-with-entity", "name", "LoRA", "LOW-RANK adaptation"),
    ("co-occurring", "name", "LoRA", "low-rank adaptation"),
    ("evaluated-on", "name", "LoRA", "Low-rank adaptation"),
    ("entity-by-year", "name", "LoRA", "low-rank adaptation"),
    ("compared-with", "name", "LoRA", "low-rank adaptation"),
    ("model-family", "name", "LoRA", "low-rank adaptation"),
    ("methods-on-dataset", "name", "GLUE", "general language understanding evaluation"),
    ("leaderboard", "dataset", "GLUE", "general language understanding evaluation"),
    ("shortest-path", "source", "LoRA", "low-rank adaptation"),
])
def test_queries_find_an_entity_by_its_alias_in_any_case(cased_store, query, param, name, alias):
    """An alias matched only as typed or in lower case ("Low-Rank Adaptation" not by "low-rank adaptation"),
    though the descriptions say case-insensitively; shortest-path on the embedded store differed from Neo4j."""
    extra = {"target": "GLUE"} if query == "shortest-path" else {}
    by_name = run(cased_store, query, **{param: name}, **extra)
    assert run(cased_store, query, **{param: alias}, **extra) == by_name
    if query in ("entity", "papers-with-entity", "co-occurring", "entity-by-year", "shortest-path"):
        assert by_name


def test_a_query_past_its_timeout_is_the_timeout_error_on_every_store(store):
    """A cross product that runs on stops at the given limit with one coded line; 0 lifts the limit."""
    from graphbuild.stores import QueryTimeoutError

    endless = "UNWIND range(1, 100000) AS a UNWIND range(1, 100000) AS b RETURN sum(a + b) AS s"
    with pytest.raises(QueryTimeoutError, match=r"^\[E201\] the query ran past its 0.5 s limit; narrow it "
                                                r"\(LIMIT, a WHERE\) or pass --timeout 0$"):
        store.query(endless, timeout=0.5)
    short = "UNWIND range(1, 1000) AS a UNWIND range(1, 1000) AS b RETURN sum(a + b) AS s"
    assert store.query(short, timeout=0) == [{"s": 1000 * 1000 * 1001}]


def test_rows_come_as_they_are_read_and_the_time_limit_covers_reading_them_on_every_store(store):
    """``query`` held the whole result as Python dicts before returning, and its limit covered the database alone:
    millions of rows ran on long past it. ``rows`` gives them one at a time, its columns first (no rows too), and
    a slow reader of them is stopped at the limit as the database is.
    """
    import time

    from graphbuild.errors import QueryTimeoutError

    with store.rows("UNWIND range(1, 3000) AS i RETURN i, i * 2 AS j") as rows:
        assert rows.columns == ["i", "j"]
        assert next(iter(rows)) == {"i": 1, "j": 2}
    with store.rows("MATCH (p:Paper) WHERE p.year < 0 RETURN p.id AS id, p.year AS year") as rows:
        assert rows.columns == ["id", "year"] and list(rows) == []
    with pytest.raises(QueryTimeoutError, match=r"^\[E201\] the query ran past its 0.5 s limit"):
        with store.rows("UNWIND range(1, 3000) AS i RETURN i", timeout=0.5) as rows:
            for _ in rows:  # 3000 x 1 ms
                time.sleep(0.001)
    assert store.query("RETURN 1 AS n", timeout=0.5) == [{"n": 1}]
