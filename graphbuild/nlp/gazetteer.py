"""The gazetteer: known ML entities, their types, aliases and families.

The data ships as JSON Lines under ``graphbuild/data/gazetteer/`` (one entity a
line: ``name``, ``type``, ``aliases``, ``family``, ``ambiguous``). The spaCy
component ``graphbuild_gazetteer`` matches every name and alias with two
``PhraseMatcher`` s: exact case for short or ambiguous forms (``Adam``,
``SAM``), lower case for the rest (``low-rank adaptation``).
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import cast

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

from ..errors import InputError, editor_lines
from ..records import ENTITY_TYPES, MAX_NAME_CHARS, name_key, too_long
from ..resources import data_path
from .candidates import TEXT_KEY, UPPER_TITLE_KEY, Candidate, candidates, doc_text, guarded
from .lexicon import (
    LANGUAGES,
    LEARNING_STARTS,
    LEARNING_WORD,
    LIST_SEPARATOR,
    is_generic,
    is_generic_model,
    matches_from,
    plain_words,
)

__all__ = ["GazEntry", "Gazetteer", "load_gazetteer", "GazetteerComponent", "form_key", "numbers_of", "variant_key",
           "another_sense", "sense_read"]

#: :func:`graphbuild.records.name_key`, cached per surface form (the same forms recur across papers)
form_key = lru_cache(maxsize=200_000)(name_key)

_NUMBER = re.compile(r"\d+(?:\.\d+)*")


@lru_cache(maxsize=200_000)
def numbers_of(form: str) -> tuple[str, ...]:
    """The numbers written in a name, with their decimal points: the part of a name its key loses
    (``OPT-1.3B`` and ``OPT-13B`` share the key ``opt13b``).

    >>> numbers_of("OPT-1.3B"), numbers_of("Llama 3.1 8B"), numbers_of("BERT")
    (('1.3',), ('3.1', '8'), ())
    """
    if not any(map(str.isdigit, form)):
        return ()
    return tuple(_NUMBER.findall(form if form.isascii() else unicodedata.normalize("NFKD", form)))  # "GPT²"


@lru_cache(maxsize=200_000)
def variant_key(form: str) -> str:
    """The name key, with what tells a variant apart that the key loses: the numbers written
    (``OPT-1.3B`` is not ``OPT-13B``) and a final size ``S`` after a hyphen or space (``ViT-S``
    is no plural ``ViTs``). ``Llama-3.1-8B`` and ``llama 3.1 8b`` still agree.

    >>> variant_key("OPT-1.3B") == variant_key("OPT 1.3B") != variant_key("OPT-13B")
    True
    >>> variant_key("ViT-S") != variant_key("ViTs") == variant_key("ViTS")
    True
    """
    key = form_key(form)
    if form[-2:] in _SIZE_S:
        key += "-s"
    numbers = numbers_of(form)
    return key + "#" + "|".join(numbers) if numbers else key


_SIZE_S = frozenset(sep + s for sep in " -_" for s in "Ss")


@dataclass(frozen=True, slots=True)
class GazEntry:
    """One known entity: its name, type, aliases, family and whether the name is ambiguous."""

    name: str
    type: str
    aliases: tuple[str, ...] = ()
    family: str | None = None
    ambiguous: bool = False

    @property
    def key(self) -> str:
        """The name key of the entry's name."""
        return name_key(self.name)

    def forms(self) -> tuple[str, ...]:
        """The entry's name followed by its aliases."""
        return (self.name, *self.aliases)


