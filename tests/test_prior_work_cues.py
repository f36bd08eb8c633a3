"""A name the abstract first gives after words that set it as others' work ("the recently proposed X", "the
popular X", "a pre-trained X"): not the paper's own where nothing else claims it (``decide._set_as_others`` in
``decide._without_prior_work``). Every name is invented."""

from __future__ import annotations

from graphbuild.nlp import decide
from graphbuild.nlp.candidates import Candidate
from graphbuild.nlp.doc_context import DocContext
from graphbuild.nlp.pipeline import extract_text

TITLE = "Interest Groups for Graph Recommendation"


def _others(abstract: str, name: str) -> bool:
    """Whether ``decide._set_as_others`` reads ``name``'s first mention in ``abstract`` as others' work."""
    text = f"{TITLE}\n\n{abstract}"
    title_end = len(TITLE)
    s = title_end + 2
    at = text.index(name, s)
    cand = Candidate(at, at + len(name), name, "shape", sentence=0)
    return decide._set_as_others(DocContext(text, [(s, len(text))], title_end), [cand], [0])


def test_words_that_set_a_name_as_others_work():
    assert _others("The recently proposed Flatcon and LR-Marrow oversmooth.", "LR-Marrow")
    assert _others("We tune the popular Grennick regressor.", "Grennick")
    assert _others("Features come from a pre-trained Harven ViT-S/8 encoder.", "Harven ViT-S/8")
    assert _others("It beats the state-of-the-art Lintrace recommender.", "Lintrace")
    assert _others("Masks come from a frozen Dolo-16 teacher.", "Dolo-16")


def test_the_authors_own_turn_is_not_others_work():
    # the verb "pre-trained", not the adjective; a naming or "we" between the words and the name
    assert not _others("We pre-trained Quakora-1 on two million traces.", "Quakora-1")
    assert not _others("We store features from a frozen Dolo-18 and call the method PQ-Holdout.", "PQ-Holdout")
    assert not _others("Unlike the popular baselines, we propose Tarvelle.", "Tarvelle")
    # "the proposed" alone is the authors' own, not "recently proposed"
    assert not _others("The proposed Brenlow groups users by interest.", "Brenlow")
    # more than 40 characters back is another phrase
    assert not _others("A standard recipe trains on clean pairs for many epochs while Wexmoor does not.", "Wexmoor")


def test_own_names_beside_others_stay_proposed():
    title = "Replay of Compressed Features"
    abstract = ("Experience replay stores raw images. We store quantised features from a frozen Dolo-18 encoder and "
                "call the method PQ-Holdout; ten times more samples fit in the same memory.")
    marks = {e.name: e.proposed for e in extract_text(abstract, title=title).entities}
    assert marks.get("PQ-Holdout") is True
    assert not marks.get("Dolo-18")
