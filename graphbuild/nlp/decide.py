"""The ``graphbuild_decide`` component: a learned model decides what the candidates are.

The proposing components (gazetteer, abbreviation pairs, shapes, cues,
capitalised words, the title's head) find candidate spans with high recall;
this component decides, with two logistic-regression models trained by
:mod:`graphbuild.nlp.train` on annotated abstracts:

* the *entity* model gives every candidate a probability per class
  (no entity, Model, Method, Dataset) from :func:`~graphbuild.nlp.features.candidate_features`;
  the candidates naming one thing in the paper form an entity, kept when its
  best mention's probability of being an entity reaches ``threshold``, typed
  by the class its mentions favour;
* the *proposed* model tells, from :func:`~graphbuild.nlp.features.entity_features`,
  whether the paper introduces the entity.

The weights ship as JSON (``graphbuild/data/model/decider.json``; never a
pickle), are named by the component's config (``model``), and their digest is
part of the pipeline's fingerprint (:func:`model_digest`).

Results go where spaCy users look: ``doc.ents`` (label = type; ``span._.gb_name``,
``span._.gb_proposed``, ``span._.gb_role``, ``span._.gb_score``) and every
candidate in ``doc.spans["gb_candidates"]``.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, repeat, takewhile
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import numpy as np
from spacy.attrs import ENT_IOB, ENT_KB_ID, ENT_TYPE, IDX, LENGTH
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import minibatch

from ..errors import InputError
from ..records import SCORED_TYPES
from ..resources import data_path
from .abbreviations import introduced_at, set_as_others
from .candidates import Candidate, candidates, doc_text, guarded, report_failure
from .doc_context import DocContext, verb_closing
from .entity_types import shape_votes
from .features import (
    _WE_VERB_OBJECT,
    BARE,
    COUNTED_APPOSED,
    IN_PASSING_BEFORE,
    CorpusStats,
    _first_in_abstract,
    _kind_named_before,
    _title_kind,
    candidate_features,
    coordinated_with,
    copula_kind,
    counted_contents,
    defined_type,
    drawn_from,
    entity_features,
    group_candidates,
    listed_as_data,
    long_form_names_no_artifact,
    long_head_type,
    made_object,
    model_predicated,
    owned_by_authors,
    released_as,
    titled_own_kind,
    trained_on,
    with_other_claimed,
)
from .featurespace import BoundedFeatureSpace, FeatureSpace, Row, merge_rows
from .gazetteer import another_sense
from .lexicon import (
    COLLECTION_HEADS,
    COMPARISON,
    COMPARISON_ENDS,
    DATA_SPLIT_WORDS,
    FAMILY_STEM,
    INTRODUCING_VERBS,
    LANGUAGES,
    LIKENED_AFTER,
    LIST_GAP,
    LIST_GAP_ENDS,
    LIST_SEPARATOR,
    LISTED_NAMES_BEFORE,
    PROPOSAL_VERBS,
    SIZE_WORDS,
    authors_named,
    biological,
    head_type,
    instrumental,
    is_generic,
    is_generic_model,
    licence_named,
    list_gap,
    listed_formula,
    made_phrase,
    opens_before_name,
    plain_words,
    whole_occurrences,
    word_alternation,
)
from .patterns import checkpoint_id, in_capitals
from .roles import _PROPOSE, apposed_to_new_kind, made_and_named, role_of

if TYPE_CHECKING:
    from thinc.types import Ints2d

    from .gazetteer import GazetteerComponent

__all__ = ["DecideComponent", "DecisionModel", "LinearModel", "load_model", "read_model", "model_digest", "decide",
           "decide_batch", "prepare", "pipeline_fingerprint", "Prepared", "CLASSES", "SPANS_KEY", "DEFAULT_MODEL"]

#: how much likelier a known name inside a title's phrase must be for the phrase to give way to it
#: ("GloVe Embeddings": GloVe; "Deep Residual Learning" stays, its known part about as likely)
KNOWN_MARGIN = 0.1
#: the entity model's classes: no entity, then the scored types
CLASSES = ("None", *SCORED_TYPES)
#: ``doc.spans`` key of every candidate the proposers found
SPANS_KEY = "gb_candidates"
#: the shipped weights
DEFAULT_MODEL = "model/decider.json"
FORMAT_VERSION = 2
#: default decision thresholds, first chosen by 5-fold cross-validation on the shipped annotations;
#: re-checked by nested cross-validation (``benchmarks/threshold_cv.py``, all four thresholds): the
#: folds' own picks scatter, and none beats these on F1 and proposed-recall without losing
#: proposed-precision, so they stay
THRESHOLD = 0.3
PROPOSED_THRESHOLD = 0.3
#: entities written in lower case only (technique phrases: "logit adjustment"), and generic words for a kind
#: of model ("Transformer", :func:`_generic_model`), are kept from this
#: probability; ANNOTATION.md counts them only where the gold lists them, neutral elsewhere (so a
#: lower bar costs entity F1 nothing; what it costs shows in proposed-precision)
LOWER_THRESHOLD = 0.1
#: a method the gazetteer knows, written in lower case only ("beam search", "batch normalization"), is kept from
#: this probability: the gold lists such a technique only where the paper names it as one of its methods, so the
#: model learns it as mostly no entity, yet where the gold omits it the scorer counts it neither way; the known
#: name keeps the lower bar from reaching the paper's other lower-case phrases (:func:`known_lower_technique`)
KNOWN_LOWER_THRESHOLD = 0.02
#: a name of capitalised words ending in a word for a collection of data ("Labour Force Survey", "Caselaw Access
#: Project": :func:`_collection_type`) is kept from this probability
COLLECTION_THRESHOLD = 0.15
#: a checkpoint's identifier in lower case ("bert_base_uncased", "wav2vec2-large-xlsr-53": :func:`_checkpoint_type`) is
#: kept from this probability
CHECKPOINT_THRESHOLD = 0.01
#: ... and marked proposed, when below ``threshold``, only from this probability of being proposed
LOWER_PROPOSED = 0.7
#: in an abstract that claims nothing (no entity with a rule's proposal, a naming cue or a mention in the title), an
#: entity is marked proposed only from this probability (not ``proposed_threshold``): :func:`_without_unclaimed_guesses`
UNCLAIMED_PROPOSED = 0.4
#: a name listed beside one the paper does not propose, with a probability of being proposed below this, is not
#: the paper's either where only the learned decision proposes it (:func:`_without_listed_with_others`)
LISTED_OTHERS_PROPOSED = 0.15
#: the lower-case name a naming cue gives in the authors' words ("we call this peer fingerprinting") is kept
#: from this probability
NAMED_THRESHOLD = 0.005
#: a generic word for a kind of model written in a title alone ("... of Transformer on Time Series
#: Forecasting", a record without an abstract) is kept from this probability: with no abstract to show how the
#: paper writes it, the title's mention is the one there is (neutral to the scorer where the gold omits it)
BARE_GENERIC_THRESHOLD = 0.02
#: a name the gazetteer knows (and knows as nothing else) written in a title alone ("... on KITTI and
#: Cityscapes", "... from Sloan Digital Sky Survey Images": :func:`_titled_known_name`) is kept from this
#: probability: the title's mention is the one there is, and the annotations the model learned titles alone
#: from list only some of the known names a title writes (those they omit count neither way)
BARE_KNOWN_THRESHOLD = 0.05


@dataclass(frozen=True)
class LinearModel:
    """A linear model over named features: ``scores = sum(value * weights[feature]) + bias``."""

    index: dict[str, int]
    weights: np.ndarray  # (n_features, n_outputs)
    bias: np.ndarray  # (n_outputs,)

    def __post_init__(self) -> None:
        # one zero row at the end: unknown feature names index it and add nothing
        padded = np.vstack([self.weights, np.zeros((1, self.weights.shape[1]))])
        object.__setattr__(self, "_padded", padded)

    def scores(self, rows: list[dict[str, float]]) -> np.ndarray:
        """Raw scores, one row per feature dictionary."""
        n_out = self.weights.shape[1]
        sizes = [len(feats) for feats in rows]
        if not rows or not all(sizes):
            return self._scores_slow(rows, n_out)
        total = sum(sizes)
        # feature names -> weight rows in C loops (map over a chain), unknown names -> the zero row
        cols = np.fromiter(map(self.index.get, chain.from_iterable(rows), repeat(len(self.index), total)),
                           dtype=np.intp, count=total)
        vals = np.fromiter(chain.from_iterable(feats.values() for feats in rows), dtype=np.float64, count=total)
        contrib = self._padded[cols] * vals[:, None]  # type: ignore[attr-defined]
        starts = np.zeros(len(rows), dtype=np.int64)
        np.cumsum(sizes[:-1], out=starts[1:])
        return np.add.reduceat(contrib, starts, axis=0) + self.bias

    def _scores_slow(self, rows: list[dict[str, float]], n_out: int) -> np.ndarray:
        """:meth:`scores` when a row is empty (``reduceat`` needs every row to hold a value)."""
        out = np.tile(self.bias, (len(rows), 1)).reshape(len(rows), n_out)
        for r, feats in enumerate(rows):
            for name, value in feats.items():
                k = self.index.get(name)
                if k is not None:
                    out[r] += self.weights[k] * value
        return out

    def to_json(self) -> dict[str, Any]:
        """Feature names, weights and bias as plain JSON values."""
        names = sorted(self.index, key=self.index.__getitem__)
        return {"features": names, "weights": np.round(self.weights, 6).tolist(),
                "bias": np.round(self.bias, 6).tolist()}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LinearModel:
        """The inverse of :meth:`to_json`."""
        names = data["features"]
        weights = np.asarray(data["weights"], dtype=np.float64).reshape(len(names), -1)
        return cls({n: i for i, n in enumerate(names)}, weights, np.asarray(data["bias"], dtype=np.float64))


@dataclass(frozen=True)
class DecisionModel:
    """The entity model (softmax over :data:`CLASSES`), the type model (softmax over the scored
    types, trained on entities only) and the proposed model (a sigmoid).
    """

    entity: LinearModel
    types: LinearModel
    proposed: LinearModel
    meta: dict[str, Any]

    def type_probs(self, rows: list[dict[str, float]]) -> np.ndarray:
        """Probabilities of the scored types (columns in :data:`SCORED_TYPES` order), one row per entity."""
        s = self.types.scores(rows)
        s -= s.max(axis=1, keepdims=True) if len(s) else 0
        e = np.exp(s)
        return e / e.sum(axis=1, keepdims=True)

    def entity_probs(self, rows: list[dict[str, float]]) -> np.ndarray:
        """Probabilities of :data:`CLASSES`, one row per feature dictionary."""
        s = self.entity.scores(rows)
        s -= s.max(axis=1, keepdims=True) if len(s) else 0
        e = np.exp(s)
        return e / e.sum(axis=1, keepdims=True)

    def proposed_probs(self, rows: list[dict[str, float]]) -> np.ndarray:
        """Probability that the paper proposes each entity."""
        return 1.0 / (1.0 + np.exp(-self.proposed.scores(rows)[:, 0]))

    def to_json(self) -> dict[str, Any]:
        """The whole model as one JSON object (format version, classes, three linear models, meta)."""
        return {"format": FORMAT_VERSION, "classes": list(CLASSES), "entity": self.entity.to_json(),
                "types": self.types.to_json(), "proposed": self.proposed.to_json(), "meta": self.meta}

    def save(self, path: str | Path) -> None:
        """Write the model as JSON (to a temporary file, then renamed)."""
        from ..fsutil import atomic_write_text

        atomic_write_text(Path(path), json.dumps(self.to_json(), separators=(",", ":")) + "\n")


def _resolve(path: str) -> Path:
    return Path(path) if path else data_path(*DEFAULT_MODEL.split("/"))


@lru_cache(maxsize=8)
def load_model(path: str = "") -> DecisionModel:
    """Read decision weights from JSON (default: the shipped ones), once per path and process."""
    return read_model(path)


def read_model(path: str = "") -> DecisionModel:
    """Read decision weights from JSON (default: the shipped ones)."""
    file = _resolve(path)
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT_VERSION or tuple(data["classes"]) != CLASSES:
            raise ValueError(f"format {data.get('format')!r}, classes {data.get('classes')!r}")
        return DecisionModel(LinearModel.from_json(data["entity"]), LinearModel.from_json(data["types"]),
                             LinearModel.from_json(data["proposed"]), data.get("meta", {}))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InputError(file, None, f"not a graphbuild decision model ({exc}); "
                         "train one with `graphbuild train`") from None


def model_digest(path: str = "") -> str:
    """SHA-256 (16 hex digits) of a decision model file: part of the pipeline's fingerprint."""
    return hashlib.sha256(_resolve(path).read_bytes()).hexdigest()[:16]


def pipeline_fingerprint(nlp: Language) -> str:
    """SHA-256 (16 hex digits) of what decides a pipeline's output: its config (every component
    setting), the decision weights it runs with and its gazetteer entries.
    """
    h = hashlib.sha256(nlp.config.to_str().encode())
    if "graphbuild_decide" in nlp.pipe_names:
        decider = cast(DecideComponent, nlp.get_pipe("graphbuild_decide"))
        h.update(json.dumps(decider.model.to_json(), sort_keys=True).encode())
    if "graphbuild_gazetteer" in nlp.pipe_names:
        h.update(cast("GazetteerComponent", nlp.get_pipe("graphbuild_gazetteer")).gazetteer.to_jsonl().encode())
    return h.hexdigest()[:16]


# ---------------------------------------------------------------- the decision

@dataclass(slots=True)
class Decision:
    """What the decision made of one document's candidates."""

    cands: list[Candidate]
    probs: np.ndarray
    entities: list[list[int]]  # kept entities: indices of their surviving mentions


@dataclass(slots=True)
class Prepared:
    """A document's candidates with their gazetteer entries, entity groups and feature rows."""

    cands: list[Candidate]
    entries: list[Any]
    groups: list[list[int]]
    rows: list[Row]  # per candidate, as ids of ``space``
    group_rows: list[Row]  # per group: the members' features, each at its largest value
    space: FeatureSpace
    context: DocContext
    type_rows: list[Row]  # per group, what the type model scores: ``group_rows`` but where a sense is unshown
    #: whether the paper may speak of models (:func:`_unlearned_type`): a word of machine learning, a name the
    #: gazetteer knows as a model's, or the word "model"
    learning: bool = True
    #: how the papers being built write each word (:class:`~graphbuild.nlp.features.CorpusStats`), when known
    corpus: CorpusStats | None = None

    @property
    def features(self) -> list[dict[str, float]]:
        """Every candidate's features as ``name -> value``."""
        return [self.space.named(r) for r in self.rows]

    @property
    def group_features(self) -> list[dict[str, float]]:
        """Every group's features as ``name -> value`` (what the entity and type models score)."""
        return [self.space.named(r) for r in self.group_rows]

    @property
    def type_features(self) -> list[dict[str, float]]:
        """Every group's features as the type model scores them (see :func:`_type_rows`)."""
        return [self.space.named(r) for r in self.type_rows]


def prepare(text: str, sents: list[tuple[int, int]], title_end: int, cands: list[Candidate], gaz: Any,
            corpus: CorpusStats | None = None, space: FeatureSpace | None = None) -> Prepared:
    """Group the candidates naming one thing and compute every candidate's feature row.

    ``space`` numbers the features (and caches what depends on a form only); a
    fresh one when not given. A long-lived space may forget ids here (:meth:`FeatureSpace.settle`):
    the rows of earlier documents are stale then.
    """
    space = space if space is not None else FeatureSpace()
    space.settle()
    return _prepare(text, sents, title_end, cands, gaz, corpus, space)


def _prepare(text: str, sents: list[tuple[int, int]], title_end: int, cands: list[Candidate], gaz: Any,
             corpus: CorpusStats | None, space: FeatureSpace) -> Prepared:
    """:func:`prepare` in ``space`` as it is (settled by the caller: the rows of a batch of documents are
    scored together, so no id may be forgotten between them).
    """
    cands = [c for c in cands if c.end > c.start and _has_letter(c.text)]
    readings = [_gaz_entry(gaz, c, text) for c in cands]
    entries = [e for e, _ in readings]
    keys = [e.key if e is not None else None for e in entries]
    position = {id(c): i for i, c in enumerate(cands)}
    groups = group_candidates(cands, lambda c: keys[position[id(c)]])
    gaz_types = [e.type if e is not None else None for e in entries]
    context = DocContext(text, sents, title_end)
    rows = candidate_features(text, sents, title_end, cands, groups, gaz_types, corpus, space, context)
    group_rows = [merge_rows([rows[i] for i in m]) for m in groups]
    unshown = [i for i, (e, shown) in enumerate(readings) if e is not None and not shown]
    if unshown and any(e is not None and shown and e.type == "Model" for e, shown in readings):
        unshown = []  # a paper that names a model the gazetteer knows ("with BERT/GPT-2") speaks of learning
    type_rows = group_rows if not unshown else _type_rows(context, cands, groups, gaz_types, unshown, corpus, space)
    if context.bare:  # a title alone: the entity model weighs its features apart; the type model reads them
        # both as any text's and apart (a name's shape types it wherever it stands)
        type_rows = [space.prefixed(row, BARE, keep=True) for row in type_rows]
        group_rows = [space.prefixed(row, BARE) for row in group_rows]
    learning = context.learning > 0 or any(e is not None and e.type == "Model" for e in entries) \
        or _MODEL_WORD.search(context.lowered) is not None
    return Prepared(cands, entries, groups, rows, group_rows, space, context, type_rows, learning, corpus)


def _type_rows(context: DocContext, cands: list[Candidate], groups: list[list[int]], gaz_types: list[str | None],
               unshown: list[int], corpus: CorpusStats | None, space: FeatureSpace) -> list[Row]:
    """The groups' rows for the type model where the gazetteer's sense of the candidates ``unshown`` is one
    the text never shows (:meth:`~graphbuild.nlp.gazetteer.Gazetteer.reading`): without its type, and
    its vote a third as strong, so the context types the name ("LRU" in a paper on caches is a method,
    whatever the gazetteer's recurrent unit). The entity model keeps the full rows: the name stays known.
    """
    typed = list(gaz_types)
    cands = list(cands)
    for i in unshown:
        c, t = cands[i], gaz_types[i]
        typed[i] = None
        if t in c.votes:
            cands[i] = copy.copy(c)
            cands[i].votes = {**c.votes, t: c.votes[t] / 3}
    rows = candidate_features(context.text, context.sents, context.title_end, cands, groups, typed, corpus, space,
                              context)
    return [merge_rows([rows[i] for i in m]) for m in groups]


@lru_cache(maxsize=200_000)
def _has_letter(text: str) -> bool:
    """Whether ``text`` holds a letter (cached per form: the corpus repeats its names)."""
    return any(ch.isalpha() for ch in text)


def _softmax(scores: np.ndarray) -> np.ndarray:
    scores = scores - (scores.max(axis=1, keepdims=True) if len(scores) else 0)
    e = np.exp(scores)
    return e / e.sum(axis=1, keepdims=True)


def decide(text: str, sents: list[tuple[int, int]], title_end: int, cands: list[Candidate], gaz: Any,
           model: DecisionModel, *, threshold: float, proposed_threshold: float,
           corpus: CorpusStats | None = None, lower_threshold: float = LOWER_THRESHOLD,
           space: FeatureSpace | None = None) -> Decision:
    """Decide which candidates name entities, of which type, and which the paper proposes.

    An entity is kept from probability ``threshold``, or ``lower_threshold`` when
    the abstract writes it in lower case only (a technique phrase; the title's
    capitals do not count), and then only its mentions outside the title name it.

    Sets ``type``, ``proposed``, ``score`` and ``entity`` on the candidates in place, and ``role``
    where the type decided is not the one the roles were given for.
    """
    prepared = prepare(text, sents, title_end, cands, gaz, corpus, space)
    chosen = _choose(prepared, *_group_probs([prepared], model)[0], gaz, threshold, lower_threshold)
    return _finish(chosen, model.proposed_probs(chosen.rows), threshold, proposed_threshold)


def decide_batch(docs: Sequence[tuple[str, list[tuple[int, int]], int, list[Candidate]]], gaz: Any,
                 model: DecisionModel, *, threshold: float, proposed_threshold: float, space: FeatureSpace,
                 corpus: CorpusStats | None = None, lower_threshold: float = LOWER_THRESHOLD,
                 ) -> list[Decision | Exception]:
    """:func:`decide` over several documents (``(text, sents, title_end, cands)`` each), with each of
    the three models run once for all of them: the rows of every document are gathered and summed
    in one go (one go per run of documents between two settlings of ``space``, which forgets ids).
    The same decisions, bit for bit (every row is summed alone, in the same order).

    A document whose decision fails gives its exception in its place; the others are decided.
    """
    out: list[Decision | Exception] = [Exception()] * len(docs)  # (each replaced below)
    pending: list[tuple[int, Prepared]] = []
    for k, (text, sents, title_end, cands) in enumerate(docs):
        if pending and space.crowded():  # decide those prepared before the space forgets their ids
            _decide_prepared(pending, out, gaz, model, threshold, proposed_threshold, lower_threshold)
            pending = []
        space.settle()
        try:
            pending.append((k, _prepare(text, sents, title_end, cands, gaz, corpus, space)))
        except Exception as exc:  # noqa: BLE001 - the caller reports it for this document
            out[k] = exc
    _decide_prepared(pending, out, gaz, model, threshold, proposed_threshold, lower_threshold)
    return out


