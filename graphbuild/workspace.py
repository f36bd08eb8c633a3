"""The workspace: a folder holding one graph, kept up to date by :meth:`Workspace.build`.

Layout::

    <workspace>/
      CURRENT            name of the live generation (replaced atomically)
      gen-000007/        papers.jsonl, extractions.jsonl, graph.json, manifest.json
      db/                the embedded LadybugDB store, synced from the graph
      overview.html      an interactive page of the whole graph (capped)

A build writes a new generation folder completely, then flips ``CURRENT``
with an atomic rename, so an interrupted build leaves the previous graph in
place. Extractions are cached per paper (keyed by the text and the pipeline's
fingerprint), so adding files only runs the NLP pass on what is new, and a
build whose graph equals the live one writes nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import networkx as nx

from .citations import citation_edges, infer_citations
from .errors import WorkspaceError
from .fsutil import atomic_write_text
from .graph import build_graph, graph_json, graph_stats, graph_to_tables, load_graph
from .ingest import read_papers
from .progress import count_bar, stage_bar
from .ingest.merge import merge_papers, resolve_references
from .records import Extraction, Paper
from .resolve import resolve_entities
from .settings import Settings

__all__ = ["Workspace", "BuildReport", "PIPELINE_VERSION"]

#: bump when extraction rules change, so cached extractions are redone
PIPELINE_VERSION = "1"


@dataclass(slots=True)
class BuildReport:
    files: int = 0
    papers_read: int = 0
    papers_total: int = 0
    papers_new: int = 0
    extracted: int = 0
    skipped: list[str] = field(default_factory=list)
    changed: bool = False
    stats: dict[str, Any] = field(default_factory=dict)
    store: str = ""
    overview: str | None = None

    def summary(self) -> str:
        nodes = self.stats.get("nodes", {})
        edges = self.stats.get("edges", {})
        lines = [
            f"read {self.papers_read} papers from {self.files} file(s); {self.papers_new} new, "
            f"{self.extracted} extracted; {self.papers_total} papers in the workspace",
            "nodes: " + ", ".join(f"{k} {v}" for k, v in nodes.items()),
            "edges: " + ", ".join(f"{k} {v}" for k, v in edges.items()),
        ]
        if self.skipped:
            lines.append(f"skipped {len(self.skipped)} bad record(s):")
            lines.extend(f"  {s}" for s in self.skipped[:20])
            if len(self.skipped) > 20:
                lines.append(f"  … and {len(self.skipped) - 20} more")
        if not self.changed:
            lines.append("nothing changed: the graph was already up to date")
        if self.store:
            lines.append(f"embedded store: {self.store}")
        if self.overview:
            lines.append(f"overview page: {self.overview}")
        return "\n".join(lines)


class Workspace:
    """A graph workspace on disk.

    Parameters
    ----------
    path : the workspace folder (created by the first build).
    settings : a :class:`~graphbuild.settings.Settings`; defaults when omitted.
    """

    def __init__(self, path: str | os.PathLike | None = None, settings: Settings | None = None):
        self.settings = settings or Settings()
        self.path = Path(path if path is not None else self.settings.workspace)
        self._graph: nx.MultiDiGraph | None = None
        self._graph_gen: str | None = None

    def __repr__(self) -> str:
        return f"Workspace({str(self.path)!r})"

    # ------------------------------------------------------------ generations

    @property
    def current(self) -> Path | None:
        pointer = self.path / "CURRENT"
        if not pointer.exists():
            return None
        gen = self.path / pointer.read_text(encoding="utf-8").strip()
        return gen if gen.is_dir() else None

    def exists(self) -> bool:
        return self.current is not None

    def _require(self) -> Path:
        gen = self.current
        if gen is None:
            raise WorkspaceError(
                f"no graph in workspace {self.path}; run `graphbuild build INPUT... -w {self.path}` first")
        return gen

    def papers(self) -> list[Paper]:
        gen = self.current
        if gen is None:
            return []
        return [Paper.from_dict(json.loads(line)) for line in _lines(gen / "papers.jsonl")]

    def extractions(self) -> dict[str, tuple[str, Extraction]]:
        """Cached extractions: paper id -> (fingerprint, extraction)."""
        gen = self.current
        if gen is None:
            return {}
        out = {}
        for line in _lines(gen / "extractions.jsonl"):
            data = json.loads(line)
            out[data["paper_id"]] = (data["fingerprint"], Extraction.from_dict(data["extraction"]))
        return out

    def graph(self) -> nx.MultiDiGraph:
        """The live graph (loaded once per generation)."""
        gen = self._require()
        if self._graph is None or self._graph_gen != gen.name:
            self._graph = load_graph(gen / "graph.json")
            self._graph_gen = gen.name
        return self._graph

    def manifest(self) -> dict[str, Any]:
        return json.loads((self._require() / "manifest.json").read_text(encoding="utf-8"))

    # ------------------------------------------------------------ build

    def build(
        self,
        inputs: Iterable[str | os.PathLike] = (),
        *,
        format: str | None = None,
        skip_bad: bool = False,
        sync_store: bool = True,
        overview: bool | None = None,
        progress: bool = True,
        log: Callable[[str], None] | None = None,
    ) -> BuildReport:
        """Read ``inputs``, merge them with the workspace's papers, extract, resolve and save.

        Raises :class:`~graphbuild.errors.InputError` on the first bad record
        unless ``skip_bad``. With no inputs, rebuilds from the papers already
        in the workspace (after a pipeline upgrade, say).
        """
        from .nlp.pipeline import _gazetteer, cached_pipeline, extract_papers

        say = log or (lambda msg: None)
        report = BuildReport()
        result = read_papers(list(inputs), format=format, skip_bad=skip_bad)
        report.files, report.papers_read = result.files, len(result.papers)
        report.skipped = [str(e) for e in result.skipped]

        old_papers = self.papers()
        old_ids = {p.id for p in old_papers if not p.external}
        papers = [p for p in merge_papers([*old_papers, *result.papers]) if not p.external]
        report.papers_total = len(papers)
        report.papers_new = sum(1 for p in papers if p.id not in old_ids)

        nlp = cached_pipeline(self.settings.spacy_model, self.settings.gazetteer)
        gaz = _gazetteer(nlp)
        fingerprint = _fingerprint(self.settings)
        cache = self.extractions()
        text_keys = {p.id: _text_key(p, fingerprint) for p in papers}
        extracted: dict[str, tuple[str, Extraction]] = {
            p.id: cache[p.id] for p in papers if p.id in cache and cache[p.id][0] == text_keys[p.id]}
        todo = [p for p in papers if p.id not in extracted]
        if todo:
            say(f"extracting entities from {len(todo)} paper(s)")
            bar = count_bar(len(todo), "extracting") if progress else None
            for paper, ex in zip(todo, extract_papers(
                    todo, nlp, batch_size=self.settings.batch_size, n_process=self.settings.n_process,
                    progress=bar.update if bar else None)):
                extracted[paper.id] = (text_keys[paper.id], ex)
            if bar:
                bar.close()
        report.extracted = len(todo)

        resolution = resolve_entities((extracted[p.id][1] for p in papers), gaz)
        explicit, external = resolve_references(papers)
        inferred = infer_citations(papers, resolution.links)
        graph = build_graph(papers, resolution.entities, resolution.links,
                            citation_edges(explicit, inferred), external)
        report.stats = graph_stats(graph)

        text = graph_json(graph)
        digest = hashlib.sha256(text.encode()).hexdigest()
        live = self.current
        if live is not None and (live / "manifest.json").exists() and \
                json.loads((live / "manifest.json").read_text())["graph_sha256"] == digest:
            report.changed = False
        else:
            report.changed = True
            self._write_generation(papers + external, extracted, text, digest, fingerprint, report)
            self._graph = None
        if sync_store:
            report.store = self._sync_embedded(graph, progress=progress)
        if overview if overview is not None else self.settings.overview:
            report.overview = str(self._write_overview(graph))
        return report

    def _write_generation(self, papers: list[Paper], extracted: dict[str, tuple[str, Extraction]],
                          graph_json: str, digest: str, fingerprint: str, report: BuildReport) -> None:
        self.path.mkdir(parents=True, exist_ok=True)
        live = self.current
        number = int(live.name.split("-")[1]) + 1 if live is not None else 1
        gen = self.path / f"gen-{number:06d}"
        tmp = self.path / f".gen-{number:06d}.tmp-{os.getpid()}"
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        try:
            with open(tmp / "papers.jsonl", "w", encoding="utf-8") as fh:
                for p in papers:
                    fh.write(json.dumps(p.to_dict(), ensure_ascii=False) + "\n")
            with open(tmp / "extractions.jsonl", "w", encoding="utf-8") as fh:
                for pid, (fp, ex) in sorted(extracted.items()):
                    fh.write(json.dumps({"paper_id": pid, "fingerprint": fp, "extraction": ex.to_dict()},
                                        ensure_ascii=False) + "\n")
            (tmp / "graph.json").write_text(graph_json, encoding="utf-8")
            (tmp / "manifest.json").write_text(json.dumps({
                "graph_sha256": digest, "pipeline": fingerprint, "stats": report.stats,
                "papers": report.papers_total,
            }, indent=2), encoding="utf-8")
            shutil.rmtree(gen, ignore_errors=True)
            os.replace(tmp, gen)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        atomic_write_text(self.path / "CURRENT", gen.name + "\n")
        # keep the previous generation only until the new one is live
        for old in self.path.glob("gen-*"):
            if old.name != gen.name:
                shutil.rmtree(old, ignore_errors=True)

    # ------------------------------------------------------------ stores

    def store(self, kind: str = "embedded", **options: Any):
        """A :class:`~graphbuild.stores.base.GraphStore` for this workspace's graph."""
        from .stores import open_store

        return open_store(kind, self, **options)

    def _sync_embedded(self, graph: nx.MultiDiGraph, *, progress: bool) -> str:
        from .stores.embedded import EmbeddedStore

        store = EmbeddedStore(self.path / "db")
        try:
            with stage_bar("embedded store", enabled=progress) as step:
                sync = store.sync(graph_to_tables(graph), progress=step)
        finally:
            store.close()
        return sync.summary()

    def query(self, cypher: str, params: dict[str, Any] | None = None, *, write: bool = False,
              **kw_params: Any) -> list[dict[str, Any]]:
        """Run Cypher on the embedded store: ``ws.query("MATCH (p:Paper) RETURN count(p) AS n")``."""
        from .stores.embedded import EmbeddedStore

        self._require()
        store = EmbeddedStore(self.path / "db", read_only=not write)
        try:
            return store.query(cypher, {**(params or {}), **kw_params}, write=write)
        finally:
            store.close()

    # ------------------------------------------------------------ pages

    def _write_overview(self, graph: nx.MultiDiGraph) -> Path:
        from .viz import render_html, select_subgraph

        selection = select_subgraph(graph, max_nodes=self.settings.max_nodes)
        return render_html(selection, self.path / "overview.html", title=f"graphbuild: {self.path.name}")

    def viz(self, out: str | os.PathLike, *, focus: str | None = None, hops: int = 1,
            cypher: str | None = None, params: dict[str, Any] | None = None,
            types: Iterable[str] | None = None, since: int | None = None,
            max_nodes: int | None = None, title: str | None = None) -> Path:
        """Write an interactive page of the graph, a neighbourhood or a query result; returns its path."""
        from .viz import PagePath, node_ids_from_rows, render_html, select_subgraph

        graph = self.graph()
        node_ids = None
        if cypher:
            node_ids = node_ids_from_rows(graph, self.query(cypher, params or {}))
        selection = select_subgraph(graph, focus=focus, hops=hops, node_ids=node_ids,
                                    types=list(types) if types else None, since=since,
                                    max_nodes=max_nodes or self.settings.max_nodes)
        written = render_html(selection, Path(out), title=title or f"graphbuild: {self.path.name}")
        return PagePath(written)  # a Path that Jupyter displays as the page

    def related_index(self):
        """The related-work index of the live graph, built once per generation and cached on disk."""
        from .related.workspace import workspace_related_index

        return workspace_related_index(self.path, self._require(), self.graph, self.settings)

    def stats(self) -> dict[str, Any]:
        return graph_stats(self.graph())


def _lines(path: Path) -> Iterator[str]:
    if not path.exists():
        return
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield line


def _fingerprint(settings: Settings) -> str:
    from .resources import data_path

    h = hashlib.sha256(PIPELINE_VERSION.encode())
    h.update((settings.spacy_model or "blank:en").encode())
    gaz = Path(settings.gazetteer) if settings.gazetteer else data_path("gazetteer")
    files = sorted(gaz.glob("*.jsonl")) if gaz.is_dir() else [gaz]
    for f in [*files, data_path("generic.txt")]:
        h.update(f.read_bytes())
    here = Path(__file__).parent
    for f in [*sorted((here / "nlp").glob("*.py")), here / "records.py"]:
        h.update(f.read_bytes())  # extraction rules and the record format
    return h.hexdigest()[:16]


def _text_key(paper: Paper, fingerprint: str) -> str:
    return fingerprint + ":" + hashlib.sha1(paper.text.encode()).hexdigest()[:16]
