"""Snowballing: grow a workspace along the references and citations of seed papers.

:func:`expand` finds each seed in the workspace (by id or title, like any
user text), asks Semantic Scholar or OpenAlex for the papers it cites and the
papers citing it (through the shared :class:`~graphbuild.http.HttpClient`:
its cache, retries and per-host courtesy intervals; pagination in the
generators of :mod:`graphbuild.fetch`), writes what came back as an input
file in the workspace (``<ws>/expand/<name>.s2.jsonl`` or
``.openalex.jsonl``, the services' own objects) and rebuilds the workspace
with it through :meth:`Workspace.build <graphbuild.workspace.Workspace.build>`.
The file stays, so later builds keep the papers, and the same request writes
the same file name again, so a second run adds nothing twice.

Papers that came in this way are *expand candidates* (their first source is a
file under ``<ws>/expand/``). :func:`rank_candidates` orders candidates, and
the external stubs the corpus cites (:func:`external_candidates`), by four
signals over the citation graph and the text, each with a reason:

* **direct**: cites or is cited by a focus paper (a seed);
* **co-citation**: cited together with focus papers by the same papers;
* **coupling**: shares references with focus papers;
* **text**: TF-IDF cosine of title and abstract with the focus papers.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import networkx as nx

from . import arguments
from .errors import FetchError, RelatedLookupError, UsageError
from .fetch import (
    OPENALEX_API,
    S2_API,
    S2_LINK_FIELDS,
    _s2_paper_url,
    _write_jsonl,
    iter_openalex_works,
    iter_s2_links,
)
from .http import HttpClient
from .ingest.located import json_kind
from .progress import Progress
from .records import Paper, normalize_title

__all__ = ["DIRECTIONS", "EXPAND_DIR", "EXPAND_SOURCES", "Candidate", "ExpandReport", "ExpandWeights",
           "candidates_json", "expand", "expand_candidates", "external_candidates", "external_report",
           "format_candidates", "match_paper", "rank_candidates", "snowball"]

#: Folder of the workspace holding the fetched records (build inputs).
EXPAND_DIR = "expand"
DIRECTIONS = ("references", "citations", "both")
EXPAND_SOURCES = ("s2", "openalex")
#: Fields asked of Semantic Scholar for every linked paper (the abstract feeds the text signal).
S2_EXPAND_FIELDS = S2_LINK_FIELDS + ",abstract,url"
_OPENALEX_WORK = re.compile(r"(W\d+)$")

#: ``say(message)``: one line of progress for the user.
Say = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class ExpandWeights:
    """Weights of the candidate ranking (hand-set: there is no held-out set for snowballing yet)."""

    direct: float = 0.30
    cocitation: float = 0.25
    coupling: float = 0.25
    text: float = 0.20
    #: shared terms named in a text reason
    text_terms: int = 3
    #: above this many focus papers the text signal compares with their centroid
    centroid_over: int = 50
    #: a text similarity below this gives no reason
    text_reason_min: float = 0.05


@dataclass(frozen=True, slots=True)
class Candidate:
    """A paper suggested from outside the user's corpus, with its score, parts and reasons."""

    paper_id: str
    title: str
    year: int | None
    score: float
    external: bool
    parts: dict[str, float] = field(default_factory=dict)
    reasons: tuple[str, ...] = ()


@dataclass(slots=True)
class ExpandReport:
    """What :func:`expand` did: the records file, how many came back, the ranked new papers."""

    file: Path
    seeds: list[str]
    fetched: int
    new: list[str]
    candidates: list[Candidate]
    build_summary: str = ""


# -- seeds --------------------------------------------------------------------------------------

def _corpus_papers(graph: nx.MultiDiGraph) -> dict[str, dict[str, Any]]:
    return {n: d for n, d in graph.nodes(data=True) if d.get("label") == "Paper" and not d.get("external")}


def match_paper(graph: nx.MultiDiGraph, text: str) -> str:
    """The id of the corpus paper a user means by ``text`` (an id, a DOI/arXiv id or a title).

    Matched like any user text (:class:`graphbuild.lookup.Resolver`), among the corpus papers only.

    Raises
    ------
    RelatedLookupError
        No paper matches; the message suggests the closest titles.
    """
    from .lookup import Resolver

    return Resolver.from_graph(graph, external=False).resolve(text, kinds=("paper",), cutoff=90.0).node