def _decide_prepared(prepared: list[tuple[int, Prepared]], out: list[Decision | Exception], gaz: Any,
                     model: DecisionModel, threshold: float, proposed_threshold: float,
                     lower_threshold: float) -> None:
    """The decisions on prepared documents (``(position in out, prepared)``), set in ``out``."""
    chosen: list[tuple[int, _Chosen]] = []
    for (k, p), (group_probs, type_probs) in zip(prepared, _group_probs([p for _, p in prepared], model)):
        try:
            chosen.append((k, _choose(p, group_probs, type_probs, gaz, threshold, lower_threshold)))
        except Exception as exc:  # noqa: BLE001
            out[k] = exc
    prop = model.proposed_probs([row for _, c in chosen for row in c.rows])
    at = 0
    for k, c in chosen:
        try:
            out[k] = _finish(c, prop[at:at + len(c.rows)], threshold, proposed_threshold)
        except Exception as exc:  # noqa: BLE001
            out[k] = exc
        at += len(c.rows)


def _group_probs(prepared: Sequence[Prepared], model: DecisionModel) -> list[tuple[np.ndarray, np.ndarray]]:
    """The entity model's probabilities of :data:`CLASSES` and the type model's of the scored types,
    per document, for the groups of every document in ``prepared`` (one space): one gather, one sum
    and one softmax per model for them all (each row's values are those it has alone).
    """
    if not prepared:
        return []
    space = prepared[0].space
    scores = space.scores([row for p in prepared for row in p.group_rows], (model.entity, model.types))
    n_classes = len(CLASSES)
    entity, types = _softmax(scores[:, :n_classes]), _softmax(scores[:, n_classes:])
    # the groups whose type the context decides (a sense the text never shows): their own type rows
    redo: list[int] = []
    rows: list[Row] = []
    at = 0
    for p in prepared:
        if p.type_rows is not p.group_rows:
            redo += range(at, at + len(p.group_rows))
            rows += p.type_rows
        at += len(p.group_rows)
    if redo:
        types[redo] = _softmax(space.scores(rows, (model.types,)))
    out, at = [], 0
    for p in prepared:
        out.append((entity[at:at + len(p.group_rows)], types[at:at + len(p.group_rows)]))
        at += len(p.group_rows)
    return out


@dataclass(slots=True)
class _Chosen:
    """A document's entities chosen by the entity and type models, waiting for the proposed model."""

    prepared: Prepared
    probs: np.ndarray
    kept_groups: list[tuple[list[int], str, list[int]]]
    taken: bytearray
    rows: list[dict[str, float]]  # the proposed model's features, per kept group


def _choose(prepared: Prepared, group_probs: np.ndarray, type_probs: np.ndarray, gaz: Any, threshold: float,
            lower_threshold: float) -> _Chosen:
    """The entities of a document kept by their groups' probabilities (:func:`_group_probs`), with their
    types and their mentions that survive the overlaps; sets ``score`` and ``entity`` on the candidates.
    """
    cands, entries, groups = prepared.cands, prepared.entries, prepared.groups
    context = prepared.context
    text, sents, title_end = context.text, context.sents, context.title_end
    group_of = [0] * len(cands)
    for g, members in enumerate(groups):
        for i in members:
            group_of[i] = g
    probs = group_probs[group_of]
    for c, score in zip(cands, (1.0 - probs[:, 0]).tolist()):
        c.score = score
        c.entity = -1
    # keep an entity when it is likely one; its type is the likeliest scored class (the lower-case
    # test only where it decides: between the two thresholds)
    low = min(threshold, lower_threshold)
    scores = 1.0 - group_probs[:, 0]
    keep = [g for g, p in enumerate(scores.tolist())
            if p >= threshold or (p >= low or p >= NAMED_THRESHOLD and any(cands[i].named for i in groups[g]))
            and (written_lower_case(cands, groups[g], title_end, sents) or _generic_model(cands, groups[g])
                 or _proposed_phrase(cands, groups[g], title_end))
            or p >= COLLECTION_THRESHOLD and _collection_type(cands, groups[g], entries)
            or p >= KNOWN_LOWER_THRESHOLD and known_lower_technique(cands, groups[g], entries, title_end, sents)
            or p >= CHECKPOINT_THRESHOLD and _checkpoint_type(cands, groups[g], entries)
            or context.bare and p >= BARE_GENERIC_THRESHOLD and _generic_model(cands, groups[g])
            or context.bare and p >= BARE_KNOWN_THRESHOLD and _titled_known_name(cands, groups[g], entries)]
    if prepared.corpus is not None:
        keep = [g for g in keep if not _capitals_word(prepared.corpus, text, sents, cands, groups[g])]
    keep = _with_listed_parts(cands, groups, group_of, keep, entries, scores)
    keep = _with_joined_parts(cands, group_of, keep, entries, scores)
    keep = _with_compared_words(text, sents, cands, groups, group_of, keep, scores)
    keep = _with_listed_words(text, cands, groups, group_of, keep, scores)
    keep = _with_known_wholes(cands, groups, group_of, keep, entries, scores)
    # (the groups the two rules below add, with the type their kind gives them)
    keep, kinds = _with_exemplified_names(text, cands, group_of, keep, scores, entries)
    keep, headed = _with_headed_names(text, cands, group_of, keep, scores)
    kinds.update(headed)
    keep, coded = _with_code_named(text, cands, group_of, keep, scores)
    kinds.update(coded)
    keep = _with_likened_names(text, cands, group_of, keep, entries, scores)
    keep = _with_presented_names(context, cands, group_of, keep, scores)
    keep = _with_coined_names(prepared, keep, scores)
    keep = _with_opening_pair_parts(text, sents, cands, groups, group_of, keep, entries, scores)
    # a metric the gazetteer knows ("Macro-F1") is no method, model or data set, unless the paper gives
    # the name to its own ("F1: A Fast ... Accelerator")
    if any(e is not None and e.type == "Metric" for e in entries):  # (else every group stays)
        keep = [g for g in keep if {entries[i].type for i in groups[g] if entries[i] is not None} != {"Metric"}
                or any(cands[i].proposed or cands[i].start < title_end for i in groups[g])]
    # an acronym the paper spells out as a body of people ("Radiological Society of North America (RSNA)") or
    # a measure ("Conversion Rate (CVR)"): who makes or runs things or what is measured of them, no artifact,
    # unless the gazetteer knows it as one of a scored type
    keep = [g for g in keep if not _defined_as_no_artifact(cands, groups[g], entries)]
    # a title alone that speaks of no learning and opens with a word the gazetteer holds as ambiguous ("Spider
    # Silk Tension under Racing Loads"; not the name before a colon, "Spider: A Dataset for …", nor one a hyphen
    # joins, "Spanner-Style Consistency"): the word is the title's own noun, whatever the weights of titles alone
    # make of its known form
    if context.bare and not prepared.learning:
        keep = [g for g in keep if not all(entries[i] is not None and entries[i].ambiguous and cands[i].start == 0
                                           and cands[i].text.isalpha() and cands[i].text[1:].islower()
                                           and text.startswith(" ", cands[i].end) for i in groups[g])]
    # a gene's symbol, read as one by what the text says of it ("mutations in ARID1A", "CDKN2A deletion")
    # ... an author's surname ("the procedure of Calonico, Cattaneo and Titiunik", "Calonico et al."), a formula
    # listed with formulas ("Li2CO3 and LiF") and an instrument ("the Zorb instrument aboard", "Zorb-2 altimetry"),
    # unless the gazetteer knows the name as no other thing (a name it holds as ambiguous, "H2O", may be any)
    keep = [g for g in keep if not any((entries[i] is None or entries[i].ambiguous)
                                       and _names_no_artifact(text, cands[i].start, cands[i].end)
                                       for i in groups[g])]
    # a phrase made with a name, in every mention ("Small GPT-2-style", "Zorb-initialised Quill-7B"): the name
    # is its part, found on its own
    keep = [g for g in keep if not all(made_phrase(cands[i].text) for i in groups[g])]
    # a run whose every mention opens a sentence with a word that opens a clause or qualifies the name after it
    # ("Using Zorb-7B and …", "Fine-tuned Zorb-2 solves …", "Re-evaluating Zorb on …"): the name is its part
    keep = [g for g in keep if not all(_clause_opened(cands[i], sents) for i in groups[g])]
    best = _sibling_types(cands, [groups[g] for g in keep], type_probs[keep]) if keep else []
    defined = _family_defined_types(cands, [groups[g] for g in keep],
                                    [_long_head_type(cands, groups[g])
                                     or _defined_type(text, title_end, cands, groups[g], SCORED_TYPES[k])
                                     for g, k in zip(keep, best)])
    accepted = [(groups[g], d or kinds.get(g)
                 or _collection_type(cands, groups[g], entries) or _checkpoint_type(cands, groups[g], entries)
                 or _data_headed_type(text, cands, groups[g], entries) or _data_followed_type(text, cands, groups[g])
                 or _drawn_type(context, cands, groups[g], entries)
                 or _predicated_type(context, cands, groups[g], entries, SCORED_TYPES[k])
                 or _unlearned_type(prepared, groups[g], SCORED_TYPES[k])) for g, k, d in zip(keep, best, defined)]
    accepted = [(members, _checkpoint_marked(cands, members, type_)) for members, type_ in accepted]
    # a phrase kept by the lower bar is the abstract's lower-case phrase: its title-case form in the
    # title is no mention of a name (but a generic model word or a known name of a title alone has no other
    # mention) (a run joining names, "CIFAR-10N and Clothing1M", is no mention: the names it joins are)
    shown = [[i for i in members if (cands[i].score >= threshold or cands[i].start >= title_end
                                     or context.bare and (_generic_model(cands, members)
                                                          or cands[i].score >= BARE_KNOWN_THRESHOLD
                                                          and _titled_known_name(cands, [i], entries)))
                     and not cands[i].joins_names]
             for members, _ in accepted]
    shown = _split_listed(cands, shown, [type_ for _, type_ in accepted])
    shown = _split_opening_pairs(text, sents, cands, shown)
    shown = _without_data_qualifiers(cands, shown, [type_ for _, type_ in accepted])
    scored = len(accepted)
    for members in _task_groups(groups, entries, keep):  # after the scored ones, which they never displace
        accepted.append((members, "Task"))
        shown.append(members)
    # overlapping mentions: a scored entity's before a task's, then the longest span wins, then the likelier
    order = sorted(((i, g) for g, members in enumerate(shown) for i in members),
                   key=lambda x: (x[1] >= scored, -(cands[x[0]].end - cands[x[0]].start), -cands[x[0]].score,
                                  cands[x[0]].start))
    taken = bytearray(max((c.end for c in cands), default=0))
    surviving: dict[int, list[int]] = {}
    # (the known names a title's phrase may hold: needed only where one is kept)
    known = [(cands[i].start, cands[i].end, cands[i].score) for i, _ in order if cands[i].source == "gazetteer"] \
        if any(cands[i].source == "titleseg" for i, _ in order) else []
    for i, g in order:
        c = cands[i]
        if taken.find(1, c.start, c.end) >= 0:
            continue
        if c.source == "titleseg" and any(c.start <= s and e <= c.end and (s, e) != (c.start, c.end)
                                          and score > c.score + KNOWN_MARGIN for s, e, score in known):
            continue  # "Zorb Embeddings", "Zorb Made Practical": a title's phrase around a likelier known name
        taken[c.start:c.end] = b"\x01" * (c.end - c.start)
        surviving.setdefault(g, []).append(i)
    if context.bare:
        _with_nested_known(cands, entries, groups, group_of, accepted, scored, surviving)
    kept_groups = [(members, type_, sorted(surviving[g], key=lambda i: cands[i].start))
                   for g, (members, type_) in enumerate(accepted) if surviving.get(g)]
    # the proposed model's features, for the scored entities only (a task is never proposed: see _finish)
    untasked = [(members, type_) for members, type_, _ in kept_groups if type_ != "Task"]
    rows = with_other_claimed([entity_features(text, title_end, cands, members, type_,
                                               any(entries[i] is not None for i in members), context, gaz)
                               for members, type_ in untasked], cands, [members for members, _ in untasked], context)
    return _Chosen(prepared, probs, kept_groups, taken, rows)


def _defined_as_no_artifact(cands: list[Candidate], members: list[int], entries: list[Any]) -> bool:
    """Whether a group's first long form of an abbreviation pair names a body of people or a measure
    (:func:`long_form_names_no_artifact`: "… Society", "… Agency", "… Rate", "… Volume"), no member is marked
    proposed (a measure the paper brings in is its metric) and none is a gazetteer entry of a scored type.
    """
    longs = [cands[i] for i in members if cands[i].source == "abbrev-long"]
    if not longs or not long_form_names_no_artifact(min(longs, key=lambda c: c.start).text):
        return False
    return not any(cands[i].proposed or entries[i] is not None and entries[i].type in SCORED_TYPES
                   for i in members)


def _with_nested_known(cands: list[Candidate], entries: list[Any], groups: list[list[int]], group_of: list[int],
                       accepted: list[tuple[list[int], str]], scored: int, surviving: dict[int, list[int]]) -> None:
    """In a title alone, the known names written inside a longer name of the title's own kept there, kept beside
    it (in place in ``accepted`` and ``surviving``): "Verifiable Differential Privacy" also names
    differential privacy, "Hierarchical Recurrent Neural Networks" recurrent neural networks. A record that is
    a title and nothing else has no other sentence to name the known work the paper builds on. Only an entry
    of a scored type, written as whole words of the longer name and not as its stem before an edition
    ("MIMIC-III", "Zorb 2"), and one the gazetteer holds as an ordinary word too only as the phrase's head
    ("Gated Mamba", not "Spider Graphs"); a longer name the gazetteer knows itself ("Mask R-CNN") is one
    thing, its words no other mention.
    """
    spans = [(cands[i].start, cands[i].end, cands[i].text) for g, kept in surviving.items() if g < scored
             for i in kept if entries[i] is None]
    if not spans:
        return
    position = {tuple(members): k for k, (members, _) in enumerate(accepted[:scored])}
    for i, c in enumerate(cands):
        entry = entries[i]
        if c.source != "gazetteer" or entry is None or entry.type not in SCORED_TYPES:
            continue
        outer = next(((t, e) for s, e, t in spans if s <= c.start and c.end <= e and (s, e) != (c.start, c.end)),
                     None)
        if outer is None or _edition_or_part(outer[0], c.text) or entry.ambiguous and c.end != outer[1]:
            continue
        members = groups[group_of[i]]
        k = position.get(tuple(members))
        if k is not None and surviving.get(k):
            continue  # (the name is kept already: "VOC 2012" inside "PASCAL VOC 2012" is its own other form)
        if k is None:
            k = len(accepted)
            accepted.append((members, entry.type))
            position[tuple(members)] = k
        surviving.setdefault(k, []).append(i)


def _edition_or_part(outer: str, inner: str) -> bool:
    """Whether the name ``outer`` is ``inner`` with a size or version after it ("MIMIC-III", "PASCAL VOC 2012",
    "Zorb-Net 530B"), or holds it as the part of a hyphened word ("Low-Bit Diffusion" holds no "Bit Diffusion").
    """
    at = outer.find(inner)
    before, after = outer[at - 1:at] if at > 0 else "", outer[at + len(inner):at + len(inner) + 1]
    if before in ("-", "/") or after in ("-", "/") or before.isalnum() or after.isalnum():
        return True
    if at != 0:
        return False
    sized = _SIZED_VARIANT.match(outer)
    return sized is not None and sized.group(1) == inner or _ROMAN_TAIL.fullmatch(outer[len(inner):]) is not None


#: a roman numeral after a name, its edition ("MIMIC-III", "Zorb II")
_ROMAN_TAIL = re.compile(r"[- ][IVX]+")


def _kept_with(keep: list[int], add: Collection[int]) -> list[int]:
    """``keep`` with the groups in ``add``, sorted (``keep`` itself when ``add`` is empty): the end of every rule
    below that adds to the groups the model kept.
    """
    return sorted(set(keep).union(add)) if add else keep


def _with_each(cands: list[Candidate], group_of: list[int], keep: list[int], probs: np.ndarray, floor: float,
               test: Callable[[Candidate, float], str | None]) -> tuple[list[int], dict[int, str]]:
    """``keep`` with the group of each candidate whose group is not kept, scores ``floor`` or more, and passes
    ``test`` (given the candidate and its group's score; it answers the type the rule gives the group, ``""``
    for none, or ``None`` to leave it): the loop of the rules below that read one candidate at a time. With the
    answer for each group added (the first candidate of a group to pass decides).
    """
    kept = set(keep)
    add: dict[int, str] = {}
    for i, c in enumerate(cands):
        g = group_of[i]
        if g in kept or g in add or probs[g] < floor:
            continue
        found = test(c, probs[g])
        if found is not None:
            add[g] = found
    return _kept_with(keep, add), add


def _with_listed_parts(cands: list[Candidate], groups: list[list[int]], group_of: list[int], keep: list[int],
                       entries: list[Any], probs: np.ndarray) -> list[int]:
    """``keep`` with the groups of the two parts of a kept mention that joins them by "and", "&" or "+"
    ("Zorb Net and Quix-Merge", "ZorbNet+QPN"), when each part is known or name-shaped and not unlikely (score
    ``LISTED_PART_FLOOR``): such a run lists two names (:func:`_split_listed` then drops it).
    """
    spans: dict[tuple[int, int], list[int]] | None = None
    add: set[int] = set()
    for g in keep:
        for i in groups[g]:
            halves = _listed_halves(cands[i])
            if halves is None:
                continue
            if spans is None:
                spans = {}
                for j, d in enumerate(cands):
                    if entries[j] is not None or d.strong:
                        spans.setdefault((d.start, d.end), []).append(j)
            parts = [spans.get(halves[0]), spans.get(halves[1])]
            if all(parts) and all(any(probs[group_of[j]] >= LISTED_PART_FLOOR for j in js) for js in parts if js):
                add.update(group_of[j] for js in parts if js for j in js
                           if probs[group_of[j]] >= LISTED_PART_FLOOR)
    return _kept_with(keep, add)


#: the least score of a listed part of a kept run that :func:`_with_listed_parts` keeps
LISTED_PART_FLOOR = 0.1


def _with_joined_parts(cands: list[Candidate], group_of: list[int], keep: list[int], entries: list[Any],
                       probs: np.ndarray) -> list[int]:
    """``keep`` with the groups of the names a run joins across "and", "with", "on" ... (:attr:`Candidate.joins_names`:
    "Quillset-10N and Brambleset-2M with TarnNet-28-10"), each known or name-shaped and not unlikely (score
    ``LISTED_PART_FLOOR``): the run is no mention of its own, its names are.
    """
    runs = [(c.start, c.end) for c in cands if c.joins_names]
    if not runs:
        return keep
    add = {group_of[j] for j, d in enumerate(cands)
           if (entries[j] is not None or d.strong) and not d.joins_names and probs[group_of[j]] >= LISTED_PART_FLOOR
           and any(s <= d.start and d.end <= e and (s, e) != (d.start, d.end) for s, e in runs)}
    return _kept_with(keep, add)


def _with_opening_pair_parts(text: str, sents: list[tuple[int, int]], cands: list[Candidate],
                             groups: list[list[int]], group_of: list[int], keep: list[int], entries: list[Any],
                             probs: np.ndarray) -> list[int]:
    """``keep`` with the group of the opening phrase's name in a kept mention of it and the subject side by
    side (:func:`_opening_pair_cut`), when the subject is a kept entity's mention written alone elsewhere too,
    and the first name is known or name-shaped and not unlikely (score ``LISTED_PART_FLOOR``)
    (:func:`_split_opening_pairs` then drops the mention).
    """
    kept = set(keep)
    add: set[int] = set()
    spans: dict[tuple[int, int], list[int]] | None = None
    for g in keep:
        for i in groups[g]:
            c = cands[i]
            cut = _opening_pair_cut(text, sents, c)
            if cut is None:
                continue
            if spans is None:
                spans = {}
                for j, d in enumerate(cands):
                    spans.setdefault((d.start, d.end), []).append(j)
            if any(group_of[j] in kept and group_of[j] != g and any(
                    cands[k].end <= c.start or cands[k].start >= c.end for k in groups[group_of[j]])
                   for j in spans.get((cut, c.end), [])):
                add.update(group_of[j] for j in spans.get((c.start, cut - 1), [])
                           if (entries[j] is not None or cands[j].strong) and group_of[j] not in kept
                           and group_of[j] != g and probs[group_of[j]] >= LISTED_PART_FLOOR)
    return _kept_with(keep, add)


