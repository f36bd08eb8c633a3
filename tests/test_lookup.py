"""The one resolver from typed text to a node (graphbuild.lookup), on the hand-checked graph."""

from __future__ import annotations

import pytest
from graph_fixture import E, small_graph
from test_cli import SOURCES

from graphbuild.cli import main
from graphbuild.errors import GraphbuildError, RelatedLookupError
from graphbuild.lookup import Resolver


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver.from_graph(small_graph())


@pytest.mark.parametrize("text, node, how", [
    ("P2", "P2", "id"),
    (" P2 ", "P2", "id"),
    ("lora", E["LoRA"], "name"),  # an entity name wins over the paper titled "LoRA paper"
    ("Low-Rank Adaptation", E["LoRA"], "alias"),
    ("llama", E["Llama"], "name"),
    ("edward hu", "author:edward hu", "name"),
    ("qlora PAPER", "P2", "title"),
    ("Llama 2 rep", "P4", "fragment"),
    ("QLoRA papr", "P2", "fuzzy"),
    ("Lorra", E["LoRA"], "fuzzy"),
])
def test_lookup_order_and_how(resolver, text, node, how):
    match = resolver.resolve(text)
    assert (match.node, match.how) == (node, how)
    assert match.fuzzy == (how == "fuzzy")
    assert match.score == 100.0 or how == "fuzzy"


def test_lookup_kinds_restrict_the_search(resolver):
    assert resolver.resolve("ViT", kinds=("paper",)).node == "P5"  # the only title holding "vit"
    assert resolver.resolve("ViT").node == E["ViT"]  # the entity, when entities are allowed
    with pytest.raises(RelatedLookupError, match="no author matches 'LoRA'"):
        resolver.resolve("LoRA", kinds=("author",))


def test_lookup_miss_says_did_you_mean(resolver):
    with pytest.raises(RelatedLookupError) as info:
        resolver.resolve("QLoRa-X")  # too far for a match (ratio 83 < 85), close enough to suggest
    assert "did you mean QLoRA" in str(info.value)
    assert isinstance(info.value, GraphbuildError) and str(info.value).startswith("[E600]")
    with pytest.raises(RelatedLookupError, match="nothing is close"):
        resolver.resolve("zebra quantum")
    with pytest.raises(RelatedLookupError, match=r"matches 3 paper titles: 'LoRA paper' \(P1\)"):
        resolver.resolve("paper")


def test_lookup_same_name_goes_to_the_entity_in_most_papers():
    r = Resolver(entities=[("entity:a", "BERT", (), 2), ("entity:b", "bert", (), 9)])
    assert r.resolve("Bert").node == "entity:b"


def test_lookup_cli_related_by_fuzzy_title_says_what_it_matched(tmp_path, capsys):
    ws = tmp_path / "ws"
    assert main(["build", str(SOURCES / "corpus.jsonl"), "-w", str(ws), "--no-overview"]) == 0
    capsys.readouterr()
    assert main(["related", "-w", str(ws), "LoRA: Low-Rank Adaptaton of Large Language Model"]) == 0
    captured = capsys.readouterr()
    assert "matched paper 'LoRA: Low-Rank Adaptation of Large Language Models' (arxiv:2106.09685) by fuzzy" \
        in captured.err
    assert "Adapters Everywhere" in captured.out
    assert main(["citations", "-w", str(ws), "--ancestry", "Adapters Everywhere", "--json"]) == 0
    captured = capsys.readouterr()
    assert "arxiv:2106.09685" in captured.out  # the study builds on LoRA
    assert "by fragment" in captured.err
    assert main(["citations", "-w", str(ws), "--ancestry", "Quantum zebras"]) == 1
    assert "[E600]" in capsys.readouterr().err
    assert main(["related", "-w", str(ws), "--entity", "LoRA", "-k", "0"]) == 1
    assert "-k must be 1 or more" in capsys.readouterr().err