class Gazetteer:
    """Entries indexed by the name key of every name and alias."""

    def __init__(self, entries: Iterable[GazEntry]):
        self.entries: list[GazEntry] = []
        self.by_key: dict[str, GazEntry] = {}
        self.by_form: dict[str, GazEntry] = {}  # exact surface form -> entry
        #: the entries of every exact surface form that two entries share ("SAM": a method and a model; "DFT": the
        #: discrete Fourier transform and density functional theory), in their order
        self.senses: dict[str, tuple[GazEntry, ...]] = {}
        #: the numbers written in the forms of each key that has any (``1.3`` and ``13`` for ``opt13b``)
        self.key_numbers: dict[str, set[tuple[str, ...]]] = {}
        for entry in entries:
            known = self.by_key.get(entry.key)
            if known is not None and known.name == entry.name and known.type == entry.type:
                continue  # a duplicate line
            self.entries.append(entry)
            for form in entry.forms():
                first = self.by_form.setdefault(form, entry)
                if first is not entry:
                    self.senses[form] = (*self.senses.get(form, (first,)), entry)
                self.by_key.setdefault(name_key(form), entry)
                if numbers_of(form):
                    self.key_numbers.setdefault(name_key(form), set()).add(numbers_of(form))
            # the canonical name wins over another entry's alias
            self.by_key[entry.key] = entry

    def __len__(self) -> int:
        return len(self.entries)

    def lookup(self, text: str) -> GazEntry | None:
        """The entry for a surface form: exact form first, then by name key
        (not for ambiguous entries, which only match their exact forms; nor
        where the numbers differ: ``OPT-1.3B`` is not ``OPT-13B``).
        """
        entry = self.by_form.get(text)
        if entry is not None:
            return entry
        key = form_key(text)
        entry = self.by_key.get(key)
        if entry is not None and not entry.ambiguous and numbers_of(text) in self.key_numbers.get(key, ((),)):
            return entry
        return None

    def reading(self, text: str, surface: str, entry: GazEntry) -> tuple[GazEntry, bool]:
        """The entry ``text`` reads an acronym ``surface`` as, and whether the text shows that sense
        (:func:`sense_read`): of a form two entries share, the one sense the text shows ("SAM" in a paper
        on segmentation is the Segment Anything Model); else ``entry``, shown unless the paper speaks of no
        machine learning and never uses a word of its long forms ("LRU" in a paper on caches is no Linear
        Recurrent Unit) or shares the form with another sense. Where the sense is not shown, the
        context should type the name.
        """
        shown = self._shown_senses(text, surface)
        if shown is not None:
            return (shown[0], True) if len(shown) == 1 else (entry, _speaks_of_learning(text))
        return entry, sense_read(text, surface, entry) is not False or _speaks_of_learning(text)

    def sense_of(self, text: str, surface: str, entry: GazEntry) -> GazEntry | None:
        """The entry ``text`` reads ``surface`` as (:meth:`reading`), or ``None`` where it is :meth:`unread`:
        both answers from one look at the text.
        """
        shown = self._shown_senses(text, surface)
        if shown is None:
            return entry
        return shown[0] if len(shown) == 1 else None

    def unread(self, text: str, surface: str) -> bool:
        """Whether ``surface`` is a form several entries share and ``text`` shows the sense of none of them, or of
        more than one ("DFT" in a paper on materials that never writes "density functional" nor "Fourier"): no
        entry's name may then stand for it.
        """
        shown = self._shown_senses(text, surface)
        return shown is not None and len(shown) != 1

    def _shown_senses(self, text: str, surface: str) -> list[GazEntry] | None:
        """Of the entries that share the form ``surface``, those whose sense ``text`` shows; ``None`` when
        no two entries share it.
        """
        senses = self.senses.get(surface)
        return None if senses is None else [e for e in senses if sense_read(text, surface, e)]

    def family_of(self, entry: GazEntry) -> GazEntry | None:
        """The root family of a variant (following family links up to 5 steps)."""
        seen = 0
        current = entry
        while current.family and seen < 5:
            parent = self.by_key.get(form_key(current.family))
            if parent is None or parent is current:
                break
            current = parent
            seen += 1
        return current if current is not entry else None

    def to_jsonl(self) -> str:
        """The entries as JSON Lines, one entry a line."""
        return "\n".join(
            json.dumps({"name": e.name, "type": e.type, "aliases": list(e.aliases), "family": e.family,
                        "ambiguous": e.ambiguous}, ensure_ascii=False)
            for e in self.entries
        ) + "\n"


