"""Names the authors give late: past an object of plain words, among plain words, after "and", or apposed to a new
thing of a kind with no verb of theirs (``patterns.lower_cue_candidates``, ``patterns.cue_candidates``,
``proposals.proposal_candidates``)."""

from __future__ import annotations

from graphbuild.nlp.patterns import cue_candidates, lower_cue_candidates
from graphbuild.nlp.proposals import proposal_candidates


def _one(text: str) -> list[tuple[int, int]]:
    return [(0, len(text))]


def _proposed_cues(text: str) -> set[str]:
    return {c.text for c in lower_cue_candidates(text, _one(text)) if c.source == "cue" and c.proposed}


def test_a_naming_verb_passes_an_object_of_plain_words() -> None:
    assert _proposed_cues("We name the deployed student Zorbel and describe it.") == {"Zorbel"}
    assert _proposed_cues("We call the combined two-scale descriptor QuillPair and test it.") == {"QuillPair"}
    # not past a stop word, nor a long object
    assert _proposed_cues("We call the model that wins Zorbel.") == set()
    assert _proposed_cues("We call the very deep and wide nets Zorbel.") == set()


def test_an_object_modified_by_a_name_or_a_count_is_passed() -> None:
    # a name or a count before the object's lower-case head belongs to the object, not to the name given
    assert _proposed_cues("We name the PPO-trained manager ZorbPPO; the tracker is rule-based.") == {"ZorbPPO"}
    assert _proposed_cues("We call the NAF configuration QuillNAF; transfer was not tried.") == {"QuillNAF"}
    assert _proposed_cues("We analyse the gates and call the 30-layer model Zorb-30.") == {"Zorb-30"}
    # a lower-case word after the modified object ends no name: nothing coined follows
    assert _proposed_cues("We call the NAF configuration stable when it converges.") == set()


def test_a_capital_among_plain_words_makes_the_name_a_cue() -> None:
    assert _proposed_cues("We call it drift-gated SGD. It helps.") == {"drift-gated SGD"}
    assert _proposed_cues("The embeddings, which we call Pollen vectors, beat DTW.") == {"Pollen vectors"}
    # plain words alone stay a lower-case name, not a cue
    assert _proposed_cues("We call this peer fingerprinting.") == set()


def test_a_naming_verb_joined_by_and_to_the_authors_verb() -> None:
    text = "We propose a contrastive objective and call the trained retriever mZorb."
    assert _proposed_cues(text) == {"mZorb"}
    # no "we" opening the sentence, or no object after the verb: a noun
    assert _proposed_cues("Zorbex records calls and call graphs from Java projects.") == set()
    assert not {c.text for c in lower_cue_candidates("Zorbex logs calls and call graphs.", _one("x"))}


def test_here_ends_a_given_name() -> None:
    text = "We propose a scalar-target variant, called Zorb-lite here, that keeps the loss."
    names = {c.text for c in lower_cue_candidates(text, _one(text))}
    assert "Zorb-lite" in names and "Zorb-lite here" not in names
    assert "Zorb-lite here" not in {c.text for c in proposal_candidates(text, 0, _one(text))}


def _apposed(text: str) -> set[str]:
    return {c.text for c in cue_candidates(text, _one(text)) if c.proposed}


def test_a_new_thing_of_a_kind_with_its_name_apposed_is_proposed() -> None:
    assert "ZorbEval" in _apposed("It is evaluated on a new benchmark, ZorbEval, with 1,900 stories.")
    assert "HarrowSound-3K" in _apposed("Fine-tuned on a new set of 3,100 stable clips, HarrowSound-3K, it works.")
    # a kind that is not new, or no comma closing the name
    assert "SQuAD" not in _apposed("It is tested on a standard benchmark, SQuAD, with 100K questions.")
    assert "ZorbEval" not in _apposed("It is evaluated on a new benchmark, ZorbEval and Quill.")


def _proposals(text: str) -> set[str]:
    return {c.text for c in proposal_candidates(text, 0, _one(text))}


def test_a_plain_name_apposed_to_the_kind_proposed() -> None:
    assert "ink thinning" in _proposals("We propose a purification front end, ink thinning, that removes patches.")
    assert "frozen-prior statistics" in _proposals(
        "We propose a simple fix, frozen-prior statistics (FPS), which initialises them.")
    # a list or a phrase with a function word is no name
    assert not {n for n in _proposals("We propose a benchmark for debate, videos and audio, which tests it.")
                if "audio" in n}
    assert "in practice" not in _proposals("We propose a new loss, in practice, which helps.")


def test_a_naming_word_opens_no_apposed_name() -> None:
    # ("termed" is the cue's: the name the cue gives is the proposer's of cues)
    text = "We propose a hybrid, termed orientation pooling, that pools."
    assert "termed orientation pooling" not in _proposals(text)