def test_lookup_fragment_prefers_the_title_naming_it_then_whole_words():
    papers = [("Q", "QLoRA: Efficient Finetuning of Quantized LLMs"),
              ("L", "LoRA: Low-Rank Adaptation of Large Language Models"),
              ("S", "A survey of LoRA variants"), ("D", "DoRA and LoRA+ compared")]
    assert Resolver(papers=papers).resolve("LoRA", kinds=("paper",)).node == "L"  # its name before the colon
    assert Resolver(papers=papers).resolve("lora+", kinds=("paper",)).node == "D"
    # no title names it: the titles holding it as a word, not inside one ("QLoRA")
    rest = [("Q", "QLoRA for all"), ("S", "A survey of LoRA variants"), ("E", "Efficient LoRA tuning")]
    with pytest.raises(RelatedLookupError, match=r"matches 2 paper titles: 'Efficient LoRA tuning' \(E\); "
                                                 r"'A survey of LoRA variants' \(S\)"):
        Resolver(papers=rest).resolve("lora", kinds=("paper",))
    # inside a word when no title holds it as words
    assert Resolver(papers=[("Q", "QLoRA for all"), ("X", "Other")]).resolve("lora", kinds=("paper",)).node == "Q"


def test_lookup_a_paper_keyed_by_its_doi_is_found_by_its_arxiv_id_too():
    """A preprint built by its arXiv id, then merged with its published version, is keyed `doi:...`:
    `viz --focus 2107.01234` and `citations --ancestry arXiv:2107.01234` found no paper. A paper's DOI and
    arXiv id name it too."""
    import networkx as nx

    G = nx.MultiDiGraph()
    G.add_node("doi:10.5555/cai.17", label="Paper", title="TideFormer: Tidal Attention",
               doi="10.5555/cai.17", arxiv_id="2107.01234")
    G.add_node("arxiv:2201.00002", label="Paper", title="Waves", arxiv_id="2201.00002")
    resolver = Resolver.from_graph(G)
    for text in ("2107.01234", "arXiv:2107.01234v2", "arxiv:2107.01234", "https://arxiv.org/abs/2107.01234"):
        match = resolver.resolve(text, kinds=("paper",))
        assert (match.node, match.how) == ("doi:10.5555/cai.17", "id"), text
    assert resolver.resolve("10.5555/CAI.17").node == "doi:10.5555/cai.17"
    assert resolver.resolve("2201.00002").node == "arxiv:2201.00002"


def test_lookup_cli_related_by_the_arxiv_id_of_a_paper_keyed_by_its_doi(tmp_path, capsys):
    """`graphbuild related -w ws 2107.01234` said no paper matches once the preprint had merged with its
    published version (keyed by the DOI); related's own index knows a paper's DOI and arXiv id now."""
    papers = tmp_path / "papers.jsonl"
    papers.write_text(
        '{"title": "TideFormer: Tidal Attention", "arxiv_id": "2107.01234", "doi": "10.5555/cai.17", '
        '"abstract": "We propose TideFormer on CoastFlood-3.", "year": 2022}\n'
        '{"title": "Waves Again", "abstract": "We use TideFormer on CoastFlood-3.", "year": 2023}\n')
    ws = tmp_path / "ws"
    assert main(["build", str(papers), "-w", str(ws), "--no-overview"]) == 0
    capsys.readouterr()
    for query in ("2107.01234", "arXiv:2107.01234"):
        assert main(["related", "-w", str(ws), query, "--json"]) == 0
        assert "Waves Again" in capsys.readouterr().out


def test_lookup_a_title_several_papers_hold_names_the_others():
    """A title two papers hold went to one of them silently; the match now names the others' ids."""
    r = Resolver(papers=[("b", "Parsing Text with Graphs"), ("c", "Parsing text with graphs"), ("a", "Other")])
    match = r.resolve("parsing text with graphs", kinds=("paper",))
    assert (match.node, match.how, match.others, match.approximate) == ("b", "title", ("c",), True)
    assert match.describe().endswith("; 1 other paper has this title: c (give an id)")
    assert r.resolve("Other", kinds=("paper",)).others == ()
    assert not r.resolve("b").approximate


def test_lookup_cli_a_title_several_papers_hold_says_so(tmp_path, capsys):
    src = tmp_path / "twins.jsonl"
    src.write_text('{"id": "a", "title": "Parsing speech with graphs", "year": 2020, "references": ["b"]}\n'
                   '{"id": "b", "title": "Parsing text with graphs", "year": 2021, "references": ["c"]}\n'
                   '{"id": "c", "title": "Parsing text with graphs", "year": 2019, "references": ["a"]}\n',
                   encoding="utf-8")
    ws = tmp_path / "ws"
    assert main(["build", str(src), "-w", str(ws), "--no-overview"]) == 0
    for command in (["related", "-w", str(ws), "Parsing text with graphs"],
                    ["citations", "-w", str(ws), "--ancestry", "Parsing text with graphs"]):
        capsys.readouterr()
        assert main(command) == 0
        assert "(b) by title; 1 other paper has this title: c (give an id)" in capsys.readouterr().err