def _with_listed_words(text: str, cands: list[Candidate], groups: list[list[int]], group_of: list[int],
                       keep: list[int], probs: np.ndarray) -> list[int]:
    """``keep`` with the groups of capitalised plain words and bare acronyms listed right beside a kept name
    ("such as Zorbnet, Quibble and Vexa-3", "than Quibble and Zorbnet", "the popular ZorbNet and QVIN methods",
    "such as ZorbGCN [31] and QTN [9]": a numbered citation may follow each), when not unlikely
    (``LISTED_WORD_FLOOR``): a list's items are of a kind, and a plain word or an acronym that is a name reads as
    any capital otherwise. A word inside a capitalised run ("Zorb Repository", "Quibble R") is left to the run;
    an acronym the generic list holds ("CPU and GPU") or one heading a task ("the SDZR and CDZR tasks") is no
    artifact's name.
    """
    kept = set(keep)
    words = [i for i, c in enumerate(cands) if group_of[i] not in kept and probs[group_of[i]] >= LISTED_WORD_FLOOR
             and (c.source == "capword" and _PLAIN_CAPWORD.fullmatch(c.text) or _listed_acronym(text, c))
             and not _RUN_GOES_ON.match(text, c.end) and not _RUN_CAME.search(text, max(0, c.start - 40), c.start)]
    if not words:
        return keep
    add: set[int] = set()
    changed = True
    while changed:
        changed = False
        starts = {cands[i].start for g in kept | add for i in groups[g]}
        ends = {cands[i].end for g in kept | add for i in groups[g]}
        for i in words:
            c, g = cands[i], group_of[i]
            if g in add:
                continue
            after = _LISTED_AFTER.match(text, c.end)
            before = _LISTED_BEFORE.search(text, max(0, c.start - _LISTED_REACH), c.start)
            if after is not None and after.end() in starts or before is not None and before.start() in ends:
                add.add(g)
                changed = True
    return _kept_with(keep, add)


def _listed_acronym(text: str, c: Candidate) -> bool:
    """Whether the candidate is a bare acronym (the acronym proposer's: "QVIN", "QTNs") that
    :func:`_with_listed_words` may add: a word of its own (not a part of a compound, "TD-decay"), not a word
    the generic list holds, not a unit after a number ("61 FPS and"), nor the modifier of a task's head ("the
    SDZR and CDZR tasks").
    """
    if c.source != "acronym" or not _LISTED_ACRONYM.fullmatch(c.text) or is_generic(c.text) \
            or text.startswith(("-", "/"), c.end) or _UNIT_OR_COMPOUND.search(text, max(0, c.start - 12), c.start):
        return False
    m = _NEXT_WORD.match(text, c.end)
    return m is None or head_type(m.group(1)) != "Task"


def _with_known_wholes(cands: list[Candidate], groups: list[list[int]], group_of: list[int], keep: list[int],
                       entries: list[Any], probs: np.ndarray) -> list[int]:
    """``keep`` with the group of a known name that holds a kept known name's mention, when not unlikely
    (``KNOWN_WHOLE_FLOOR``): where the text says "Zorb 2", the entity kept as "Zorb" is Zorb 2 (the
    longest span then wins the overlap).
    """
    kept = set(keep)
    known = [i for i, e in enumerate(entries) if e is not None]
    if len(known) < 2 or all(group_of[j] in kept or probs[group_of[j]] < KNOWN_WHOLE_FLOOR for j in known):
        return keep  # (a whole and its part are two mentions; no whole to add)
    add = {group_of[j] for i in known if group_of[i] in kept for j in known
           if group_of[j] not in kept and probs[group_of[j]] >= KNOWN_WHOLE_FLOOR
           and cands[j].start <= cands[i].start and cands[i].end <= cands[j].end
           and cands[j].end - cands[j].start > cands[i].end - cands[i].start}
    return _kept_with(keep, add)


def _with_compared_words(text: str, sents: list[tuple[int, int]], cands: list[Candidate], groups: list[list[int]],
                         group_of: list[int], keep: list[int], probs: np.ndarray) -> list[int]:
    """``keep`` with the groups of one-word names (a capitalised word, an acronym, a coined shape) that a
    comparison leads to: a measured one ("2.1x faster than Zorb", "by 37% relative to QUIB", "47 seconds for Zorb",
    "outperforms Zorb by 28%", "2.9 points above QPS", "above ZeViLA by 4.3") when not unlikely
    (``MEASURED_FLOOR``), any other ("fairer than Zorb and Quill", "Compared with Zorb, ...") when less unlikely
    (``COMPARED_FLOOR``): what a paper measures itself against is a system or method, even one no list holds and
    whose word reads as any capital otherwise. A word the generic list holds (hardware, frameworks: "3x faster
    than CPU") is left to the model, and so is a word a longer capitalised run goes on from ("than Zorb 2").
    """
    def compared(c: Candidate, score: float) -> str | None:
        if c.source not in _COMPARED_SOURCES \
                or "-to-" in c.text or "→" in c.text:  # (a direction between two names: "Synthia-to-Zorbscapes")
            return None
        s = sents[c.sentence][0] if 0 <= c.sentence < len(sents) else 0
        if c.start - s < 6:  # (no comparison before a sentence's first words)
            return None
        before = text[max(s, c.start - 45): c.start].rstrip()
        if (_measured(before, text, c.end) or score >= COMPARED_FLOOR and _compared(before)) \
                and not _RUN_GOES_ON.match(text, c.end) and not is_generic(c.text):
            return ""
        return None

    return _with_each(cands, group_of, keep, probs, MEASURED_FLOOR, compared)[0]


def _with_presented_names(context: DocContext, cands: list[Candidate], group_of: list[int], keep: list[int],
                          probs: np.ndarray) -> list[int]:
    """``keep`` with the groups of capitalised names the authors present in the abstract's first two sentences,
    right after "this paper proposes", "we introduce" or "this work presents" (or the kind apposed to the name
    after it: "we propose a keyword spotter, Quorvel, that …") and before a clause or a comma ("This paper
    proposes Quorvel to reduce …", "This work presents Quorvel, reducing …"), when not unlikely
    (``PRESENTED_FLOOR``): the paper's own name, which it may write once, reads as any capital otherwise. The
    rules must have found it proposed (not a modifier: "we present BERT-based models"); not "we present Monte
    Carlo estimates" (a noun follows), not a phrase with a lower-case word ("we introduce Gaussian priors to"),
    not a word the generic list holds. Anywhere in the abstract, a name the authors give to a thing of a kind they
    make (:func:`~graphbuild.nlp.roles.made_and_named`: "we construct a large corpus called X").
    """
    text, sents, title_end = context.text, context.sents, context.title_end

    def presented(c: Candidate, score: float) -> str | None:
        if not c.proposed or c.start < title_end \
                or not 0 <= c.sentence < len(sents) or not _CAPITALISED_NAME.fullmatch(c.text):
            return None
        if is_generic(c.text):
            return None
        if score >= PRESENTED_FLOOR and made_and_named(text, sents, c):
            return ""  # "we construct a large corpus called X", "by training a compute-optimal model, X, that"
        if c.sentence >= 2 and sents[c.sentence - 2][0] >= title_end:
            return None  # (past the abstract's second sentence: two of its sentences before this one's)
        s = sents[c.sentence][0]
        m = _PRESENTED_BEFORE.search(text, max(s, c.start - PRESENTED_REACH), c.start)
        if m is not None and (score >= PRESENTED_FLOOR or m.group("kind") is not None) \
                and _PRESENTED_AFTER.match(text, c.end) is not None:
            return ""
        return None

    return _with_each(cands, group_of, keep, probs, APPOSED_FLOOR, presented)[0]


def _with_coined_names(prepared: Prepared, keep: list[int], probs: np.ndarray) -> list[int]:
    """``keep`` with the groups of plain capitalised words the abstract coins as names (the feature
    ``coined_plain``: a cue or an appositive brings the word in, and it is written capitalised inside sentences
    twice or more, never in lower case: "a large corpus, Wordhoard, of … Models trained on Wordhoard …"), when not
    unlikely (``COINED_FLOOR``). The entity model, trained on few such words, scores them as any stray capital.
    """
    coined = prepared.space.ids.get("coined_plain")
    if coined is None:
        return keep
    kept = set(keep)
    return _kept_with(keep, {g for g, (ids, _) in enumerate(prepared.group_rows)
                             if g not in kept and probs[g] >= COINED_FLOOR and coined in ids})


#: the least score of a coined plain word (:func:`_with_coined_names`) kept
COINED_FLOOR = 0.03
#: the least score of a name the authors present that :func:`_with_presented_names` keeps
PRESENTED_FLOOR = 0.05
#: the least score of a name presented with its kind apposed ("we propose a keyword spotter, X, that"): the
#: verb, the kind and the commas leave little doubt
APPOSED_FLOOR = 0.03
#: how far before a presented name its proposal verb may start (with a kind apposed between)
PRESENTED_REACH = 90
#: the authors' proposal verb right before a name, or before the kind of thing the name is apposed to: "This paper
#: proposes ", "we introduce ", "This work presents ", "We propose a keyword spotter, "
_PRESENTED_BEFORE = re.compile(word_alternation("We|we|This paper|this paper|This work|this work|This article|"
                                                "this article")
                               + r"\s+(?:\w+ly\s+|also\s+|first\s+|here\s+)?(?:propose|introduce|present)s?\s+"
                               r"(?P<kind>an?\s+(?:[a-z][\w\-]*\s+){0,3}[a-z][\w\-]*\s*,\s+)?$")
#: a name of capitalised words (or words opening with a digit): "Quorvel", "Zorb Net", "Q-Former 2" (not a phrase
#: with a lower-case word: "Gaussian priors")
_CAPITALISED_NAME = re.compile(r"[A-Z0-9][^\s]*(?:\s+[A-Z0-9][^\s]*)*")
#: what follows a presented name: a comma, the sentence's end, a parenthesis, or a clause ("to reduce", "for
#: compressing", "that", "which"), not a noun ("Monte Carlo estimates")
_PRESENTED_AFTER = re.compile(r"\s*(?:[,.;:(]|\s(?:to|for|that|which)\s)")


def _compared(before: str) -> bool:
    """Whether a comparison ends right before a name, perhaps with names listed before it ("than Zorb",
    "compared with Quill and Zorb"). ``before`` is the text before the name, right-stripped.
    """
    return before.endswith(_COMPARED_LIST_ENDS) and _COMPARED_LIST.search(before, max(0, len(before) - 45)) is not None


def _measured(before: str, text: str, end: int) -> bool:
    """Whether a name ending at ``end`` is what a measured comparison is made against: a number in the few
    words before a comparison ("2.1x faster than Zorb"), or a comparison before it and a number by which
    right after it ("outperforms Zorb by 28%"). ``before`` is the text before the name, right-stripped.
    """
    if before.endswith(_MEASURED_ENDS) and _DIGIT.search(before) is not None \
            and _MEASURED_BEFORE.search(before) is not None:
        return True
    return _BY_NUMBER.match(text, end) is not None and _COMPARED_BY.search(before) is not None


#: the least score of a one-word name after a measured comparison that :func:`_with_compared_words` keeps
MEASURED_FLOOR = 0.02
#: ... and after any other comparison (a higher bar: "than Monday", "against Zorb County")
COMPARED_FLOOR = 0.12
#: the proposers of the one-word names :func:`_with_compared_words` considers (a capitalised word, an acronym, a
#: coined shape: "ZeViLA", "U-QAE")
_COMPARED_SOURCES = frozenset(("capword", "acronym", "shape"))
#: a comparison right before a name (``COMPARISON``), with the names listed before it: "than X", "compared with
#: Zorb and X"
_COMPARED_LIST = re.compile(rf"(?<![\w\-])(?:{COMPARISON})(?:\s+the)?{LISTED_NAMES_BEFORE}$")
#: how every match of ``_COMPARED_LIST`` ends (its last letters)
_COMPARED_LIST_ENDS = (*COMPARISON_ENDS, "he", *LIST_GAP_ENDS)
#: a measured comparison right before a name, with the names listed before it: "2.1x faster than X",
#: "by 37% relative to X", "2.5x that of X", "5.8 microseconds for X", "22% lower than Zorb and X" (not a number
#: of another clause: "by 28% and is fairer than X"); besides ``COMPARISON``, words a number makes a comparison
#: ("2x over X", "2.9 points above X", "5.8 ms for X"; alone, "over X", "above X" and "for X" compare nothing)
_MEASURED_BEFORE = re.compile(r"\d(?:[.,]\d+)?\s*(?:x|×|%|-fold)?"
                              r"(?:\s+(?!(?:and|or|but|while|whereas)\b)[\w\-]+){0,4}?\s+"
                              rf"(?:{COMPARISON}|over|above|for|that of)(?:\s+the)?{LISTED_NAMES_BEFORE}$")
#: how every match of ``_MEASURED_BEFORE`` ends (its last letters)
_MEASURED_ENDS = (*COMPARISON_ENDS, "er", "ve", "of", "he", *LIST_GAP_ENDS)
#: a comparison right before a name measured after it ("outperforms X by 28%", "improves on X by 3 points"):
#: ``COMPARISON``, and "improves on / over / upon", "above" and "over", which a number after the name makes a
#: comparison ("improves on X by 3 points", "0.63 MRR, above X by 2.2", "accuracy over X by 2.4"; alone, "improves
#: on X" may name the data improved on, and "over X" the data gone over)
_COMPARED_BY = re.compile(rf"(?<![\w\-])(?:{COMPARISON}|improv(?:es|ed|ing) (?:on|over|upon)|above|over)(?:\s+the)?$")
#: the number by which a comparison differs, right after the name: " by 28%", " by up to 3x"
_BY_NUMBER = re.compile(r"\s+by\s+(?:up to\s+|about\s+|over\s+|nearly\s+|almost\s+)?\d")
#: a digit (the precheck of ``_MEASURED_BEFORE``)
_DIGIT = re.compile(r"\d")


def _with_exemplified_names(text: str, cands: list[Candidate], group_of: list[int], keep: list[int],
                            probs: np.ndarray, entries: list[Any]) -> tuple[list[int], dict[int, str]]:
    """``keep`` with the groups of the names a sentence gives as examples of a kind of artifact, listed right
    after it ("provenance systems such as Zorb and QuibSQL", "classical methods such as Zorb and Quill", "agent
    frameworks, including Zorb-Agent, …"), when not unlikely (``EXEMPLIFIED_FLOOR``): an example of a kind of
    method, model or data set is one, even a name that reads as any capital otherwise. Not the examples of
    another kind ("languages such as Rust", "cases such as Marbury"), a word the generic list holds, nor a
    name in lower case. With the type the kind gives each group added (the model's type of a name it thought
    unlikely is as unsure), and each kept group whose example the gazetteer does not know ("supervised models such
    as Zorb and Quill", "text-to-SQL systems, including Zorb-SQL and Quill": the paper's own word for what its
    examples are, over the weights' guess from a name's shape).
    """
    if "such as" not in text and " like " not in text and "including" not in text and "e.g." not in text:
        return keep, {}  # (most abstracts give no examples)
    kept = set(keep)
    starts: dict[int, list[int]] | None = None
    add: dict[int, str | None] = {}
    typed: dict[int, str] = {}
    for m in _examples_of(text):
        kind = head_type(m.group(1))
        if kind not in ("Model", "Method", "Dataset") and m.group(1) not in _RIVAL_HEADS:
            continue
        if starts is None:
            starts = {}
            for i, c in enumerate(cands):  # (not a run over a list or a clause: "Zorb and Quill", "Zorb on X")
                if "," not in c.text and not any(w in STOP_WORDS for w in c.text.split()[1:]):
                    starts.setdefault(c.start, []).append(i)
        at = m.end()
        for _ in range(_EXAMPLES_REACH):
            here = [i for i in starts.get(at, ()) if _example_ends(text, cands[i].end)]
            if not here:
                break
            i = max(here, key=lambda j: cands[j].end)  # (the longest: "Zorb Net", not "Zorb")
            c, g = cands[i], group_of[i]
            if g not in kept and probs[g] >= EXEMPLIFIED_FLOOR and not c.text.islower() and not is_generic(c.text):
                add.setdefault(g, kind)  # (a rival's kind is the model's to say: "baselines such as X")
            elif g in kept and kind and entries[i] is None:
                typed.setdefault(g, kind)  # (a kept name the gazetteer does not know: "models such as Zorb")
            gap = _EXAMPLE_GAP.match(text, c.end)
            if gap is None:
                break
            at = gap.end()
    return _kept_with(keep, add), {**typed, **{g: kind for g, kind in add.items() if kind}}


def _with_headed_names(text: str, cands: list[Candidate], group_of: list[int], keep: list[int],
                       probs: np.ndarray) -> tuple[list[int], dict[int, str]]:
    """``keep`` with the groups of names written between "the" and the head noun of a collection of data that
    ends the phrase ("the Zorb suite.", "the Quill survey and", "the Zorb cohort, where"; not "the Zorb data
    center"), when not unlikely (``HEADED_FLOOR``): the one collection the name picks out, even a name that reads
    as any capital otherwise; each group added typed Dataset. Not a word the generic list holds ("the English
    corpus"), nor a name in lower case. (Measured, the heads of methods and models too cost CV precision:
    "the Zorb method" names as often a person's or a place's.)
    """
    def headed(c: Candidate, score: float) -> str | None:
        return "Dataset" if _headed_by(text, c, COLLECTION_HEADS) else None

    return _with_each(cands, group_of, keep, probs, HEADED_FLOOR, headed)


def _headed_by(text: str, c: Candidate, heads: frozenset[str]) -> bool:
    """Whether the text writes the name ``c`` (not in lower case, nor a word the generic list holds) between "the"
    and one of ``heads`` that ends the phrase ("the Zorb suite.", "the Zorb cohort, where"; not "the Zorb data
    center"): a head noun of a collection of data for :func:`_with_headed_names` and :func:`_data_headed_type`.
    """
    if not text.endswith(("the ", "The "), 0, c.start) or c.text.islower():
        return False
    m = _HEAD_WORD_AFTER.match(text, c.end)
    return m is not None and m.group(1) in heads and _example_ends(text, m.end()) and not is_generic(c.text)


def _names_no_artifact(text: str, start: int, end: int) -> bool:
    """Whether the text shows the name at ``start:end`` to be a gene, an author, a compound, an instrument or a
    licence (:func:`biological`, :func:`authors_named`, :func:`listed_formula`, :func:`instrumental`,
    :func:`licence_named`): a thing studied, cited, observed with or released under, no artifact of research.
    """
    return (biological(text, start, end) or authors_named(text, start, end) or listed_formula(text, start, end)
            or instrumental(text, start, end) or licence_named(text, start, end))


def _with_code_named(text: str, cands: list[Candidate], group_of: list[int], keep: list[int],
                     probs: np.ndarray) -> tuple[list[int], dict[int, str]]:
    """``keep`` with the groups of the names a science paper gives a code right after the word "code" or
    "solver" ("with the gyrokinetic code Zorbel", "the adaptive mesh refinement code QUILL", "the finite-difference
    solver Wavely"), when not unlikely (``CODE_NAMED_FLOOR``): a simulation or analysis code a sentence names so is
    a method, even a plain word that reads as any capital otherwise. Each group added typed Method. Not a word the
    generic list holds, nor a name in lower case. (Measured before, "code" as a head after a name cost CV
    precision: "the Zorb code" names as often a country's legal code.)
    """
    if " code " not in text and " solver " not in text:
        return keep, {}  # (most abstracts name no code so)
    def code_named(c: Candidate, score: float) -> str | None:
        if c.text.islower() or not c.text[:1].isupper():
            return None
        return "Method" if _CODE_BEFORE.search(text, max(0, c.start - _CODE_REACH), c.start) \
            and _example_ends(text, c.end) and not is_generic(c.text) else None

    return _with_each(cands, group_of, keep, probs, CODE_NAMED_FLOOR, code_named)


def _with_likened_names(text: str, cands: list[Candidate], group_of: list[int], keep: list[int],
                        entries: list[Any], probs: np.ndarray) -> list[int]:
    """``keep`` with the groups of the known names a hyphen joins to a word that likens something to them
    (:data:`LIKENED_AFTER`: "SelfCheckGPT-style consistency checking", "Imagen-like systems", "a
    Reflexion-inspired critic"), when not unlikely (``LIKENED_FLOOR``): the text names the known thing it copies,
    which it may write only so; the entity model, trained where such a name is mostly written elsewhere too,
    scores a lone one as a stray capital. A whole name the gazetteer knows (not the end of a longer one,
    "Med-Zorb-style"), holding a capital, not a generic word; not "-based" ("Transformer-based models" name a
    kind built on a family).
    """
    if "-" not in text:
        return keep
    known = {id(c) for c, e in zip(cands, entries) if e is not None}

    def likened(c: Candidate, score: float) -> str | None:
        if id(c) not in known or c.text.islower() or LIKENED_AFTER.match(text, c.end) is None \
                or c.start > 0 and (text[c.start - 1] == "-" or text[c.start - 1].isalnum()):
            return None
        return None if is_generic(c.text) else ""

    return _with_each(cands, group_of, keep, probs, LIKENED_FLOOR, likened)[0]


