"""The command line: a thin shell over the API, one-line errors, exit codes."""

from __future__ import annotations

import csv
import io
import json
import re
import time
from pathlib import Path

import pytest

from graphbuild import Workspace
from graphbuild.cli import main
from graphbuild.errors import InputError
from graphbuild.settings import Settings

SOURCES = Path(__file__).parent / "fixtures" / "sources"


def test_cli_build_prints_summary(built, capsys):
    assert main(["build", str(SOURCES / "corpus.jsonl"), "-w", str(built), "--no-overview"]) == 0
    out = capsys.readouterr().out
    assert "nothing changed" in out and "Paper" in out


def test_cli_stats_of_an_empty_build_say_none(tmp_path, capsys):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    assert main(["build", str(empty), "-w", str(tmp_path / "ws"), "--no-overview"]) == 0
    assert "\nnodes: none\nedges: none\n" in capsys.readouterr().out  # not a blank "nodes: "
    assert main(["stats", "-w", str(tmp_path / "ws")]) == 0
    assert capsys.readouterr().out.splitlines()[1:] == ["nodes: none", "entity_types: none", "edges: none"]


def test_cli_extract_prints_one_object_per_paper(capsys):
    assert main(["extract", str(SOURCES / "corpus.jsonl")]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 2
    first = json.loads(lines[0])
    names = {e["name"]: e for e in first["entities"]}
    assert names["RankMix"]["proposed"] is True
    assert names["GLUE"]["type"] == "Dataset"


def test_cli_query_formats(built, capsys):
    assert main(["query", "-w", str(built), "MATCH (p:Paper) WHERE p.external = false RETURN count(p) AS n",
                 "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == [{"n": 2}]
    assert main(["query", "-w", str(built), "MATCH (p:Paper) WHERE p.year = $y RETURN p.title AS t",
                 "--param", "y=2021", "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines() == ["t", "LoRA: Low-Rank Adaptation of Large Language Models"]
    assert main(["query", "-w", str(built), "MATCH (p:Paper {id: 'arxiv:2106.09685'}) RETURN p, ['a, b', 'c'] AS l",
                 "--format", "csv"]) == 0
    header, row = csv.reader(io.StringIO(capsys.readouterr().out))
    assert header == ["p", "l"] and json.loads(row[1]) == ["a, b", "c"]  # a list keeps its items
    assert json.loads(row[0])["title"] == "LoRA: Low-Rank Adaptation of Large Language Models"  # a node, whole


def test_cli_query_csv_of_no_rows_still_has_its_header(built, capsys):
    """A query with no rows printed one empty line as its CSV, no header: a reader saw one empty row."""
    assert main(["query", "-w", str(built), "MATCH (p:Paper) WHERE p.year < 0 RETURN p.id AS id, p.year AS year",
                 "--format", "csv"]) == 0
    assert capsys.readouterr().out == "id,year\r\n"


def test_cli_query_csv_text_a_spreadsheet_would_run_gets_a_quote(built, capsys):
    cells = ["=HYPERLINK(\"x\")", "+SUM(1)", "-minus", "@cmd", "\tTab", "plain", "it's = fine"]
    assert main(["query", "-w", str(built), "UNWIND $t AS t RETURN t, -3 AS n", "--param",
                 f"t:list={json.dumps(cells)}", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    rows = list(csv.reader(io.StringIO(out)))
    assert rows == [["t", "n"], ["'=HYPERLINK(\"x\")", "-3"], ["'+SUM(1)", "-3"], ["'-minus", "-3"],
                    ["'@cmd", "-3"], ["'\tTab", "-3"], ["plain", "-3"], ["it's = fine", "-3"]]


def test_cli_query_refuses_writes(built, capsys):
    assert main(["query", "-w", str(built), "CREATE (p:Paper {id: 'x'})"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("graphbuild: error:") and "--write" in err and len(err.strip().splitlines()) == 1


def test_cli_query_syntax_error_is_one_line(built, capsys):
    assert main(["query", "-w", str(built), "MATCH (p:Paper RETURN p"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("graphbuild: error:") and "offset: 15" in err and "Traceback" not in err
    assert err.endswith("expected rule oC_SingleQuery (line: 1, offset: 15)")  # not the caret drawing, escaped


def test_cli_named_query_with_params(built, capsys):
    assert main(["query", "-w", str(built), "--name", "papers-with-entity", "--param", "name=LoRA",
                 "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and all("LoRA" in json.dumps(r) or "Adapters" in json.dumps(r) for r in rows)


def test_cli_queries_lists_library(capsys):
    assert main(["queries"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) >= 12
    assert all(len(line.split("  ", 1)) == 2 for line in lines)


def test_cli_build_and_extract_show_reading_and_merging_progress(tmp_path, capsys):
    # long inputs spend a minute reading and merging before the NLP pass; both used to be silent,
    # and `extract` showed no progress at all
    assert main(["build", str(SOURCES / "corpus.jsonl"), "-w", str(tmp_path / "ws"), "--no-overview"]) == 0
    err = capsys.readouterr().err
    assert "reading: 2 records" in err and "merging: combining: 2/2 papers" in err
    assert main(["extract", str(SOURCES / "corpus.jsonl")]) == 0
    captured = capsys.readouterr()
    assert "reading: 2 records" in captured.err and "extracting: 2/2 papers" in captured.err
    assert len(captured.out.splitlines()) == 2  # standard output is the papers only


def test_cli_build_names_the_steps_between_extraction_and_store(tmp_path, capsys, monkeypatch):
    # resolving, citing and building the graph, then hashing it and writing the generation, took minutes at
    # 100,000 papers with nothing on standard error after "extracted entities from N paper(s)"; each now
    # names itself (here without the 5 s wait)
    import functools

    import graphbuild.workspace
    from graphbuild.progress import stage_bar

    monkeypatch.setattr(graphbuild.workspace, "stage_bar", functools.partial(stage_bar, every=0))
    assert main(["build", str(SOURCES / "corpus.jsonl"), "-w", str(tmp_path / "ws"), "--no-overview"]) == 0
    err = capsys.readouterr().err.splitlines()
    steps = [line for line in err if line.endswith(" steps")]
    assert steps == ["resolving entities: 0/3 steps", "matching citations: 1/3 steps",
                     "building the graph: 2/3 steps", "building the graph: 3/3 steps",
                     "writing graph.json: 0/3 steps", "writing papers and extractions: 1/3 steps",
                     "making the store's rows: 2/3 steps", "saving the build: 3/3 steps"]
    assert err.index("extracting: 2/2 papers") < err.index(steps[0]) < err.index(steps[-1]) < err.index(
        "checkpointing: 1/1 rows")
    capsys.readouterr()
    assert main(["build", "-w", str(tmp_path / "ws"), "--no-overview"]) == 0  # nothing changed: nothing written
    assert [line for line in capsys.readouterr().err.splitlines() if line.endswith(" steps")][-2:] == [
        "hashing the graph: 0/3 steps", "saving the build: 3/3 steps"]


def test_cli_bad_input_is_one_line_with_file_and_line(tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"title": "ok", "abstract": "x"}\nnot json\n')
    assert main(["build", str(bad), "-w", str(tmp_path / "ws")]) == 1
    err = capsys.readouterr().err.strip()
    assert "bad.jsonl:2" in err and len(err.splitlines()) == 1


def test_cli_stats_without_workspace_says_what_to_do(tmp_path, capsys):
    assert main(["stats", "-w", str(tmp_path / "none")]) == 1
    assert "graphbuild build" in capsys.readouterr().err


def test_cli_citations_co_cited_and_ancestry_exclude_each_other(built, capsys):
    with pytest.raises(SystemExit) as exc:  # one of them used to win in silence
        main(["citations", "-w", str(built), "--co-cited", "--ancestry", "LoRA"])
    assert exc.value.code == 2
    assert "argument --ancestry: not allowed with argument --co-cited" in capsys.readouterr().err


def test_cli_help_lists_commands(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    for cmd in ("build", "extract", "stats", "eval", "query", "queries", "viz", "related", "citations", "push",
                "export", "fetch"):
        assert cmd in out


@pytest.mark.shared
def test_cli_eval_entities_on_dev(shared_dir, capsys):
    dev = shared_dir / "eval" / "dev"
    assert main(["eval", "entities", "--gold", str(dev / "gold_entities_dev.jsonl"),
                 str(dev / "daily_papers_dev.txt")]) == 0
    scores = json.loads(capsys.readouterr().out)
    assert scores["f1"] >= 0.8 and scores["papers_matched"] == 20
    assert 0 < scores["proposed_precision"] <= 1


def test_cli_related_paper_and_entity(built, capsys):
    assert main(["related", "-w", str(built), "arXiv:2106.09685", "--json"]) == 0
    results = json.loads(capsys.readouterr().out)
    assert [r["paper_id"] for r in results] == ["arxiv:2301.00001"]
    assert results[0]["reasons"] and set(results[0]["parts"]) >= {"lexical", "entities"}
    assert main(["related", "-w", str(built), "--entity", "LoRA"]) == 0
    out = capsys.readouterr().out
    assert "proposed by 1 paper(s)" in out and "LoRA: Low-Rank Adaptation" in out


def test_cli_related_shows_the_index_being_built_also_when_stderr_is_no_terminal(tmp_path, capsys):
    """The first ``related`` after a build indexes the whole corpus (some 25 s of CPU at 100,000 papers, the graph
    read first) and said nothing meanwhile; it now reports its steps as a build does. A stored index is loaded
    without a word."""
    assert main(["build", str(SOURCES / "corpus.jsonl"), "-w", str(tmp_path / "ws"), "--no-overview"]) == 0
    capsys.readouterr()
    assert main(["related", "-w", str(tmp_path / "ws"), "arXiv:2106.09685", "--json"]) == 0
    assert capsys.readouterr().err == "indexing related work: 7/7 steps\n"
    assert main(["related", "-w", str(tmp_path / "ws"), "--entity", "LoRA"]) == 0
    assert capsys.readouterr().err == ""


def test_cli_related_needs_exactly_one_target(built, capsys):
    assert main(["related", "-w", str(built), "--text", "x", "--entity", "LoRA"]) == 1
    assert "exactly one" in capsys.readouterr().err


def test_cli_related_text_with_a_byte_that_is_not_utf8_is_one_line(built, capsys):
    # a byte that is not UTF-8 in an argument reaches Python as a lone surrogate: the NLP pass crashed on it
    assert main(["related", "-w", str(built), "--text", "Lo\udcffRA adapters"]) == 1
    assert "--text holds a byte that is not UTF-8 (0xff) at character 2" in _one_line_error(capsys, "E710")


def test_cli_related_draft_of_only_punctuation_says_nothing_was_found(built, tmp_path, capsys):
    draft = tmp_path / "draft.md"
    draft.write_text("!!! ,,, ???\n", encoding="utf-8")
    assert main(["related", "-w", str(built), "--text-file", str(draft)]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.strip().splitlines()[-1] == (
        "graphbuild: no related papers found (the draft shares no words or entities with the graph)")


def test_cli_viz_writes_a_focused_page(built, tmp_path, capsys):
    page = tmp_path / "lora.html"
    assert main(["viz", "-w", str(built), "--focus", "LoRA", "--hops", "1", "-o", str(page)]) == 0
    html = page.read_text()
    assert "http://" not in html and "https://" not in html
    assert "RankMix" not in capsys.readouterr().err
    assert main(["viz", "-w", str(built), "--name", "papers-with-entity", "--param", "name=GLUE",
                 "-o", str(tmp_path / "q.html")]) == 0
    assert (tmp_path / "q.html").exists()
    # an ad hoc query takes its --param too (they used to be dropped: "$y ... no value was given")
    assert main(["viz", "-w", str(built), "--query", "MATCH (p:Paper) WHERE p.year = $y RETURN p", "--param", "y=2021",
                 "-o", str(tmp_path / "adhoc.html")]) == 0
    assert "LoRA: Low-Rank Adaptation" in (tmp_path / "adhoc.html").read_text()
    capsys.readouterr()
    assert main(["viz", "-w", str(built), "--query", "MATCH (p) RETURN p", "--name", "top-datasets"]) == 1
    assert "give either --query or --name, not both" in _one_line_error(capsys, "E200")


def test_cli_viz_focus_on_no_node_is_the_lookup_miss_e600_like_related(built, tmp_path, capsys):
    # it was "[E200] focus: ..." (a query error) while `related` says E600 for the same miss
    assert main(["viz", "-w", str(built), "--focus", "Zyxwvut", "-o", str(tmp_path / "z.html")]) == 1
    assert "focus: no paper or entity or author matches 'Zyxwvut'" in _one_line_error(capsys, "E600")
    assert not (tmp_path / "z.html").exists()


@pytest.mark.parametrize("argv", [["viz", "-o"], ["report", "-o"], ["map", "-o"], ["trends", "--chart"]])
def test_cli_page_output_named_too_long_or_a_folder_is_one_coded_line(built, tmp_path, capsys, argv):
    flag = argv[-1]
    assert main([*argv, str(tmp_path / ("a" * 300 + ".html")), "-w", str(built)]) == 1  # an OSError traceback
    assert f"{flag} '{tmp_path}/{'a' * 300}.html': File name too long; give a shorter file name" in _one_line_error(
        capsys, "E710")
    assert main([*argv, str(tmp_path), "-w", str(built)]) == 1
    assert f"{flag} '{tmp_path}' is a folder; give a file name" in _one_line_error(capsys, "E710")


def test_cli_viz_types_of_only_commas_is_no_filter_like_an_empty_one(built, tmp_path, capsys):
    pages = [tmp_path / "empty.html", tmp_path / "commas.html"]
    for page, types in zip(pages, ["", " , ,"]):
        assert main(["viz", "-w", str(built), "--types", types, "-o", str(page)]) == 0
    # "--types ," kept no kind at all: a page without a node, without a word
    assert '"nodes":[]' not in pages[1].read_text() and pages[0].read_text() == pages[1].read_text()


def test_cli_citations_rankings(built, capsys):
    assert main(["citations", "-w", str(built), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["id"]: r["citations"] for r in rows} == {"arxiv:2106.09685": 1, "arxiv:1902.00751": 1}
    assert main(["citations", "-w", str(built), "--by", "pagerank", "--json"]) == 0
    ranks = json.loads(capsys.readouterr().out)
    assert abs(sum(r["pagerank"] for r in ranks) - 1.0) < 1e-6
    assert main(["citations", "-w", str(built), "--ancestry", "arXiv:2301.00001", "--json"]) == 0
    assert {r["id"] for r in json.loads(capsys.readouterr().out)} == {"arxiv:2106.09685", "arxiv:1902.00751"}


@pytest.mark.parametrize("argv,source,expected", [
    (["fetch", "arxiv", "state space models", "--max", "7"], "arxiv",
     {"query": "state space models", "max_results": 7}),
    (["fetch", "s2", "arXiv:2106.09685", "--references", "--citations"], "s2",
     {"paper_ids": ["arXiv:2106.09685"], "references": True, "citations": True}),
    (["fetch", "openalex", "--search", "low-rank adapters", "--max", "3"], "openalex",
     {"query": "low-rank adapters", "max_results": 3}),
])
def test_cli_fetch_wires_arguments(monkeypatch, tmp_path, capsys, no_network, argv, source, expected):
    calls = []

    def fake_run_fetch(src, **kwargs):
        calls.append((src, kwargs))
        return 2

    monkeypatch.setattr("graphbuild.fetch.run_fetch", fake_run_fetch)
    out = tmp_path / "out.jsonl"
    assert main(argv + ["-o", str(out)]) == 0
    (src, kwargs), = calls
    assert src == source and kwargs["out"] == out
    assert {k: kwargs[k] for k in expected} == expected
    assert "wrote 2 record(s)" in capsys.readouterr().out


def test_cli_fetch_to_a_pipe_says_what_it_wrote_on_standard_error(monkeypatch, tmp_path, capsys, no_network):
    """``graphbuild fetch arxiv … -o /dev/stdout > feed.atom`` ended the feed with "wrote 2 record(s) to
    /dev/stdout; build with: …", which no reader of the feed can parse; a pipe or device hears it on stderr."""
    import os

    monkeypatch.setattr("graphbuild.fetch.run_fetch", lambda src, **kwargs: 2)
    fifo = tmp_path / "feed.fifo"
    os.mkfifo(fifo)
    assert main(["fetch", "arxiv", "lora", "-o", str(fifo)]) == 0
    out, err = capsys.readouterr()
    assert out == "" and "wrote 2 record(s)" in err


def test_cli_pages_and_exports_to_a_descriptor_write_on_through_it(tmp_path, capsys):
    """``graphbuild report -o /dev/stdout > page.html`` took /dev/stdout (a link to the shell's file) for a file
    and renamed the page over it: the link itself became a file (as root; an error otherwise), and page.html
    stayed empty. A path naming a descriptor is written through it, on from where the shell left the file
    (``>> log``), and what was written is said on standard error."""
    ws = _hostile_ws(tmp_path)
    log = tmp_path / "log.txt"
    capsys.readouterr()
    with open(log, "a", encoding="utf-8") as fh:
        fh.write("head\n")
        fh.flush()
        target = f"/dev/fd/{fh.fileno()}"  # (a link to /proc/self/fd, where no file can be renamed: never clobbered)
        for argv in (["report", "-o", target], ["viz", "-o", target], ["export", "--format", "json", target]):
            assert main([*argv, "-w", str(ws)]) == 0
    text = log.read_text(encoding="utf-8")
    assert text.startswith("head\n<!DOCTYPE") and text.count("<!DOCTYPE") == 2 and text.rstrip().endswith("}")
    out, err = capsys.readouterr()
    assert out == "" and err.count(target) == 3


# -- issue 11: output, parameters, validation ----------------------------------------------------

def _hostile_ws(tmp_path, monkeypatch=None):
    """A workspace of one paper whose title holds control characters: ingest makes them spaces now, so with
    ``monkeypatch`` they are kept, as in a workspace an older graphbuild built (the outputs still escape them).
    """
    import json as _json
    import re as _re

    if monkeypatch is not None:
        monkeypatch.setattr("graphbuild.ingest.fields._CONTROL", _re.compile(r"(?!)"))

    path = tmp_path / "evil.jsonl"
    path.write_text(_json.dumps({"id": "e1", "title": "Red \u001b[31mALERT\u001b[0m bell \u0007", "abstract":
                                 "We propose EvilNet, built on BERT."}) + "\n", encoding="utf-8")
    ws = tmp_path / "ws"
    assert main(["build", str(path), "-w", str(ws), "--no-overview"]) == 0
    return ws


def test_cli_table_output_escapes_control_characters(tmp_path, capsys, monkeypatch):
    ws = _hostile_ws(tmp_path, monkeypatch)
    capsys.readouterr()
    assert main(["query", "-w", str(ws), "MATCH (p:Paper) RETURN p.title AS t"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert "Red \\x1b[31mALERT\\x1b[0m bell \\x07" in out


def test_cli_related_lines_escape_control_characters(tmp_path, capsys, monkeypatch):
    # tables escaped them, but `related` (by paper, --entity, --text-file) printed a title's
    # escape sequences raw, so a hostile title recoloured or cleared the user's terminal
    ws = _hostile_ws(tmp_path, monkeypatch)
    more = '{"id": "e2", "title": "Plain", "abstract": "We build on BERT and EvilNet."}\n'
    (tmp_path / "more.jsonl").write_text(more, encoding="utf-8")
    assert main(["build", str(tmp_path / "more.jsonl"), "-w", str(ws), "--no-overview"]) == 0
    draft = tmp_path / "draft.tex"
    draft.write_text("We extend EvilNet on BERT \\cite{e1}.\n", encoding="utf-8")
    capsys.readouterr()
    for command in (["related", "-w", str(ws), "e2"], ["related", "-w", str(ws), "--entity", "BERT"],
                    ["related", "-w", str(ws), "--text-file", str(draft)], ["related", "-w", str(ws), "e2", "--json"]):
        assert main(command) == 0
        out = capsys.readouterr().out
        assert "\x1b" not in out and "\x07" not in out, command
        assert "\\x1b[31mALERT" in out or "\\u001b[31mALERT" in out, command
    assert main(["related", "-w", str(ws), "--text-file", str(draft)]) == 0
    assert "(line 1): 'We extend EvilNet on BERT \\cite{e1}.'" in capsys.readouterr().out  # not doubled as by repr


def test_cli_query_missing_parameter_is_an_error(built, capsys):
    assert main(["query", "-w", str(built), "MATCH (p:Paper {id: $id}) RETURN p.title"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("graphbuild: error: [E200]") and "$id" in err and "--param id=VALUE" in err
    assert len(err.splitlines()) == 1


@pytest.mark.parametrize("name", ["a b", "it's", " edge ", "`q`", "a:b", "a=b", "x:int=1", "`a:b"])
def test_cli_query_missing_parameter_hint_runs_as_printed(built, capsys, name):
    # $`a b` was hinted as `--param a b=VALUE`, which a shell splits in two: the copied line failed
    import shlex

    cypher = f"RETURN ${'`' + name.replace('`', '``') + '`'} AS x"
    assert main(["query", "-w", str(built), cypher]) == 1
    hint = capsys.readouterr().err.split("pass ", 1)[1].split(" (params=", 1)[0]
    args = shlex.split(hint.replace("VALUE", "7"))
    assert args[0] == "--param" and len(args) == 2
    assert main(["query", "-w", str(built), cypher, "--format", "json", *args]) == 0
    assert json.loads(capsys.readouterr().out) == [{"x": 7}]


def test_cli_query_parameter_check_ignores_strings_and_comments():
    from graphbuild.cypher_guard import check_parameters
    from graphbuild.errors import QueryError

    with pytest.raises(QueryError, match=r"\$year"):
        check_parameters("MATCH (p) WHERE p.year = $year AND p.id = $id RETURN p", {"id": "x"})
    check_parameters("RETURN '$year' AS s // $year", {})


def test_cli_typed_params(built, capsys):
    assert main(["query", "-w", str(built), "RETURN $id AS id, $n AS n, $ok AS ok, $l AS l", "--format", "json",
                 "--param", "id:str=123", "--param", "n=7", "--param", "ok:bool=true",
                 "--param", "l:list=a,b"]) == 0
    assert json.loads(capsys.readouterr().out) == [{"id": "123", "n": 7, "ok": True, "l": ["a", "b"]}]
    assert main(["query", "-w", str(built), "RETURN $n AS n", "--param", "n:int=x"]) == 1
    assert "--param n:int='x': not an int" in capsys.readouterr().err


def test_cli_query_writes_bytes_exactly_in_json_and_csv(built, capsys):
    # a BLOB was written "\ufffd\u0000a" (its 0xFF lost) although --format json gives every value exactly
    cypher = "RETURN BLOB('\\\\xFF\\\\x00a') AS b"
    assert main(["query", "-w", str(built), cypher, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == [{"b": {"_base64": "/wBh"}}]
    assert main(["query", "-w", str(built), cypher, "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines() == ["b", '"{""_base64"": ""/wBh""}"']


def test_cli_query_table_shows_bytes_as_bytes(built, capsys):
    # the table showed a BLOB as {"_base64": "/wBh"}, the JSON/CSV encoding, which no one reads as bytes
    cypher = "RETURN BLOB('\\\\xFF\\\\x00a') AS b, [BLOB('0123456789')] AS l, {_base64: 'x'} AS m"
    assert main(["query", "-w", str(built), cypher]) == 0
    row = capsys.readouterr().out.splitlines()[2].split("  ")
    assert [c.strip() for c in row if c.strip()] == ["<3 bytes: ff0061>", "<10 bytes: 3031323334353637…>",
                                                     '{"_base64": "x"}']


def test_cli_backquoted_parameter_names_can_be_given(built, capsys):
    # $`a b` could not be given a value: --param 'a b=1' was refused as "not a parameter name"
    assert main(["query", "-w", str(built), "RETURN $`a b` AS x, $`c d` AS y", "--format", "json",
                 "--param", "a b=1", "--param", "`c d`:str=2"]) == 0
    assert json.loads(capsys.readouterr().out) == [{"x": 1, "y": "2"}]
    # $`a:b` could not be given one: its ":" (or "=") was read as the separator, giving $a the type "b"
    assert main(["query", "-w", str(built), "RETURN $`a:b` AS x, $`c=d` AS y", "--format", "json",
                 "--param", "`a:b`=1", "--param", "`c=d`:int=2"]) == 0
    assert json.loads(capsys.readouterr().out) == [{"x": 1, "y": 2}]
    assert main(["query", "-w", str(built), "RETURN 1 AS x", "--param", " =1"]) == 1
    assert capsys.readouterr().err.strip() == "graphbuild: error: [E200] --param ' =1': no parameter name before '='"


def test_cli_untyped_params_are_numbers_only_as_json_writes_them(built, capsys):
    """``int()`` read ``1_000`` as 1000 and the Arabic-Indic ``٣`` as 3; ``float()`` read ``nan``."""
    values = {"a": "1_000", "b": "\u0663", "c": "nan", "d": " 5", "e": "007", "f": "-12", "g": "2.5e3"}
    assert main(["query", "-w", str(built), "RETURN " + ", ".join(f"${k} AS {k}" for k in values), "--format", "json",
                 *[arg for k, v in values.items() for arg in ("--param", f"{k}={v}")]]) == 0
    assert json.loads(capsys.readouterr().out) == [{**values, "f": -12, "g": 2500.0}]
    assert main(["query", "-w", str(built), "RETURN $n AS n", "--format", "json", "--param", "n:int=1_000"]) == 0
    assert json.loads(capsys.readouterr().out) == [{"n": 1000}]  # a typed value reads as Python's int() does


def test_cli_table_shows_a_list_inside_a_list_in_brackets(built, capsys):
    """``[[1, 2], [3]]`` showed as ``1, 2, 3``, the same as ``[1, 2, 3]``."""
    assert main(["query", "-w", str(built), "RETURN [[1, 2], [3]] AS nested, [1, 2, 3] AS flat"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[2].split("  ")[0].strip() == "[1, 2], [3]" and out[2].rstrip().endswith("1, 2, 3")


def test_cli_typed_list_params_type_each_element(built, capsys):
    """``y:list=2017,2018`` gave strings where ``y:list=[2017,2018]`` gave numbers, and no form typed them."""
    assert main(["query", "-w", str(built), "RETURN $a AS a, $b AS b, $c AS c, $d AS d, $e AS e", "--format", "json",
                 "--param", "a:list[int]=2017,2018", "--param", "b:list[int]=[2017, \"2018\"]",
                 "--param", "c:list[float]=1, 2.5", "--param", "d:list[bool]=yes,off",
                 "--param", "e:list[str]=[\"x\"]"]) == 0
    assert json.loads(capsys.readouterr().out) == [{"a": [2017, 2018], "b": [2017, 2018], "c": [1.0, 2.5],
                                                    "d": [True, False], "e": ["x"]}]
    assert main(["query", "-w", str(built), "RETURN $y AS y", "--param", "y:list[int]=2017,x"]) == 1
    assert "--param y:list[int]='2017,x': not a list of int: its item 2, 'x', is not an int" in \
        _one_line_error(capsys, "E200")
    assert main(["query", "-w", str(built), "RETURN $y AS y", "--param", "y:list[int]=[2017, true]"]) == 1
    assert "not a list of int" in _one_line_error(capsys, "E200")
    # an empty item was dropped without a word, the list one short; nothing at all is the empty list
    for given in ("1,,2", "a,b,"):
        assert main(["query", "-w", str(built), "RETURN $y AS y", "--param", "y:list=" + given]) == 1
        assert "(an empty item between commas)" in _one_line_error(capsys, "E200")
    assert main(["query", "-w", str(built), "RETURN $y AS y, $0 AS z", "--format", "json", "--param", "y:list= a, b",
                 "--param", "0=7"]) == 0  # ($0: a parameter name Cypher allows, which --param refused)
    assert json.loads(capsys.readouterr().out) == [{"y": ["a", "b"], "z": 7}]


def test_cli_typed_list_param_error_names_the_parameter_and_the_wrong_item_of_a_long_value(built, capsys):
    """A list longer than a line was cut at 57 characters with "..." after the quote, before its wrong item,
    and the long name shown whole: which item (of which parameter) was wrong could not be seen."""
    long = ",".join(str(n) for n in range(300)) + ",x,5"
    assert main(["query", "-w", str(built), "RETURN $y AS y", "--param", "years:list[int]=" + long]) == 1
    error = _one_line_error(capsys, "E200")
    assert f"--param years:list[int]={long[:59]}…': not a list of int: its item 301, 'x', is not an int".replace(
        "=", "='", 1) in error and len(error) < 200
    assert main(["query", "-w", str(built), "RETURN $y AS y", "--param", "n" * 300 + ":list[bool]=[true, [1, 2]]"]) == 1
    error = _one_line_error(capsys, "E200")
    assert "--param " + "n" * 59 + "…:list[bool]='[true, [1, 2]]': not a list of bool: its item 2, [1, 2], is not a " \
        "bool" in error
    assert main(["query", "-w", str(built), "RETURN $y AS y", "--param", "y:list[float]=1,2\n3"]) == 1
    assert "--param y:list[float]='1,2\\n3': not a list of float: its item 2, '2\\n3', is not a float" in \
        _one_line_error(capsys, "E200")


def test_cli_query_json_of_nan_and_infinities_is_json(built, capsys):
    """``--format json`` printed NaN and Infinity, which no JSON reader reads; they are Cypher's words, as text."""
    assert main(["query", "-w", str(built), "RETURN 0.0/0.0 AS n, [1.0/0.0, -1.0/0.0, 2.5] AS xs",
                 "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert json.loads(out, parse_constant=lambda word: pytest.fail(f"{word} is no JSON")) == [
        {"n": "NaN", "xs": ["Infinity", "-Infinity", 2.5]}]


@pytest.mark.parametrize("param, words", [
    ("x:list=" + "[" * 5000 + "]" * 5000,
     "--param x:list='" + "[" * 59 + "…': not a list (nested too deeply to read)"),
    ("x:int=" + "9" * 5000, "--param x:int='" + "9" * 59 + "…': not an int (over 4,300 digits)"),
])
def test_cli_typed_param_too_deep_or_too_long_is_one_short_line(built, capsys, param, words):
    """The deep list was a RecursionError traceback; the long number was echoed whole."""
    assert main(["query", "-w", str(built), "RETURN $x AS x", "--param", param]) == 1
    error = _one_line_error(capsys, "E200")
    assert words in error and len(error) < 200


def test_cli_query_neo4j_flag_never_takes_the_query_as_uri(built, capsys):
    assert main(["query", "-w", str(built), "--neo4j", "bolt://127.0.0.1:1"]) == 1
    err = capsys.readouterr().err
    assert "--neo4j --uri URI" in err
    from graphbuild.cli import make_parser

    parsed = make_parser().parse_args(["query", "--neo4j", "MATCH (n) RETURN n"])
    assert parsed.neo4j is True and parsed.cypher == "MATCH (n) RETURN n" and parsed.uri is None


def test_cli_password_in_uri_is_never_echoed(built, capsys, monkeypatch):
    monkeypatch.setenv("NEO4J_PASSWORD", "x")
    assert main(["query", "-w", str(built), "--uri", "bolt://neo4j:hunter2@127.0.0.1:1",
                 "MATCH (n) RETURN n"]) == 1
    err = capsys.readouterr().err
    assert "hunter2" not in err and "***@127.0.0.1:1" in err


def _one_line_error(capsys, code: str) -> str:
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and err.startswith(f"graphbuild: error: [{code}]"), err
    return err


@pytest.mark.parametrize("argv, code, words", [
    (["viz", "-w", "{ws}", "-o", "{tmp}"], "E710", "is a folder"),
    (["viz", "-w", "{ws}", "--max-nodes", "0"], "E710", "--max-nodes must be 1 or more"),
    (["related", "-w", "{ws}", "-k", "0", "--entity", "LoRA"], "E710", "-k must be 1 or more"),
    (["related", "-w", "{ws}", "--external", "--text", "LoRA"], "E100", "it does not take --text"),
    (["citations", "-w", "{ws}", "--top", "0"], "E710", "--top must be 1 or more"),
    (["eval", "related", "-w", "{ws}", "-k", "0", "--gold", "{tmp}/gold.json"], "E710", "-k must be 1 or more"),
    (["eval", "related", "-w", "{ws}", "--gold", "{tmp}/missing.json"], "E100", "no such gold file"),
    (["eval", "related", "-w", "{ws}", "--gold", "{tmp}/list.json"], "E100", "not an array"),
    (["eval", "related", "-w", "{ws}", "--gold", "{tmp}/gold.json"], "E100", "'queries' is empty"),
    (["eval", "related", "-w", "{ws}", "--gold", "{tmp}/latin.json"], "E100",
     "latin.json:2: not UTF-8 text: invalid byte 0xe9 at byte offset 18"),
    (["eval", "related", "-w", "{ws}", "--gold", "{tmp}/other.json"], "E100",
     "none of its 1 query paper(s) is in the workspace"),  # not a score of 0.0 over no query
    (["eval", "related", "-w", "{ws}", "--gold", "{tmp}/twice.json"], "E100",
     "twice.json: field 'queries' is given twice with different values"),  # the first was dropped, unsaid
    (["eval", "related", "-w", "{ws}", "--gold", "{tmp}/twice_inner.json"], "E100",
     "twice_inner.json: field 'arXiv:1706.03762' is given twice with different values (['a'], then ['b'])"),
    (["review", "-w", "{ws}", "--limit", "0"], "E710", "--limit must be 1 or more"),
    (["leaderboard", "-w", "{ws}", "MMLU", "--top", "0"], "E710", "--top must be 1 or more"),
    (["export", "-w", "{ws}", "--format", "graphml", "{tmp}/x.gexf"], "E710",
     "x.gexf ends in .gexf, the suffix of the gexf format, not of graphml"),  # wrote a folder x.gexf/
    (["export", "-w", "{ws}", "{tmp}/out"], "E710", "name the format with --format (graphml, gexf, json, neo4j-csv)"),
    # an empty --uri was the default URI (push) or the embedded store (query), without a word
    (["push", "-w", "{ws}", "--uri", ""], "E710", "--uri is empty: give a bolt://, neo4j:// or neo4j+s:// URI"),
    (["query", "-w", "{ws}", "--uri", "", "MATCH (n) RETURN count(n)"], "E710", "--uri is empty"),
    (["push", "-w", "{ws}", "--user", " "], "E710", "--user is empty: give a Neo4j user name"),
])
def test_cli_bad_arguments_are_one_coded_line(built, tmp_path, capsys, argv, code, words):
    (tmp_path / "list.json").write_text("[1, 2]", encoding="utf-8")
    (tmp_path / "gold.json").write_text('{"queries": {}}', encoding="utf-8")
    (tmp_path / "latin.json").write_bytes(b'{"queries": {\n"Caf\xe9": []}}')
    (tmp_path / "other.json").write_text('{"queries": {"arXiv:0000.00000": ["arXiv:1706.03762"]}}', encoding="utf-8")
    (tmp_path / "twice.json").write_text('{"queries": {"arXiv:1706.03762": ["a"]},\n "queries": {}}', encoding="utf-8")
    (tmp_path / "twice_inner.json").write_text('{"queries": {"arXiv:1706.03762": ["a"], "arXiv:1706.03762": ["b"]}}',
                                               encoding="utf-8")
    assert main([a.replace("{tmp}", str(tmp_path)).replace("{ws}", str(built)) for a in argv]) == 1
    assert words in _one_line_error(capsys, code)


def test_cli_export_takes_the_format_from_a_file_name(built, tmp_path, capsys):
    # the README's "or a file: graph.graphml" stopped with "the following arguments are required: --format"
    assert main(["export", "-w", str(built), str(tmp_path / "graph.graphml")]) == 0
    assert capsys.readouterr().out.strip() == str(tmp_path / "graph.graphml")
    assert (tmp_path / "graph.graphml").read_text(encoding="utf-8").lstrip().startswith("<?xml")
    (tmp_path / "folder.json").mkdir()  # a folder is written into: no format of its own
    assert main(["export", "-w", str(built), str(tmp_path / "folder.json")]) == 1
    assert "name the format with --format" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["build", "extract"])
def test_cli_missing_spacy_model_is_one_coded_line(tmp_path, capsys, command):
    argv = [command, str(SOURCES / "corpus.jsonl"), "--spacy-model", str(tmp_path / "no-such-model")]
    assert main(argv + (["-w", str(tmp_path / "ws")] if command == "build" else [])) == 1
    assert "no-such-model: spaCy pipeline not found" in _one_line_error(capsys, "E100")
    assert not (tmp_path / "ws" / "CURRENT").exists()


def test_cli_eval_related_gold_query_in_the_workspace_citing_nothing_is_not_called_missing(built, tmp_path, capsys):
    # a query paper the workspace holds whose gold list is empty (or names only itself) was said to be
    # "not in the workspace", sending the user to rebuild it
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps({"queries": {"arXiv:2106.09685": ["arxiv:2106.09685"], "doi:10.1/none": ["x"]}}),
                    encoding="utf-8")
    assert main(["eval", "related", "-w", str(built), "--gold", str(gold)]) == 1
    err = _one_line_error(capsys, "E100")
    assert "none of its 2 query paper(s) can be scored: 1 cites no other paper (such as 'arXiv:2106.09685'), " \
           "1 is not in the workspace" in err


@pytest.mark.parametrize("entry, words", [
    ({"name": "Zorbix", "type": "Model", "aliases": "ZX"}, "'aliases' must be a list of names, not 'ZX'"),
    ({"name": "Zorbix", "type": "Model", "aliases": [5]}, "'aliases' must be a list of names, not [5]"),
    ({"name": "Zorbix", "type": "Model", "family": 5}, "'family' must be a name, not 5"),
    ({"name": " ", "type": "Model"}, "'name' must be a name, not ' '"),
    ({"name": 5, "type": "Model"}, "'name' must be a name, not 5"),
    ({"name": "Zorbix", "type": "Model", "ambiguous": "no"}, "'ambiguous' must be true or false, not 'no'"),
    # a paste gone wrong: accepted, and every line naming the entity (a curate, a review) echoed it whole
    ({"name": "Z" * 100_000, "type": "Model"}, "'name' is 100,000 characters long; a name is at most 300"),
    ({"name": "Zorbix", "type": "Model", "aliases": ["ZX", "Z" * 301]},
     "'aliases' holds a name 301 characters long; a name is at most 300"),
    ({"name": "Zorbix", "type": "Model", "family": "Z" * 5_000},
     "'family' is 5,000 characters long; a name is at most 300"),
])
def test_cli_user_gazetteer_entry_of_the_wrong_shape_is_one_line(tmp_path, capsys, entry, words):
    # aliases written as one string were read a character at a time: every "Z" and "X" was Zorbix; a number
    # among them was a traceback; an empty name or a number as a family passed unsaid
    gazetteer = tmp_path / "mine.jsonl"
    gazetteer.write_text('{"name": "Quillnet", "type": "Method"}\n' + json.dumps(entry) + "\n", encoding="utf-8")
    assert main(["extract", str(SOURCES / "corpus.jsonl"), "--gazetteer", str(gazetteer)]) == 1
    err = _one_line_error(capsys, "E100")
    assert f"mine.jsonl:2: bad gazetteer entry: {words}" in err and len(err) < 400


def test_cli_eval_entities_gold_without_title_is_one_line(tmp_path, capsys):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"title": "ok", "entities": []}\n{"id": "x", "entities": []}\n', encoding="utf-8")
    assert main(["eval", "entities", str(SOURCES / "corpus.jsonl"), "--gold", str(gold)]) == 1
    assert "gold.jsonl:2: each gold line needs a \"title\"" in _one_line_error(capsys, "E100")
    assert main(["eval", "entities", str(SOURCES / "corpus.jsonl"), "--gold", str(tmp_path / "none.jsonl")]) == 1
    assert "no such gold file" in _one_line_error(capsys, "E100")


@pytest.mark.parametrize("line, words", [
    ('{"title": "x", "entities": [{"name": "LoRA", "type": "Method"}], "entities": []}',
     "field 'entities' is given twice with different values"),
    ('{"title": "x", "entities": [{"name": "LoRA", "type": "Method", "type": "Model"}]}',
     "field 'type' is given twice with different values ('Method', then 'Model')"),
])
def test_cli_eval_entities_gold_line_giving_a_key_twice_is_one_line(tmp_path, capsys, line, words):
    # json.loads kept the last value: the first entity list (or type) was dropped without a word
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"title": "ok", "entities": []}\n' + line + "\n", encoding="utf-8")
    assert main(["eval", "entities", str(SOURCES / "corpus.jsonl"), "--gold", str(gold)]) == 1
    assert f"gold.jsonl:2: {words}" in _one_line_error(capsys, "E100")


def test_cli_eval_entities_names_gold_papers_the_input_does_not_hold(tmp_path, capsys):
    """A gold paper whose title no extracted paper had counted its entities as missed without a word."""
    title = json.loads((SOURCES / "corpus.jsonl").read_text(encoding="utf-8").splitlines()[0])["title"]
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"title": title, "entities": []}) + "\n\n" + json.dumps(
        {"title": "Comet Tails \x1b[2J Revisited", "entities": [{"name": "TailNet", "type": "Model"}]}) + "\n")
    assert main(["eval", "entities", str(SOURCES / "corpus.jsonl"), "--gold", str(gold)]) == 0
    out = capsys.readouterr()
    assert out.err == (f"warning: [E100] {gold}:3: 1 of 2 gold paper(s) match no paper of the input by title, such as "
                       "'Comet Tails \\x1b[2J Revisited'; their entities count as missed\n")
    assert json.loads(out.out)["papers_matched"] == 1
    gold.write_text(json.dumps({"title": "Comet Tails", "entities": []}) + "\n")
    assert main(["eval", "entities", str(SOURCES / "corpus.jsonl"), "--gold", str(gold)]) == 1
    assert "gold.jsonl: none of its 1 gold paper(s) matches a paper of the input by title (such as line 1: " \
           "'Comet Tails'); give the listing" in _one_line_error(capsys, "E100")


def test_cli_eval_entities_gold_with_no_proposed_entity_gives_null_not_zero(tmp_path, capsys):
    """"proposed_recall": 0.0 over a gold file with no proposed entity read as a bad score."""
    title = json.loads((SOURCES / "corpus.jsonl").read_text(encoding="utf-8").splitlines()[0])["title"]
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"title": title, "entities": [{"name": "Zorblax", "type": "Model"}]}) + "\n")
    assert main(["eval", "entities", str(SOURCES / "corpus.jsonl"), "--gold", str(gold)]) == 0
    scores = json.loads(capsys.readouterr().out)
    assert (scores["proposed_recall"], scores["type_accuracy"], scores["recall"]) == (None, None, 0.0)


@pytest.mark.parametrize("entity, words", [
    ('{"name": "LoRA", "type": "Banana"}',
     "entity 'LoRA': unknown type \"Banana\"; use one of Model, Method, Dataset, Task, Metric"),
    ('{"name": "LoRA"}', "each entity needs \"name\" and \"type\""),
    ('{"name": " ", "type": "Method"}', "each entity needs \"name\" and \"type\""),
    ('{"name": "LoRA", "type": "Method", "proposed": "yes"}',
     "entity 'LoRA': \"proposed\" must be true or false, not \"yes\""),
    ('{"name": "LoRA", "type": "Method", "aliases": "lora"}', "entity 'LoRA': \"aliases\" must be a list of strings"),
    ('{"name": "LoRA", "type": "Method", "aliases": [1]}', "entity 'LoRA': \"aliases\" must be a list of strings"),
    ('{"name": "LoRA", "type": "Method", "mentions": null}', "entity 'LoRA': \"mentions\" must be a list of strings"),
])
def test_cli_eval_entities_gold_entity_that_cannot_be_scored_is_one_line(tmp_path, capsys, entity, words):
    """Each was scored silently as something else (an unknown type unscored, aliases letter by letter) or, for
    aliases that are not text, crashed with an AttributeError; the words are training's for an annotation."""
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"title": "ok", "entities": []}\n{"title": "x", "entities": [' + entity + "]}\n",
                    encoding="utf-8")
    assert main(["eval", "entities", str(SOURCES / "corpus.jsonl"), "--gold", str(gold)]) == 1
    assert f"gold.jsonl:2: {words}" in _one_line_error(capsys, "E100")


@pytest.mark.parametrize("toml, words", [
    ('max_nodes = 5\nneo4j = "x"', "graphbuild.toml:2: 'neo4j' must be a table"),
    ('max_nodes = "abc"', "'max_nodes' must be a whole number"),
    ("max_nodes = 0", "'max_nodes' must be 1 or more"),
    ('overview = "maybe"', "'overview' must be true or false"),
    ("spacy_model = 3", "'spacy_model' must be a string"),
    ("[neo4j]\nport = 1", "unknown setting 'neo4j_port'"),
    ("n_process = 100000", "'n_process' must be at most 128, not 100000"),
    ("batch_size = 10000000000000", "'batch_size' must be at most 100,000, not a number of over 12 digits"),
    ("max_nodes = 1" + "0" * 5000, "not valid TOML: Exceeds the limit (4300 digits) for integer string conversion"),
    ("max_nodes = 1.5", "'max_nodes' must be a whole number, not 1.5"),
    ("max_nodes = 5\n[neo4j", "graphbuild.toml:2: not valid TOML: Expected ']' at the end of a table declaration "
                              "(column 7)"),  # the line was only inside the message, after the file
    ('workspace = "ws\\u0000x"', "'workspace' holds a NUL character"),
    ("max_nodes = 5\n\n[nep4j]\nuri = 'x'", "graphbuild.toml:3: unknown setting 'nep4j'"),  # a table: no line
    ("max_nodes = 5\n[neo4j.extra]\na = 1", "graphbuild.toml:2: unknown setting 'neo4j_extra'"),
    ("max_nodes = 5\n[[neo4j]]\nuri = 'x'", "graphbuild.toml:2: 'neo4j' must be a table"),
    ('max_nodes = 5\n[neo4j]\nuri = ""', "graphbuild.toml:3: setting 'neo4j_uri' must be a bolt://, neo4j:// or "
                                        "neo4j+s:// URI, not empty"),  # was an [E300] naming no setting
    ('[neo4j]\nuser = ""', "graphbuild.toml:2: setting 'neo4j_user' must be a Neo4j user name, not empty"),
    # said "pass -w" (an [E402] naming no setting) although the empty value was the file's
    ('max_nodes = 5\nworkspace = ""', "graphbuild.toml:2: setting 'workspace' must be a folder path, not empty"),
])
def test_cli_bad_settings_file_is_one_line(built, tmp_path, capsys, toml, words):
    config = tmp_path / "graphbuild.toml"
    config.write_text(toml + "\n", encoding="utf-8")
    assert main(["stats", "-w", str(built), "--config", str(config)]) == 1
    assert words in _one_line_error(capsys, "E100")


def test_cli_settings_file_named_too_long_for_the_system_is_one_line(built, tmp_path, capsys):
    config = tmp_path / ("a" * 300 + ".toml")  # Path.exists raised OSError: a traceback
    assert main(["stats", "-w", str(built), "--config", str(config)]) == 1
    assert _one_line_error(capsys, "E100").endswith(f"{config}: cannot read the settings file: File name too long")


def test_cli_bad_setting_names_its_line(built, tmp_path, capsys):
    config = tmp_path / "graphbuild.toml"
    config.write_text('# mine\nmax_nodes = 800\n\n[neo4j]\nuser = "me"\n"port" = 7687\n', encoding="utf-8")
    assert main(["stats", "-w", str(built), "--config", str(config)]) == 1
    assert "graphbuild.toml:6: unknown setting 'neo4j_port'" in _one_line_error(capsys, "E100")
    config.write_text("max_nodes = 800\nn_process = 0\n", encoding="utf-8")
    assert main(["stats", "-w", str(built), "--config", str(config)]) == 1
    assert "graphbuild.toml:2: setting 'n_process' must be 1 or more, not 0" in _one_line_error(capsys, "E100")


def test_cli_configured_curation_file_that_is_not_there_is_refused_naming_what_configured_it(tmp_path, capsys,
                                                                                            monkeypatch):
    """A curation file the settings file, the environment or --curation names, and that is not there: the build
    went on without the user's corrections, without a word. It stops before any work, naming the setting."""
    ws, corpus = tmp_path / "ws", str(SOURCES / "corpus.jsonl")
    config = tmp_path / "graphbuild.toml"
    config.write_text('overview = false\ncuration = "fixes/mine.jsonl"\n', encoding="utf-8")
    assert main(["build", corpus, "-w", str(ws), "--config", str(config)]) == 1
    assert _one_line_error(capsys, "E100").endswith(
        f"{config}:2: setting 'curation' names {str(tmp_path / 'fixes' / 'mine.jsonl')!r}, which is not there; "
        "fix the path, or create the file (an empty one holds no corrections yet)")
    assert not ws.exists()
    assert main(["build", corpus, "-w", str(ws), "--curation", str(tmp_path / "typo.jsonl")]) == 1
    assert "--curation" in _one_line_error(capsys, "E710") and not ws.exists()
    monkeypatch.setenv("GRAPHBUILD_CURATION", str(tmp_path / "env.jsonl"))
    assert main(["load", str(tmp_path), "-w", str(ws)]) == 1
    assert "GRAPHBUILD_CURATION: setting 'curation' names" in _one_line_error(capsys, "E100")
    (tmp_path / "env.jsonl").write_text("", encoding="utf-8")  # there, and empty: no corrections yet
    assert main(["build", corpus, "-w", str(ws), "--no-overview"]) == 0
    with pytest.raises(InputError, match="curation file not found"):  # the Python API says it too
        Workspace(ws, Settings(curation=str(tmp_path / "gone.jsonl"))).build([corpus], progress=False)


@pytest.mark.parametrize("values, words", [
    ({"n_process": 100000}, "Settings(n_process=...) must be at most 128, not 100000"),
    ({"batch_size": 0}, "Settings(batch_size=...) must be 1 or more, not 0"),
    ({"max_nodes": "800"}, "Settings(max_nodes=...) must be a whole number, not '800'"),
    ({"overview": 1}, "Settings(overview=...) must be true or false, not 1"),
    ({"neo4j_uri": 7687}, "Settings(neo4j_uri=...) must be a string, not 7687"),
    ({"neo4j_uri": " "}, "Settings(neo4j_uri=...) must be a bolt://, neo4j:// or neo4j+s:// URI, not empty"),
])
def test_settings_built_in_python_are_checked_like_the_file(values, words):
    from graphbuild.errors import UsageError
    from graphbuild.settings import Settings

    with pytest.raises(UsageError, match=re.escape(f"[E710] {words}")):
        Settings(**values)
    with pytest.raises(UsageError, match=re.escape(f"[E710] {words}")):
        Settings().with_overrides(**values)
    assert Settings(workspace=Path("ws"), n_process=128, spacy_model=None).workspace == "ws"  # a path is text


def test_cli_unreadable_settings_file_is_one_line(built, tmp_path, capsys):
    config = tmp_path / "graphbuild.toml"
    config.write_bytes(b"max_nodes = 3\n\xff\n")
    assert main(["stats", "-w", str(built), "--config", str(config)]) == 1
    assert "graphbuild.toml:2: not valid TOML: not UTF-8 text: invalid byte 0xff at byte offset 14" in (
        _one_line_error(capsys, "E100"))
    assert main(["stats", "-w", str(built), "--config", str(tmp_path)]) == 1
    assert "cannot read the settings file: Is a directory" in _one_line_error(capsys, "E100")


def test_settings_typed_values_from_toml_and_environment(tmp_path):
    from graphbuild.settings import load_settings

    config = tmp_path / "graphbuild.toml"
    config.write_text('max_nodes = 800\noverview = false\n[neo4j]\nuri = "bolt://h:1"\ndatabase = ""\n',
                      encoding="utf-8")
    s = load_settings(config, env={"NEO4J_USER": "reader", "GRAPHBUILD_SPACY_MODEL": "en_core_web_sm"})
    assert (s.max_nodes, s.overview, s.neo4j_uri, s.neo4j_database, s.neo4j_user, s.spacy_model) == (
        800, False, "bolt://h:1", None, "reader", "en_core_web_sm")


def test_cli_input_file_named_in_latin1_builds_and_rebuilds(tmp_path, capsys):
    """A file whose name is not UTF-8 (``café.jsonl`` from an old Latin-1 archive) stopped a build with a
    UnicodeEncodeError traceback while the generation's records were written; it builds, a second build sees
    the same file (nothing changed), and an error in it names it on one line."""
    import os

    name = tmp_path / os.fsdecode(b"caf\xe9.jsonl")
    name.write_text(json.dumps({"id": "x1", "title": "Zorbix Nets", "abstract": "We propose Zorbix."}) + "\n")
    ws = tmp_path / "ws"
    assert main(["build", str(name), "-w", str(ws), "--no-overview"]) == 0
    assert main(["build", str(name), "-w", str(ws), "--no-overview"]) == 0
    assert "nothing changed" in capsys.readouterr().out
    name.write_text('{"id": "x1", "title": }\n')
    assert main(["build", str(name), "-w", str(ws), "--no-overview"]) == 1
    assert "caf\\udce9.jsonl:1: invalid JSON" in _one_line_error(capsys, "E100")


def test_settings_file_named_by_the_environment_must_exist(tmp_path, monkeypatch, capsys):
    """GRAPHBUILD_CONFIG naming no file (a typo, a moved project) was ignored without a word: every setting
    silently its default. It is one coded line now, as --config naming no file is; an empty one names none."""
    from graphbuild.settings import load_settings

    missing = tmp_path / "proj" / "graphbuild.toml"
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GRAPHBUILD_CONFIG", str(missing))
    assert main(["stats", "-w", str(tmp_path / "ws")]) == 1
    line = _one_line_error(capsys, "E100")
    assert line.endswith(f"{missing}: settings file not found (GRAPHBUILD_CONFIG names it); fix or unset the variable")
    assert load_settings(env={"GRAPHBUILD_CONFIG": ""}).workspace == "graphbuild-workspace"


def test_settings_file_paths_are_read_from_the_file_s_folder(tmp_path, monkeypatch):
    """`--config proj/graphbuild.toml` (or GRAPHBUILD_CONFIG) run from another folder read the file's relative
    paths from the current folder: `spacy_model = "../my-model"` was "pipeline not found" and `workspace =
    "ws"` made a new workspace where the command ran. They are read from the file's folder; an absolute
    path and an installed pipeline's package name stay as written."""
    from graphbuild.settings import load_settings

    project = tmp_path / "proj"
    (tmp_path / "my-model").mkdir()
    (project / "local-model").mkdir(parents=True)
    config = project / "graphbuild.toml"
    config.write_text('workspace = "ws"\nspacy_model = "../my-model"\ngazetteer = "gaz/mine.jsonl"\n'
                      f'curation = "{tmp_path / "cur.jsonl"}"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    s = load_settings(Path("proj") / "graphbuild.toml", env={})
    assert (s.workspace, s.spacy_model, s.gazetteer, s.curation) == (
        str(Path("proj/ws")), str(Path("proj/../my-model")), str(Path("proj/gaz/mine.jsonl")),
        str(tmp_path / "cur.jsonl"))
    for model, read in (("en_core_web_sm", "en_core_web_sm"), ("local-model", str(Path("proj/local-model")))):
        config.write_text(f'spacy_model = "{model}"\n', encoding="utf-8")
        assert load_settings(config.relative_to(tmp_path), env={}).spacy_model == read
    monkeypatch.chdir(project)  # the file in the current folder: as written
    config.write_text('workspace = "ws"\n', encoding="utf-8")
    assert load_settings(env={}).workspace == "ws"
    assert load_settings(env={"GRAPHBUILD_WORKSPACE": "elsewhere"}).workspace == "elsewhere"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux) to fill the disk on write")
def test_cli_output_to_a_full_disk_is_one_coded_line():
    import subprocess
    import sys

    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "graphbuild", "extract", str(SOURCES / "corpus.jsonl")],
                                stdout=full, stderr=subprocess.PIPE, text=True, timeout=300)
    assert result.returncode == 1
    *progress, error = result.stderr.strip().splitlines()  # the stages' progress lines, then one error line
    assert error == ("graphbuild: error: [E700] cannot write the standard output: no space left on the device; "
                     "free space on the device, or choose another place")
    assert all(re.fullmatch(r"(reading|merging: \w+|extracting): [\d/]+ \w+", line) for line in progress), progress


def test_cli_import_and_parser_load_neither_spacy_nor_the_stores():
    # so that `graphbuild --help` is quick and a Ctrl-C during the first imports reaches main()
    import subprocess
    import sys

    code = """if True:
        import sys
        import graphbuild
        print(sorted(m for m in sys.modules if m.startswith("graphbuild")))
        import graphbuild.cli
        graphbuild.cli.make_parser()
        print(sorted(m for m in sys.modules if m.split(".")[0] in ("spacy", "thinc", "numpy", "networkx", "ladybug",
            "neo4j") or m.startswith(("graphbuild.nlp", "graphbuild.stores", "graphbuild.workspace"))))
    """
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["['graphbuild']", "[]"]


def test_cli_train_help_default_C_is_the_trainers():
    from graphbuild.cli.train import DEFAULT_C
    from graphbuild.nlp.train import DEFAULT_C as TRAINER_DEFAULT_C

    assert DEFAULT_C == TRAINER_DEFAULT_C


#: where test_cli_ctrl_c_at_any_moment_is_one_line interrupts a first build: after an import it names
#: (-X importtime reports each import as it ends on stderr), or at a pause point of the build; and what it says
LEFT = "nothing half-written was left"
CTRL_C_AT = {
    "parser being built": ("import", "graphbuild.settings", LEFT),
    "spaCy half imported": ("import", "thinc", LEFT),
    "extraction done": ("pause", "extract", LEFT),
    "graph written": ("pause", "write", LEFT),
    "embedded store half written": ("pause", "sync", "the workspace is still empty: CURRENT was not switched"),
}


@pytest.mark.slow
@pytest.mark.parametrize("moment", CTRL_C_AT)
def test_cli_ctrl_c_at_any_moment_is_one_line(tmp_path, moment):
    import os
    import signal
    import subprocess
    import sys

    kind, where, message = CTRL_C_AT[moment]
    ws = tmp_path / "ws"
    env = {**os.environ, "GRAPHBUILD_TEST_PAUSE_AT": where if kind == "pause" else ""}
    with subprocess.Popen([sys.executable, "-X", "importtime", "-m", "graphbuild", "build",
                           str(SOURCES / "corpus.jsonl"), "-w", str(ws), "--no-overview"],
                          env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True) as proc:
        seen = []
        for line in proc.stderr:  # type: ignore[union-attr]
            seen.append(line)
            if line.split("|")[-1].strip() == where if kind == "import" else f"test pause at {where}" in line:
                proc.send_signal(signal.SIGINT)
                break
        else:
            pytest.fail(f"the build ended before {moment}: {''.join(seen)[-2000:]}")
        try:
            _, rest = proc.communicate(timeout=120)
        except subprocess.TimeoutExpired:
            proc.kill()
            pytest.fail(f"the build did not stop within 120 s of SIGINT: {proc.communicate()[1]}")
    said = [line for line in rest.splitlines() if not line.startswith("import time:")]
    assert proc.returncode == 130, rest[-2000:]
    assert "Traceback" not in rest and "KeyboardInterrupt" not in rest, rest[-2000:]
    assert said[-1:] == [f"graphbuild: interrupted; {message}"], said
    assert not ws.exists()  # a workspace this build created goes with it: nothing half-written stays


@pytest.mark.slow
def test_cli_sigterm_is_one_line_and_leaves_nothing_half_written(tmp_path):
    # `kill PID` (a scheduler, a container stopping) ended a build with no word, status 143 from the OS, and left the
    # half-built generation's folder behind
    import os
    import signal
    import subprocess
    import sys

    ws = tmp_path / "ws"
    env = {**os.environ, "GRAPHBUILD_TEST_PAUSE_AT": "extract"}
    with subprocess.Popen([sys.executable, "-m", "graphbuild", "build", str(SOURCES / "corpus.jsonl"), "-w", str(ws),
                           "--no-overview"], env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL,
                          text=True) as proc:
        for line in proc.stderr:  # type: ignore[union-attr]
            if "test pause at extract" in line:
                proc.send_signal(signal.SIGTERM)
                break
        else:
            pytest.fail("the build ended before its pause")
        try:
            _, rest = proc.communicate(timeout=120)
        except subprocess.TimeoutExpired:
            proc.kill()
            pytest.fail(f"the build did not stop within 120 s of SIGTERM: {proc.communicate()[1]}")
    assert proc.returncode == 143, rest[-2000:]
    assert "Traceback" not in rest and "KeyboardInterrupt" not in rest, rest[-2000:]
    assert rest.splitlines()[-1:] == [f"graphbuild: terminated; {LEFT}"], rest[-2000:]
    assert not ws.exists()


def test_cli_second_ctrl_c_stops_at_once():
    # the first Ctrl-C lets the command clean up; a second one means "now" (the OS lock and the atomic
    # generation switch leave nothing half-written behind a hard stop)
    import subprocess
    import sys

    code = """if True:
        import os, signal, time
        from graphbuild.cli import _interrupt_once
        _interrupt_once(program=True)
        try:
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(5)
        except KeyboardInterrupt:
            print("cleaning up", flush=True)
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(5)
            print("not stopped")
    """
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stdout, result.stderr) == (
        130, "cleaning up\n", "graphbuild: interrupted again; stopped at once\n")


#: a query some 4 million rows long: well past a 1 ms limit, a fraction of a second without one
_LONG_QUERY = "UNWIND range(1, 2000) AS a UNWIND range(1, 2000) AS b RETURN sum(a + b) AS s"


def test_cli_query_past_its_timeout_is_one_coded_line(built, capsys):
    assert main(["query", "-w", str(built), _LONG_QUERY, "--timeout", "0.001"]) == 1
    err = capsys.readouterr().err.strip()
    assert err == ("graphbuild: error: [E201] the query ran past its 0.001 s limit; narrow it (LIMIT, a WHERE) "
                   "or pass --timeout 0")


def test_cli_query_timeout_zero_and_the_setting(built, capsys, monkeypatch):
    assert main(["query", "-w", str(built), _LONG_QUERY, "--timeout", "0", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == [{"s": 2000 * 2000 * 2001}]
    monkeypatch.setenv("GRAPHBUILD_QUERY_TIMEOUT", "0")  # no limit from the setting either
    assert main(["query", "-w", str(built), _LONG_QUERY, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == [{"s": 2000 * 2000 * 2001}]
    assert main(["query", "-w", str(built), "RETURN 1 AS n", "--timeout", "-1"]) == 1
    assert "[E710] --timeout must be a number of seconds, 0 or more" in capsys.readouterr().err


def test_cli_query_timeout_too_large_for_the_engine_is_one_coded_line(built, capsys):
    """``--timeout 1e300`` ended in a bare ``ValueError: timeout_in_ms must be between 0 and 2**64 - 1`` traceback
    (the embedded engine; Neo4j's driver: ``OverflowError``); above the ``query_timeout`` setting's own maximum it is
    refused like a negative one now.
    """
    assert main(["query", "-w", str(built), "RETURN 1 AS n", "--timeout", "1e300"]) == 1
    assert capsys.readouterr().err.strip() == ("graphbuild: error: [E710] --timeout must be a number of seconds, 0 or "
                                               "more (0: no limit) and at most 10,000,000, not 1e+300")
    assert main(["query", "-w", str(built), "RETURN 1 AS n", "--timeout", "10000000", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == [{"n": 1}]


class _SlowOutput(io.StringIO):
    """A standard output that takes 1 ms a write: a slow terminal or pipe."""

    def write(self, text: str) -> int:
        time.sleep(0.001)
        return super().write(text)


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_cli_query_time_limit_covers_printing_the_rows(built, capsys, monkeypatch, fmt):
    """The limit covered the engine alone: 3,000 rows printed at 1 ms each ran on for seconds past a 0.5 s limit."""
    out = _SlowOutput()
    monkeypatch.setattr("sys.stdout", out)
    assert main(["query", "-w", str(built), "UNWIND range(1, 3000) AS i RETURN i", "--timeout", "0.5",
                 "--format", fmt]) == 1
    assert "[E201] the query ran past its 0.5 s limit" in capsys.readouterr().err
    assert out.getvalue() and "3000" not in out.getvalue()  # the first rows were out, the last never came


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_cli_rows_print_as_they_come(capsys, fmt):
    """Every format printed only once the whole result was in a list; now a row is out as soon as it comes (a table
    after its first 1000, which set the column widths), and what follows them is as before.
    """
    from graphbuild.cli._common import TABLE_BATCH, _print_rows

    def rows():
        for i in range(1, TABLE_BATCH + 501):
            yield {"i": i, "name": "x" * (i % 7)}
        raise RuntimeError("the store failed at this row")

    with pytest.raises(RuntimeError):
        _print_rows(rows(), fmt)
    out = capsys.readouterr().out
    assert f"{TABLE_BATCH + 500}" in out and "x" * 6 in out
    everything = [{"i": i, "name": "x" * (i % 7)} for i in range(1, TABLE_BATCH + 501)]
    _print_rows(iter(everything), fmt)
    streamed = capsys.readouterr().out
    if fmt == "json":
        assert streamed == json.dumps(everything, indent=2) + "\n" and json.loads(streamed) == everything
    elif fmt == "csv":
        assert list(csv.reader(io.StringIO(streamed)))[-1] == [f"{TABLE_BATCH + 500}", "x" * ((TABLE_BATCH + 500) % 7)]
    else:
        assert streamed.splitlines()[0] == "i     name  " and streamed.endswith(f"({TABLE_BATCH + 500} rows)\n")
    _print_rows(iter([]), fmt)
    assert capsys.readouterr().out == {"json": "[]\n", "csv": "", "table": "(no rows)\n"}[fmt]


def test_cli_viz_query_past_its_timeout_is_one_coded_line(built, tmp_path, capsys):
    assert main(["viz", "-w", str(built), "--query", _LONG_QUERY, "--timeout", "0.001",
                 "-o", str(tmp_path / "g.html")]) == 1
    assert "[E201] the query ran past its 0.001 s limit" in capsys.readouterr().err
    assert not (tmp_path / "g.html").exists()


@pytest.mark.parametrize("uri, words", [("bolt://127.0.0.1:99999", "Port out of range 0-65535"),
                                        ("neo4j://localhost:seven", "Port could not be cast to integer value"),
                                        ("bolt://", "no host"), ("neo4j+s://:7687", "no host")])
def test_cli_a_neo4j_uri_whose_port_is_no_port_is_invalid_not_unreachable(uri, words):
    # port 99999 was "cannot reach Neo4j at ...: is it running there?", advice that does not fit a typing slip;
    # so was a URI without a host (``--uri bolt://$HOST`` with HOST unset)
    from graphbuild.errors import StoreError
    from graphbuild.stores.neo4j import Neo4jStore

    with pytest.raises(StoreError) as info:
        Neo4jStore(uri, password="x").query("RETURN 1")
    assert str(info.value).startswith(f"[E300] invalid Neo4j URI {uri!r} (") and words in str(info.value)
    assert str(info.value).endswith("): use bolt://HOST:PORT or neo4j://HOST:PORT")


def test_cli_query_neo4j_graph_warnings_are_coded_in_the_shape_of_the_others(tmp_path):
    # "warning: Neo4j at ... holds no graph pushed from ..." had no code, where every other warning has one
    from graphbuild.cli.query import _other_graph
    from graphbuild.workspace import Workspace

    ws = Workspace(tmp_path / "ws")
    assert main(["build", str(SOURCES / "corpus.jsonl"), "-w", str(ws.path), "--no-overview"]) == 0

    class Store:
        shown_uri = "bolt://localhost:7687"

        def __init__(self, pushed):
            self.pushed = pushed

        def pushed_graph(self):
            return self.pushed

    warnings = [_other_graph(Store(pushed), ws) for pushed in (
        (None, None), ("/elsewhere/ws", "x"), (str(ws.path.resolve()), "not the graph's digest"))]
    assert all(w.startswith("warning: [E300] ") and "\n" not in w for w in warnings), warnings
    assert "holds no graph pushed from" in warnings[0] and "not " + str(ws.path) in warnings[1]
    assert "has been built or curated since it was pushed" in warnings[2]