def _read_entries(path: Path) -> Iterator[GazEntry]:
    """The entries of one gazetteer file; a file that is not UTF-8 text, or a line that is no entry, is one
    InputError naming the file and line.
    """
    from ..ingest.fields import read_text  # (its errors: the first bad byte's line, a UTF-16 file named as such)

    # the lines an editor shows: splitlines() cut a name holding U+2028 (JSON keeps it raw) and named later lines
    for lineno, line in enumerate(editor_lines(read_text(path)), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            data = json.loads(line)
            name, type_ = data["name"], data["type"]
        except (ValueError, KeyError, TypeError) as exc:  # (TypeError: a line that is a list)
            raise InputError(path, lineno, f"bad gazetteer entry ({exc}); expected "
                             '{"name": ..., "type": ..., "aliases": [...]}') from None
        except RecursionError:  # a value nested thousands deep: a traceback
            raise InputError(path, lineno, "bad gazetteer entry (nested too deeply to read); expected "
                             '{"name": ..., "type": ..., "aliases": [...]}') from None
        problem = _entry_problem(data)
        if problem:
            raise InputError(path, lineno, f"bad gazetteer entry: {problem}")
        if type_ not in ENTITY_TYPES:
            raise InputError(path, lineno, f"unknown entity type {type_!r}; use one of {', '.join(ENTITY_TYPES)}")
        name = name.strip()
        aliases = tuple(a.strip() for a in data.get("aliases") or () if a.strip() and a.strip() != name)
        yield GazEntry(name, type_, aliases, data.get("family") or None, bool(data.get("ambiguous")))


def _entry_problem(data: dict) -> str | None:
    """What is wrong with the shape of one gazetteer entry's fields, if anything: a name that is no text (or
    blank), aliases that are not a list of names (a string would be read a character at a time), a family that
    is no name, an ``ambiguous`` that is not true or false; a name, alias or family longer than
    :data:`~graphbuild.records.MAX_NAME_CHARS` (as a curation operation's name is refused).
    """
    def name(value: object) -> bool:
        return isinstance(value, str) and bool(value.strip())

    def longer(value: str) -> str:  # (what a name longer than the limit is, or "")
        return too_long(value, MAX_NAME_CHARS, "a name")

    aliases, family, ambiguous = data.get("aliases"), data.get("family"), data.get("ambiguous")
    if not name(data["name"]):
        return f"'name' must be a name, not {data['name']!r}"
    if long_name := longer(data["name"]):
        return f"'name' {long_name}: give the name itself"
    if aliases is not None and not (isinstance(aliases, list) and all(isinstance(a, str) for a in aliases)):
        return f"'aliases' must be a list of names, not {aliases!r}"
    long_alias = next((problem for a in aliases or () if (problem := longer(a))), "")
    if long_alias:
        return f"'aliases' holds a name {long_alias.removeprefix('is ')}: give the name itself"
    if family is not None and not isinstance(family, str):
        return f"'family' must be a name, not {family!r}"
    if family is not None and (long_family := longer(family)):
        return f"'family' {long_family}: give the name itself"
    if ambiguous is not None and not isinstance(ambiguous, bool):
        return f"'ambiguous' must be true or false, not {ambiguous!r}"
    return None


@lru_cache(maxsize=8)
def load_gazetteer(path: str = "") -> Gazetteer:
    """Load a gazetteer file, or every ``*.jsonl`` in a folder (default: the shipped one)."""
    root = Path(path) if path else data_path("gazetteer")
    # (os.path, not Path.is_dir and Path.exists: they raise for a name too long for the system)
    folder = os.path.isdir(root)
    files = sorted(root.glob("*.jsonl")) if folder else [root]
    if folder and not files:  # it is there: "not found" sent the user looking for a typo
        from ..ingest import folder_without_inputs

        raise folder_without_inputs(root, "the gazetteer reads", [".jsonl"], "pass a .jsonl file or a folder of them")
    gone = next((f for f in files if not os.path.exists(f)), None)
    if gone is not None and folder:  # a link to nothing among the folder's files: named, not the folder
        from ..ingest import missing_input

        raise missing_input(gone)
    if gone is not None:
        raise InputError(root, None, "gazetteer not found; pass a .jsonl file or a folder of them")
    entries: list[GazEntry] = []
    for f in files:
        entries.extend(_read_entries(f))
    return Gazetteer(entries)


def _variants(form: str) -> set[str]:
    """Spelling variants papers write for the same name: hyphens as spaces or dropped, British spelling."""
    out = {form, *_british(form)}
    if "-" in form:
        out.add(form.replace("-", " "))
        out.add(form.replace("-", ""))
    elif " " in form and len(form.split()) <= 3 and any(c.isdigit() for c in form):
        out.add(form.replace(" ", "-"))
    if form.isupper() and form.isalpha() and len(form) >= 4:
        out.add(form.capitalize())  # "Bert" for BERT
    if "-" in form:
        pair = _LANGUAGE_PAIR.search(form)
        if pair is not None:  # "WMT 2014 English-to-German" for "WMT 2014 English-German"
            out.add(form[:pair.start(2)] + "to-" + form[pair.start(2):])
    out.update(_plurals(form))
    return out


def _british(form: str) -> set[str]:
    """The British spelling of a name's "-ize" words, which British authors write of the same technique
    ("matrix factorisation", "domain randomisation", "Bayesian Optimisation" for "matrix factorization", …; not
    "size" or "prize", with fewer than three letters before "iz").

    >>> _british("matrix factorization"), _british("Adam optimizer"), _british("model size")
    ({'matrix factorisation'}, {'Adam optimiser'}, set())
    """
    british = _IZE.sub("is", form)
    return {british} if british != form else set()


#: the "iz" of an "-ize" word's ending, after three letters at least
_IZE = re.compile(r"(?<=[a-z]{3})iz(?=(?:ations?|es?|ed|ers?|ing)\b)")


def _capitalised_word(form: str) -> bool:
    """Whether ``form`` is one word of letters, capitalised ("Mamba", "Apps")."""
    return form[:1].isupper() and form[1:].islower() and form.isalpha()


def written_as_word(text: str, surface: str) -> bool:
    """Whether ``surface``, a capitalised word ("Apps"), is an English word ``text`` also writes in lower case
    ("apps"): then its capitalisation (a title's, a sentence's) makes no name of it, though it matches the
    variant :func:`_variants` gives an acronym ("Bert" for BERT).
    """
    if not _capitalised_word(surface):
        return False
    return re.search(rf"\b{surface.lower()}\b", text) is not None


def _plurals(form: str) -> set[str]:
    """Plurals papers write for a coined name ("GANs", "DiTs", "U-Nets", "ResNets") and for a name of
    several words ending in a plain noun ("multilayer perceptrons", "Markov chains", "Vision Transformers").
    """
    if _ACRONYM_END.search(form) or (not form.endswith("s") and _INNER_UPPER.search(form) and " " not in form):
        return {form + "s"}
    head = form.rsplit(" ", 1)
    if len(head) == 2 and _PLAIN_NOUN.fullmatch(head[1]):
        last = head[1]
        if last.endswith(("x", "z", "ch", "sh")):
            return {form + "es"}
        if last.endswith("y") and last[-2] not in "aeiou":
            return {form[:-1] + "ies"}
        return {form + "s"}
    return set()


_ACRONYM_END = re.compile(r"^[A-Z][A-Za-z0-9-]*[A-Z]$")
#: two languages joined by a hyphen: a translation direction, which papers also write "English-to-German"
_LANGUAGES = "|".join(LANGUAGES)
_LANGUAGE_PAIR = re.compile(rf"\b({_LANGUAGES})-({_LANGUAGES})\b")
#: the last word of a name that takes a plural: a word of letters, lower case after its first, not a plural
_PLAIN_NOUN = re.compile(r"[A-Za-z][a-z]{2,}(?<!s)")
_INNER_UPPER = re.compile(r"^[A-Za-z][a-z0-9-]*[A-Z][A-Za-z0-9-]*[a-z]$")


#: a list separator, then the next one or two words: what may share a matched name's first words
#: (a period ends a sibling only where no word character follows it: "v1.1 and v2.0" lists "v2.0", not "v2")
_LISTED_AFTER = re.compile(rf"(?:{LIST_SEPARATOR})(?P<next>\S+?)(?:\s+(?P<next2>\S+?))?(?=[\s,;:)]|\.(?!\w)|$)")


def elided_siblings(gazetteer: Gazetteer, text: str, start: int, end: int) -> Iterator[tuple[int, int, GazEntry]]:
    """Known names whose first words a list leaves out after the name at ``text[start:end]``:
    "WMT 2014 English-German and English-French" names "WMT 2014 English-French" with its last
    word only. Yields (start, end, entry) for each such sibling (the words it keeps, with the
    entry the full form is in the gazetteer).

    >>> gaz = Gazetteer([GazEntry("WMT14 En-De", "Dataset", ("WMT 2014 English-German",)),
    ...                  GazEntry("WMT14 En-Fr", "Dataset", ("WMT 2014 English-French",))])
    >>> text = "the WMT 2014 English-German and English-French tasks"
    >>> [(text[s:e], entry.name) for s, e, entry in elided_siblings(gaz, text, 4, 27)]
    [('English-French', 'WMT14 En-Fr')]
    """
    words = text[start:end].split()
    while len(words) >= 2:
        m = _LISTED_AFTER.match(text, end)
        if m is None:
            return
        found = None
        for group in ("next2", "next"):  # the longer sibling first
            if m.group(group) is None:
                continue
            for shared in range(len(words) - 1, 0, -1):  # keep as many of the name's first words as can be
                entry = gazetteer.lookup(" ".join(words[:shared]) + " " + text[m.start("next"):m.end(group)])
                if entry is not None and not entry.ambiguous:
                    found = (m.start("next"), m.end(group), entry)
                    break
            if found:
                break
        if found is None:
            return
        yield found
        end = found[1]


#: English function words in lower case that a name read in any case must not open: "a softmax" is no
#: "A-Softmax", "the ZorbNet" no "THE-ZorbNet"
_FUNCTION_WORDS = frozenset(("a", "an", "the", "of", "in", "on", "to", "as", "at", "by", "or", "and", "is", "for"))


#: an acronym of three to six capitals (a final plural ``s`` allowed)
_ACRONYM = re.compile(r"[A-Z]{3,6}s?")
#: a name written out in words: two of them, one with a lower-case letter ("particle swarm optimization")
_LONG_FORM = re.compile(r"[a-z]\w*[ -]\w|\w[ -]\w*[a-z]")
#: the words an acronym's letters skip in its long form
_SKIPPED = frozenset(("of", "in", "the", "and", "for", "on", "with", "to", "a", "an", "via", "by", "as"))
_WORDS = re.compile(r"[A-Za-z]+")
#: words of long forms too common in papers to show which sense a text reads (by their first six letters)
_COMMON_STEMS = frozenset(("the", "and", "for", "with", "via", "model", "networ", "learni", "method", "data",
                           "system", "neural", "deep", "based", "traini", "algori"))


def another_sense(text: str, acronym: str, long_form: str) -> bool:
    """Whether ``text`` reads ``acronym`` (three to six capitals) otherwise than as the gazetteer's
    ``long_form`` (a name written out in words): no word
    of the long form is in the text (its first six letters nowhere), and some run of words there spells
    the acronym with its initials, capitalised or beside the acronym ("Planning Ahead in Generative
    Retrieval" for PAG, not Perturbed-Attention Guidance). Words common to every field ("model",
    "network") show no sense.

    >>> another_sense("We test PSO and TSO, the partial store order models.", "PSO", "particle swarm optimization")
    True
    >>> another_sense("PSO tunes the particle positions.", "PSO", "particle swarm optimization")
    False
    >>> another_sense("We train with SGD.", "SGD", "stochastic gradient descent")
    False
    >>> another_sense("A secure multi-party computation (MPC) model.", "MPC", "model predictive control")
    True
    >>> another_sense("We study RNNs. Their hidden states are compared, and the representations of neural"
    ...               " networks turn out alike.", "RNN", "recurrent neural network")
    False
    """
    # (every match of _ACRONYM is 3 to 7 characters long and opens with three capitals)
    if not 2 < len(acronym) < 8 or not acronym[:3].isupper() or not _ACRONYM.fullmatch(acronym) \
            or not _LONG_FORM.search(long_form):
        return False
    return _read_otherwise(text, acronym, long_form)


@lru_cache(maxsize=4096)
def _read_otherwise(text: str, acronym: str, long_form: str) -> bool:
    """:func:`another_sense` past its shape tests (cached: the decision asks once per mention)."""
    own = _own_stems(long_form)
    if not own:
        return False
    lowered = text.lower()
    if any(stem in lowered for stem in own):
        return False
    words = [m for m in _WORDS.finditer(text) if m.group().lower() not in _SKIPPED]
    initials = "".join(m.group()[0] for m in words).lower()
    letters = acronym.rstrip("s").lower()
    n = len(letters)
    near = [m.start() for m in re.finditer(re.escape(acronym), text)]
    i = initials.find(letters)
    while i >= 0:
        run = words[i:i + n]
        start, end = run[0].start(), run[-1].end()
        # the run names something (capitalised) or stands beside the acronym: "PSO (partial store order)"
        if run[0].group() != acronym and (all(m.group()[0].isupper() for m in run)
                                          or any(start - 40 < at < end + 40 for at in near)):
            return True
        i = initials.find(letters, i + 1)
    return False


def sense_read(text: str, acronym: str, entry: GazEntry) -> bool | None:
    """Whether ``text`` uses a word of one of the long forms of ``entry`` (its forms written out in words)
    for an ``acronym`` of three to six capitals: ``None`` when ``acronym`` is no such acronym or the entry
    has no long form. Words common to every field ("model", "network") show no sense.

    >>> lru = GazEntry("LRU", "Model", ("Linear Recurrent Unit",))
    >>> sense_read("Caches evict with LRU.", "LRU", lru), sense_read("A recurrent LRU layer.", "LRU", lru)
    (False, True)
    >>> sense_read("We use LRU.", "LRU", GazEntry("LRU", "Model")) is None
    True
    """
    if not 2 < len(acronym) < 8 or not acronym[:3].isupper() or not _ACRONYM.fullmatch(acronym):
        return None
    own = acronym.lower().rstrip("s")[:6]  # (a long form may hold the acronym: "SAM optimizer")
    stems = tuple(stem for stem in _entry_stems(entry) if stem != own)
    if not stems:
        return None
    return _uses_stem(text, stems)


@lru_cache(maxsize=20_000)
def _entry_stems(entry: GazEntry) -> tuple[str, ...]:
    """The stems (:func:`_own_stems`) of every form of ``entry`` written out in words."""
    return tuple(dict.fromkeys(stem for form in entry.forms() if " " in form and _LONG_FORM.search(form)
                               for stem in _own_stems(form)))


@lru_cache(maxsize=1024)
def _speaks_of_learning(text: str) -> bool:
    """Whether ``text`` has a word of machine learning (:data:`~graphbuild.nlp.lexicon.LEARNING_WORD`)."""
    return next(matches_from(LEARNING_WORD, text.lower(), LEARNING_STARTS), None) is not None


@lru_cache(maxsize=4096)
def _uses_stem(text: str, stems: tuple[str, ...]) -> bool:
    """Whether a stem of ``stems`` is in ``text`` (any case; cached: each mention of a name asks)."""
    lowered = text.lower()
    return any(stem in lowered for stem in stems)


@lru_cache(maxsize=20_000)
def _own_stems(long_form: str) -> tuple[str, ...]:
    """The first six letters of the long form's words that may show its sense (not the common ones)."""
    return tuple({w.rstrip("s")[:6] for w in _WORDS.findall(long_form.lower()) if len(w) > 2} - _COMMON_STEMS)


#: a form with a capital after a small letter, or a digit ("LoRA", "SQuAD", "DINOv2", "GPT-4"): no ordinary word
_NAME_CASED = re.compile(r"[a-z][A-Z]|\d")


def _written_as_name(form: str) -> bool:
    """Whether ``form`` is cased or numbered as no English word is (:data:`_NAME_CASED`)."""
    return _NAME_CASED.search(form) is not None


#: a word in lower case inside a name of several words ("quality" of "image quality assessment")
_LOWER_WORD = re.compile(r"(?<![A-Za-z])[a-z]+(?![A-Za-z])")


def _plain_words(gazetteer: Gazetteer) -> frozenset[str]:
    """The words the gazetteer's names of several words write in lower case: English words ("quality", "bit",
    "shot"), which a name written in capitals may only look like.
    """
    return frozenset(w for e in gazetteer.entries for f in e.forms() if " " in f or "-" in f
                     for w in _LOWER_WORD.findall(f))


def _own_form(entry: GazEntry, surface: str) -> str | None:
    """The form of ``entry`` that ``surface`` (read in a title in capitals) writes in another case, the entry's
    name first, as long as ``surface``; ``surface`` itself when that form is in lower case (a title-case title
    capitalises "mixup", "speech recognition"); ``None`` when no form of the entry is ``surface`` in any case.
    """
    low = surface.lower()
    form = next((f for f in entry.forms() if f.lower() == low and len(f) == len(surface)), None)
    if form is None:
        return None
    return surface if form.islower() else form


def function_word_led(surface: str) -> bool:
    """Whether a surface form of several words opens with a lower-case English function word."""
    first, space, _ = surface.partition(" ")
    return bool(space) and first in _FUNCTION_WORDS


def _case_sensitive(form: str, entry: GazEntry, any_case_from: int = 8) -> bool:
    """Short, single-word or ambiguous forms only match in their exact case.

    A single lower-case word matches in any case from ``any_case_from`` characters on.
    """
    if entry.ambiguous:
        return True
    if " " in form or "-" in form:
        return False
    if any(c.isdigit() for c in form) and len(form) >= 4:
        return False
    return len(form) < any_case_from or form.isupper() or not form.islower()


class GazetteerComponent:
    """Adds a :class:`Candidate` for every gazetteer match (longest first wins later).

    Parameters
    ----------
    path : a gazetteer ``.jsonl`` file or folder; empty for the shipped one.
    vote : the type vote a match gives its candidate (evidence for the decision model).
    any_case_from : a single lower-case word matches in any case from this many characters on.
    """

    def __init__(self, nlp: Language, name: str, *, path: str = "", vote: float = 3.0, any_case_from: int = 8):
        self.name = name
        self.path = path
        self.vote, self.any_case_from = vote, any_case_from
        self.gazetteer = load_gazetteer(path)
        self._build(nlp)

    def _build(self, nlp: Language) -> None:
        exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        exact_forms: dict[str, list[str]] = {}
        lower_forms: dict[str, list[str]] = {}
        for entry in self.gazetteer.entries:
            for form in entry.forms():
                variants = _variants(form) if not entry.ambiguous else {form, *_plurals(form), *_british(form)}
                for variant in variants:
                    bucket = exact_forms if _case_sensitive(variant, entry, self.any_case_from) else lower_forms
                    bucket.setdefault(entry.key, []).append(variant)
        # a title in capitals hides the case the exact forms need ("LORA" for LoRA): there they match in any
        # case, but for an ordinary word's plain form (an ambiguous "Second", "SECOND", "second"), a word
        # the gazetteer's own names write in lower case ("QuALITY" and "BiT" for "QUALITY", "4-BIT") and an
        # English word prose writes in lower case, which a form would recase ("MassIVE", "DRaFT" for "MASSIVE",
        # "DRAFT"); an ambiguous name of one capitalised word prose does not write in lower case ("Mamba",
        # "Chinchilla"; no generic word, "Transformer") matches as a title-case title would write it
        plain = _plain_words(self.gazetteer)
        english = plain_words()
        capitals = PhraseMatcher(nlp.vocab, attr="LOWER")
        capital_forms = {key: [f for f in texts if (not self.gazetteer.by_key[key].ambiguous or _written_as_name(f)
                                                    or _capitalised_word(f) and not is_generic(f))
                               and f.lower() not in plain and (f.islower() or f.lower() not in english)]
                         for key, texts in exact_forms.items()}
        # the plural of an ambiguous kind of model of one word ("Transformers"), matched in a title alone only
        # (:meth:`_match`): elsewhere the abstract writes the kind as it means it, and the plural is also the
        # name of a library
        titled = PhraseMatcher(nlp.vocab, attr="LOWER")
        titled_forms = {entry.key: [form + "s" for form in entry.forms() if _PLAIN_NOUN.fullmatch(form)
                                    and is_generic_model(form)]
                        for entry in self.gazetteer.entries if entry.ambiguous}
        tokenizer = cast(Tokenizer, nlp.tokenizer)
        for matcher, forms in ((exact, exact_forms), (lower, lower_forms), (capitals, capital_forms),
                               (titled, titled_forms)):
            for key, texts in forms.items():
                if texts:
                    matcher.add(key, list(tokenizer.pipe(texts)))
        self.exact, self.lower, self.capitals, self.titled = exact, lower, capitals, titled
        self.vocab = nlp.vocab
        self._guarded = guarded(self.name)(self._match)

    def __call__(self, doc: Doc) -> Doc:
        """Add a candidate for every gazetteer form matched in ``doc``."""
        return self._guarded(doc)

    def _match(self, doc: Doc) -> Doc:
        out = candidates(doc)
        seen: set[tuple[int, int]] = set()
        # (the end of a title in capitals, which the gazetteer recases, else 0)
        recased_at = doc._.gb_title_end if doc.user_data.get(UPPER_TITLE_KEY) else 0
        recased = self._recased_title(doc) if recased_at else []
        matches = [*recased, *self.exact(doc), *self.lower(doc), *self._titled_plurals(doc)]
        if not matches:
            return doc
        text = doc_text(doc)
        strings = self.vocab.strings
        by_form, by_key = self.gazetteer.by_form, self.gazetteer.by_key
        for match_id, start, end in matches:
            last = doc[end - 1]  # (two Tokens per match cost less than an array of every token's offsets)
            bounds = (doc[start].idx, last.idx + len(last))
            if bounds in seen:
                continue
            seen.add(bounds)
            surface = text[bounds[0]:bounds[1]]
            key = strings[match_id]
            # an exact surface form decides between entries sharing a key (SuperGLUE, SuperGlue)
            entry = by_form.get(surface) or by_key.get(key)
            if entry is None or (surface not in by_form and function_word_led(surface)):
                continue
            if another_sense(text, surface, entry.name):
                continue  # "PSO" in a paper on memory models is no particle swarm optimisation
            if surface not in by_form and written_as_word(text, surface):
                continue  # "Apps" (APPS) in a title whose abstract writes "apps": the English word
            if recased_at and bounds[0] < recased_at and entry.ambiguous and surface not in by_form \
                    and (text[bounds[0] - 1:bounds[0]] == "-" or text[bounds[1]:bounds[1] + 1] == "-"):
                continue  # "SHOT" of "FEW-SHOT": capitals hide the case that names an ordinary word, a word's part
            entry = self.gazetteer.reading(text, surface, entry)[0]  # ("SAM": the sense the text shows)
            # an ambiguous name (an ordinary word) is weak: the title alone does not support it
            cand = Candidate(bounds[0], bounds[1], surface, "gazetteer", key=entry.key,
                             type=entry.type, strong=not entry.ambiguous,
                             recased=bounds[0] < recased_at and surface != doc.text[bounds[0]:bounds[1]])
            cand.vote(entry.type, self.vote)
            out.append(cand)
            if " " in surface:
                for s, e, sibling in elided_siblings(self.gazetteer, text, *bounds):
                    if (s, e) not in seen:
                        seen.add((s, e))
                        elided = Candidate(s, e, text[s:e], "gazetteer", key=sibling.key, type=sibling.type,
                                           strong=True)
                        elided.vote(sibling.type, self.vote)
                        out.append(elided)
        return doc

    def _titled_plurals(self, doc: Doc) -> list[tuple[int, int, int]]:
        """The matches of the plurals of the ambiguous kinds of model of one word ("Pruning Transformers for
        Sensor Logs"), where the record is a title alone: with no abstract to write the kind, a title's plural of it
        names the kind as its singular does, and no library.
        """
        title_end = doc._.gb_title_end
        if title_end <= 0 or doc_text(doc)[title_end:].strip():
            return []
        return cast(list[tuple[int, int, int]], self.titled(doc))

    def _recased_title(self, doc: Doc) -> list[tuple[int, int, int]]:
        """The matches of the exact forms in a title written in capitals (``"LORA"``, ``"SQUAD"``), each written
        back in the gazetteer's form into the text the components read (``LoRA``, ``SQuAD``; the length
        unchanged): the title then reads as its title-case writer had it, a name's shape as a name's. A word
        the abstract writes is left as :func:`~graphbuild.nlp.sentences.recase_title` took it from there.
        """
        text = doc_text(doc)
        title_end = doc._.gb_title_end
        title = doc.char_span(0, title_end, alignment_mode="contract") if title_end > 0 else None
        if title is None:
            return []
        matches = self.capitals(title)
        if not matches:
            return []
        written = set(_WORDS.findall(text[title_end:].lower()))  # (the abstract's words, where it has one)
        strings, by_key = self.vocab.strings, self.gazetteer.by_key
        out = []
        for match_id, start, end in matches:
            last = doc[end - 1]
            lo, hi = doc[start].idx, last.idx + len(last)
            surface = text[lo:hi]
            entry = by_key.get(strings[match_id])
            if entry is None or written.intersection(_WORDS.findall(surface.lower())):
                continue
            form = _own_form(entry, surface)
            if form is None:
                continue
            if form != surface:
                text = text[:lo] + form + text[hi:]
            out.append((match_id, start, end))
        doc.user_data[TEXT_KEY] = text
        return out

    # serialisation: the entries travel with the pipeline
    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Save the gazetteer entries as ``entries.jsonl`` under ``path``."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "entries.jsonl").write_text(self.gazetteer.to_jsonl(), encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> GazetteerComponent:
        """Load the gazetteer entries from ``entries.jsonl`` under ``path``, if present."""
        file = Path(path) / "entries.jsonl"
        if file.exists():
            self.gazetteer = load_gazetteer(str(file))
            self._build_from_vocab()
        return self

    def _build_from_vocab(self) -> None:
        from spacy.lang.en import English

        nlp = English(vocab=self.vocab)
        self._build(nlp)


@Language.factory(
    "graphbuild_gazetteer",
    default_config={"path": "", "vote": 3.0, "any_case_from": 8},
    assigns=["doc._.gb_candidates"],
)
def make_gazetteer(nlp: Language, name: str, path: str, vote: float, any_case_from: int) -> GazetteerComponent:
    """Candidates for every gazetteer name and alias (see :class:`GazetteerComponent`)."""
    return GazetteerComponent(nlp, name, path=path, vote=vote, any_case_from=any_case_from)