#: the least score of a known name used as a likening modifier that :func:`_with_likened_names` keeps
LIKENED_FLOOR = 0.02
#: the least score of a name right after "code" or "solver" that :func:`_with_code_named` keeps
CODE_NAMED_FLOOR = 0.02
#: "the", up to four modifiers, then "code" or "solver" right before a name: "the gyrokinetic code ", "the
#: finite-difference time-domain solver "
_CODE_BEFORE = re.compile(r"\b(?:the|a|an)\s+(?:[\w\-]+\s+){0,4}?(?:code|solver)\s+$")
#: how far before a name its "the … code" may start
_CODE_REACH = 80


#: the least score of a name between "the" and a collection's head that :func:`_with_headed_names` keeps
HEADED_FLOOR = 0.02
#: the word in lower case right after a name
_HEAD_WORD_AFTER = re.compile(r" ([a-z][a-z\-]*)(?![\w\-])")
#: the least score of a name given as an example of a kind that :func:`_with_exemplified_names` keeps
EXEMPLIFIED_FLOOR = 0.02
#: a kind's head noun, then the cue of the examples that follow it: "methods such as ", "systems like ",
#: "frameworks, including ", "attacks (e.g., the " (group 1 the head)
_EXAMPLES_OF = re.compile(r"\b([a-z][a-z\-]*)(?:,?\s+|\s+\()(?:such\s+as|like|including|e\.g\.,?)\s+(?:the\s+)?")
#: a character no match of ``_EXAMPLES_OF`` holds: its matches lie in the stretches between them
_NOT_IN_EXAMPLES_OF = re.compile(r"[^a-z\-,(.\s]")
#: the literals one of which every match of ``_EXAMPLES_OF`` holds
_EXAMPLE_CUES = ("such", "like", "including", "e.g.")


def _examples_of(text: str) -> Iterator[re.Match[str]]:
    """``_EXAMPLES_OF.finditer(text)``, scanned only in the stretches of the text that hold a cue (each bounded by
    characters no match holds, :data:`_NOT_IN_EXAMPLES_OF`: a capital, a digit, ")"): the same matches, without
    trying the pattern at every word of the text.
    """
    cues = sorted(at for cue in _EXAMPLE_CUES for at in _find_all(text, cue))
    reverse = text[::-1] if cues else ""
    stretch_end = 0
    for at in cues:
        if at < stretch_end:
            continue
        before = _NOT_IN_EXAMPLES_OF.search(reverse, len(text) - at)
        after = _NOT_IN_EXAMPLES_OF.search(text, at)
        stretch_end = after.start() if after is not None else len(text)
        yield from _EXAMPLES_OF.finditer(text, len(text) - before.start() if before is not None else 0, stretch_end)


def _find_all(text: str, literal: str) -> Iterator[int]:
    """Where ``literal`` occurs in ``text``."""
    at = text.find(literal)
    while at >= 0:
        yield at
        at = text.find(literal, at + 1)
#: the heads of what a paper measures itself against, of no one kind: "strong baselines such as X"
_RIVAL_HEADS = frozenset(("baseline", "baselines", "competitors", "alternatives"))
#: the most examples read after one cue
_EXAMPLES_REACH = 6
#: between two examples: a list's gap ("Zorb, Quill and Vexa")
_EXAMPLE_GAP = re.compile(LIST_GAP)
#: the word right after an example, when one follows it
_NEXT_WORD = re.compile(r"\s+([a-z]+)\b")


def _example_ends(text: str, end: int) -> bool:
    """Whether an example given of a kind ends at ``end``: punctuation or the text's end follows, or a function
    word ("Zorb and Quill", "Zorb, Quill", "Zorb to …"), not a longer name nor a noun it modifies ("Zorb Net",
    "Gaussian processes").
    """
    if end >= len(text) or text[end] in ",;.:)":
        return True
    m = _NEXT_WORD.match(text, end)
    return m is not None and m.group(1) in STOP_WORDS


#: the least score of a known name holding a kept known name that :func:`_with_known_wholes` keeps
KNOWN_WHOLE_FLOOR = 0.05
#: the least score of a plain capitalised word listed beside a kept name that :func:`_with_listed_words` keeps
LISTED_WORD_FLOOR = 0.06
_PLAIN_CAPWORD = re.compile(r"[A-Z][a-z]{2,}")
#: a capitalised word or a number right after or before a word: the word is part of a longer name
_RUN_GOES_ON = re.compile(r" [A-Z0-9]")
_RUN_CAME = re.compile(r"[A-Z][\w\-]* $")
#: a numbered citation right after a name, perhaps none: " [9]", " [3, 7]", "[12-14]"
_NUMBERED_CITATION = r"(?:\s*\[\d+(?:\s*[,\u2013\-]\s*\d+)*\])?"
#: a list's gap right after and before a plain capitalised word or an acronym, perhaps after the numbered
#: citation of the name before it ("Zorb, ", "Zorb and ", "Zorb [9] and "), without "or": plain words offered
#: as alternatives are as often no names ("English or French"; measured, "or" here cost CV F1 0.0004)
_LISTED_GAP = list_gap("and|&|as well as")
_LISTED_AFTER = re.compile(rf"{_NUMBERED_CITATION}(?:{_LISTED_GAP})")
_LISTED_BEFORE = re.compile(rf"{_NUMBERED_CITATION}(?:{_LISTED_GAP})$")
#: how far before a word the gap and citation of ``_LISTED_BEFORE`` may start
_LISTED_REACH = 40
#: an acronym :func:`_with_listed_words` may add: capitals and digits, two capitals or more, perhaps a plural "s"
_LISTED_ACRONYM = re.compile(r"[A-Z][A-Z0-9]*[A-Z][A-Z0-9]*s?")
#: a number or a hyphen right before a word: the word is a unit ("61 FPS") or the end of a compound
_UNIT_OR_COMPOUND = re.compile(r"(?:\d\s*|-)$")


def _split_listed(cands: list[Candidate], shown: list[list[int]], types: list[str]) -> list[list[int]]:
    """``shown`` without the mentions that join two kept names by "and", "&" or "+" ("Zorb Net and Quix-Merge"),
    each part a shown mention of a kept entity, or that put a language or scope adjective before a kept
    data set's mention ("English ZQB", "Multilingual ZQB"): the parts are the names, the longer span would
    hide them.
    """
    if not any(" and " in t or " & " in t or "+" in t or t.partition(" ")[0] in _SCOPE_ADJECTIVES
               for t in [cands[i].text for members in shown for i in members]):
        return shown  # (no mention joins two parts or opens with such an adjective: nothing to drop)
    spans = {(cands[i].start, cands[i].end) for members in shown for i in members}
    data_spans = {(cands[i].start, cands[i].end) for members, type_ in zip(shown, types) if type_ == "Dataset"
                  for i in members}

    def scoped(c: Candidate) -> bool:
        first, _, rest = c.text.partition(" ")
        return first in _SCOPE_ADJECTIVES and " " not in rest and (c.end - len(rest), c.end) in data_spans

    def listed(c: Candidate) -> bool:
        halves = _listed_halves(c)
        return halves is not None and halves[0] in spans and halves[1] in spans

    return [[i for i in members if " " not in cands[i].text and "+" not in cands[i].text
             or not (listed(cands[i]) or scoped(cands[i]))] for members in shown]


#: an opening phrase's preposition at the start of a sentence, without its comma ("On ", "With a "): the
#: name right after it is the phrase's, the next one the sentence's subject ("On Zorb-3D Quillnet reaches ...")
_OPENING_PREPOSITION = re.compile(r"\s*(?:On|With|Using|For|In|Across|Under|At|From|Over|Against)\s+"
                                  r"(?:the\s+|a\s+|an\s+)?$")


def _opening_pair_cut(text: str, sents: list[tuple[int, int]], c: Candidate) -> int | None:
    """Where the second of two names side by side starts, in a mention that is an opening phrase's name and
    the subject after it, with one space between and nothing else ("On Zorb-3D Quillnet reaches ...",
    "With ZorbNet-50 Quillnet reaches ..."), neither known as a whole nor defined; else ``None``.
    """
    if c.key or c.group >= 0 or c.text.count(" ") != 1 or not 0 <= c.sentence < len(sents):
        return None
    if not _OPENING_PREPOSITION.fullmatch(text, sents[c.sentence][0], c.start):
        return None
    return c.start + c.text.index(" ") + 1


def _split_opening_pairs(text: str, sents: list[tuple[int, int]], cands: list[Candidate],
                         shown: list[list[int]]) -> list[list[int]]:
    """``shown`` without the mentions of an opening phrase's name and the subject side by side
    (:func:`_opening_pair_cut`) whose halves are shown mentions of two other kept entities, the subject's
    written alone elsewhere too: the halves are the names. (Two names written side by side elsewhere, "a
    pre-trained Zorb Quib-S/8", may be one checkpoint's name.)
    """
    if not any(" " in cands[i].text for members in shown for i in members):
        return shown
    entity_spans: dict[tuple[int, int], list[tuple[int, int]]] = {}  # a shown span -> its entity's spans
    for members in shown:
        own = [(cands[i].start, cands[i].end) for i in members]
        for span in own:
            entity_spans[span] = own
    drop: set[int] = set()
    for members in shown:
        for i in members:
            c = cands[i]
            cut = _opening_pair_cut(text, sents, c)
            if cut is None:
                continue
            left, right = (c.start, cut - 1), (cut, c.end)
            if left in entity_spans and right in entity_spans and left not in entity_spans[(c.start, c.end)] \
                    and any(e <= c.start or b >= c.end for b, e in entity_spans[right]):
                drop.add(i)
    return [[i for i in members if i not in drop] for members in shown] if drop else shown


def _without_data_qualifiers(cands: list[Candidate], shown: list[list[int]], types: list[str]) -> list[list[int]]:
    """``shown`` without the mentions that put a split, a setting or a language after a kept data set's mention
    ("Zorb test", "ZQB dev", "ZQB English", "ZQB Results" of a title): the data set's is the name (as the
    adjective before it, :func:`_split_listed`). A language closing a name the gazetteer knows is part of it
    ("Zorb-Call Spanish"); a split word is never (ANNOTATION.md), whatever the gazetteer lists.
    """
    if not any(cands[i].text.rpartition(" ")[2] in _DATA_QUALIFIERS for members in shown for i in members):
        return shown
    data_spans = {(cands[i].start, cands[i].end): g for g, (members, type_) in enumerate(zip(shown, types))
                  if type_ == "Dataset" for i in members}

    def qualified(g: int, c: Candidate) -> bool:
        head, _, last = c.text.rpartition(" ")
        return bool(head) and last in (DATA_SPLIT_WORDS if c.key else _DATA_QUALIFIERS) \
            and data_spans.get((c.start, c.start + len(head)), g) != g

    return [[i for i in members if not qualified(g, cands[i])] for g, members in enumerate(shown)]


#: what a data set's name may be followed by that is no part of it: a split or setting, a language
_DATA_QUALIFIERS = DATA_SPLIT_WORDS | frozenset(LANGUAGES)


#: what joins two names in one mention: "and", "&", or a plus between a name and a capital ("ZorbNet+QPN",
#: a model and its backbone or head; never the "++" of a name)
_LISTING = re.compile(r" (?:and|&) |(?<=[\w)])\+(?=[A-Z])")


def _listed_halves(c: Candidate) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """The spans of the two parts a mention joins by one "and", "&" or "+" ("Zorb Net and Quix-Merge",
    "ZorbNet+QPN"), or ``None``.
    """
    text = c.text
    if " and " not in text and " & " not in text and "+" not in text:  # (what every match of _LISTING holds)
        return None
    m = _LISTING.search(text)
    if m is None or _LISTING.search(text, m.end()) is not None:
        return None
    return (c.start, c.start + m.start()), (c.start + m.end(), c.end)


#: adjectives of language or scope that qualify a data set's name written after them
_SCOPE_ADJECTIVES = frozenset(
    (*LANGUAGES, *"Multilingual Monolingual Bilingual Crosslingual Cross-lingual Cross-Lingual".split()))


def _defined_type(text: str, title_end: int, cands: list[Candidate], members: list[int],
                  learned: str | None = None) -> str | None:
    """The one scored type the paper's own words give a name it introduces ("We introduce X, a benchmark
    of …", "X: A Benchmark for …"), which the type model's weights do not override; ``None`` when their words
    give no type or two. A name no rule marks as the authors' (none of its mentions proposed or named) is typed
    only by the kind named right before a mention in the abstract (:func:`~.features._kind_named_before`: "The
    captioner, X, …", "our codec—X—", "a retrieval model called X"), not by its title or an appositive after it
    (the dev sets' names so typed gained 2 right types, the annotated abstracts' CV 1). A Method given only by an
    umbrella kind (:data:`_UMBRELLA_KINDS`) to a name the model types Model and whose ending marks a model's
    (:func:`~.entity_types.shape_votes`: "a novel segmentation method, ZorbFormer") is left to the model (the
    annotated abstracts' CV: 5 right types more, none lost; the dev sets: none changed).
    """
    if not any(cands[i].proposed or cands[i].named for i in members):
        types = {t for i in members if cands[i].start >= title_end
                 for t in [_kind_named_before(text, title_end, cands[i].start)
                           or copula_kind(text, cands[i].end, min(len(text), cands[i].end + 70))]
                 if t in SCORED_TYPES}
        return types.pop() if len(types) == 1 else None
    types = {t for i in members for t in [defined_type(text, title_end, cands[i])] if t in SCORED_TYPES}
    if not types and all(cands[i].start >= title_end for i in members):
        types = _title_form_type(text, title_end, {cands[i].text for i in members})
    if not types:
        types = _unproposed_mention_types(text, title_end, cands, members)
    if len(types) != 1:
        return None
    t = types.pop()
    if t == "Method" and learned == "Model" and any("Model" in shape_votes(cands[i].text) for i in members):
        # an umbrella word ("a novel method, X", "a framework named X") does not retype a name its ending marks
        # as a model's ("…Net", "…former"): with those words masked, the sentence must still call it a method
        masked = _UMBRELLA_KINDS.sub(lambda m: "x" * len(m.group()), text)
        if masked != text and _defined_type(masked, title_end, cands, members) != "Method":
            return None
    return t


#: the kind words authors give whatever they contribute, an architecture as well as a procedure
_UMBRELLA_KINDS = re.compile(r"\b(?i:method|approach|framework)s?\b")


def _long_head_type(cands: list[Candidate], members: list[int]) -> str | None:
    """The type the head noun of a name's long form decides (:func:`~.features.long_head_type`: "Hierarchical
    Koala Graph Network (HKGN)" a model, "Koala Contrastive Loss (KCL)" a method), over the kind the sentence
    names it as ("we develop a new framework, …") and the type model's weights; ``None`` without a long form
    of an abbreviation pair so headed.
    """
    for i in members:
        if cands[i].source == "abbrev-long":
            t = long_head_type(cands[i].text)
            if t is not None:
                return t
    return None


#: the head word of a name of several capitalised words that names a collection of data: the lexicon's collection
#: heads (:data:`~graphbuild.nlp.lexicon.COLLECTION_HEADS`: "Current Population Survey", "Human Microbiome Project",
#: "UK Renal Registry"), a study ("Framingham Heart Study") and a benchmark run as a contest, whose name ends in the
#: contest's word ("the Wrenfold Challenge", "TREC Quillon Track", "Marlow Cup": its data and leaderboard; in the
#: singular only, "Key Challenges" being no name); the head before an "of": "Panel Study of Income Dynamics",
#: "Survey of Income and Program Participation" (:func:`_name_head`)
_COLLECTION_HEADS = COLLECTION_HEADS | {"study", "studies", "challenge", "track", "competition", "cup"}


#: the capitalised articles and determiners a sentence may open a name with
_DETERMINERS = frozenset("The A An This These That Our Its Their".split())


def _collection_type(cands: list[Candidate], members: list[int], entries: list[Any]) -> str | None:
    """"Dataset" for a name the gazetteer does not know, of two or more capitalised words, whose head word names a
    collection of data (:data:`_COLLECTION_HEADS`): a survey, panel, census or project is data, whatever the type
    model learned of such words on text about machine learning (it saw few); else ``None``.
    """
    if any(entries[i] is not None for i in members):
        return None
    for i in members:
        words = cands[i].text.split()
        if words[:1] and words[0] in _DETERMINERS:
            continue  # a sentence's capitalised article before the name ("The Wrenfold Challenge is …"): no part of it
        if len(words) >= 2 and _name_head(words).lower() in _COLLECTION_HEADS and all(
                w[:1].isupper() for w in words if w not in _NAME_JOINERS):
            return "Dataset"
    return None


#: the nouns for a body of data that, right after "the" and a name, make the name a data set's ("the Zorb NDVI
#: product", "the Zorb reanalysis", "the Zorb cohort"): a collection's heads and a data product's
_DATA_HEADS = COLLECTION_HEADS | {"product", "products", "reanalysis", "microdata", "histories"}


def _data_headed_type(text: str, cands: list[Candidate], members: list[int], entries: list[Any]) -> str | None:
    """"Dataset" for a name the gazetteer does not know that the text writes between "the" and a noun for a body of
    data ending the phrase (:data:`_DATA_HEADS`: "from the Zorb NDVI product,", "the Zorb cohort, where"), whatever
    the type model made of its shape; else ``None``.
    """
    if any(entries[i] is not None for i in members):
        return None
    return "Dataset" if any(_headed_by(text, cands[i], _DATA_HEADS) for i in members) else None


#: the word "data" after a name, past up to two words that modify it, ending the phrase: "on Zorb data.", "trained
#: on Zorb preference data, …", "the Zorb shared task data and …" (group 1 the modifiers)
_DATA_AFTER = re.compile(r"((?: [a-z][a-z\-]*){0,2}) data(?![\w\-])")


#: a preposition or article right before a name, so that a word between the name and "data" modifies "data"
#: ("trained on Zorb preference data"), not a verb the name is the subject of ("Zorb mixes data", "models such as
#: Zorb release data")
_DATA_NAME_LED = re.compile(r"\b(?:on|from|with|of|in|the|using|by|for|to|into|over|across)\s+$", re.I)


def _word_goes_on(text: str, start: int) -> bool:
    """Whether the word before ``start`` runs on into it: ``start`` is inside a word ("RLHF" in "HH-RLHF")."""
    return start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-'’")


def _data_followed_type(text: str, cands: list[Candidate], members: list[int]) -> str | None:
    """"Dataset" for a name the text writes as what modifies the word "data" (:data:`_DATA_AFTER`: "fine-tuned on Zorb
    data", "trained on Zorb preference data"; not "Zorb generated data", "Zorb without data augmentation"), where no
    mention heads a model's noun ("the Zorb model"): a name of a model the gazetteer knows may name the data released
    with it ("on Alpaca data"), which the gazetteer's type does not decide. Not a name in lower case: a technique's
    ("instruction tuning data" is data made for it). The annotated abstracts' capitalised names so written are data
    sets but for one (10 to 1), the dev sets' 67 to 4; else ``None``.
    """
    if any(m is not None and head_type(m.group(1)) == "Model"
           for i in members for m in [_HEAD_WORD_AFTER.match(text, cands[i].end)]):
        return None
    for i in members:
        m = _DATA_AFTER.match(text, cands[i].end)
        if m is None or cands[i].text.islower() or _word_goes_on(text, cands[i].start) \
                or not _example_ends(text, m.end()):
            continue
        words = m.group(1).split()
        if not words or _DATA_NAME_LED.search(text, max(0, cands[i].start - 12), cands[i].start) is not None and all(
                w not in STOP_WORDS and not w.endswith(("ed", "ly", "s")) for w in words):
            return "Dataset"
    return None


def _checkpoint_type(cands: list[Candidate], members: list[int], entries: list[Any]) -> str | None:
    """"Model" for a name the gazetteer does not know written as a checkpoint's identifier in lower case, with a
    size, a casing, a tuning, a parameter count or a release date among its parts (:func:`~.patterns.checkpoint_id`:
    "bert_base_uncased", "wav2vec2-large-xlsr-53", "claude-3-5-sonnet-20241022"): hubs name model weights so. A rule,
    not a feature: the annotated abstracts write a handful of such identifiers; else ``None``.
    """
    if any(entries[i] is not None for i in members):
        return None
    return "Model" if any(checkpoint_id(cands[i].text) for i in members) else None


