"""The ``graphbuild_sentences`` component: the text to read, sentence spans and the title's end.

The splitter itself is :func:`graphbuild.nlp.lexicon.split_sentences`; this
component stores the text once in ``doc.user_data`` (a title written in
capitals recased by :func:`recase_title`), its sentences' character spans on
``doc._.gb_sents`` and the end of the title (the text before the first blank
line) on ``doc._.gb_title_end``.
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc

from .candidates import RAW_KEY, TEXT_KEY, UPPER_TITLE_KEY, guarded
from .lexicon import SPACELESS_SCRIPTS, split_sentences

__all__ = ["make_sentences", "recase_title", "is_upper_title", "colon_for_dash", "spaced_scripts"]

_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’]*")
#: a dash between spaces, which some titles use where others have a colon ("Name -- subtitle")
_TITLE_DASH = re.compile(r" (?:--|—|–|-) ")
#: a title's first words (up to three) and a comma before an article, where others have a colon
#: ("Zorb, a Notebook Assistant for …")
_TITLE_APPOSITION = re.compile(r"\s*[^\s,:]+(?: [^\s,:]+){0,2}(,) (?:a|an|A|An) ")


#: a character of a script written without spaces between words
_SPACELESS = re.compile(f"[{SPACELESS_SCRIPTS}]")
#: ... the punctuation that ends a sentence or parts a list, read as its Latin form
_SPACELESS_STOPS = {"。": ".", "、": ",", "！": "!", "？": "?", "；": ";", "：": ":"}


def spaced_scripts(text: str) -> str:
    """``text`` with every character of a script written without spaces (Chinese, Japanese, Korean) read as a
    space, or as the full stop or comma it is: the components then find the names written inside such text
    ("基于ResNet的方法DeepCls，在ImageNet上": ResNet, DeepCls, ImageNet), not runs that join them to the
    clause. The length never changes.

    >>> spaced_scripts("基于ResNet的方法。")
    '  ResNet   .'
    """
    if _SPACELESS.search(text) is None:
        return text
    return _SPACELESS.sub(lambda m: _SPACELESS_STOPS.get(m.group(), " "), text)


def colon_for_dash(text: str, title_end: int) -> str:
    r"""``text`` with the first spaced dash of a title without a colon read as its colon, or else the comma
    after the title's first words before an article ("Zorb, a Notebook Assistant for …").

    BibTeX files and PDF metadata often write "SlimMoE -- Structured …" or
    "SlimMoE — Structured …" for "SlimMoE: Structured …"; the components look
    for a title's colon, so the dash becomes a colon padded with spaces. The
    length never changes, so offsets stay valid.

    >>> colon_for_dash("Boltzmann Generators -- Sampling States\n\nWe …", 39)[:39]
    'Boltzmann Generators:   Sampling States'
    """
    title = text[:title_end]
    if ":" in title:
        return text
    m = _TITLE_DASH.search(title)
    if m is None or m.start() == 0 or m.end() >= len(title.rstrip()):
        m = _TITLE_APPOSITION.match(title)
        if m is None or title.split(None, 1)[0].lower() in STOP_WORDS:  # ("With X, a Little …": no name first)
            return text
        return text[:m.start(1)] + ":" + text[m.end(1):]
    return text[:m.start()] + ":" + " " * (m.end() - m.start() - 1) + text[m.end():]


def is_upper_title(title: str, *, min_share: float = 0.8) -> bool:
    """Is the title written in capitals (as BibTeX exports and PDF metadata often have it)?

    >>> is_upper_title("SLIMMOE: STRUCTURED COMPRESSION OF LARGE MOE MODELS"), is_upper_title("SlimMoE: A Model")
    (True, False)
    """
    if title.isascii():  # (counted in C: an ASCII capital is always a letter)
        n_letters = sum(map(str.isalpha, title))
        return n_letters >= 8 and sum(map(str.isupper, title)) >= min_share * n_letters
    letters = [c for c in title if c.isalpha()]
    return len(letters) >= 8 and sum(c.isupper() for c in letters) >= min_share * len(letters)


def recase_title(text: str, title_end: int) -> str:
    r"""``text`` with a title in capitals recased as a title-case title, letters only.

    A word the abstract writes with capitals takes its most frequent form
    there (``IRCODER`` -> ``IRCoder``); a function word becomes lower case; a
    short word or one with digits stays as it is (``IR``, ``V2``); any other
    word is capitalised (``ENHANCED`` -> ``Enhanced``), as a title-case title
    has it. The length never changes, so offsets stay valid.

    >>> recase_title("FASTBERT: A MODEL FOR GLUE\n\nWe train FastBERT on GLUE.", 26)[:26]
    'FastBERT: A Model for GLUE'
    >>> recase_title("ON THE LIMITS OF IR", 19)
    'On the Limits of IR'
    """
    title = text[:title_end]
    if not is_upper_title(title):
        return text
    forms: dict[str, Counter[str]] = {}
    for m in _WORD.finditer(text, title_end):
        w = m.group()
        forms.setdefault(w.lower(), Counter())[w] += 1
    out = []
    last = 0
    for i, m in enumerate(_WORD.finditer(title)):
        word = m.group()
        low = word.lower()
        seen = forms.get(low)
        first = i == 0 or title[:m.start()].rstrip().endswith(":")
        form = seen.most_common(1)[0][0] if seen else None
        function_word = low in STOP_WORDS and not first
        if form is not None and form != low and not (function_word and form == word[0] + low[1:]):
            new = form  # a name as the abstract writes it: "IRCoder", "GLUE" (not "The" opening sentences)
        elif function_word:
            new = low
        elif form is None and (len(word) <= 2 and low not in STOP_WORDS or any(c.isdigit() for c in word)):
            new = word  # an acronym or a version ("IR", "V2"; not a function word opening the title: "ON", "IN")
        else:
            new = word[0] + word[1:].lower()  # as a title-case title has it
        if len(new) != len(word):  # never: a case change keeps the length of ASCII words
            new = word
        out.append(title[last:m.start()])
        out.append(new)
        last = m.end()
    out.append(title[last:])
    return "".join(out) + text[title_end:]


@Language.factory("graphbuild_sentences", assigns=["doc._.gb_sents", "doc._.gb_title_end"])
def make_sentences(nlp: Language, name: str):
    """Rule-based sentence spans (character offsets), cheaper than a parser."""

    @guarded(name)
    def sentences(doc: Doc) -> Doc:
        text = doc.user_data.pop(RAW_KEY, None) or doc.text  # the input string when text_doc made the Doc
        title_end = text.find("\n\n")
        title_end = title_end if title_end >= 0 else len(text)
        if is_upper_title(text[:title_end]):  # (read again by the gazetteer, which writes its names' forms)
            doc.user_data[UPPER_TITLE_KEY] = True
        text = recase_title(colon_for_dash(text, title_end), title_end)
        if not text.isascii():
            text = spaced_scripts(text)
        doc.user_data[TEXT_KEY] = text
        ext = doc._
        ext.gb_sents = split_sentences(text)
        ext.gb_title_end = title_end
        return doc

    return sentences
