"""Snowballing (`expand`) and `related --external`, replayed from recorded-format answers.

The fixtures in tests/fixtures/expand are small hand-written answers in the
services' formats; the ``responses`` library serves them, the clock is fake,
and the ``no_network`` fixture makes any real connection fail.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
import requests
import responses

import graphbuild
from graphbuild.cli import main
from graphbuild.errors import FetchError, RelatedLookupError
from graphbuild.expand import expand, external_candidates, match_paper
from graphbuild.fetch import OPENALEX_API, S2_API
from graphbuild.http import HttpClient
from graphbuild.workspace import Workspace

FIXTURES = Path(__file__).parent / "fixtures" / "expand"
LORA = "arxiv:2106.09685"

pytestmark = pytest.mark.usefixtures("no_network")

Reply = tuple[int, dict[str, str], str]


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


class Service:
    """Answers requests by route; ``trouble`` holds answers served first for a route (429, 503...)."""

    def __init__(self, mock: responses.RequestsMock, routes: Callable[[str, dict[str, str]], str]):
        self.trouble: dict[str, list[Reply]] = {}
        self.seen: list[tuple[str, dict[str, str]]] = []

        def callback(request: requests.PreparedRequest) -> Reply:
            url = str(request.url)
            path, params = url.split("?", 1)[0], dict(parse_qsl(urlsplit(url).query))
            self.seen.append((path, params))
            name = routes(path, params)
            if self.trouble.get(name):
                return self.trouble[name].pop(0)
            if name.endswith("not-found.json"):
                return 404, {}, fixture(name)
            return 200, {"Content-Type": "application/json"}, fixture(name)

        mock.add_callback(responses.GET, responses.matchers.re.compile(r"https://.*"), callback=callback)


def s2_routes(path: str, params: dict[str, str]) -> str:
    if path.endswith("/references"):
        return f"s2-references-{params['offset']}.json"
    if path.endswith("/citations"):
        return "s2-citations-0.json"
    if path == f"{S2_API}/paper/arXiv:2106.09685":
        return "s2-seed-lora.json"
    return "s2-not-found.json"


def openalex_routes(path: str, params: dict[str, str]) -> str:
    if path.endswith("/doi:10.48550/arxiv.2106.09685"):
        return "openalex-seed-lora.json"
    if params.get("filter", "").startswith("cited_by:"):
        return "openalex-references-1.json" if params["cursor"] == "*" else "openalex-references-2.json"
    return "openalex-citations-1.json"


class Clock:
    def __init__(self) -> None:
        self.now = 1_700_000_000.0
        self.sleeps: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 3))
        self.now += seconds

    def __call__(self) -> float:
        return self.now


def client(clock: Clock, **kwargs: Any) -> HttpClient:
    return HttpClient(sleep=clock.sleep, clock=clock, wall_clock=clock, env={}, intervals={}, **kwargs)


@pytest.fixture(scope="module")
def base_ws(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("expand") / "ws"
    Workspace(path).build([FIXTURES / "corpus.jsonl"], progress=False, overview=False)
    return path


@pytest.fixture()
def ws(base_ws: Path, tmp_path: Path) -> Workspace:
    shutil.copytree(base_ws, tmp_path / "ws")
    return Workspace(tmp_path / "ws")


@pytest.fixture()
def mock() -> Iterator[responses.RequestsMock]:
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        yield rsps


def titles(ws: Workspace) -> list[str]:
    return sorted(d["title"] for _, d in ws.graph().nodes(data=True) if d["label"] == "Paper")


def test_expand_s2_follows_both_directions_with_retries_and_pagination(ws: Workspace, mock) -> None:
    service = Service(mock, s2_routes)
    service.trouble["s2-references-0.json"] = [(429, {"Retry-After": "3"}, "slow down")]
    service.trouble["s2-citations-0.json"] = [(503, {}, "busy")]
    clock = Clock()
    lines: list[str] = []
    report = expand(ws, ["LoRA: low-rank adaptation of large language models"], client=client(clock),
                    say=lines.append, progress=False)
    assert report.seeds == [LORA]
    assert clock.sleeps == [3.0, 1.0]  # Retry-After honoured, then the first back-off
    paths = [(p.rsplit("/", 1)[-1], q.get("offset")) for p, q in service.seen]
    assert paths == [("arXiv:2106.09685", None), ("references", "0"), ("references", "0"),
                     ("references", "2"), ("citations", "0"), ("citations", "0")]
    assert report.fetched == 6  # 3 references (an unnamed one skipped) + 3 citing papers
    assert sorted(report.new) == ["arxiv:1706.03762", "arxiv:1902.00751", "arxiv:2005.14165",
                                  "arxiv:2305.14314", "arxiv:2402.09353"]
    graph = ws.graph()
    assert graph.has_edge(LORA, "arxiv:1902.00751") and graph.has_edge("arxiv:2305.14314", LORA)
    assert not graph.nodes["arxiv:1902.00751"].get("external")  # the stub became a corpus paper
    assert titles(ws).count("Adapters Everywhere: A Study of Low-Rank Updates") == 1
    assert report.file.parent == ws.path.resolve() / "expand" and report.file.name.endswith(".s2.jsonl")
    assert any("references: 2 papers" in line for line in lines)
    # Houlsby et al. is cited by the seed and cited together with it by a corpus paper: first
    top = report.candidates[0]
    assert top.paper_id == "arxiv:1902.00751"
    assert "cited by 'LoRA: Low-Rank Adaptation of Large Language Models'" in top.reasons
    assert any(r.startswith("cited together with 'LoRA") and r.endswith("by 1 paper(s)") for r in top.reasons)
    qlora = next(c for c in report.candidates if c.paper_id == "arxiv:2305.14314")
    assert qlora.reasons[0] == "cites 'LoRA: Low-Rank Adaptation of Large Language Models'"
    assert any(r.startswith("text close to 'LoRA") for r in qlora.reasons)
    assert {c.paper_id for c in report.candidates} == set(report.new)


def test_expand_second_run_duplicates_nothing(ws: Workspace, mock) -> None:
    Service(mock, s2_routes)
    first = expand(ws, ["arXiv:2106.09685"], client=client(Clock()), progress=False)
    nodes, edges = ws.graph().number_of_nodes(), ws.graph().number_of_edges()
    second = expand(ws, ["2106.09685"], client=client(Clock()), progress=False)
    assert second.file == first.file and second.new == [] and len(first.new) == 5
    assert (ws.graph().number_of_nodes(), ws.graph().number_of_edges()) == (nodes, edges)
    assert len(titles(ws)) == len(set(titles(ws)))
    assert [p.name for p in (ws.path / "expand").iterdir()] == [first.file.name]
    # the fetched records are a build input kept in the workspace: a plain rebuild keeps them
    ws.build([], progress=False, overview=False)
    assert ws.graph().number_of_nodes() == nodes


def test_expand_references_only_respects_max(ws: Workspace, mock) -> None:
    service = Service(mock, s2_routes)
    report = expand(ws, [LORA], direction="references", limit=1, client=client(Clock()), progress=False)
    assert report.new == ["arxiv:1902.00751"]
    assert [q.get("limit") for p, q in service.seen if p.endswith("/references")] == ["1"]
    assert not any(p.endswith("/citations") for p, _ in service.seen)


@pytest.mark.parametrize("hops", [0, 4, True, "2"])
def test_expand_hops_out_of_range_are_refused_before_any_request(ws: Workspace, mock, hops) -> None:
    service = Service(mock, s2_routes)
    with pytest.raises(FetchError, match=r"--hops must be a whole number from 1 to 3"):
        expand(ws, [LORA], hops=hops, client=client(Clock()), progress=False)
    assert service.seen == []  # a fourth hop of --max 100 both ways asks for up to 200**4 papers' links


def test_expand_two_hops_follows_the_new_papers(ws: Workspace, mock) -> None:
    def routes(path: str, params: dict[str, str]) -> str:
        if path.endswith("/paper/s2houlsby/references"):
            return "s2-houlsby-references.json"
        if path.endswith(("/paper/s2gpt3/references", "/paper/s2transformer/references")):
            return "s2-empty.json"
        return s2_routes(path, params)

    service = Service(mock, routes)
    report = expand(ws, [LORA], direction="references", hops=2, client=client(Clock()), progress=False)
    asked = [p.rsplit("/", 2)[-2] for p, _ in service.seen if p.endswith("/references")]
    assert asked == ["s2lora", "s2lora", "s2houlsby", "s2gpt3", "s2transformer"]
    assert "arxiv:1512.03385" in report.new
    graph = ws.graph()
    assert graph.has_edge("arxiv:1902.00751", "arxiv:1706.03762") and graph.has_edge(
        "arxiv:1902.00751", "arxiv:1512.03385")
    houlsby = next(c for c in report.candidates if c.paper_id == "arxiv:1902.00751")
    # Houlsby et al. and the seed both cite the Transformer paper: bibliographic coupling
    assert "shares 1 reference(s) with 'LoRA: Low-Rank Adaptation of Large Language Models'" in houlsby.reasons
    assert houlsby.parts["coupling"] == 1.0


def test_expand_a_seed_among_its_own_links_is_no_linked_paper_nor_asked_for_again(ws: Workspace, mock) -> None:
    itself = {"paperId": "s2lora", "title": "LoRA: Low-Rank Adaptation of Large Language Models", "year": 2021}
    other = {"paperId": "s2other", "title": "A Study of Adapter Placement", "year": 2020}
    pages = {"0": {"next": 1, "data": [{"citedPaper": itself}, {"citedPaper": other}]},
             "1": {"data": [{"citedPaper": other}]}}  # the same paper again on the next page
    asked: list[str] = []

    def answer(request: requests.PreparedRequest) -> Reply:
        path, query = str(request.url).split("?", 1)[0], dict(parse_qsl(urlsplit(str(request.url)).query))
        asked.append(path.removeprefix(f"{S2_API}/paper/"))
        if path.endswith("/references"):
            return 200, {}, json.dumps(pages[query["offset"]] if "s2lora" in path else {"data": []})
        if path.endswith("/citations"):
            return 200, {}, json.dumps({"data": [{"citingPaper": itself}]})
        return 200, {}, json.dumps(itself)

    mock.add_callback(responses.GET, responses.matchers.re.compile(r"https://.*"), callback=answer)
    report = expand(ws, [LORA], hops=2, client=client(Clock()), progress=False)
    assert report.fetched == 1 and report.new == ["s2:s2other"]  # it said 2: the seed was counted
    assert asked.count("s2lora/citations") == 1  # hop 2 asked for the seed's links again
    lines = [json.loads(line) for line in report.file.read_text().splitlines()]
    assert [line.get("paperId") for line in lines] == [None, "s2other"]  # the seed once
    assert [r["paperId"] for r in lines[0]["references"]] == ["s2other"]  # not itself, not twice


def test_expand_seed_not_in_workspace_is_a_coded_line(ws: Workspace, mock) -> None:
    with pytest.raises(RelatedLookupError) as info:
        expand(ws, ["LoRA: Low-Rank Adaptation of Large Models, revisited"], client=client(Clock()))
    message = str(info.value)
    assert message.startswith("[E600] no paper matches 'LoRA: Low-Rank Adaptation of Large Models, revisited'")
    assert "did you mean 'LoRA: Low-Rank Adaptation of Large Language Models' (arxiv:2106.09685)" in message
    assert "\n" not in message
    assert match_paper(ws.graph(), "https://arxiv.org/abs/2106.09685v2") == LORA


def test_expand_seed_unknown_to_the_service_writes_nothing(ws: Workspace, mock, capsys) -> None:
    Service(mock, s2_routes)
    before = titles(ws)
    with pytest.raises(FetchError) as info:
        expand(ws, ["Prefix-Tuning: Optimizing Continuous Prompts for Generation"], client=client(Clock()))
    assert str(info.value) == (
        f"[E500] {S2_API}/paper/arXiv:2101.00190?fields=paperId%2Ctitle: not found (HTTP 404) "
        "(Paper not found); check the paper id or query")
    assert not (ws.path / "expand").exists() or not list((ws.path / "expand").iterdir())
    assert titles(ws) == before
    # the same through the command: one line on stderr, exit status 1
    assert main(["expand", "-w", str(ws.path), "--seed", "arXiv:2101.00190", "--cache", str(ws.path / "c")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("graphbuild: error: [E500] ") and "not found (HTTP 404)" in err[-1]


def test_expand_while_another_process_writes_the_workspace_refuses_before_fetching(ws: Workspace, mock,
                                                                                   capsys) -> None:
    service = Service(mock, s2_routes)
    with ws.lock("build"):  # a build running
        assert main(["expand", "-w", str(ws.path), "--seed", LORA, "--cache", str(ws.path / "c")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("graphbuild: error: [E401] ") and "is being written by `graphbuild build`" in err[-1]
    assert service.seen == []  # (it fetched every page, saved them in the workspace, and only then refused)
    assert not (ws.path / "expand").exists()
    assert "--wait" in err[-1] and "--wait" in make_parser_help("expand")  # (it offered a flag expand lacked)


def make_parser_help(command: str) -> str:
    from graphbuild.cli import make_parser

    sub = next(a for a in make_parser()._actions if a.dest == "command")
    return sub.choices[command].format_help()  # type: ignore[attr-defined]


@pytest.mark.parametrize(("source", "paper", "words"), [
    ("s2", {"paperId": ["s2x"], "title": "A Paper"}, "'paperId' is an array, not text"),
    ("s2", {"paperId": 7, "title": "A Paper"}, "'paperId' is a number, not text"),
    ("s2", {"paperId": "s2x", "title": 5}, "'title' is a number, not text"),
    ("openalex", {"id": "https://openalex.org/W1", "display_name": 5}, "'display_name' is a number, not text"),
    ("openalex", {"id": ["W1"], "display_name": "A Paper"}, "'id' is an array, not text"),
    ("openalex", {"id": "https://openalex.org/W1", "display_name": "A Paper",
                  "referenced_works": "https://openalex.org/W3168867926"},
     "'referenced_works' is a string, not a list"),
])
def test_expand_answer_with_a_field_of_the_wrong_kind_is_one_line_and_writes_nothing(ws: Workspace, mock, source,
                                                                                      paper, words) -> None:
    """Each was a TypeError or AttributeError, or (references as one string) links lost letter by letter."""
    def answer(request: requests.PreparedRequest) -> Reply:
        url = str(request.url)
        if "/references" in url:
            return 200, {}, json.dumps({"offset": 0, "data": [{"citedPaper": paper}]})
        if "filter=" in url:
            return 200, {}, json.dumps({"meta": {"count": 1}, "results": [paper]})
        return 200, {}, fixture("s2-seed-lora.json" if source == "s2" else "openalex-seed-lora.json")

    mock.add_callback(responses.GET, responses.matchers.re.compile(r"https://.*"), callback=answer)
    before = titles(ws)
    with pytest.raises(FetchError, match=rf"^\[E500\] https://.*: unexpected answer: a paper's {words}; the API"):
        expand(ws, [LORA], source=source, direction="references", client=client(Clock()), progress=False)
    assert not (ws.path / "expand").exists() or not list((ws.path / "expand").iterdir())
    assert titles(ws) == before


@pytest.mark.parametrize("source", ["s2", "openalex"])
def test_expand_a_seed_doi_with_a_hash_or_question_mark_is_asked_for_whole(mock, source) -> None:
    from graphbuild.expand import _openalex_locate, _s2_locate
    from graphbuild.records import Paper

    asked: list[str] = []

    def answer(request: requests.PreparedRequest) -> Reply:
        asked.append(str(request.url).split("?fields", 1)[0])
        return 200, {}, json.dumps({"paperId": "p1", "id": "https://openalex.org/W1"})

    mock.add_callback(responses.GET, responses.matchers.re.compile(r"https://.*"), callback=answer)
    paper = Paper(title="A journal article", doi="10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-#?x")
    locate = _s2_locate if source == "s2" else _openalex_locate
    assert locate(client(Clock()), paper) in ("p1", "W1")
    assert asked[0].endswith("3.0.co%3B2-%23%3Fx")  # a '#' cut the DOI short, a '?' made the rest a query


def test_expand_k_below_one_is_one_line_before_any_request(ws: Workspace, mock, capsys) -> None:
    service = Service(mock, s2_routes)
    assert main(["expand", "-w", str(ws.path), "--seed", LORA, "-k", "-5"]) == 1  # left out the last five
    assert capsys.readouterr().err.strip() == "graphbuild: error: [E710] -k must be 1 or more, got -5"
    with pytest.raises(graphbuild.GraphbuildError, match=r"^\[E710\] k must be 1 or more, not 0"):
        expand(ws, [LORA], client=client(Clock()), k=0)
    assert service.seen == []


def test_expand_rate_limit_exhausted_is_one_line(ws: Workspace, mock) -> None:
    service = Service(mock, s2_routes)
    service.trouble["s2-seed-lora.json"] = [(429, {}, "{}")] * 3
    with pytest.raises(FetchError, match=r"rate limited \(HTTP 429\) on all 3 attempts; .*S2_API_KEY"):
        expand(ws, [LORA], client=client(Clock(), retries=2))


def test_expand_command_says_when_it_waits_out_a_rate_limit(ws: Workspace, mock, capsys) -> None:
    service = Service(mock, openalex_routes)
    service.trouble["openalex-seed-lora.json"] = [(429, {"Retry-After": "0"}, "{}")]
    assert main(["expand", "-w", str(ws.path), "--seed", LORA, "--source", "openalex", "--cache",
                 str(ws.path / "c")]) == 0
    assert "expand: /works/doi:10.48550/arxiv.2106.09685: HTTP 429; asking again\n" in capsys.readouterr().err


def test_expand_openalex_follows_cursors(ws: Workspace, mock) -> None:
    service = Service(mock, openalex_routes)
    report = expand(ws, [LORA], source="openalex", client=client(Clock()), progress=False)
    cursors = [(q["filter"].split(":")[0], q["cursor"]) for p, q in service.seen if p == OPENALEX_API]
    assert cursors == [("cited_by", "*"), ("cited_by", "c2"), ("cites", "*")]
    assert report.file.name.endswith(".openalex.jsonl")
    # the arXiv DOI of Houlsby et al. joins the corpus's stub; the others are known by their OpenAlex ids
    assert sorted(report.new) == ["arxiv:1902.00751", "openalex:W2963403868", "openalex:W3030163527",
                                  "openalex:W4378771755"]
    graph = ws.graph()
    qlora = next(n for n, d in graph.nodes(data=True) if d.get("title", "").startswith("QLoRA"))
    assert graph.has_edge(qlora, LORA)
    # the citing work's other reference (not fetched) is not turned into a bare stub
    assert not any(d.get("external") and not d.get("title") for _, d in graph.nodes(data=True))


def test_related_external_shows_stubs_then_expand_candidates(ws: Workspace, mock, capsys) -> None:
    before = external_candidates(ws)
    assert [(c.paper_id, c.external) for c in before] == [("arxiv:1902.00751", True)]
    assert before[0].reasons[0] == ("cited by 'Prefix-Tuning: Optimizing Continuous Prompts for Generation', "
                                    "'Adapters Everywhere: A Study of Low-Rank Updates'")
    Service(mock, s2_routes)
    expand(ws, [LORA], client=client(Clock()), progress=False)
    capsys.readouterr()
    assert main(["related", "-w", str(ws.path), "--external", "-k", "3"]) == 0
    out = capsys.readouterr().out
    assert out.count("(added by expand)") == 3 and " 1. " in out and "      - " in out
    assert main(["related", "-w", str(ws.path), "--external", LORA, "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["paper_id"] == "arxiv:1902.00751" and set(rows[0]["parts"]) == {
        "direct", "cocitation", "coupling", "text"}
    assert main(["related", "-w", str(ws.path), "--external", "--format", "bibtex", "-k", "2"]) == 0
    assert capsys.readouterr().out.count("@misc{") == 2


def test_expand_s2_links_page_without_data_is_one_warning_and_the_others_go_on(ws: Workspace, mock) -> None:
    """An error object (or {}) for a paper's references was read as "no references", without a word."""
    def routes(path: str, params: dict[str, str]) -> str:
        if path.endswith("/paper/s2houlsby/references"):
            return "s2-not-found.json"  # {"error": ...}, here with HTTP 200
        if path.endswith(("/paper/s2gpt3/references", "/paper/s2transformer/references")):
            return "s2-empty.json"
        return s2_routes(path, params)

    service = Service(mock, routes)
    service.trouble["s2-not-found.json"] = [(200, {}, fixture("s2-not-found.json"))]
    lines: list[str] = []
    expand(ws, [LORA], direction="references", hops=2, client=client(Clock()), say=lines.append, progress=False)
    asked = [p.rsplit("/", 2)[-2] for p, _ in service.seen if p.endswith("/references")]
    assert asked == ["s2lora", "s2lora", "s2houlsby", "s2gpt3", "s2transformer"]  # went on after it
    warned = [line for line in lines if line.startswith("warning:")]
    assert len(warned) == 1 and warned[0].startswith(f"warning: [E500] {S2_API}/paper/s2houlsby/references?")
    assert ("Semantic Scholar's answer for the references of 'Parameter-Efficient Transfer Learning for NLP' "
            "(s2houlsby) has no 'data' list (it says 'Paper not found'); they are left out: ask again later"
            ) in warned[0]