def _checkpoint_marked(cands: list[Candidate], members: list[int], type_: str) -> str:
    """"Model" for a name typed a method, whatever typed it, that carries a checkpoint's marks
    (:data:`CHECKPOINT_MARKS`: "Zorb-8B-SFT", "Quill-0.6B-Instruct", "Zorb-Q-Chat"): the weights of one size or
    tuning, which what the paper says of the family ("We introduce Zorb, a pipeline that …") does not type. Else
    ``type_``.
    """
    if type_ == "Method" and any(CHECKPOINT_MARKS.search(cands[i].text) for i in members):
        return "Model"
    return type_


def _name_head(words: list[str]) -> str:
    """The head word of a name of several words: the last one before its first "of" ("Survey of Income and Program
    Participation" -> "Survey"), else its last one ("Current Population Survey" -> "Survey").
    """
    k = words.index("of", 1) if "of" in words[1:] else len(words)
    return words[k - 1]


def _drawn_type(context: DocContext, cands: list[Candidate], members: list[int], entries: list[Any]) -> str | None:
    """"Dataset" for a name the gazetteer does not know that the abstract first names as what units of data are
    drawn from ("image-text pairs from X", "subsets of X": :func:`~graphbuild.nlp.features.drawn_from`) or says
    holds a count of items ("X contains 2,310 reactions", "X, 3,400 questions over …":
    :func:`~graphbuild.nlp.features.counted_contents`, rare in the annotated abstracts) or names what the authors
    give out as no model, code or method ("We release the collected ratings as X":
    :func:`~graphbuild.nlp.features.released_as`) or lists before a data set's head noun ("the biomedical X and Y
    datasets": :func:`~graphbuild.nlp.features.listed_as_data`); else
    ``None``. A rule, not a feature: the annotated abstracts hold too few such phrases for a weight to be learned
    (as a type vote, the first cost CV proposed-precision 0.0009).
    """
    if any(entries[i] is not None for i in members) or not (drawn_from(context, cands, members)
                                                             or counted_contents(context, cands, members)
                                                             or released_as(context, cands, members)
                                                             or listed_as_data(context.text, context.title_end,
                                                                               cands, members)):
        return None
    return "Dataset"


def _predicated_type(context: DocContext, cands: list[Candidate], members: list[int], entries: list[Any],
                     type_: str) -> str | None:
    """"Model" for a name the gazetteer does not know that the type model calls a method, where the abstract says of
    it what only a model is or does ("X is trained on …", "X is a 1.5B model", "X runs at 25 FPS":
    :func:`~graphbuild.nlp.features.model_predicated`); else ``None``. A rule, not a feature: the annotated abstracts
    hold a handful of such predicates (the invented dev sets 40 of models proposed to 4 of methods).
    """
    if type_ != "Method" or any(entries[i] is not None for i in members) \
            or not model_predicated(context, cands, members):
        return None
    return "Model"


#: the word "model" in a lowered text, or "force field" (a model of the forces between atoms:
#: :func:`~.lexicon.modified_head_type`): a paper that writes it may name models without a word of learning ("the
#: Quenby model of runoff", "the Bradley-Terry model", "the Pelliton polarisable force field")
_MODEL_WORD = re.compile(r"\b(?:model(?:s|ling|ing)?|force fields?)\b")


def _unlearned_type(prepared: Prepared, members: list[int], type_: str) -> str:
    """"Method" for a name the type model calls a model in an abstract that speaks of no models at all (no word of
    machine learning, no name the gazetteer knows as a model's, no word "model": :attr:`Prepared.learning`), unless
    the name is shaped as a model's (:func:`_model_shaped`): there a named system, protocol, policy or tool
    ("compared with Brindle and QPX", "prior tools such as ReFlakr") is a method, what the weights, fitted mostly
    on abstracts about learning, do not tell from a model's name. A title alone is left to the weights (a title
    says too little of its field: "Zorbcast: Wildfire Spread Prediction from …" names a model), but where it
    opens with a name shaped as a model's ("Zorb-tts: lightweight text-to-speech for …") that name is a model,
    whatever the weights of titles alone, fitted on few such titles, make of it. And "Model" for a name the type
    model calls a method that ends in a size word of a released model (:data:`SIZE_TIER`: "Zorb-MT-small",
    "Quill-Large", "Zorb-XL"): a checkpoint of a family, as the dev sets' 181 such names of models to 7 of data
    sets and none of methods say. Else ``type_``.
    """
    if type_ == "Model" and not prepared.learning and not prepared.context.bare \
            and not any(_model_shaped(prepared.cands[i].text) for i in members):
        return "Method"
    if type_ == "Method" and prepared.context.bare and any(
            prepared.cands[i].start == 0 and _model_shaped(prepared.cands[i].text) for i in members):
        return "Model"
    if type_ == "Method" and any(SIZE_TIER.search(prepared.cands[i].text) for i in members):
        return "Model"
    return type_


def _model_shaped(name: str) -> bool:
    """Whether a name, or the family before its size or variant ("BC-ZorbNet-1" of "BC-ZorbNet"), ends as a
    model's name does ("…Net", "…BERT": :func:`~graphbuild.nlp.entity_types.shape_votes`).
    """
    m = _SIZED_VARIANT.match(name)
    return "Model" in shape_votes(name) or m is not None and "Model" in shape_votes(m.group(1))


#: the lower-case words a name of capitalised words may hold ("Panel Study of Income Dynamics")
_NAME_JOINERS = frozenset({"of", "and", "for", "the", "on", "in", "&"})


def _unproposed_mention_types(text: str, title_end: int, cands: list[Candidate], members: list[int]) -> set[str]:
    """The scored types the abstract gives a name at its mentions no proposer found, most often a coined word
    opening a sentence ("Zorb: Diagram Parsing with …" then "Zorb is a vision-language model that …", "Zorb, a
    compact vocoder, …"): each whole-word occurrence of a member's form in the abstract past the members' own,
    typed as an abstract mention is (:func:`~.features.defined_type`: an appositive, a copula, a kind named
    before it).
    """
    types: set[str] = set()
    starts = {cands[i].start for i in members}
    for form in {cands[i].text for i in members}:
        for at in whole_occurrences(text, form, title_end):
            if at not in starts:
                t = defined_type(text, title_end, Candidate(at, at + len(form), form, "title"))
                if t in SCORED_TYPES:
                    types.add(t)
    return types


def _title_form_type(text: str, title_end: int, forms: set[str]) -> set[str]:
    """The scored types the title gives a name whose title mention belongs to a longer span ("The Zorb-Q
    Dataset for …" read as one run): each whole-word occurrence of a form in the title, typed there.
    """
    types: set[str] = set()
    for form in forms:
        for at in whole_occurrences(text, form, 0, title_end):
            t = _title_kind(text, at + len(form), title_end)
            if t in SCORED_TYPES:
                types.add(t)
    return types


#: a size word of a released model ending a name of two parts or more: "Quorra-mini", "Quorra-MT-Large", "Quorra XL"
#: (not the words a runtime's or a tool's edition takes as well: "Lite", "Micro", "Nano")
SIZE_TIER = re.compile(r"\w[- ](?i:mini|tiny|small|base|medium|big|large|xl|xxl)$")
#: a checkpoint's marks in a name: a count of billions of parameters among its parts ("Quorra-8B", "Quorra-0.6B-Chat";
#: the dev sets and the 907: over 1,000 models, some data sets named by their size, "LAION-2B", no method) or a
#: tuning or quantisation after two parts at least ("Quorra-4B-Chat-INT4", "Quorra-MT-Instruct"; not "Self-Instruct",
#: "Diffusion-DPO", methods)
CHECKPOINT_MARKS = re.compile(r"[- ]\d+(?:\.\d+)?B(?:$|[- ])|-[^\s-]+-(?:Instruct|Chat|SFT|DPO|INT[48]|GPTQ|AWQ)$")
#: the sizes written after a family's name: a size word, a letter of one ("-T", "-L")
_SIZE_MARKS = rf"(?i:{SIZE_WORDS}|big|huge|giant|xl|xxl)|[SBMLHT]"
#: a size or variant after a family's name: "Quorra-7B", "Quorra-mini", "Quorra-S", "Quorra v2"
_SIZED_VARIANT = re.compile(rf"^(.+?)[- ](?:{_SIZE_MARKS}|\d+(?:\.\d+)?[BMK]?|v\d+(?:\.\d+)*)$")


#: a successor's mark after a name: "Quorra++", "Quorra+"
_SUCCESSOR = re.compile(r"^(.+?[^+\s])\+{1,2}$")


def _sibling_types(cands: list[Candidate], groups: list[list[int]], type_probs: np.ndarray) -> list[int]:
    """The likeliest scored type of each kept group, one type for the sized variants of one family
    ("EarNet-mini" and "EarNet-tiny", "X-S", "X-B" and "X-L") and for a successor and the name it
    succeeds ("Quorra++" and "Quorra"): their type probabilities summed.
    """
    best = np.argmax(type_probs, axis=1).tolist()
    for ks in _families(cands, groups):
        if len(ks) > 1:
            t = int(np.argmax(type_probs[ks].sum(axis=0)))
            for k in ks:
                best[k] = t
    return best


def _family_defined_types(cands: list[Candidate], groups: list[list[int]],
                          defined: list[str | None]) -> list[str | None]:
    """The types the paper's words give the groups (``defined``, ``None`` where they give none), each family's
    one given type also for its members given none (:func:`_families`): "Zorb-3: A Graph Foundation Model" types
    "Zorb-2" beside it a model as well, which the type model's summed votes may call a method (the dev sets: 2
    right types more, none lost; with the name the versions are of, "Zorb" beside "Zorb-Small", 6 lost).
    """
    if not any(defined):
        return defined
    out = list(defined)
    for ks in _families(cands, groups):
        given = {defined[k] for k in ks if defined[k] is not None}
        if len(ks) > 1 and len(given) == 1:
            t = given.pop()
            for k in ks:
                out[k] = out[k] or t
    return out


def _families(cands: list[Candidate], groups: list[list[int]]) -> list[list[int]]:
    """The indices of ``groups`` that name one family: the sized variants or versions of one name ("EarNet-mini"
    and "EarNet-tiny", "X-S" and "X-L", "Quorra-2" and "Quorra-3"; not the name itself, which may be another
    thing: "Zorb-Small" and "Zorb-Large" trained with the method "Zorb") and a successor with the name it succeeds
    ("Quorra++" and "Quorra").
    """
    families: dict[str, list[int]] = {}
    successors: dict[str, list[int]] = {}
    for k, members in enumerate(groups):
        for i in members:
            text = cands[i].text
            # (each pattern tried only where its every match can be: a size or version after a hyphen or a space,
            # a plus sign)
            m = _SIZED_VARIANT.match(text) if "-" in text or " " in text else None
            if m is not None:
                families.setdefault(m.group(1), []).append(k)
                break
            m = _SUCCESSOR.match(text) if "+" in text else None
            if m is not None:
                successors.setdefault(m.group(1), []).append(k)
                break
    if successors:  # the name a successor succeeds, where the paper writes it
        for k, members in enumerate(groups):
            base = next((cands[i].text for i in members if cands[i].text in successors), None)
            if base is not None and k not in successors[base]:
                successors[base].append(k)
    return [*families.values(), *successors.values()]


def _proposed_by_rules(chosen: _Chosen, members: list[int]) -> bool:
    """Whether the rules mark an entity proposed whatever the proposed model's probability: the authors plainly
    own it, a naming cue names it, they make and name it, the title names it as their own kind, it is what they
    make, it opens as new, or data the gazetteer does not know is released under it.
    """
    prepared = chosen.prepared
    cands, context = prepared.cands, prepared.context
    text, title_end = context.text, context.title_end
    return (owned_by_authors(text, title_end, cands, members)
            or any(cands[i].named for i in members)
            or _made_and_named(context, cands, members)
            or titled_own_kind(text, title_end, cands, members)
            or made_object(text, title_end, cands, members)
            or _opens_as_new(chosen, members)
            or _named_as_new_kind(chosen, members)
            or _joined_to_own(chosen, members)
            or all(prepared.entries[i] is None for i in members) and (released_as(context, cands, members)
                                                                      or _counted_by_authors(context, cands, members)))


#: the authors' verb of making in a sentence, before the data they make: "We annotate X, 22,000 posts …", "We
#: present A, …, and X, 36,000 transcribed lines"
_MADE_DATA_BEFORE = re.compile(r"\b[Ww]e\s+(?:\w+ly\s+|also\s+)?(?:" + INTRODUCING_VERBS
                               + r"|annotat|assembl|record|gather|label|writ|crowdsourc)\w*")


def _counted_by_authors(context: DocContext, cands: list[Candidate], members: list[int]) -> bool:
    """Whether the abstract first names an entity with a count of the items it holds as its appositive
    (:data:`~graphbuild.nlp.features.COUNTED_APPOSED`: "X, 22,000 posts in Hausa") after the authors' verb of
    making in that sentence (:data:`_MADE_DATA_BEFORE`: "We annotate X, 22,000 posts", "We present A, a recogniser
    …, and X, 36,000 transcribed lines"): data the authors make, however far the verb.
    """
    first = _first_in_abstract(context, cands, members)
    if first is None:
        return False
    c, s = first
    return COUNTED_APPOSED.match(context.text, c.end) is not None \
        and _MADE_DATA_BEFORE.search(context.text, s, c.start) is not None


def _finish(chosen: _Chosen, prop: np.ndarray, threshold: float, proposed_threshold: float) -> Decision:
    """The decision on a document's chosen entities given the proposed model's probabilities ``prop``
    (one per kept group that is no task, in their order): which the paper proposes, the siblings it
    releases with them, and every mention's type, role and entity.
    """
    prepared, kept_groups, taken = chosen.prepared, chosen.kept_groups, chosen.taken
    cands, groups, context = prepared.cands, prepared.groups, prepared.context
    text, sents, title_end = context.text, context.sents, context.title_end
    entities: list[list[int]] = []
    # a lower-case phrase kept only by the lower threshold is proposed only when that is clear; a task the
    # gazetteer knows is no paper's own; data the authors give out under a name is theirs ("We release the
    # ratings as X", a name the gazetteer does not know: typed Dataset by :func:`_drawn_type`, which the proposed
    # model sees less often as proposed)
    probs = _per_group(kept_groups, prop.tolist())
    proposed = [bool(type_ != "Task" and (p >= proposed_threshold
                                          and (cands[members[0]].score >= threshold or p >= LOWER_PROPOSED)
                                          or _proposed_by_rules(chosen, members)))
                for (members, type_, _), p in zip(kept_groups, probs)]
    proposed = _without_unclaimed_guesses(chosen, proposed, probs)
    proposed = _title_descriptions(cands, kept_groups, proposed, title_end, text)
    proposed = _without_title_bases(chosen, proposed)
    proposed = _without_titled_absences(chosen, proposed)
    proposed = _without_prior_work(chosen, proposed)
    proposed = _without_listed_with_others(chosen, proposed, probs)
    proposed = _without_eponyms(chosen, proposed)
    proposed = _without_known_in_title_alone(chosen, proposed)
    proposed = _without_known_applied(chosen, proposed)
    proposed = _without_opening_background(chosen, proposed)
    proposed = _without_tools_used(chosen, proposed)
    proposed = _without_named_in_passing(chosen, proposed)
    proposed = _without_disclaimed(chosen, proposed)
    proposed = [is_proposed and not trained_on(context, cands, members)
                and not _only_compared(cands, members, title_end)
                for (members, _, _), is_proposed in zip(kept_groups, proposed)]
    proposed = _with_variants(cands, [members for members, _, _ in kept_groups], proposed)
    siblings = _released_siblings(text, cands, groups, kept_groups, proposed, taken)
    kept_groups += siblings
    proposed += [True] * len(siblings)
    sized = _sized_variants(cands, prepared.entries, groups, kept_groups, proposed, taken)
    kept_groups += sized
    proposed += [True] * len(sized)
    for (members, type_, kept), is_proposed in zip(kept_groups, proposed):
        for i in members:
            c = cands[i]
            if c.type != type_ and 0 <= c.sentence < len(sents):
                c.role = role_of(text, sents[c.sentence], c, type_)  # the roles followed the rules' type
            c.type = type_
            c.proposed = is_proposed
        for i in kept:
            cands[i].entity = len(entities)
        entities.append(kept)
    return Decision(cands, chosen.probs, entities)


#: the authors' own or new thing right before a name (a name listed before it between): "our ", "this ", "the new ",
#: "the proposed ", "the resulting " ("our Zorb package" is the paper's own)
_TOOL_OWNED_BEFORE = re.compile(r"\b(?:[Oo]ur|[Tt]his|[Tt]hese|[Nn]ew|[Pp]roposed|[Rr]esulting)\s+"
                                r"(?:[A-Z][\w\-]*\s+(?:and|&)\s+)?$")
#: how far before a name its owner's word may start
_TOOL_REACH = 40
#: right after a name, up to two modifiers, then the head of a tool, a code, a recording instrument or a catalogue:
#: " package", " radiative transfer code", " polarisable force field", " pipeline", " implementation", " recorders",
#: " catalogues" (no function word or verb between: not "Zorb runs the code")
_TOOL_AFTER = re.compile(r"\s+(?:(?!(?:the|a|an|our|its|their|this|that|and|or|of|to|in|on|is|are|was|were|with|for|"
                         r"by|as|from)\b)[a-z][a-z\-]*\s+){0,2}?(?:code|codes|package|library|toolkit|toolbox|software|"
                         r"program|pipeline|implementation|recorders?|loggers?|force\s+field|plugin|plug-in|"
                         r"event\s+generator|product|catalogues?|catalogs?|archives?)\b")


def _tool_used(context: DocContext, c: Candidate) -> bool:
    """Whether the mention ``c`` names a tool the authors work with by its head: "with the Zorbix radiative
    transfer code", "from the Quakrix package", "by the Snapvex pipeline", "with Parvox recorders", "with the Zorb
    and Quill catalogues"; not the authors' own or new one ("our Zorb package") nor in a sentence where the authors
    make or release something ("We release the Zorbix code, which we developed").
    """
    text = context.text
    if _TOOL_AFTER.match(text, c.end) is None \
            or _TOOL_OWNED_BEFORE.search(text, max(0, c.start - _TOOL_REACH), c.start) is not None:
        return False
    start, end = context.sents[c.sentence] if 0 <= c.sentence < len(context.sents) else (c.start, c.end)
    return _PROPOSE.search(text, start, end) is None


def _without_tools_used(chosen: _Chosen, proposed: list[bool]) -> list[bool]:
    """``proposed``, without a name the abstract first gives as a tool, code or instrument the work runs on
    (:func:`_tool_used`: "Thresholds are compared with those from the Quakrix package"), when no naming cue names
    it, the rules do not find it proposed and the authors do not own it ("our"): a package, a simulation code
    or a recorder named by its head is, far more often than not, someone else's that the study uses; the
    learned decision, reading an unknown name with no other proposal in the abstract, marks it proposed.
    """
    context = chosen.prepared.context
    text, title_end, cands = context.text, context.title_end, chosen.prepared.cands
    out = []
    for (members, _, _), is_proposed in zip(chosen.kept_groups, proposed):
        if is_proposed:
            body = [i for i in members if cands[i].start >= title_end]
            first = min(body, key=lambda i: cands[i].start) if body else None
            is_proposed = not (first is not None and _tool_used(context, cands[first])
                               and not any(cands[i].named or cands[i].proposed for i in members)
                               and not owned_by_authors(text, title_end, cands, members))
        out.append(is_proposed)
    return out


#: the authors' word that the paper brings nothing in: "We propose no new model", "we release no new model, only
#: …", "No new method is proposed", "The study proposes nothing new", "We do not propose a new optimizer" (not
#: "propose nothing else", said past what the authors release)
_NOTHING_PROPOSED = re.compile(
    r"\b(?:propos|introduc|releas|offer|describ|report|nam|train|collect|present)\w*\s+(?:no\s+(?:new|novel)\b|"
    r"nothing(?!\s+else)\b)"
    r"|\bpropos\w*\s+no\s+\w+"
    r"|\b[Nn]o\s+(?:new|novel)\s+(?:[\w-]+\s+){1,3}(?:is|are|was|were)\s+(?:proposed|introduced|presented)\b"
    r"|\b[Nn]othing\s+new\s+is\s+proposed\b"
    r"|\bdo(?:es)?\s+not\s+propose\s+(?:a|an|any)\b")
#: what every match of :data:`_NOTHING_PROPOSED` holds ("no" before a word, "nothing", "not propose", "No", "Nothing"),
#: each opening with a literal the regular-expression engine skips to: most abstracts hold none, and the whole
#: pattern, tried at every character, cost 2% of extraction
_NOTHING_HINTS = (re.compile(r"no(?:\s+\w|thing\b|t\s+propose)"), re.compile(r"No(?:\s|thing)"))


