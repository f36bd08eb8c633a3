"""A small hand-checked graph shared by the store, query, export and viz tests.

Papers (year):
  P1 "LoRA paper" (2021) proposes LoRA, uses GPT-3, evaluates_on GLUE; authors Hu, Shen
  P2 "QLoRA paper" (2023) proposes QLoRA, uses LoRA, uses Llama-2-7B, evaluates_on MMLU;
     compares_with GPT-3; cites P1; authors Dettmers, Hu
  P3 "Adapter study" (2022) uses LoRA, evaluates_on GLUE, evaluates_on MMLU; cites P1
  P4 "Llama 2 report" (2023) proposes Llama-2-7B, proposes Llama, evaluates_on MMLU
  P5 "ViT paper" (2020) proposes ViT, evaluates_on ImageNet; author Dosovitskiy
  X1 external reference (no abstract), cited by P2 and P3
Inferred citation: P3 -> P1 is explicit; P2 -> P4 inferred via Llama-2-7B.
Entities: LoRA, QLoRA (Method); GPT-3, Llama, Llama-2-7B, ViT (Model);
  GLUE, MMLU, ImageNet (Dataset). Llama-2-7B VARIANT_OF Llama.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx

from graphbuild.graph import build_graph
from graphbuild.records import Citation, Entity, Link, Paper, entity_id

E = {name: entity_id(key) for name, key in [
    ("LoRA", "lora"), ("QLoRA", "qlora"), ("GPT-3", "gpt3"), ("Llama", "llama"),
    ("Llama-2-7B", "llama27b"), ("ViT", "vit"), ("GLUE", "glue"), ("MMLU", "mmlu"),
    ("ImageNet", "imagenet"),
]}

PAPERS = [
    Paper(id="P1", title="LoRA paper", abstract="We propose LoRA.", year=2021, authors=("Edward Hu", "Yelong Shen")),
    Paper(id="P2", title="QLoRA paper", abstract="We propose QLoRA on top of LoRA.", year=2023,
          authors=("Tim Dettmers", "Edward Hu")),
    Paper(id="P3", title="Adapter study", abstract="We study LoRA on GLUE and MMLU.", year=2022),
    Paper(id="P4", title="Llama 2 report", abstract="We release Llama-2-7B.", year=2023),
    Paper(id="P5", title="ViT paper", abstract="We propose ViT <b>bold</b>.", year=2020,
          authors=("Alexey Dosovitskiy",)),
]
EXTERNAL = [Paper(id="X1", title="An external reference", external=True)]

ENTITIES = [
    Entity(E["LoRA"], "LoRA", "Method", ("low-rank adaptation",), paper_count=3),
    Entity(E["QLoRA"], "QLoRA", "Method", (), paper_count=1),
    Entity(E["GPT-3"], "GPT-3", "Model", (), paper_count=2),
    Entity(E["Llama"], "Llama", "Model", ("LLaMA",), paper_count=1),
    Entity(E["Llama-2-7B"], "Llama-2-7B", "Model", (), family=E["Llama"], paper_count=2),
    Entity(E["ViT"], "ViT", "Model", ("Vision Transformer",), paper_count=1),
    Entity(E["GLUE"], "GLUE", "Dataset", (), paper_count=2),
    Entity(E["MMLU"], "MMLU", "Dataset", (), paper_count=3),
    Entity(E["ImageNet"], "ImageNet", "Dataset", (), paper_count=1),
]


def _ev(text: str) -> dict:
    return {"evidence": text, "char_start": 0, "char_end": len(text)}


LINKS = [
    ("P1", E["LoRA"], "proposes", _ev("We propose LoRA.")),
    ("P1", E["GPT-3"], "uses", _ev("We adapt GPT-3.")),
    ("P1", E["GLUE"], "evaluates_on", _ev("Results on GLUE.")),
    ("P2", E["QLoRA"], "proposes", _ev("We propose QLoRA.")),
    ("P2", E["LoRA"], "uses", _ev("on top of LoRA")),
    ("P2", E["Llama-2-7B"], "uses", _ev("We tune Llama-2-7B.")),
    ("P2", E["MMLU"], "evaluates_on", _ev("Results on MMLU.")),
    ("P2", E["GPT-3"], "compares_with", _ev("QLoRA outperforms GPT-3.")),
    ("P3", E["LoRA"], "uses", _ev("We study LoRA.")),
    ("P3", E["GLUE"], "evaluates_on", _ev("on GLUE")),
    ("P3", E["MMLU"], "evaluates_on", _ev("and MMLU")),
    ("P4", E["Llama-2-7B"], "proposes", _ev("We release Llama-2-7B.")),
    ("P4", E["Llama"], "proposes", _ev("the Llama family")),
    ("P4", E["MMLU"], "evaluates_on", _ev("MMLU results")),
    ("P5", E["ViT"], "proposes", _ev("We propose ViT <script>alert(1)</script>.")),
    ("P5", E["ImageNet"], "evaluates_on", _ev("on ImageNet")),
]

CITATIONS = [
    ("P2", "P1", {"inferred": False}),
    ("P3", "P1", {"inferred": False}),
    ("P2", "X1", {"inferred": False}),
    ("P3", "X1", {"inferred": False}),
    ("P2", "P4", {"inferred": True, "via": E["Llama-2-7B"]}),
]


def small_graph() -> nx.MultiDiGraph:
    """A fresh copy of the hand-checked graph (callers may mutate it)."""
    links = [Link(p, e, role, **ev) for p, e, role, ev in LINKS]
    citations = [Citation(a, b, bool(props.get("inferred")), props.get("via")) for a, b, props in CITATIONS]
    return build_graph(PAPERS, ENTITIES, links, citations, EXTERNAL)


def two_paper_workspace(tmp_path, *, cites: bool) -> str:
    """A workspace built by the CLI from two papers, "a" citing "b" when ``cites`` (both in the corpus: nothing
    cited lies outside it), else citing nothing; its path.
    """
    from graphbuild.cli import main

    src = tmp_path / "two.jsonl"
    refs = ', "references": ["b"]' if cites else ""
    src.write_text(f'{{"id": "a", "title": "Parsing speech", "year": 2020{refs}}}\n'
                   '{"id": "b", "title": "Parsing text", "year": 2021}\n', encoding="utf-8")
    ws = tmp_path / "ws"
    assert main(["build", str(src), "-w", str(ws), "--no-overview"]) == 0
    return str(ws)


def load_csv_on_neo4j(store, cypher: str, url: str) -> None:
    """Run a ``LOAD CSV`` statement (``$url`` bound to ``url``) on a Neo4jStore past its ``query``, which refuses
    it (a user's query never reads files): the tests that check what the server reads of exported files.
    """
    store._write(lambda tx: tx.run(cypher, url=url).consume())


def spark_layout(built: Any, out: Path, pipeline: str | None = None) -> Path:
    """``built``'s graph and corpus (a built :class:`~graphbuild.workspace.Workspace`) written as ``graphbuild spark
    build`` writes them: the tables but the communities, ``corpus/papers`` (the corpus records in order) and
    ``corpus/extractions`` (its cache). The load tests and the kill tests of a load read it."""
    import json
    import shutil

    import pyarrow as pa
    import pyarrow.parquet as pq

    from graphbuild.graph import graph_to_tables
    from graphbuild.load import write_parquet_tables
    from graphbuild.spark.steps import paper_to_json

    tables = graph_to_tables(built.graph())
    del tables.nodes["Community"], tables.rels["IN_COMMUNITY"]
    write_parquet_tables(tables, out)
    shutil.rmtree(out / "nodes" / "Community")
    shutil.rmtree(out / "rels" / "IN_COMMUNITY")
    meta = json.loads((out / "manifest.json").read_text())
    (out / "manifest.json").write_text(json.dumps({**meta, "corpus": {"pipeline": pipeline or
                                                                      built.manifest()["pipeline"]}}))
    own = [p for p in built.papers() if not p.external]
    rows = {"papers": [{"order": n, "paper": paper_to_json(p)} for n, p in enumerate(own)],
            "extractions": [{"paper_id": pid, "fingerprint": c.key, "extraction": json.dumps(c.extraction.to_dict())}
                            for pid, c in sorted(built.extractions().items())]}
    for name, table in rows.items():
        (out / "corpus" / name).mkdir(parents=True)
        pq.write_table(pa.Table.from_pylist(table), out / "corpus" / name / "part-0.parquet")
    return out