def _s2_seed_id(paper: Paper) -> str | None:
    if paper.doi:
        return f"DOI:{paper.doi}"
    if paper.arxiv_id:
        return f"arXiv:{paper.arxiv_id}"
    for kind, value in paper.ids:
        if kind == "s2":
            return value
        if kind == "corpus":
            return f"CorpusId:{value}"
    return None


def _s2_locate(client: HttpClient, paper: Paper) -> str:
    """Semantic Scholar's paperId for a corpus paper (by id, else by title); FetchError if unknown."""
    sid = _s2_seed_id(paper)
    if sid is not None:
        url = _s2_paper_url(sid)  # quoted: a DOI may hold '#' or '?' (SICI DOIs end ';2-#'), which cut the path
        found = client.get_json(url, {"fields": "paperId,title"})
    else:
        url = f"{S2_API}/paper/search/match"
        page = client.get_json(url, {"query": paper.title, "fields": "paperId,title"})
        data = page.get("data") if isinstance(page, dict) else None
        found = data[0] if isinstance(data, list) and data else None
    if not isinstance(found, dict) or not _text_field(found, "paperId", client.display_url(url)):
        raise FetchError(f"{client.display_url(url)}: Semantic Scholar does not know the seed "
                         f"{paper.title!r} [{paper.id}]; check its id or try --source openalex")
    return str(found["paperId"])


def _openalex_locate(client: HttpClient, paper: Paper) -> str:
    """OpenAlex's work id (``W…``) for a corpus paper (by id or DOI, else by title)."""
    for kind, value in paper.ids:
        if kind == "openalex":
            return value
    doi = paper.doi or (f"10.48550/arxiv.{paper.arxiv_id}" if paper.arxiv_id else None)
    if doi:
        work = client.get_json(f"{OPENALEX_API}/doi:{quote(doi, safe=':/')}")
    else:
        page = client.get_json(OPENALEX_API, {"search": paper.title, "per-page": 5})
        results = page.get("results") if isinstance(page, dict) else None
        wanted = normalize_title(paper.title)
        work = next((w for w in results or () if isinstance(w, dict)
                     and normalize_title(w.get("display_name") or w.get("title") or "") == wanted), None)
    match = _OPENALEX_WORK.search(str(work.get("id") or "")) if isinstance(work, dict) else None
    if match is None:
        raise FetchError(f"{OPENALEX_API}: OpenAlex does not know the seed {paper.title!r} [{paper.id}]; "
                         "check its id or try --source s2")
    return match.group(1)


# -- fetching -------------------------------------------------------------------------------------

def _s2_ref(obj: dict[str, Any]) -> dict[str, Any]:
    return {k: obj[k] for k in ("paperId", "externalIds", "title", "year") if obj.get(k) is not None}


def _s2_seed_record(paper: Paper) -> dict[str, Any]:
    """A Semantic Scholar-shaped object that the reader merges into the corpus paper (its own ids only)."""
    ext = {k: v for k, v in (("DOI", paper.doi), ("ArXiv", paper.arxiv_id)) if v}
    for kind, value in paper.ids:
        if kind == "corpus":
            ext["CorpusId"] = value
    record: dict[str, Any] = {"externalIds": ext, "title": paper.title, "year": paper.year}
    for kind, value in paper.ids:
        if kind == "s2":
            record["paperId"] = value
    return record


def _kinds(direction: str) -> list[str]:
    if direction not in DIRECTIONS:
        raise FetchError(f"unknown direction {direction!r}; choose one of {', '.join(DIRECTIONS)}")
    return ["references", "citations"] if direction == "both" else [direction]