def _without_disclaimed(chosen: _Chosen, proposed: list[bool]) -> list[bool]:
    """``proposed``, where the abstract says it brings nothing in (:data:`_NOTHING_PROPOSED`: an evaluation, an
    audit, a replication), without an entity no rule finds the authors' own (:func:`_proposed_by_rules`, or a
    mention after the title the rules guess proposed): the learned decision, reading a coined name the authors
    train or evaluate ("We train ByT5-small …. We release no new model"), or a title phrase, finds it theirs.
    """
    context = chosen.prepared.context
    if not any(hint.search(context.text, context.title_end) for hint in _NOTHING_HINTS) \
            or _NOTHING_PROPOSED.search(context.text, context.title_end) is None:
        return proposed
    cands = chosen.prepared.cands
    return [is_proposed and (_guessed_in_abstract(cands, members, context.title_end)
                             or _proposed_by_rules(chosen, members))
            for (members, _, _), is_proposed in zip(chosen.kept_groups, proposed)]


def _without_named_in_passing(chosen: _Chosen, proposed: list[bool]) -> list[bool]:
    """``proposed``, without a name the abstract gives once, past its opening, with no cue of the authors' own
    (the feature ``once_late``), right after a word of use or comparison (:data:`~.features.IN_PASSING_BEFORE`:
    "tracked with KISS-ICP", "4 points over Zorb", "following the Zorb recipe", "on the Zorb open samples"), or
    before the paper's own name in its sentence (``beside_claimed=before``: "Zorb on Quillfs runs 1.6x faster",
    "Replacing Zorb's placement, Quillloc cuts …"): the tool, baseline or data a sentence names in passing is
    someone else's; the learned decision, reading an unknown coined name in an abstract that proposes
    something, can find it likelier than not the paper's own. A size or version of a name the paper proposes
    stays proposed (:func:`_with_variants`, after this), and so does a name apposed to "a new" kind
    (:func:`_named_as_new_kind`: "On X and a new Welsh sentiment set, Y, Zorb leads": before the paper's own name,
    but the authors' data too).
    """
    return [is_proposed and not ("once_late" in row and ("beside_claimed=before" in row
                                                         or any(key in row for key in IN_PASSING_BEFORE))
                                 and not _named_as_new_kind(chosen, members))
            for row, (members, _, _), is_proposed in zip(_group_rows(chosen), chosen.kept_groups, proposed)]


def _made_and_named(context: DocContext, cands: list[Candidate], members: list[int]) -> bool:
    """Whether the authors make a thing of a kind and give it its name, in the abstract ("by training a
    compute-optimal model, Chinchilla, that …", "We curate a benchmark, Wordhoard, of …":
    :func:`~graphbuild.nlp.roles.made_and_named`): a name the gazetteer knows is that of the paper that
    introduced it, which names it first there; a coined one is the paper's own even where the decision kept it
    by that cue alone, with a low score (the rules' proposal, then, weighs too little against it).
    """
    body = [i for i in members if cands[i].start >= context.title_end]
    if not body:
        return False
    first = min(body, key=lambda i: cands[i].start)  # (where the paper first names it: not "we compare with X. …")
    return made_and_named(context.text, context.sents, cands[first])


def _opens_as_new(chosen: _Chosen, members: list[int]) -> bool:
    """Whether the abstract opens with a coined name as the subject of its first sentence that says it is a new
    thing of a kind (:data:`_IS_NEW_KIND`: "Zorbel is a new language model for …", "ZorbNet (ZN) is a novel
    network that …"), the title not naming it and the gazetteer not knowing it: the paper presents it, in the way
    a title's own name would (not "Zorbel is a widely used model": no word of novelty).
    """
    context, cands = chosen.prepared.context, chosen.prepared.cands
    if any(cands[i].start < context.title_end or chosen.prepared.entries[i] is not None for i in members):
        return False
    first = _first_in_abstract(context, cands, members)
    if first is None or first[0].start != first[1]:
        return False
    opening = next((k for k, (start, _) in enumerate(context.sents) if start >= context.title_end), -1)
    m = _IS_NEW_KIND.match(context.text, first[0].end)
    if first[0].sentence != opening or m is None:
        return False
    words = list(takewhile(lambda w: w not in STOP_WORDS, m.group(1).split()))  # (not "a new way for models")
    return any(head_type(word) in ("Model", "Method", "Dataset") for word in words)


def _named_as_new_kind(chosen: _Chosen, members: list[int]) -> bool:
    """Whether a coined name (the gazetteer does not know it) is first written in the abstract apposed to "a new"
    kind of artifact (:func:`~graphbuild.nlp.roles.apposed_to_new_kind`: "On X and a new Welsh sentiment set, Y,
    our model leads"): the authors' own, though no verb of proposing says so.
    """
    first = _first_coined_in_abstract(chosen, members)
    return first is not None and apposed_to_new_kind(chosen.prepared.context.text, chosen.prepared.context.sents,
                                                     first[0])


def _first_coined_in_abstract(chosen: _Chosen, members: list[int]) -> tuple[Candidate, int] | None:
    """The first abstract mention of an entity the gazetteer does not know, and the start of its sentence
    (:func:`~graphbuild.nlp.features._first_in_abstract`); ``None`` for a known entity or one the abstract does not
    write.
    """
    if any(chosen.prepared.entries[i] is not None for i in members):
        return None
    return _first_in_abstract(chosen.prepared.context, chosen.prepared.cands, members)


#: the authors' verb of bringing in, its first object and what they say of it, then the last item joined to it:
#: "We introduce X, an encoder trained on both, and the " (a name of a kind follows: "Y benchmark of five tasks")
_JOINED_TO_OWN_BEFORE = re.compile(r"\b[Ww]e\s+(?:\w+ly\s+|also\s+)?(?:propos|introduc|present|develop|design|"
                                   r"releas)\w*\s+[^;:]{0,160}?,\s+and\s+(?:the|our)\s+(?:new\s+)?$")
#: what, between the verb and the name, says the name is another's or the clause another: a comparison, a use,
#: an evaluation, a new subject
_JOINED_BREAK = re.compile(r"\b(?:evaluat\w*|test\w*|compar\w*|than|against|versus|outperform\w*|beat\w*|"
                           r"using|uses?|used|baselines?|we|which|that)\b")
#: right after a name, the head noun of its kind ("Y benchmark", "Y suite")
_KIND_HEAD_AFTER = re.compile(r"\s+([a-z][a-z\-]*)\b")


def _joined_to_own(chosen: _Chosen, members: list[int]) -> bool:
    """Whether a coined name (the gazetteer does not know it) is first written, with the head noun of a scored
    kind after it, as the last object the authors bring in, joined by ", and the" after their first ("We present
    X, a character-level encoder pretrained on three scripts, and the Y suite of four tasks"): the verb reaches
    it past the first object's description, which the proposal rules do not read through.
    """
    first = _first_coined_in_abstract(chosen, members)
    if first is None:
        return False
    c, s = first
    text = chosen.prepared.context.text
    head = _KIND_HEAD_AFTER.match(text, c.end)
    if head is None or head_type(head.group(1)) not in ("Model", "Method", "Dataset"):
        return False
    m = _JOINED_TO_OWN_BEFORE.search(text, s, c.start)
    return m is not None and _JOINED_BREAK.search(m.group(), 3) is None


#: right after a name: its short form, then "is a new" or "is a novel" and the four words after it, in lower case,
#: among which, before any function word, the kind's head (" is a new language model", " (ZN) is a novel graph network")
_IS_NEW_KIND = re.compile(r"\s*(?:\([^)]{1,30}\)\s*)?(?:is|are)\s+(?:an?\s+)?(?:new|novel)\s+"
                          r"((?:[a-z][a-z\-]*)(?:\s+[a-z][a-z\-]*){0,3})")


def _without_known_in_title_alone(chosen: _Chosen, proposed: list[bool]) -> list[bool]:
    """``proposed``, where the record is a title alone, without the names the gazetteer knows that are not all
    the title says before its colon nor the whole title ("Focal Loss for Dense Text Detection" uses a known
    loss; "BERT: Pre-training of …" gives BERT), nor before the colon of a survey's title ("Knowledge
    Distillation: A Survey" reviews a known method): a title alone shows no other sign of whose a known name is,
    and a library holds many more papers that use a known name than the one that gave it.
    """
    context = chosen.prepared.context
    if not context.bare:
        return proposed
    cands, entries = chosen.prepared.cands, chosen.prepared.entries
    title = context.text[:context.title_end]
    own = {title.strip(), title[:context.colon].strip() if context.colon > 0 and not context.survey else None}
    return [is_proposed and not (any(entries[i] is not None for i in members)
                                 and not any(cands[i].text in own for i in members))
            for (members, _, _), is_proposed in zip(chosen.kept_groups, proposed)]


#: the authors' verb that puts a known method to work, right before its first mention in the abstract: "We apply
#: kernel PCA", "We evaluate random forests on", "we implement a transductive SVM", "We revisit the …", a sentence
#: opening "Using …", or their analysis of it ("an analysis of the …", "We analyse the …"); one modifier between
#: that is no word of novelty ("We employ a transductive label propagation method", not "We employ a novel …"), and
#: a prefix joined by a hyphen ("We apply epsilon-" before "support vector regression"); also what the authors study,
#: train, compare, test, benchmark or probe ("We study Soft Actor-Critic", "We compare BERT-base and -large", "We ask
#: whether GPT-3.5 …"), the counted kind the names are listed as between ("We evaluate three frontier models, X, …")
_APPLIED_BEFORE = re.compile(r"(?:\b(?:[Ww]e|[Tt]hey)\s+(?:\w+ly\s+)?(?:apply|applied|evaluate|evaluated|implement|"
                             r"implemented|revisit|revisited|use|used|employ|employed|run|ran|study|studied|train|"
                             r"trained|compare|compared|test|tested|benchmark|benchmarked|probe|probed|"
                             r"ask(?:ed)?(?=\s+(?:whether|if)\b))(?:\s+(?:whether|if))?|"
                             r"\bUsing|\banalys[ie]s\s+of|\b[Ww]e\s+(?:\w+ly\s+)?analy[sz]ed?)\s+"
                             r"(?:(?:two|three|four|five|six|seven|eight|nine|ten|several|\d+)\s+(?:[a-z\-]+\s+){0,2}"
                             r"[a-z]+s,\s+)?"
                             r"(?:(?:the|a|an)\s+)?(?:(?!(?:new|novel|proposed|our)\b)[a-z]+\s+)?(?:[a-z]+-)?$")

#: the authors as a sentence's subject ("We separate the recordings with X")
_WE = re.compile(r"\b[Ww]e\b")

#: what a sentence says of a name it opens with, its subject, in general terms: a present-tense verb ("Affinity
#: propagation exchanges messages …", "Low-Rank Adaptation (LoRA) is a popular method …", "Kernel PCA~\cite{x}
#: fails on …"; its acronym or a citation between), not one of proposing ("X is proposed"); a plural verb
#: ("X networks fail …") is not read, being as often a noun
_DEFINED_AFTER = re.compile(r"\s*(?:\([^)]{1,30}\)\s*)?(?:~?\\cite[a-z]*\{[^}]*\}\s*)?(?:\w+ly\s+)?"
                            r"(?:(?:is|are)(?!\s+(?:\w+ly\s+)?(?:here\s+)?(?:proposed|introduced|presented|"
                            r"developed|designed|described|derived|extended)\b)|has|have|[a-z]{2,}[a-rtv-z]s)\b")
#: a sentence's opening words before its subject: none, or an article ("The relevance vector machine gives …")
_SUBJECT_OPENING = frozenset(("", "The ", "A ", "An "))
#: a name put to work in the passive: "Random forests were trained to …", "XGBoost was used to …", "K-means was
#: applied to …" (its acronym between)
_PASSIVE_APPLIED = re.compile(r"\s*(?:\([^)]{1,30}\)\s*)?(?:was|were|is|are|has been|have been)\s+"
                              r"(?:(?:\w+ly|then|also|first)\s+)?(?:trained|used|applied|fitted|fit|employed|implemented|run|adopted|utili[sz]ed)\b")


def _without_known_applied(chosen: _Chosen, proposed: list[bool]) -> list[bool]:
    """``proposed``, without a name the gazetteer knows that the title gives (not as all it says before its
    colon) and the abstract only applies (:func:`_applied`), or that stands beside a name the abstract coins
    (:func:`_coins_a_name`) with no proposal of its own there: the paper uses the known method its title leads
    with ("Kernel PCA for Novelty Detection …" with "We apply kernel PCA to …"; "Sequential Monte Carlo Tracking
    …" with "the resulting tracker, Zorb-PF, …"), it does not propose it; unless a naming cue names it (the
    rules' proposal of a title's segment, or of a long form the authors apply, is no sign against it). Beside a
    coined name, a title's name the gazetteer does not know goes too where the abstract writes it as a common
    technique phrase (:func:`_plain_technique`: "Product Quantisation for Compressing …" with "We compress the
    tables with PQ, product quantisation … We also propose task-aware PQ (TaPQ)").
    """
    context = chosen.prepared.context
    if context.bare:
        return proposed
    cands, entries = chosen.prepared.cands, chosen.prepared.entries
    own = context.text[:context.colon].strip() if context.colon > 0 else None
    coined = _coins_a_name(chosen, proposed)
    out = []
    for (members, _, _), is_proposed in zip(chosen.kept_groups, proposed):
        known = any(entries[i] is not None for i in members)
        out.append(is_proposed and not (_titled_not_own(cands, members, context.title_end, own)
                                        and not any(cands[i].named for i in members)
                                        and (coined and not _proposed_in_abstract(context, cands, members)
                                             and (known or _plain_technique(context, cands, members))
                                             or known and _applied(context, cands, members))))
    return out


#: a word in the abstract's opening sentence that makes its subject the paper's own: "Zorb is a new …", "… that we
#: propose", "Zorb, our …", "In this paper …"
_OWN_IN_OPENING = re.compile(word_alternation("new|novel|we|We|our|Our|here|Here|this paper|This paper|this work|"
                                              "This work|first"))


def _without_opening_background(chosen: _Chosen, proposed: list[bool]) -> list[bool]:
    """``proposed``, without a name the abstract opens with as the subject of a general statement
    (:func:`_opens_as_background`: "Federated Learning (FL) is designed to …", "Snapshot compressive imaging (SCI)
    uses …", "Knowledge distillation (KD) transfers …") that no naming cue names, that is not all the title says
    before its colon outside a survey, nor a coined name (feature ``coined``) opening the title ("Zorb-v2:
    Revisiting …"), where the gazetteer knows it, the title is a survey's, or another entity is the paper's own
    (proposed, a naming cue or the rules' proposal on a mention of it in the abstract): the field or technique an
    abstract sets out from is background; the learned decision, reading a defined name early in an abstract that
    the title names too, finds it the paper's own.
    """
    context = chosen.prepared.context
    if context.bare:
        return proposed
    cands, entries, title_end = chosen.prepared.cands, chosen.prepared.entries, context.title_end
    own = context.text[:context.colon].strip().lower() if context.colon > 0 and not context.survey else None
    claims = [is_proposed and (_guessed_in_abstract(cands, members, title_end) or any(cands[i].named for i in members))
              for (members, _, _), is_proposed in zip(chosen.kept_groups, proposed)]
    out = []
    for g, ((members, _, _), row, is_proposed) in enumerate(zip(chosen.kept_groups, _group_rows(chosen), proposed)):
        titled = ("title_head" in row or "title_start" in row) and "coined" in row
        out.append(is_proposed and not (
            _opens_as_background(context, cands, members) and not titled
            and not any(cands[i].named or cands[i].text.lower() == own for i in members)
            and (context.survey or any(entries[i] is not None for i in members)
                 or any(claim and h != g for h, claim in enumerate(claims)))))
    return out


def _opens_as_background(context: DocContext, cands: list[Candidate], members: list[int]) -> bool:
    """Whether the abstract's first mention of an entity opens a sentence as its subject, in a general statement
    (:data:`_DEFINED_AFTER`: "X (X) is …", "X aims to …", "X transfers …"; or "X is designed to …"; an article or
    an opening adverb before it allowed: "Recently, X has emerged …"), with no word of the authors' own or of
    novelty in that sentence (:data:`_OWN_IN_OPENING`) nor a verb of proposing in the abstract up to its end: a
    statement of the background before the abstract brings anything in.
    """
    first = _first_in_abstract(context, cands, members)
    if first is None:
        return False
    c, s = first
    text = context.text
    if not (text[s:c.start] in _SUBJECT_OPENING or _OPENING_ADVERB.fullmatch(text, s, c.start)) \
            or (_DEFINED_AFTER.match(text, c.end) is None and _DESIGNED_TO.match(text, c.end) is None):
        return False
    end = _sentence_end(context, c)
    return _OWN_IN_OPENING.search(text, s, end) is None and _PROPOSE.search(text, context.title_end, end) is None


#: an adverb that opens a sentence of background, with its comma: "Recently, ", "Nowadays, ", "In recent years, "
_OPENING_ADVERB = re.compile(r"(?:[A-Z][a-z]+ly|Nowadays|Today|In\s+recent\s+years),\s+(?:the\s+)?")
#: what a general statement says a thing is made for: "X (X) is designed to …"
_DESIGNED_TO = re.compile(r"\s*(?:\([^)]{1,30}\)\s*)?(?:is|are)\s+designed\s+to\b")


def _coins_a_name(chosen: _Chosen, proposed: list[bool]) -> bool:
    """Whether the abstract brings in a name of the authors' own that the gazetteer does not know: a proposed
    entity some mention of which after the title the rules guessed proposed or a naming cue names ("… the fused
    detector, PartCascade, …", "We introduce a variant, EKI-TS, …"). The known method the title names beside it
    is what the paper builds on.
    """
    cands, entries, title_end = chosen.prepared.cands, chosen.prepared.entries, chosen.prepared.context.title_end
    return any(is_proposed and all(entries[i] is None for i in members)
               and (_guessed_in_abstract(cands, members, title_end) or any(cands[i].named for i in members))
               for (members, _, _), is_proposed in zip(chosen.kept_groups, proposed))


def _guessed_in_abstract(cands: list[Candidate], members: list[int], title_end: int) -> bool:
    """Whether the rules guessed some mention of an entity after the title proposed ("We propose X …")."""
    return any(cands[i].proposed and cands[i].start >= title_end for i in members)


def _proposed_in_abstract(context: DocContext, cands: list[Candidate], members: list[int]) -> bool:
    """Whether the abstract proposes an entity: the rules guessed a mention after the title proposed, or the
    authors' proposal verb comes right before its first mention (``_WE_VERB_OBJECT``: "We propose Low-Rank
    Adaptation, or …": the rules guess no known name proposed). The rules' guess is no sign where a long form
    opens the title (:func:`~graphbuild.nlp.roles.assign_roles` then marks every mention of it: "Proximal Policy
    Optimisation for Dialogue Management", then "We train a policy with proximal policy optimisation (PPO)").
    """
    if _guessed_in_abstract(cands, members, context.title_end) and not any(
            cands[i].start == 0 and cands[i].source == "abbrev-long" for i in members):
        return True
    first = _first_in_abstract(context, cands, members)
    return first is not None and _WE_VERB_OBJECT.search(context.text, max(first[1], first[0].start - 60),
                                                        first[0].start) is not None


def _applied(context: DocContext, cands: list[Candidate], members: list[int]) -> bool:
    """Whether the abstract first names an entity right after the authors' verb of applying it ("We apply
    X", :data:`_APPLIED_BEFORE`), as what the passive puts to work ("X were trained to …",
    :data:`_PASSIVE_APPLIED`), as the subject of a general statement that opens a sentence ("X is a popular
    method …", "X exchanges messages …", :data:`_DEFINED_AFTER`: the known method as background), or, in an
    abstract with no verb of proposing at all, in a sentence the authors are the subject of ("We separate the
    recordings with X and …").
    """
    first = _first_in_abstract(context, cands, members) or _first_variant_in_abstract(context, cands, members)
    if first is None:
        return False
    c, s = first
    text = context.text
    if _APPLIED_BEFORE.search(text, max(s, c.start - 60), c.start) is not None \
            or _PASSIVE_APPLIED.match(text, c.end) is not None:
        return True
    if text[s:c.start] in _SUBJECT_OPENING and _DEFINED_AFTER.match(text, c.end) is not None \
            and _PROPOSE.search(text, c.end, _sentence_end(context, c)) is None:
        return True  # (not "X is an algorithm we propose for …")
    return _WE.search(text, s, c.start) is not None and not context.propose_near(context.title_end, len(text))


def _first_variant_in_abstract(context: DocContext, cands: list[Candidate],
                               members: list[int]) -> tuple[Candidate, int] | None:
    """The first mention after the title of a checkpoint or size of an entity the abstract does not write itself
    ("Phi-3-mini-4k-instruct" for the title's "Phi-3-mini"), and where its sentence starts: what the abstract says
    of the variant it names it says of the family the title gives.
    """
    title_end = context.title_end
    forms = {cands[i].text for i in members}
    body = [c for c in cands if c.start >= title_end and c.text not in forms
            and any(c.text.startswith(f) and c.text[len(f)] in "- " for f in forms if len(c.text) > len(f))]
    if not body:
        return None
    c = min(body, key=lambda c: c.start)
    sents = context.sents
    return c, sents[c.sentence][0] if 0 <= c.sentence < len(sents) else title_end


