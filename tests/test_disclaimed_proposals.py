"""An abstract that says it brings nothing in ("We propose no new model", "No new method is proposed") proposes
no name that only the learned decision finds the authors' (``decide._without_disclaimed``), and its negated verb
is no cue of proposing (``roles._PROPOSE``). All names and sentences are invented."""

from __future__ import annotations

import pytest
from extracted import proposed_names as _proposed


@pytest.mark.parametrize("title,abstract,name", [
    ("Restoring Tone Marks in Wolof With Byte Models",
     "Wolof text online often drops tone marks. We train KesT5-small and a character-level BiLSTM to restore "
     "diacritics on text from news sites, and compare against the dictionary approach of earlier work. KesT5-small "
     "restores 93.2% of words correctly, the BiLSTM 89.5%. We release no new model, only the cleaned test split.",
     "KesT5-small"),
    ("How Well Do Multilingual Encoders Read Lingala?",
     "Lingala speakers mix French into their posts. We collect no new model; instead we evaluate mBERT, XLM-R and "
     "CongoXLMR on two tasks. All three lose points on mixed posts.", "CongoXLMR"),
    ("Speech Recognition for Aymara With Five Hours",
     "Aymara has few transcribed hours. We compare fine-tuning XLS-R 300M with a hybrid GMM-TDNN system built "
     "with Kaldi on five hours of radio. XLS-R reaches 28.1% word error rate and the hybrid system 35.0%. "
     "No new architecture is proposed.", "GMM-TDNN"),
])
def test_a_disclaiming_abstract_proposes_no_name_it_only_uses(title: str, abstract: str, name: str) -> None:
    assert name not in _proposed(title, abstract)


@pytest.mark.parametrize("title,abstract,name", [
    # what the authors bring in past the disclaimer of another kind: "no new model but a new sampler, X"
    ("Negative Sampling for Link Prediction Revisited",
     "We retrain five embedding models with one sampler. We propose no new embedding model but a new sampler, "
     "DriftNeg, which draws negatives from a cache. With it, DistMult matches RotatE.", "DriftNeg"),
    # a release before "nothing else"
    ("Festival Questions for Indonesian Models",
     "Models answer questions on regional festivals poorly. We release 2,400 such questions as NusaRaya and propose "
     "nothing else. Accuracy of the best model is 41%.", "NusaRaya"),
])
def test_what_the_authors_bring_in_beside_a_disclaimer_stays_theirs(title: str, abstract: str, name: str) -> None:
    assert name in _proposed(title, abstract)