def _s2_snowball(client: HttpClient, seeds: Sequence[Paper], kinds: list[str], hops: int, limit: int,
                 say: Say) -> Iterator[dict[str, Any]]:
    records: dict[str, dict[str, Any]] = {}
    lines: list[dict[str, Any]] = []
    seeded: dict[str, dict[str, Any]] = {}  # the seeds' lines by their paperId
    frontier: list[tuple[dict[str, Any], str, dict[str, Any]]] = []
    for paper in seeds:
        line = _s2_seed_record(paper)
        lines.append(line)
        ref = dict(line)
        sid = _s2_locate(client, paper)
        seeded[sid] = line
        frontier.append((line, sid, ref))
    for hop in range(1, hops + 1):
        grown: list[tuple[dict[str, Any], str, dict[str, Any]]] = []
        for n, (line, sid, ref) in enumerate(frontier, 1):
            for kind in kinds:
                step = _progress(say, f"hop {hop}, paper {n}/{len(frontier)}, {kind}")
                for obj in iter_s2_links(client, sid, kind, limit=limit, fields=S2_EXPAND_FIELDS, progress=step,
                                         warn=say, name=f"{str(line.get('title') or '')!r} ({sid})"):
                    where = f"{S2_API}/paper/{sid}/{kind}"
                    pid, title = _text_field(obj, "paperId", where), _text_field(obj, "title", where)
                    if not pid or not title.strip() or pid == sid:
                        continue  # an unnamed paper cannot be shown or merged; a paper listing itself links nothing
                    if pid not in records and pid not in seeded:
                        records[pid] = {**obj, "references": []}
                        grown.append((records[pid], pid, _s2_ref(obj)))
                    if kind == "references":
                        line.setdefault("references", []).append(_s2_ref(obj))
                    else:
                        seeded.get(pid, records.get(pid, {})).setdefault("references", []).append(ref)
        frontier = grown
    for record in [*lines, *records.values()]:  # a paper on two pages (or asked for twice) is one link
        refs = record.get("references") or []
        record["references"] = list({json.dumps(r, sort_keys=True): r for r in refs}.values())
    yield from lines
    yield from records.values()


def _openalex_snowball(client: HttpClient, seeds: Sequence[Paper], kinds: list[str], hops: int, limit: int,
                       say: Say) -> Iterator[dict[str, Any]]:
    records: dict[str, dict[str, Any]] = {}
    lines: list[dict[str, Any]] = []
    seeded: dict[str, dict[str, Any]] = {}  # the seeds' lines by their work id
    frontier: list[tuple[dict[str, Any], str]] = []
    for paper in seeds:
        wid = _openalex_locate(client, paper)
        line: dict[str, Any] = {"id": f"https://openalex.org/{wid}", "display_name": paper.title,
                "publication_year": paper.year, "doi": paper.doi, "referenced_works": []}
        lines.append(line)
        seeded[wid] = line
        frontier.append((line, wid))
    for hop in range(1, hops + 1):
        grown: list[tuple[dict[str, Any], str]] = []
        for n, (line, wid) in enumerate(frontier, 1):
            for kind in kinds:
                step = _progress(say, f"hop {hop}, paper {n}/{len(frontier)}, {kind}")
                flt = f"cited_by:{wid}" if kind == "references" else f"cites:{wid}"
                for work in iter_openalex_works(client, None, limit, filter=flt, progress=step):
                    where = f"{OPENALEX_API} ({flt})"
                    match = _OPENALEX_WORK.search(_text_field(work, "id", where))
                    name = _text_field(work, "display_name", where) or _text_field(work, "title", where)
                    _list_field(work, "referenced_works", where)
                    if match is None or not name.strip() or match.group(1) == wid:
                        continue  # unnamed, or the paper itself
                    key = match.group(1)
                    if key not in records and key not in seeded:
                        records[key] = dict(work)
                        grown.append((records[key], key))
                    if kind == "references":
                        line.setdefault("referenced_works", []).append(f"https://openalex.org/{key}")
                    elif key in seeded:  # a seed citing this one: its line holds the link
                        seeded[key]["referenced_works"].append(f"https://openalex.org/{wid}")
        frontier = grown
    # keep only links inside what was fetched: a citing work's other references would be bare stubs
    known = {str(line["id"]) for line in lines} | {f"https://openalex.org/{k}" for k in records}
    for record in [*lines, *records.values()]:
        refs = [str(r) for r in record.get("referenced_works") or ()]
        record["referenced_works"] = [r for r in dict.fromkeys(refs) if r in known]
    yield from lines
    yield from records.values()


def _text_field(obj: dict[str, Any], key: str, where: str) -> str:
    """``obj[key]`` when it is text (``""`` when absent or null); a FetchError naming ``where`` otherwise,
    as a number or a list there is an answer the service never gives (it was a crash, or a silent skip).
    """
    value = obj.get(key)
    if value is None or isinstance(value, str):
        return value or ""
    raise FetchError(f"{where}: unexpected answer: a paper's {key!r} is {json_kind(value)}, not text; "
                     "the API may have changed, please report this")


def _list_field(obj: dict[str, Any], key: str, where: str) -> None:
    """Refuse ``obj[key]`` unless it is a list or absent (a string would be read letter by letter)."""
    value = obj.get(key)
    if value is not None and not isinstance(value, list):
        raise FetchError(f"{where}: unexpected answer: a paper's {key!r} is {json_kind(value)}, not a list; "
                         "the API may have changed, please report this")