def _sentence_end(context: DocContext, c: Candidate) -> int:
    """Where the sentence of a mention ends (the text's end where its sentence is unknown)."""
    return context.sents[c.sentence][1] if 0 <= c.sentence < len(context.sents) else len(context.text)


def _titled_not_own(cands: list[Candidate], members: list[int], title_end: int, own: str | None) -> bool:
    """Whether an entity is named in the title but not as the title's own name (``own``: what the title says
    before its colon).
    """
    return any(cands[i].start < title_end for i in members) and not any(cands[i].text == own for i in members)


#: a word before a name in its sentence that brings it in as the authors' own: "by proposing a …", "we design an
#: efficient kernel, where a …", "a novel …"
_BROUGHT_IN_BEFORE = re.compile(rf"\b(?:(?:{PROPOSAL_VERBS})(?:s|d|ed|ing)?|proposing|introducing|designing|"
                                r"developing|novel|new)\b", re.I)


def _plain_technique(context: DocContext, cands: list[Candidate], members: list[int]) -> bool:
    """Whether the abstract writes an entity as a common technique phrase: in lower case only
    (:func:`written_lower_case`: "We compress the tables with product quantisation", "… using online dictionary
    learning"), its first mention with no word before it in its sentence that brings it in as the authors' own
    (:data:`_BROUGHT_IN_BEFORE`: not "by proposing a recurrent video restoration transformer, namely …").
    """
    first = _first_in_abstract(context, cands, members)
    if first is None or not written_lower_case(cands, members, context.title_end, context.sents):
        return False
    c, s = first
    return _BROUGHT_IN_BEFORE.search(context.text, s, c.start) is None


def _without_title_bases(chosen: _Chosen, proposed: list[bool]) -> list[bool]:
    """``proposed``, without the names the title's own name is built on when that name (all the title says
    before its colon) is proposed: its earlier version ("Ferrex" or "Ferrex-v2" where the title is "Ferrex++:
    …" or "Ferrex 3.0: …", the feature ``title_base``), or the name it extends, the part that opens it
    before a space or hyphen ("Ferrex" of "Ferrex-Adapter: …", "Soft NMS" of "Soft NMS-T: …"). What the
    paper improves on is prior work (ANNOTATION.md: a version is its own entity), unless the abstract names
    it as the authors' (a naming cue).
    """
    context, cands = chosen.prepared.context, chosen.prepared.cands
    colon = context.colon
    if colon <= 0:
        return proposed
    head = context.text[:colon].strip().lower()
    heads = {g for g, (members, _, _) in enumerate(chosen.kept_groups)
             if proposed[g] and any(cands[i].start == 0 and cands[i].text.lower() == head for i in members)}
    if not heads:
        return proposed
    out = []
    for g, ((members, _, _), row, is_proposed) in enumerate(zip(chosen.kept_groups, _group_rows(chosen), proposed)):
        base = "title_base" in row or any(_opens_head(cands[i], head) for i in members)
        out.append(is_proposed and (g in heads or not base or any(cands[i].named for i in members)))
    return out


#: what the title says a name's method goes without, right after the name: "Zorb Without Replay", "Zorb-Free Long
#: Convolutions", "Zorb-free Retrieval"
_DONE_WITHOUT = re.compile(r"(?:\s+[Ww]ithout|-[Ff]ree)\b")


#: a capitalised word that closes a phrase of the title, before its colon or at its end (" Revisited:", ", Explained"):
#: where it is a past participle (:func:`~graphbuild.nlp.doc_context.verb_closing`), what the paper does to the
#: name before it
_TITLE_PHRASE_CLOSER = re.compile(r",?\s+([A-Z][a-z]+)\s*(?::|$)")


def _without_titled_absences(chosen: _Chosen, proposed: list[bool]) -> list[bool]:
    """``proposed``, without the names the title says the paper does without ("Quillnet Without Replay",
    "Quillnet-Free Long Convolutions") or revisits ("Quillnet Revisited: …", "Quillnet, Explained": a past
    participle closing the title's phrase, :data:`_TITLE_PHRASE_CLOSER`): the thing taken away or looked at again
    is prior work the paper changes or studies, not its own, unless the abstract names it as the authors' (a
    naming cue).
    """
    context, cands = chosen.prepared.context, chosen.prepared.cands
    text, title_end = context.text, context.title_end

    def done_to(c: Candidate) -> bool:
        if c.end > title_end:
            return False
        if _DONE_WITHOUT.match(text, c.end, title_end) is not None:
            return True
        m = _TITLE_PHRASE_CLOSER.match(text, c.end, title_end)
        return m is not None and verb_closing(m.group(1))

    return [is_proposed and not (any(done_to(cands[i]) for i in members) and not any(cands[i].named for i in members))
            for (members, _, _), is_proposed in zip(chosen.kept_groups, proposed)]


def _group_rows(chosen: _Chosen) -> list[dict[str, float]]:
    """The proposed model's features (``chosen.rows``, one per group that is no task) per kept group ({} for
    a task), as :func:`_per_group` gives its probabilities.
    """
    rows = iter(chosen.rows)
    return [{} if type_ == "Task" else next(rows) for _, type_, _ in chosen.kept_groups]


#: the features of an entity the abstract first names as other work: an example of it ("models such as X"), an
#: earlier version or work the paper builds on ("its predecessor X", "an extension of X"), a name set before
#: the authors' work ("existing X")
PRIOR_WORK = ("example_of", "predecessor_before", "earlier_before")


#: words that set the name right after them as others' work: "the recently proposed X and Y", "the popular X",
#: "a widely used X", "the state-of-the-art X", "the standard X", "a frozen X", "a pre-trained X" (not all of
#: :data:`~graphbuild.nlp.patterns.OTHERS_KIND`, made for the modifiers of a kind: "We pre-trained X", "We name this
#: baseline X" bring in the authors' own)
_OTHERS_BEFORE = re.compile(r"\b(?:popular|widely[\s\-](?:used|adopted)|well[\s\-]known|standard|state-of-the-art|"
                            r"classic(?:al)?|off-the-shelf|frozen|competing|(?:a|an|the)\s+pre-?trained|"
                            r"recently\s+(?:proposed|introduced|released|developed|published))\b",
                            re.I)


def _set_as_others(context: DocContext, cands: list[Candidate], members: list[int]) -> bool:
    """Whether the words right before an entity's first mention in the abstract (40 characters, in its sentence)
    set it as others' work (:data:`_OTHERS_BEFORE`), with no turn to the authors' own between
    (:data:`_OWN_BETWEEN`).
    """
    first = _first_in_abstract(context, cands, members)
    if first is None:
        return False
    c, s = first
    m = _OTHERS_BEFORE.search(context.text, max(s, c.start - 40), c.start)
    return m is not None and _OWN_BETWEEN.search(context.text, m.end(), c.start) is None


#: between such words and the name, the authors' own turn: "a frozen X-18 and call the method Zorb", "we name"
_OWN_BETWEEN = re.compile(r"\b(?:call|calls|called|name|names|named|term|termed|dub|dubbed|we|We|our|Our)\b")


def _without_prior_work(chosen: _Chosen, proposed: list[bool]) -> list[bool]:
    """``proposed``, without the names the abstract gives first as other work (:data:`PRIOR_WORK`, or the words
    right before it: :func:`_set_as_others`) that the paper does not claim (:func:`_unclaimed`).
    """
    cands, context = chosen.prepared.cands, chosen.prepared.context
    out = []
    for (members, _, _), row, is_proposed in zip(chosen.kept_groups, _group_rows(chosen), proposed):
        out.append(is_proposed and not (_unclaimed(cands, members, context.title_end)
                                        and (any(key in row for key in PRIOR_WORK)
                                             or _set_as_others(context, cands, members)))
                   and not _coined_as_others(context.text, cands, members, context.title_end))
    return out


def _without_listed_with_others(chosen: _Chosen, proposed: list[bool], prop: list[float]) -> list[bool]:
    """``proposed``, without an entity only the learned decision finds proposed (the paper makes no claim on it,
    :func:`_unclaimed`, and the rules give no reason, :func:`_proposed_by_rules`) that the abstract lists right
    beside a name plainly not its own (not proposed, and the proposed model's probability ``prop``, per kept group,
    below :data:`LISTED_OTHERS_PROPOSED`; :func:`~graphbuild.nlp.features.coordinated_with`, a short form in
    brackets allowed between: "We evaluate Zorb on the Highway Drone (HighD), Roundabout Drone (RounD) and …
    datasets", "segmentation of PASCAL VOC, NYUDv2, and …", "primitives: Homomorphic Encryption (HE), Secret
    Sharing (SS), …"): names listed together are of one standing, and the others' are not the paper's; the
    authors' own parts listed together ("Zorb-S, Zorb-M and Zorb-L") keep one another, a part the learned
    decision only just leaves out too ("two components: the Zorb Block (ZB) and the Quill Block (QB)").
    """
    prepared = chosen.prepared
    cands, context = prepared.cands, prepared.context
    title_end = context.title_end
    # (the learned-only proposals, each open to the rule; one taken away may leave the next in its list beside
    # a name not proposed: "…, Roundabout Drone (RounD), and Macao … (MoCAD) datasets")
    open_ = {g for g, ((members, _, _), is_proposed) in enumerate(zip(chosen.kept_groups, proposed))
             if is_proposed and _unclaimed(cands, members, title_end) and not _proposed_by_rules(chosen, members)}
    out = list(proposed)
    while open_:
        own = [(cands[i].start, cands[i].end) for g, (members, _, _) in enumerate(chosen.kept_groups) if out[g]
               for i in members]
        # (not a name inside a proposed one's mention: "Non-local Block" in "Asymmetric Pyramid Non-local Block")
        others = sorted((cands[i].start, cands[i].end) for g, (members, type_, _) in enumerate(chosen.kept_groups)
                        if not out[g] and type_ != "Task" and (prop[g] < LISTED_OTHERS_PROPOSED or proposed[g])
                        for i in members
                        if not any(s < cands[i].end and cands[i].start < e for s, e in own))
        taken = {g for g in open_ if any(
            cands[i].start >= title_end and coordinated_with(context.text, cands[i], others, in_list=True)
            for i in chosen.kept_groups[g][0])}
        if not taken:
            break
        for g in taken:
            out[g] = False
        open_ -= taken
    return out


def _coined_as_others(text: str, cands: list[Candidate], members: list[int], title_end: int) -> bool:
    """Whether the only claim on an entity is a coined abbreviation's long form that the words before it set as
    others' work ("outperforms the methods Conversational Zorbit (ConZorb)", "such as the Quorn-Lattice subtree
    (QL-subtree)": :func:`~graphbuild.nlp.abbreviations.set_as_others`): a coined shape is no claim of the authors.
    """
    claims = [cands[i] for i in members if cands[i].proposed or cands[i].named or cands[i].start < title_end]
    return bool(claims) and all(
        c.source == "abbrev-long" and not c.named and c.start >= title_end
        and set_as_others(text, max(text.rfind(". ", 0, c.start) + 2, text.rfind("\n", 0, c.start) + 1), c.start)
        for c in claims)


def _without_unclaimed_guesses(chosen: _Chosen, proposed: list[bool], prop: list[float]) -> list[bool]:
    """``proposed``, without an entity the proposed model alone finds likelier than ``proposed_threshold`` but not
    than :data:`UNCLAIMED_PROPOSED` (``prop``, per kept group) in an abstract where no entity is claimed
    (:func:`_unclaimed` holds of every one): with no cue anywhere of what the authors bring in, the learned
    decision's lean towards some proposal lands on the data, the baselines, the techniques or the field the
    abstract names ("… evaluated on the public ISBI2015 challenge dataset", "We apply these insights to the
    highly performant X", "primitives: Homomorphic Encryption (HE), Secret Sharing (SS), …"). The rules' reasons
    (:func:`_proposed_by_rules`) keep the mark :func:`_finish` gave from them.
    """
    cands, title_end = chosen.prepared.cands, chosen.prepared.context.title_end
    groups = [members for members, type_, _ in chosen.kept_groups if type_ != "Task"]
    if not groups or not all(_unclaimed(cands, members, title_end) for members in groups):
        return proposed
    text = chosen.prepared.context.text
    # (a task is never proposed; of the rules' reasons, a naming cue and the title's own kind need a claim, which
    # no entity here has)
    return [is_proposed and (p >= UNCLAIMED_PROPOSED
                             or "coined" in row and "gaz" not in row and "known_family" not in row
                             or any(introduced_at(text, cands[i].start) for i in members)
                             or _proposed_by_rules(chosen, members))
            for (members, _, _), is_proposed, p, row in zip(chosen.kept_groups, proposed, prop, _group_rows(chosen))]


def _without_eponyms(chosen: _Chosen, proposed: list[bool]) -> list[bool]:
    """``proposed``, without a method named after a person ("Quarnby's algorithm", "a Hollerin projection": the
    proposer ``eponym``) that the paper does not claim (:func:`_unclaimed`): a person's method is someone's
    earlier work, which the paper uses or builds on.
    """
    cands, title_end = chosen.prepared.cands, chosen.prepared.context.title_end
    return [is_proposed and not (any("eponym" in cands[i].sources or cands[i].source == "eponym" for i in members)
                                 and _unclaimed(cands, members, title_end))
            for (members, _, _), is_proposed in zip(chosen.kept_groups, proposed)]


def _unclaimed(cands: list[Candidate], members: list[int], title_end: int) -> bool:
    """Whether the paper makes no claim on an entity: no mention in the title, none the rules guess
    proposed or a naming cue names.
    """
    return not any(cands[i].proposed or cands[i].named or cands[i].start < title_end for i in members)


def _only_compared(cands: list[Candidate], members: list[int], title_end: int) -> bool:
    """Whether the paper names an entity only as what it compares with: some mention after a comparison cue
    ("outperforms X", "than X"), and no claim on it (:func:`_unclaimed`).
    """
    return any(cands[i].role == "compares_with" for i in members) and _unclaimed(cands, members, title_end)


def _opens_head(c: Candidate, head: str) -> bool:
    """Whether ``c`` opens the title and is the part of its name ``head`` (lower case) before a space or
    hyphen: "Ferrex" in "Ferrex-Adapter: …".
    """
    n = len(c.text)
    return c.start == 0 and n < len(head) and head[n] in " -" and head.startswith(c.text.lower())


def _per_group(kept_groups: list[tuple[list[int], str, list[int]]], prop: list[float]) -> list[float]:
    """The proposed model's probabilities ``prop`` (of the groups that are no task) per kept group (0 for a task)."""
    scored = iter(prop)
    return [0.0 if type_ == "Task" else next(scored) for _, type_, _ in kept_groups]


def _task_groups(groups: list[list[int]], entries: list[Any], keep: list[int]) -> list[list[int]]:
    """The groups not kept as scored entities that name a task the gazetteer knows ("semantic
    segmentation", "machine translation"): some member is a gazetteer entry of type Task and none is an
    entry of another type. The decision's models score Method, Model and Dataset only (ANNOTATION.md
    scores no task), so these would be lost; the graph keeps them, unscored, for what they tell of a
    paper's subject (related work, communities, trends).
    """
    kept = set(keep)
    out = []
    for g, members in enumerate(groups):
        if g in kept:
            continue
        types = {entries[i].type for i in members if entries[i] is not None}
        if types == {"Task"}:
            out.append(members)
    return out


def _title_descriptions(cands: list[Candidate], kept_groups: list[tuple[list[int], str, list[int]]],
                        proposed: list[bool], title_end: int, text: str = "") -> list[bool]:
    """``proposed``, without a phrase of plain words that the title writes as a name but the abstract
    only as the common noun a name is given to ("Image Coding with Deep Spiking Networks", then "We
    present a deep spiking network, called Zorro"), or as the kind an appositive gives a proposed name
    ("Zorro: Image Coding …", then "We present Zorro, an image coding network"): the phrase is the kind
    of the thing named.
    """
    named = {cands[i].sentence: cands[i].start for (members, _, _), is_proposed in zip(kept_groups, proposed)
             if is_proposed for i in members if cands[i].named and cands[i].start >= title_end}
    # where a proposed name ends in the abstract (its sentence), for the appositive after it
    ends = {(cands[i].sentence, cands[i].end) for (members, _, _), is_proposed in zip(kept_groups, proposed)
            if is_proposed for i in members if cands[i].start >= title_end} if text else set()
    if not named and not ends:
        return proposed
    return [is_proposed and not _named_kind(cands, members, title_end, named, text, ends)
            for (members, _, _), is_proposed in zip(kept_groups, proposed)]


def _named_kind(cands: list[Candidate], members: list[int], title_end: int, named: dict[int, int],
                text: str = "", ends: set[tuple[int, int]] | None = None) -> bool:
    """Whether an entity is a phrase of plain words (two at least, no coined shape, no abbreviation, no
    digit) in the title that the abstract writes in lower case only, each time before a name given in
    its sentence (``named``: sentence -> where a name given there starts) or in the appositive right
    after a proposed name (``ends``: its sentence and where it ends in ``text``).
    """
    body = [cands[i] for i in members if cands[i].start >= title_end]
    return bool(body) and len(body) < len(members) and all(
        cands[i].source not in ("abbrev-long", "abbrev-short", "gazetteer")
        and len(cands[i].text.split()) >= 2 and all(_PLAIN_WORD.fullmatch(w) for w in cands[i].text.split())
        for i in members) and all(c.text.islower() and (named.get(c.sentence, -1) > c.start or any(
            s == c.sentence and e < c.start and _KIND_APPOSITIVE.fullmatch(text, e, c.start) for s, e in ends or ()))
            for c in body)


_PLAIN_WORD = re.compile(r"[A-Za-z]?[a-z]+(?:-[a-z]+)*")
#: between a name and the kind its appositive gives it: ", a ", " (ZT), an efficient "
_KIND_APPOSITIVE = re.compile(r"\s*(?:\([^)]{1,30}\)\s*)?,\s+(?:a|an)\s+(?:[\w\-]+\s+){0,2}?")


def _with_variants(cands: list[Candidate], groups: list[list[int]], proposed: list[bool]) -> list[bool]:
    """``proposed``, with every size or version of a name the paper proposes marked proposed too
    ("Medusa-2", "UniHGKR-7B", "PaLM 540B" beside a proposed "Medusa", "UniHGKR", "PaLM"): a
    variant is the name, a space or hyphen, then a capital or a digit.
    """
    stems = {cands[i].text for g, members in enumerate(groups) if proposed[g] for i in members}
    if not stems:
        return proposed
    return [is_proposed or any(_variant_of(cands[i].text, stems) for i in members)
            for members, is_proposed in zip(groups, proposed)]


def _sized_variants(cands: list[Candidate], entries: list[Any], groups: list[list[int]],
                    kept: list[tuple[list[int], str, list[int]]], proposed: list[bool],
                    taken: bytearray) -> list[tuple[list[int], str, list[int]]]:
    """The sizes of a name the paper proposes that it writes apart from it, anywhere in the abstract ("We
    propose Zorb … Zorb-T reaches …", "Zorb-Base (95M) and Zorb-Large"; "EarNet-mini … EarNet-tiny"): a name
    that is the proposed one's family (the proposed name itself, or what is before its size) followed by a size
    (:data:`_SIZE_ONLY`; not a version: "Zorb-v2" or "Zorb 2" beside "Zorb-v3" or "Zorb-Lite" came before it),
    neither of them a name the gazetteer knows. A kept one becomes proposed in ``proposed``; a group not kept
    and not unlikely (``SIZED_VARIANT_FLOOR``) is returned as an entity of the proposed one's type (its mentions
    marked in ``taken``; a size word of a method's name is a model's checkpoint, :data:`SIZE_TIER`). Only sizes: a
    family's other variants ("Zorb-Det", "Zorb-Coder") may be another kind of thing.
    """
    families: dict[str, str] = {}  # a proposed name's family -> the proposed one's type
    for (members, type_, shown), is_proposed in zip(kept, proposed):
        if not is_proposed or any(entries[i] is not None for i in members):
            continue  # (a known family's sizes are the known ones: "ViT-H" beside a proposed "ViT-2B")
        for i in shown:
            m = _size_only(cands[i].text)
            families.setdefault(cands[i].text, type_)
            if m is not None:
                families.setdefault(m.group(1), type_)
    if not families:
        return []
    kept_at = {i: k for k, (members, _, _) in enumerate(kept) for i in members}
    out: list[tuple[list[int], str, list[int]]] = []
    for members in groups:
        m = next((m for i in members for m in [_size_only(cands[i].text)]
                  if m is not None and m.group(1) in families), None)
        if m is None or any(entries[i] is not None for i in members):
            continue
        k = kept_at.get(members[0], -1)
        if k >= 0:
            proposed[k] = True
            continue
        shown = [i for i in members if taken.find(1, cands[i].start, cands[i].end) < 0]
        if not shown or max(cands[i].score for i in members) < SIZED_VARIANT_FLOOR:
            continue
        for i in shown:
            taken[cands[i].start:cands[i].end] = b"\x01" * (cands[i].end - cands[i].start)
        type_ = families[m.group(1)]  # (a size word of a method's name is a checkpoint: see _unlearned_type)
        type_ = "Model" if type_ == "Method" and SIZE_TIER.search(m.group()) else type_
        out.append((members, type_, sorted(shown, key=lambda i: cands[i].start)))
    return out


