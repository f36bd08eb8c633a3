"""Fuzzing every reader with hypothesis: bad input is an InputError (one coded line), never a traceback.

Two levels: the reader API (:func:`graphbuild.ingest.read_papers`) on many
generated files, and ``graphbuild build`` run in-process on fewer, checking
the exit status (0 or 1), that an error is one ``[E...]`` line, and that a
failed build leaves the workspace byte for byte as it was.

Bounded to a few seconds by default; set ``GRAPHBUILD_FUZZ_EXAMPLES`` (e.g.
2000) for a longer run.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from graphbuild.cli import main  # noqa: E402
from graphbuild.errors import InputError  # noqa: E402
from graphbuild.ingest import read_papers  # noqa: E402

EXAMPLES = int(os.environ.get("GRAPHBUILD_FUZZ_EXAMPLES", "60"))
SOURCES = Path(__file__).parent / "fixtures" / "sources"

FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
FUZZ_CLI = settings(FUZZ, max_examples=max(3, EXAMPLES // 12))

EXTENSIONS = [".json", ".jsonl", ".csv", ".tsv", ".bib", ".txt", ".xml", ".atom", ".s2.jsonl",
              ".openalex.json", ".dat"]

# -- generated inputs ---------------------------------------------------------------------------

_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
_hostile_text = st.one_of(_text, st.sampled_from(["\x1b[31m", "\x07", "\u202e", "", " ", "{", "}", "\\", '"',
                                                  "\ud83d", "&boom;", "<!DOCTYPE x>", "\x00"]))
_json_leaf = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), _hostile_text)
_json = st.recursive(_json_leaf, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(_text, inner, max_size=4)), max_leaves=20)
_field = st.sampled_from(["id", "title", "abstract", "authors", "year", "date", "doi", "arxiv_id", "venue",
                          "references", "n_authors", "url", "s2", "paperId", "externalIds", "display_name",
                          "abstract_inverted_index", "referenced_works", "publication_year", "data"])
_paperish = st.dictionaries(_field, _json, max_size=8)


def _dump(value: object) -> str:
    try:
        return json.dumps(value, ensure_ascii=False)
    except (ValueError, UnicodeEncodeError):
        return json.dumps(value)


@st.composite
def json_files(draw) -> tuple[str, bytes]:
    records = draw(st.lists(st.one_of(_paperish, _json), max_size=4))
    if draw(st.booleans()):
        return draw(st.sampled_from([".jsonl", ".s2.jsonl", ".ndjson"])), "\n".join(map(_dump, records)).encode(
            "utf-8", "surrogatepass")
    wrapped = draw(st.sampled_from(["list", "papers", "data", "results", "raw"]))
    body = records if wrapped == "list" else records[0] if wrapped == "raw" and records else {wrapped: records}
    return draw(st.sampled_from([".json", ".openalex.json", ".s2.json"])), _dump(body).encode("utf-8",
                                                                                              "surrogatepass")


@st.composite
def bibtex_files(draw) -> tuple[str, bytes]:
    entries = []
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(st.sampled_from(["article", "inproceedings", "misc", "string", "preamble", "bogus"]))
        fields = draw(st.lists(st.tuples(st.sampled_from(["title", "author", "year", "doi", "eprint",
                                                          "archivePrefix", "journal", "abstract", "x"]),
                                         _hostile_text), max_size=5))
        opener, closer = draw(st.sampled_from([("{", "}"), ("(", ")"), ("{", ""), ("", "}")]))
        body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields)
        entries.append(f"@{kind}{opener}{draw(_text)},\n{body}\n{closer}")
    return ".bib", "\n\n".join(entries).encode("utf-8", "surrogatepass")


@st.composite
def csv_files(draw) -> tuple[str, bytes]:
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    header = draw(st.lists(st.one_of(_field, _text), min_size=0, max_size=5))
    if draw(st.booleans()):
        header.append("title")
    rows = draw(st.lists(st.lists(_hostile_text, max_size=6), max_size=4))
    lines = [delimiter.join(header)] + [delimiter.join(row) for row in rows]
    return draw(st.sampled_from([".csv", ".tsv"])), "\n".join(lines).encode("utf-8", "surrogatepass")


@st.composite
def atom_files(draw) -> tuple[str, bytes]:
    entries = []
    for _ in range(draw(st.integers(0, 3))):
        aid = draw(st.sampled_from(["2101.00001v1", "bogus", "", "hep-th/9901001"]))
        entries.append(f"<entry><id>http://arxiv.org/abs/{aid}</id><title>{draw(_hostile_text)}</title>"
                       f"<summary>{draw(_hostile_text)}</summary><published>{draw(_text)}</published></entry>")
    prolog = draw(st.sampled_from(["", '<?xml version="1.0"?>', '<!DOCTYPE feed [<!ENTITY boom "x">]>']))
    text = (f'{prolog}<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">'
            + "".join(entries) + draw(st.sampled_from(["</feed>", "", "</fed>"])))
    encoding = draw(st.sampled_from(["utf-8", "utf-16"]))
    return draw(st.sampled_from([".xml", ".atom"])), text.encode(encoding, "surrogatepass")


raw_files = st.tuples(st.sampled_from(EXTENSIONS), st.binary(max_size=300))
any_file = st.one_of(raw_files, json_files(), bibtex_files(), csv_files(), atom_files())


# -- the reader API -----------------------------------------------------------------------------

def _read(suffix: str, data: bytes, *, skip_bad: bool) -> None:
    folder = Path(tempfile.mkdtemp(prefix="gb-fuzz-"))
    try:
        path = folder / f"input{suffix}"
        path.write_bytes(data)
        try:
            result = read_papers([path], skip_bad=skip_bad)
        except InputError as exc:
            assert str(exc).startswith("[E100] ") and "\n" not in str(exc).strip()
            return
        for paper in result.papers:  # whatever was accepted can be stored and processed
            json.dumps(paper.to_dict(), ensure_ascii=False).encode("utf-8")
            assert paper.id and len(paper.text) <= 1_000_000
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@FUZZ
@given(any_file, st.booleans())
def test_fuzz_readers_raise_only_input_errors(file, skip_bad):
    _read(*file, skip_bad=skip_bad)


@FUZZ
@given(json_files())
def test_fuzz_json_structures(file):
    _read(*file, skip_bad=True)


# -- the command line ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def base_workspace(tmp_path_factory) -> Path:
    ws = tmp_path_factory.mktemp("fuzz") / "ws"
    assert main(["build", str(SOURCES / "corpus.jsonl"), "-w", str(ws), "--no-overview"]) == 0
    return ws


def _snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@FUZZ_CLI
@given(file=any_file, skip_bad=st.booleans())
def test_fuzz_build_exits_0_or_1_and_keeps_the_workspace_on_error(base_workspace, file, skip_bad):
    suffix, data = file
    folder = Path(tempfile.mkdtemp(prefix="gb-fuzz-cli-"))
    try:
        ws = folder / "ws"
        shutil.copytree(base_workspace, ws)
        before = _snapshot(ws)
        path = folder / f"input{suffix}"
        path.write_bytes(data)
        err_buffer = io.StringIO()
        with contextlib.redirect_stderr(err_buffer), contextlib.redirect_stdout(io.StringIO()):
            status = main(["build", str(path), "-w", str(ws), "--no-overview",
                           *(["--skip-bad"] if skip_bad else [])])
        err = err_buffer.getvalue()
        assert status in (0, 1)
        assert "Traceback" not in err
        if status == 1:
            [line] = [s for s in err.splitlines() if s.startswith("graphbuild: error:")]
            assert line.startswith("graphbuild: error: [E")
            assert _snapshot(ws) == before
    finally:
        shutil.rmtree(folder, ignore_errors=True)