def _progress(say: Say, what: str) -> Progress:
    def step(stage: str, done: int, total: int | None) -> None:
        say(f"expand: {what}: {done}{f' of {total}' if total else ''} papers")
    return step


#: most citation steps ``expand`` follows: a fourth hop of --max 100 in both directions would ask for up to
#: 200^4 papers' links (the polite rate limits make even the third a matter of days)
MAX_HOPS = 3


def snowball(client: HttpClient, seeds: Sequence[Paper], *, source: str = "s2", direction: str = "both",
             hops: int = 1, limit: int = 100, say: Say | None = None) -> Iterator[dict[str, Any]]:
    """Yield the service records of ``seeds`` and of the papers ``hops`` citation steps away.

    The seeds come first, as minimal records carrying the links to their
    references; then every linked paper once, citing papers with a link to
    what they cite. A seed found among the links (a paper listing itself, seeds
    citing each other) is no linked paper: its own record takes the link, and
    its links are not asked for again at the next hop. ``limit`` caps the papers
    per paper and direction.
    """
    if source not in EXPAND_SOURCES:
        raise FetchError(f"unknown source {source!r}; choose one of {', '.join(EXPAND_SOURCES)}")
    if not isinstance(hops, int) or isinstance(hops, bool) or not 1 <= hops <= MAX_HOPS:
        raise FetchError(f"--hops must be a whole number from 1 to {MAX_HOPS} (got {hops!r}): each hop asks "
                         "for up to --max papers per paper found by the hop before")
    run = _s2_snowball if source == "s2" else _openalex_snowball
    return run(client, seeds, _kinds(direction), hops, limit, say or (lambda _msg: None))


# -- the command ----------------------------------------------------------------------------------

def _records_file(ws_path: Path, source: str, seeds: Sequence[str], direction: str, hops: int) -> Path:
    digest = hashlib.sha1("\n".join([source, direction, str(hops), *sorted(seeds)]).encode()).hexdigest()[:12]
    suffix = ".s2.jsonl" if source == "s2" else ".openalex.jsonl"
    return ws_path / EXPAND_DIR / f"{source}-{direction}-{digest}{suffix}"


def expand_candidates(papers: Iterable[Paper], ws_path: Path) -> set[str]:
    """Ids of the corpus papers that entered through :func:`expand` (first source under ``expand/``)."""
    folder = (Path(ws_path) / EXPAND_DIR).resolve()
    out = set()
    for paper in papers:
        if paper.external or not paper.source:
            continue
        where = Path(paper.source.rsplit(":", 1)[0])
        if where.resolve().parent == folder:
            out.add(paper.id)
    return out


def expand(ws: Any, seeds: Sequence[str], *, source: str = "s2", direction: str = "both", hops: int = 1,
           limit: int = 100, client: HttpClient | None = None, cache_dir: str | Path | None = None,
           say: Say | None = None, progress: bool = True, k: int = 20,
           weights: ExpandWeights = ExpandWeights(), wait: bool | float = False) -> ExpandReport:
    """Snowball from ``seeds`` into workspace ``ws`` and rank what came in.

    Parameters
    ----------
    ws
        A :class:`~graphbuild.workspace.Workspace` with a built graph.
    seeds
        User texts naming corpus papers (ids, DOIs, arXiv ids or titles).
    source
        ``"s2"`` (Semantic Scholar) or ``"openalex"``.
    direction
        ``"references"``, ``"citations"`` or ``"both"``.
    hops
        Citation steps to follow (1: the seeds' own links).
    limit
        Most papers fetched per paper and direction (``--max``).
    client
        A shared HTTP client; one with ``cache_dir`` is made (and closed) otherwise.
    cache_dir
        Response cache folder for the client made here (``None``: no cache).
    say
        Called with one line of progress per page fetched and per stage.
    progress
        Show the build's progress bars.
    k
        How many ranked new papers to return.
    weights
        Weights of the ranking signals.
    wait
        When another process is writing the workspace, wait for it (True, or seconds) instead of failing,
        before fetching anything and again for the build.

    Returns
    -------
    ExpandReport
        The records file, the number of records, the new paper ids and the ranking.
    """
    if not isinstance(limit, int) or limit < 1:
        raise FetchError(f"--max must be a whole number of at least 1 (got {limit!r})")
    if arguments.whole(k, "k") < 1:
        raise UsageError(f"k must be 1 or more, not {k}")
    say = say or (lambda _msg: None)
    graph = ws.graph()
    seed_ids = list(dict.fromkeys(match_paper(graph, text) for text in seeds))
    if not seed_ids:
        raise RelatedLookupError("name at least one seed paper (--seed PAPER)")
    by_id = {p.id: p for p in ws.papers()}
    before = set(_corpus_papers(graph))
    with ws.lock("expand", wait=wait):  # another writer refuses (or queues) it now, not after minutes of fetching
        pass
    out = _records_file(Path(ws.path).resolve(), source, seed_ids, direction, hops)
    own = client is None
    active = client if client is not None else HttpClient(cache_dir=cache_dir)
    try:
        records = snowball(active, [by_id[s] for s in seed_ids], source=source, direction=direction,
                           hops=hops, limit=limit, say=say)
        fetched = _write_jsonl(out, records) - len(seed_ids)
    finally:
        if own:
            active.close()
    say(f"expand: {fetched} linked paper(s) saved to {out}; rebuilding the workspace")
    report = ws.build([out], progress=progress, log=say, wait=wait)
    papers = ws.papers()
    candidates = expand_candidates(papers, ws.path)
    new = sorted(candidates - before)
    ranked = rank_candidates(ws.graph(), candidates, seed_ids, weights=weights)
    return ExpandReport(out, seed_ids, fetched, new, ranked[:k], report.summary())