#: a size after a family's name, not a version: "Zorb-7B", "Zorb-Base", "Zorb-T", "Zorb Big"
_SIZE_ONLY = re.compile(rf"^(.+?)[- ](?:{_SIZE_MARKS}|\d+(?:\.\d+)?[BMK])$")


def _size_only(name: str) -> re.Match[str] | None:
    """``_SIZE_ONLY.match(name)``, tried only where a hyphen or a space (one of which every match holds) is."""
    return _SIZE_ONLY.match(name) if "-" in name or " " in name else None
#: the least score of a size of a proposed name that :func:`_sized_variants` adds
SIZED_VARIANT_FLOOR = 0.05


#: a list's gap right after a name: ", ", " and ", " & ", "/"
_LISTED_BETWEEN = re.compile(LIST_SEPARATOR)


def _released_siblings(text: str, cands: list[Candidate], groups: list[list[int]],
                       kept: list[tuple[list[int], str, list[int]]], proposed: list[bool],
                       taken: bytearray) -> list[tuple[list[int], str, list[int]]]:
    """The siblings of a proposed name that the paper lists beside it ("we release A-Mini and
    A-Tiny", "A-7B, A-13B and A-70B"): a name with the proposed one's family stem and another
    variant, next to it in the list (or next to such a sibling). A kept sibling becomes proposed
    in ``proposed``; a group not kept is returned as an entity of the proposed one's type (its
    mentions marked in ``taken``).
    """
    stems: dict[int, tuple[str, str]] = {}  # the start and the end of a proposed name -> (its stem, type)
    for (_, type_, shown), is_proposed in zip(kept, proposed):
        for i in shown if is_proposed else ():
            stem = _family_stem(cands[i].text)
            if stem is not None:
                stems[cands[i].start] = stems[cands[i].end] = (stem, type_)
    if not stems:
        return []
    kept_at = {i: k for k, (members, _, _) in enumerate(kept) for i in members}
    out: list[tuple[list[int], str, list[int]]] = []
    done: set[int] = set()
    found = True
    while found:  # a sibling found may have a sibling of its own further along the list
        found = False
        for g, members in enumerate(groups):
            k = kept_at.get(members[0], -1)
            if g in done or k >= 0 and proposed[k]:
                continue
            sib = next((s for i in (kept[k][2] if k >= 0 else members) for s in [_sibling(text, cands[i], stems)]
                        if s is not None and (k >= 0 or taken.find(1, cands[i].start, cands[i].end) < 0)), None)
            if sib is None:
                continue
            shown = kept[k][2] if k >= 0 else [i for i in members if taken.find(1, cands[i].start, cands[i].end) < 0]
            for i in shown:
                stems[cands[i].start] = stems[cands[i].end] = (sib[0], kept[k][1] if k >= 0 else sib[1])
            if k >= 0:
                proposed[k] = True
            else:
                for i in shown:
                    taken[cands[i].start:cands[i].end] = b"\x01" * (cands[i].end - cands[i].start)
                out.append((members, sib[1], sorted(shown, key=lambda i: cands[i].start)))
            done.add(g)
            found = True
    return out


def _sibling(text: str, c: Candidate, stems: dict[int, tuple[str, str]]) -> tuple[str, str] | None:
    """The (stem, type) of the proposed name listed right before or after ``c`` when ``c`` is another
    variant of its stem, else ``None``.
    """
    stem = _family_stem(c.text)
    if stem is None:
        return None
    right = _LISTED_BETWEEN.match(text, c.end)
    near = [stems.get(right.end()) if right is not None else None,
            *(stems.get(start) for start in range(max(0, c.start - 14), c.start)
              if start in stems and _LISTED_BETWEEN.fullmatch(text, start, c.start))]
    return next((s for s in near if s is not None and s[0] == stem and _variant_of(c.text, {s[0]})), None)


@lru_cache(maxsize=200_000)
def _family_stem(name: str) -> str | None:
    """The family stem of a name (:data:`~.lexicon.FAMILY_STEM`), or ``None`` (cached per form: the search for
    siblings asks again of every candidate while it finds some).
    """
    m = FAMILY_STEM.match(name)
    return m.group(1) if m is not None else None


def _variant_of(name: str, stems: set[str]) -> bool:
    """Whether ``name`` is one of ``stems`` followed by a space or hyphen and a capital or digit."""
    for k, ch in enumerate(name):
        if ch in " -" and name[:k] in stems:
            rest = name[k:].lstrip(" -")
            if rest[:1].isupper() or rest[:1].isdigit():
                return True
    return False


def written_lower_case(cands: list[Candidate], members: Sequence[int], title_end: int,
                       sents: list[tuple[int, int]] | None = None) -> bool:
    """Whether an entity is written in lower case only (a technique phrase such as "logit adjustment"),
    apart from the title's capitals ("Long-Tail Learning via Logit Adjustment") and the capital of a
    sentence's first word where the phrase is also written in lower case ("Logit adjustment improves …"):
    such capitals are no evidence of a name.
    """
    body = [i for i in members if cands[i].start >= title_end] or members
    return any(cands[i].text.islower() for i in body) and all(
        cands[i].text.islower() or _opens_sentence(cands[i], sents) and cands[i].text[:1].isupper()
        and cands[i].text[1:].islower() for i in body)


#: the proposers of the phrases the authors say they bring in ("we propose a structure-aware Zorb encoder")
_PHRASE_PROPOSERS = frozenset(("proposal", "listed"))


#: a word or a hyphenated part of one with two capitals: an acronym or coined name ("KDG", "MXInt-specific")
_ACRONYM_PART = re.compile(r"(?<![^\s\-])[^\s\-]*[A-Z][^\s\-]*[A-Z]")


def _proposed_phrase(cands: list[Candidate], members: Sequence[int], title_end: int) -> bool:
    """Whether an entity is a phrase the authors say they bring in (a proposal or listed phrase the rules
    mark proposed) headed by a lower-case noun in every mention ("a structure-aware Zorb encoder", "Quill
    calibration"): a technique phrase like a lower-case one, though a name or acronym inside has capitals.
    """
    body = [i for i in members if cands[i].start >= title_end]
    return bool(body) and any(cands[i].proposed and cands[i].source in _PHRASE_PROPOSERS
                              and 1 <= cands[i].text.count(" ") <= 2 for i in body) \
        and all(cands[i].text.rsplit(" ", 1)[-1].islower() and cands[i].text.count(" ") <= 2
                and _ACRONYM_PART.search(cands[i].text) is None for i in body)


def known_lower_technique(cands: list[Candidate], members: Sequence[int], entries: Sequence[Any], title_end: int,
                          sents: list[tuple[int, int]] | None = None) -> bool:
    """Whether an entity is a method the gazetteer knows (and knows as nothing else), written in lower case
    only (:func:`written_lower_case`): "beam search", "hierarchical softmax".
    """
    return {e.type for e in (entries[i] for i in members) if e is not None} == {"Method"} \
        and written_lower_case(cands, members, title_end, sents)


#: a small letter then a capital ("MassIVE", "SQuAD"): in a title in capitals, the gazetteer's case, not the writer's
_INNER_CAPITAL = re.compile(r"[a-z][A-Z]")


def _capitals_word(corpus: CorpusStats, text: str, sents: list[tuple[int, int]], cands: list[Candidate],
                   members: list[int]) -> bool:
    """Whether an entity is only a word in capitals the acronym scan offered (no gazetteer, no name's shape) in a
    sentence written in capitals, a word the papers being built write in lower case more often than capitalised,
    or, where they never write it in lower case, an ordinary English word (:func:`~.lexicon.plain_words`):
    "JOINT TRAINING WITH ...", "WE TRAIN AGENTS ...": an English word the capitals hide, no acronym.
    """
    for i in members:
        c = cands[i]
        if c.source != "acronym" or c.strong or not c.text.isalpha() \
                or not in_capitals(text, c.start, sents):
            return False
        low = c.text.lower()
        row = corpus.counts.get(low)
        if not (row[1] > row[0] if row is not None and row[1] else low in plain_words()):
            return False
    return True


def _titled_known_name(cands: list[Candidate], members: list[int], entries: list[Any]) -> bool:
    """Whether a member of an entity is a gazetteer match of a name of a scored type the gazetteer holds as no
    other thing (not ambiguous: "Spider", "DROP"), written in the case of the entry's forms
    (:func:`_in_known_case`): "Code Llama", "Penn Treebank", "Vision Transformers".
    """
    return any(entries[i] is not None and not entries[i].ambiguous and entries[i].type in SCORED_TYPES
               and cands[i].source == "gazetteer" and _in_known_case(cands[i].text, entries[i])
               and not (cands[i].recased and _INNER_CAPITAL.search(cands[i].text)) for i in members)


def _in_known_case(surface: str, entry: Any) -> bool:
    """Whether ``surface`` writes ``entry`` in a case its forms have: one of its forms, or no form with capitals
    that ``surface`` writes in another case ("Apps" in "Energy Bugs in Android Apps" is no APPS; a form in lower
    case, "mixup", is capitalised by a title-case title; a plural or a spacing the gazetteer's key matches stays).
    """
    forms = entry.forms()
    if surface in forms:
        return True
    low = surface.lower()
    return not any(f.lower() == low and not f.islower() for f in forms)


def _generic_model(cands: list[Candidate], members: list[int]) -> bool:
    """Whether every form of an entity is a generic word for a kind of model
    (:func:`~graphbuild.nlp.lexicon.is_generic_model`: "Transformer", "Graph Neural Networks"): ANNOTATION.md
    counts such a name only where the gold lists it, neutral elsewhere, as a lower-case phrase.
    """
    return all(is_generic_model(cands[i].text) for i in members)


def _clause_opened(c: Candidate, sents: list[tuple[int, int]] | None) -> bool:
    """Whether ``c`` is a run of words that opens its sentence with a word that opens a clause or qualifies the
    name after it (:func:`~graphbuild.nlp.lexicon.opens_before_name`: "Using Zorb-7B", "Fine-tuned Zorb-2"), no part
    of a name the gazetteer knows ("Grounding DINO" is one).
    """
    return " " in c.text and c.key is None and opens_before_name(c.text.split(" ", 1)[0]) and _opens_sentence(c, sents)


def _opens_sentence(c: Candidate, sents: list[tuple[int, int]] | None) -> bool:
    """Whether ``c`` starts its sentence."""
    return sents is not None and 0 <= c.sentence < len(sents) and sents[c.sentence][0] == c.start


def _gaz_entry(gaz: Any, c: Candidate, text: str) -> tuple[Any, bool]:
    """The gazetteer's entry for a candidate, unless ``text`` reads the acronym otherwise, in the sense
    the text reads it (:meth:`~graphbuild.nlp.gazetteer.Gazetteer.reading`), and whether the text shows
    that sense.
    """
    if gaz is None:
        return None, False
    entry = gaz.lookup(c.text) or (gaz.by_key.get(c.key) if c.key else None)
    if entry is None or another_sense(text, c.text, entry.name):
        return None, False
    return gaz.reading(text, c.text, entry)


def _token_bounds(cands: list[Candidate], starts: np.ndarray, ends: np.ndarray) -> list[tuple[int, int] | None]:
    """Per candidate, the tokens ``first:last`` covering its characters (expanded to token
    boundaries; ``None`` where no token does), given the tokens' start and end characters
    (``uint64`` arrays: every candidate is looked up at once, and the token arrays are not made lists).
    """
    if not cands:
        return []
    n = len(ends)
    firsts = (np.searchsorted(starts, np.fromiter((c.start for c in cands), np.uint64, len(cands)), "right")
              - 1).tolist()
    lasts = np.searchsorted(ends, np.fromiter((c.end for c in cands), np.uint64, len(cands))).tolist()
    return [(first, last + 1) if first >= 0 and last < n and first <= last else None
            for first, last in zip(firsts, lasts)]


def _filtered(spans: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """``spacy.util.filter_spans`` over ``(start, end, label)`` token spans: the (first) longest
    of overlapping spans, in the order of their starts.
    """
    result = []
    seen: set[int] = set()
    for span in sorted(spans, key=lambda s: (s[1] - s[0], -s[0]), reverse=True):
        if span[0] not in seen and span[1] - 1 not in seen:
            result.append(span)
            seen.update(range(span[0], span[1]))
    return sorted(result, key=lambda s: s[0])


def _set_doc_results(doc: Doc, decision: Decision) -> None:
    """``doc.ents`` for the kept mentions, ``doc.spans[SPANS_KEY]`` for every candidate.

    The entities' extensions (``span._.gb_name`` …) are read from ``doc._.gb_ent_info``,
    one row per character span (see :func:`~graphbuild.nlp.candidates.ensure_extensions`).
    """
    cands = decision.cands
    offsets = doc.to_array([IDX, LENGTH])
    starts = offsets[:, 0]
    ends = starts + offsets[:, 1]
    bounds = _token_bounds(cands, starts, ends)
    strings = doc.vocab.strings
    class_ids = [strings.add(label) for label in CLASSES]
    labels = np.argmax(decision.probs, axis=1).tolist() if len(cands) else []
    # every candidate's span, labelled with its likeliest class; its score and source: doc._.gb_candidates
    doc.spans[SPANS_KEY] = [Span(doc, b[0], b[1], label=class_ids[k]) for b, k in zip(bounds, labels) if b]
    ents: list[tuple[int, int, int]] = []
    info: dict[tuple[int, int], tuple[str, bool, str, float, str]] = {}
    for members in decision.entities:
        name = cands[members[0]].text
        for i in members:
            b = bounds[i]
            if b is None:
                continue
            c = cands[i]
            # the last mention written on a character span gives its values (as setting them would)
            info[(int(starts[b[0]]), int(ends[b[1] - 1]))] = (
                name, c.proposed, "proposes" if c.proposed else c.role, c.score, c.source)
            ents.append((b[0], b[1], strings.add(c.type or "Method")))
    doc._.gb_ent_info = info
    _set_ents(doc, _filtered(ents))


def _set_ents(doc: Doc, ents: list[tuple[int, int, int]]) -> None:
    """``doc.set_ents(spans, default="outside")`` for the non-overlapping token spans ``ents``
    (``(start, end, label)``), written as one array: ``set_ents`` tests every token in Python
    (4% of the decision's instructions). As there: an entity's tokens begin (3) or are inside
    (1) it, with its label and no knowledge-base id; every other token is outside (2), with no
    label; knowledge-base ids outside the entities (read and written back in the same array)
    and ``ENT_ID`` are left as they are.
    """
    if not ents:
        table = np.zeros((len(doc), 2), dtype=np.uint64)
        table[:, 0] = 2
        doc.from_array([ENT_IOB, ENT_TYPE], cast("Ints2d", table))
        return
    table = np.zeros((len(doc), 3), dtype=np.uint64)
    table[:, 0] = 2
    table[:, 2] = doc.to_array(ENT_KB_ID)
    for s, e, label in ents:
        table[s:e] = (1, label, 0)
        table[s, 0] = 3
    doc.from_array([ENT_IOB, ENT_TYPE, ENT_KB_ID], cast("Ints2d", table))


def _inputs(doc: Doc) -> tuple[str, list[tuple[int, int]], int, list[Candidate], Any]:
    """What the decision reads of ``doc``: its text, sentences, title end and candidates (and ``doc._``)."""
    text = doc_text(doc)
    ext = doc._  # (each ``doc._`` builds an accessor: read it once)
    title_end = ext.gb_title_end if ext.gb_title_end >= 0 else len(text)
    return text, ext.gb_sents or [(0, len(text))], title_end, candidates(doc), ext


class DecideComponent:
    """The ``graphbuild_decide`` component; its weights travel with ``nlp.to_disk``."""

    #: feature ids (the model's for good, the others' for a while) and the per-form feature cache,
    #: kept across documents; made anew when :attr:`model` is set
    space: FeatureSpace

    def __init__(self, nlp: Language, name: str, *, model: str = "", threshold: float = THRESHOLD,
                 proposed_threshold: float = PROPOSED_THRESHOLD, lower_threshold: float = LOWER_THRESHOLD):
        self.nlp, self.name = nlp, name
        self.model = load_model(model)
        self.threshold, self.proposed_threshold = threshold, proposed_threshold
        self.lower_threshold = lower_threshold
        #: casing statistics of the papers being built (set by ``extract_papers``); None: the document's own
        self.corpus: CorpusStats | None = None
        self._guarded = guarded(name)(self._decide)

    @property
    def model(self) -> DecisionModel:
        """The decision weights; setting them numbers their feature names in a new :attr:`space`."""
        return self._model

    @model.setter
    def model(self, model: DecisionModel) -> None:
        self._model = model
        self.space = BoundedFeatureSpace(chain(model.entity.index, model.types.index))

    def __call__(self, doc: Doc) -> Doc:
        """Decide the entities among ``doc``'s candidates and set its results."""
        return self._guarded(doc)

    def gazetteer(self) -> Any:
        """The pipeline's gazetteer (from ``graphbuild_gazetteer``), or ``None``."""
        # (one pass over the active components: ``pipe_names`` and ``get_pipe`` cost 10 µs a document)
        component = dict(self.nlp.pipeline).get("graphbuild_gazetteer")
        return None if component is None else cast("GazetteerComponent", component).gazetteer

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        """Decide the entities of ``docs``, ``batch_size`` at a time: each model scores a batch's
        rows in one go (:func:`decide_batch`). The same results as calling the component on each
        document; a document whose decision fails is reported and keeps what the earlier
        components found, as there.
        """
        for batch in minibatch(docs, size=batch_size):
            yield from self._decide_batch(list(batch))

    def _decide_batch(self, docs: list[Doc]) -> list[Doc]:
        readable, inputs = [], []
        for doc in docs:
            try:
                inputs.append(_inputs(doc))
                readable.append(doc)
            except Exception as exc:  # noqa: BLE001 - reported, then the batch continues
                report_failure(self.name, doc, exc)
        decisions = decide_batch([x[:4] for x in inputs], self.gazetteer(), self.model, threshold=self.threshold,
                                 proposed_threshold=self.proposed_threshold, space=self.space, corpus=self.corpus,
                                 lower_threshold=self.lower_threshold)
        for doc, x, decision in zip(readable, inputs, decisions):
            if isinstance(decision, Exception):
                report_failure(self.name, doc, decision)
                continue
            try:
                x[4].gb_candidates = decision.cands
                _set_doc_results(doc, decision)
            except Exception as exc:  # noqa: BLE001 - reported, then the batch continues
                report_failure(self.name, doc, exc)
        return docs

    def _decide(self, doc: Doc) -> Doc:
        text, sents, title_end, cands, ext = _inputs(doc)
        decision = decide(text, sents, title_end, cands, self.gazetteer(), self.model, threshold=self.threshold,
                          proposed_threshold=self.proposed_threshold, corpus=self.corpus,
                          lower_threshold=self.lower_threshold, space=self.space)
        ext.gb_candidates = decision.cands
        _set_doc_results(doc, decision)
        return doc

    def to_disk(self, path: str | Path, *, exclude: Any = ()) -> None:
        """Save the decision weights as ``decider.json`` under ``path``."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        self.model.save(path / "decider.json")

    def from_disk(self, path: str | Path, *, exclude: Any = ()) -> DecideComponent:
        """Load the decision weights from ``decider.json`` under ``path``, if present."""
        file = Path(path) / "decider.json"
        if file.exists():
            self.model = read_model(str(file))
        return self


@Language.factory(
    "graphbuild_decide",
    default_config={"model": "", "threshold": THRESHOLD, "proposed_threshold": PROPOSED_THRESHOLD,
                    "lower_threshold": LOWER_THRESHOLD},
    assigns=["doc.ents", "doc.spans", "doc._.gb_candidates", "doc._.gb_ent_info", "span._.gb_proposed",
             "span._.gb_role", "span._.gb_score", "span._.gb_name", "span._.gb_source"],
    requires=["doc._.gb_sents", "doc._.gb_candidates"],
)
def make_decide(nlp: Language, name: str, model: str, threshold: float, proposed_threshold: float,
                lower_threshold: float) -> DecideComponent:
    """The learned decision over the proposers' candidates.

    Parameters
    ----------
    model : a decision model JSON file (``graphbuild train`` writes one); empty for the shipped weights.
    threshold : minimum probability that an entity's best mention names a scored entity.
    proposed_threshold : minimum probability that the paper introduces the entity.
    lower_threshold : minimum probability for an entity written in lower case only.
    """
    return DecideComponent(nlp, name, model=model, threshold=threshold, proposed_threshold=proposed_threshold,
                           lower_threshold=lower_threshold)