# -- ranking --------------------------------------------------------------------------------------

def _cites(graph: nx.MultiDiGraph) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    refs: dict[str, set[str]] = {}
    citers: dict[str, set[str]] = {}
    for u, v, key, data in graph.edges(keys=True, data=True):
        if key == "CITES" and not data.get("inferred"):
            refs.setdefault(u, set()).add(v)
            citers.setdefault(v, set()).add(u)
    return refs, citers


def _title(graph: nx.MultiDiGraph, pid: str) -> str:
    return str(graph.nodes[pid].get("title") or pid)


def _names(graph: nx.MultiDiGraph, ids: Iterable[str], limit: int = 2) -> str:
    ids = sorted(ids)
    shown = ", ".join(f"'{_title(graph, i)}'" for i in ids[:limit])
    return shown + (f" and {len(ids) - limit} more" if len(ids) > limit else "")


def _text_scores(graph: nx.MultiDiGraph, candidates: list[str], focus: list[str],
                 weights: ExpandWeights) -> dict[str, tuple[float, str]]:
    """Cosine of each candidate's title + abstract with the focus papers, and the best-matching one."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    def text(pid: str) -> str:
        data = graph.nodes[pid]
        return f"{data.get('title') or ''} {data.get('abstract') or ''}"

    docs = [text(p) for p in focus] + [text(c) for c in candidates]
    try:
        matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(docs)
    except ValueError:  # nothing but stop words
        return {}
    focus_m, cand_m = matrix[: len(focus)], matrix[len(focus):]
    if len(focus) > weights.centroid_over:
        centroid = focus_m.mean(axis=0)
        sims = (cand_m @ centroid.T).A.ravel() / max(float((centroid @ centroid.T).item()) ** 0.5, 1e-12)
        return {c: (float(s), "") for c, s in zip(candidates, sims)}
    sims = (cand_m @ focus_m.T).toarray()
    return {c: (float(row.max()), focus[int(row.argmax())]) for c, row in zip(candidates, sims) if len(row)}


def _scaled(values: dict[str, float]) -> dict[str, float]:
    top = max(values.values(), default=0.0)
    return {k: (math.log1p(v) / math.log1p(top) if top > 0 else 0.0) for k, v in values.items()}


def rank_candidates(graph: nx.MultiDiGraph, candidates: Iterable[str], focus: Sequence[str], *,
                    weights: ExpandWeights = ExpandWeights()) -> list[Candidate]:
    """Rank ``candidates`` by their links with the ``focus`` papers and their text, with reasons.

    Parameters
    ----------
    graph
        The workspace graph (explicit ``CITES`` edges are used).
    candidates
        Paper ids to rank (expand candidates, external stubs).
    focus
        The papers the ranking is about (the seeds, a paper, or the whole corpus).
    weights
        Weights of the signals.

    Returns
    -------
    list of Candidate
        Best first; ties broken by id. Each reason names the focus papers behind it.
    """
    focus_set = set(focus)
    cands = sorted(c for c in set(candidates) if c in graph and c not in focus_set)
    refs, citers = _cites(graph)
    direct, cocit, coup = {}, {}, {}
    why: dict[str, list[str]] = {c: [] for c in cands}
    for c in cands:
        cited_by = citers.get(c, set()) & focus_set
        cites = refs.get(c, set()) & focus_set
        direct[c] = float(len(cited_by) + len(cites))
        if cited_by:
            why[c].append(f"cited by {_names(graph, cited_by)}")
        if cites:
            why[c].append(f"cites {_names(graph, cites)}")
        together = {p: (refs.get(p, set()) & focus_set) - {c} for p in citers.get(c, set())}
        cocit[c] = float(sum(len(t) for t in together.values()))
        if cocit[c]:
            partners = set().union(*together.values())
            by = sum(1 for t in together.values() if t)
            why[c].append(f"cited together with {_names(graph, partners)} by {by} paper(s)")
        # coupling: references of c that focus papers cite too (walked from c's side: no |focus| loop)
        shared = [f for r in refs.get(c, ()) for f in citers.get(r, set()) & focus_set if f != c]
        coup[c] = float(len(shared))
        if shared:
            why[c].append(f"shares {len(shared)} reference(s) with {_names(graph, set(shared))}")
    texts = _text_scores(graph, cands, sorted(focus_set), weights) if cands and focus_set else {}
    parts_d, parts_cc, parts_cp = _scaled(direct), _scaled(cocit), _scaled(coup)
    out = []
    for c in cands:
        sim, best = texts.get(c, (0.0, ""))
        if sim >= weights.text_reason_min:
            near = f"'{_title(graph, best)}'" if best else "your papers"
            why[c].append(f"text close to {near} (cosine {sim:.2f})")
        parts = {"direct": parts_d[c], "cocitation": parts_cc[c], "coupling": parts_cp[c], "text": sim}
        score = (weights.direct * parts["direct"] + weights.cocitation * parts["cocitation"]
                 + weights.coupling * parts["coupling"] + weights.text * parts["text"])
        data = graph.nodes[c]
        out.append(Candidate(c, str(data.get("title") or c), data.get("year"), round(score, 6),
                             bool(data.get("external")), {k: round(v, 4) for k, v in parts.items()},
                             tuple(why[c])))
    out.sort(key=lambda cand: (-cand.score, cand.paper_id))
    return out


def external_candidates(ws: Any, target: str | None = None, *, k: int = 20,
                        weights: ExpandWeights = ExpandWeights()) -> list[Candidate]:
    """Papers not yet in the user's corpus: cited stubs and expand candidates, ranked with reasons.

    ``target`` (a paper id or title) focuses the ranking on one paper; by
    default it is about the whole corpus (every paper that did not come in
    through :func:`expand`).
    """
    graph = ws.graph()
    grown = expand_candidates(ws.papers(), ws.path)
    stubs = {n for n, d in graph.nodes(data=True) if d.get("label") == "Paper" and d.get("external")}
    yours = set(_corpus_papers(graph)) - grown
    focus = [match_paper(graph, target)] if target else sorted(yours)
    return rank_candidates(graph, stubs | grown, focus, weights=weights)[:k]


def format_candidates(candidates: Sequence[Candidate]) -> str:
    """The ranking as numbered lines with indented reasons (what the CLI prints)."""
    if not candidates:
        return "(no candidates outside the corpus)"
    lines = []
    for i, c in enumerate(candidates, 1):
        kind = "cited, not in the corpus" if c.external else "added by expand"
        lines.append(f"{i:2d}. {c.title} ({c.year or 'n.d.'})  [{c.paper_id}]  score {c.score:.3f}  ({kind})")
        lines.extend(f"      - {reason}" for reason in c.reasons)
    return "\n".join(lines)


def candidates_json(candidates: Sequence[Candidate]) -> list[dict[str, Any]]:
    """The ranking as JSON-ready dicts."""
    return [asdict(c) for c in candidates]


def external_report(ws: Any, target: str | None = None, *, k: int = 20, fmt: str = "text") -> str:
    """:func:`external_candidates` as text (``fmt="text"``), JSON (``"json"``) or BibTeX (``"bibtex"``)."""
    candidates = external_candidates(ws, target, k=k)
    if fmt == "json":
        return json.dumps(candidates_json(candidates), ensure_ascii=False, indent=2)
    if fmt == "bibtex":
        from .bibtex_out import graph_bibtex

        return graph_bibtex(ws.graph(), [c.paper_id for c in candidates])
    return format_candidates(candidates)
