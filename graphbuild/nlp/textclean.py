r"""The text the pipeline reads: typography and LaTeX markup that hide names, undone in place.

Abstracts come from arXiv (LaTeX markup: ``\textbf{FooNet}``, ``$\beta$-VAE``,
``BERT~\cite{…}``), from PDFs (a word hyphenated across a line break) and
from publishers (non-breaking spaces and hyphens, full-width letters). Each
hides a name from the tokenizer and the patterns: ``Llama`` + no-break space +
``3`` is not ``Llama 3``. :func:`clean_text` rewrites them **without changing
the text's length**, so that every offset into the cleaned text is an offset
into the input (mentions' ``start`` and ``end`` stay valid).
"""

from __future__ import annotations

import re

__all__ = ["clean_text"]

#: one character for another: spaces that do not break, hyphens that do not break, full-width ASCII
_SAME_LENGTH = str.maketrans({
    **{c: " " for c in "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"},
    "\u2010": "-", "\u2011": "-",
    **{chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)},
})

#: an en dash inside a name, between two words or numbers (``Weisfeiler–Lehman``, ``WMT14 En–De``, as a publisher or
#: LaTeX's ``--`` writes it): a hyphen, as the name's other spellings have it (a spaced dash, `` – ``, stays)
_EN_DASH_INSIDE = re.compile("(?<=[A-Za-z0-9])\u2013(?=[A-Za-z0-9])")
#: a LaTeX command that only styles its argument: ``\textbf{FooNet}``, ``\textcolor{red}{FooNet}``
_STYLED = re.compile(
    r"\\(?:text(?:bf|it|tt|sc|rm|sf|sl|up|md|normal)?|emph|underline|math(?:rm|bf|it|sf|tt)|bm|"
    r"textcolor\{[A-Za-z]+\})\{([^{}\n]*)\}")
#: a group styled by a declaration: ``{\bf FooNet}``, ``{\em FooNet}``
_DECLARED = re.compile(r"\{\\(?:bf|em|it|sc|tt|rm|sf|sl|bfseries|itshape|scshape|ttfamily)\s+([^{}\n]*)\}")
#: a citation or reference, whose keys are no text: ``\cite{vaswani2017}``, ``\citep[p.~3]{x, y}``, every
#: command with "cite" in its name (natbib's ``\Citet``, biblatex's ``\parencite``, ``\textcite``, the
#: multi-cites ``\parencites{a}{b}``), ``\ref`` and its kin, ``\footnote`` and ``\label``
_CITATION = re.compile(r"\\(?:[A-Za-z]*[Cc]ite[a-z]*\*?(?:(?:\[[^\]\n]*\]){0,2}\{[^{}\n]*\})+"
                       r"|(?:ref|eqref|autoref|cref|Cref|footnote|label)\*?(?:\[[^\]\n]*\])*\{[^{}\n]*\})")
#: LaTeX's non-breaking space between words: ``Transformer~\cite``, ``Table~2``
_TIE = re.compile(r"(?<=[^\s~])~(?=[\\(A-Za-z0-9])")
#: a Greek letter in math mode, the whole formula: ``$\beta$``, ``$\mathrm{\pi}$``
_GREEK_MATH = re.compile(r"\$\s*(?:\\math(?:rm|bf|it)\{)?\\(?P<letter>[A-Za-z]+)\}?\s*\$")
_GREEK = dict(zip(
    "alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi pi rho "
    "sigma tau upsilon phi varphi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega".split(),
    "αβγδεεζηθθικλμνξπρστυφφχψωΓΔΘΛΞΠΣΥΦΨΩ"))
#: a number written as a superscript against a word with a capital: a coined name (``C^2DSR``,
#: ``H$^2$VQ``, ``GR$^{2}$``, ``X$^2$-VLM``), not math (``x^2``, ``3mm$^2$``, ``R^2``)
_SUPERSCRIPT_NAME = re.compile(r"(?<![\w$^\\{])([A-Z][A-Za-z0-9\-]*|[a-z][a-z0-9\-]*[A-Z][A-Za-z0-9\-]*)"
                               r"(?:\$\^\{?(\d{1,2})\}?\$|\^\{?(\d{1,2})\}?)([A-Za-z0-9\-]*)")
#: a name whose superscript number is written with it inside math, a word against the formula: ``$Q^2$-Net``,
#: ``$\text{Q}^2$Former`` (as the reader leaves it: ``$Q^2$Former``); groups as :data:`_SUPERSCRIPT_NAME`'s (a
#: formula alone, ``$R^2$``, touches no word and stays)
_MATH_SUPERSCRIPT_NAME = re.compile(r"\$([A-Z][A-Za-z0-9]*)\^\{?(\d{1,2})\}?\$()([A-Za-z0-9\-]+)")
#: a word hyphenated at a line break, and the rest of the word: ``Llama-\n2``, ``Ro-\nBERTa``
_LINE_HYPHEN = re.compile(r"(?<=[A-Za-z0-9])-\n([A-Za-z0-9]\S*)")
#: the headings of the parts of a structured abstract ("Background", "Methods", "Availability and implementation",
#: as PubMed and many journals write them), as alternatives of a regex (no escapes: :data:`_CAPS_HEADING` is
#: their upper case)
_HEADINGS = (
    r"background(?: and (?:objectives?|aims?|purpose))?|context|importance|introduction|motivation|rationale|"
    r"(?:study )?objectives?|aims?(?: and objectives?)?|purpose|question|problem|approach|methods?|methodology|"
    r"materials and methods|design|settings?|design,? setting,? and participants|participants|patients|subjects|"
    r"interventions?|exposures?|measurements|main outcomes? (?:and|&) measures?|main outcome measures?|outcomes?|"
    r"results?|findings|discussion|(?:main )?conclusions?|conclusions? and relevance|interpretation|meaning|"
    r"significance|limitations|originality|location|taxon|trial registration|registration|funding|key points|"
    r"summary|availability(?: and implementation)?|supplementary information|contact")
#: a heading before a colon, at the start of a line or after a sentence's end: a label, no name
_HEADING = re.compile(rf"(?:^|(?<=\n)|(?<=[.!?]\s))(?=[A-Z])(?i:{_HEADINGS})\s*$")
#: a heading in capitals with no colon, as a feed that flattens a structured abstract leaves it ("BACKGROUND Sepsis
#: is …", "… patients. METHODS We trained …"), before a word with a capital: a label too (not "RESULTS" inside a
#: sentence, nor the first words of a title in capitals, "METHODS FOR …": a lower-case word follows the next word
#: or its first letter)
_CAPS_HEADING = re.compile(rf"(?:^|(?<=\n)|(?<=[.!?]\s))(?:{_HEADINGS.upper()})(?=\s+[A-Z](?:[a-z]|\S*\s+[a-z(]))")
#: an optional group of a heading's alternatives ("(?:study )?"), or a plural's optional "s": what a heading may
#: lack
_OPTIONAL_PART = re.compile(r"\(\?:[^()]*\)\?|s\?")
#: the first word of each alternative once the optional parts are gone ("results?" -> "result")
_FIRST_WORD = re.compile(r"(?:^|\|)[^a-z|]*([a-z]+)")


def _heading_stems(alternatives: str) -> tuple[str, ...]:
    """Words in capitals one of which every heading of ``alternatives`` holds: the first word each alternative
    must hold ("RESULT" of "results?", "CONCLUSION" of "(?:main )?conclusions?"), less those holding a shorter
    one ("METHODOLOGY" holds "METHOD"), so that one list, :data:`_HEADINGS`, gives both the pattern and its cheap
    test.
    """
    plain = _OPTIONAL_PART.sub("", alternatives)
    words = {m.group(1).upper() for m in _FIRST_WORD.finditer(plain)}
    return tuple(sorted(w for w in words if not any(v != w and v in w for v in words)))


#: words one of which every heading in capitals holds (a cheap test before :data:`_CAPS_HEADING` is searched for)
_CAPS_STEMS = _heading_stems(_HEADINGS)
#: a label of the track or kind of a record before its title, as ACM, IEEE and DBLP exports keep them
#: ("Poster: Zorb ...", "Demo: ...", "Short Paper: ...", "Brief Announcement: ..."): no name of the paper's
_TRACK_LABEL = re.compile(
    r"(?i:(?:poster|demo(?:nstration)?|short|full|long|tool|vision|position|industry|experience|invited|"
    r"research|student|doctoral)(?: paper| abstract| talk| track)?|extended abstract|work[- ]in[- ]progress|"
    r"wip|invited talk|keynote(?: talk| address)?|tutorial|panel|doctoral symposium|brief announcement|"
    r"technical perspective|late[- ]breaking (?:results?|work|abstract)|student research competition|"
    r"research highlights?)\s*:\s+(?=\S)")
#: the title of a record of front matter or of a whole volume, which names no artifact of its own ("Proceedings
#: of the … Workshop on … (DaMoN '06)", "Message from the … Chairs", "Session details: …", "Front Matter")
_FRONT_MATTER = re.compile(
    r"\s*(?i:proceedings\s+of\s|message\s+from\s|session\s+details\s*:|(?:front|back)\s+matter\b|"
    r"author\s+index\b|table\s+of\s+contents\b|preface\b|foreword\b|editorial\b|"
    r"welcome\s+(?:message|from|to)\b|(?:program|organi[sz]ing|steering)\s+committees?\b|workshop\s+on\s)")
#: how far before a colon a heading may start (the longest above, "design, setting, and participants", is 33)
_HEADING_REACH = 40
#: a hyphen standing for a dash between a word and an article ("introduces PAG-a novel decoding ...")
#: (the look-behind follows the hyphen, so that a search skips from hyphen to hyphen)
_DASH_BEFORE_ARTICLE = re.compile(r"-(?<=[A-Za-z0-9]-)(?=(?:a|an|the)\s)")


def clean_text(text: str) -> str:
    r"""``text`` with markup and typography that hide names undone, at the same length.

    * no-break and other fixed-width spaces become spaces; no-break hyphens, and en dashes between two words
      (``Weisfeiler–Lehman``), hyphens;
      full-width ASCII (``ＢＥＲＴ``) becomes ASCII;
    * a styling command keeps its argument in place of the command
      (``\textbf{FooNet}`` -> ``        FooNet ``); citations and references become
      spaces; LaTeX's tie ``~`` before a word or citation, a space;
    * a Greek letter in math mode becomes the letter, next to the word it is
      written against (``$\beta$-VAE`` -> ``       β-VAE``);
    * a number written as a superscript against a word with a capital is written
      inline, the word moved right over the markup (``C^2DSR`` -> `` C2DSR``,
      ``H$^2$VQ`` -> ``   H2VQ``, ``$Q^2$-Net`` -> ``   Q2-Net``); math (``x^2``, ``$R^2$``) stays;
    * a word hyphenated at a line break is joined at the hyphen and the line
      break moved after it (``Llama-\n2 is`` -> ``Llama-2\n is``);
    * a hyphen written for a dash before an article becomes a space
      (``we introduce Zorb-a new model`` -> ``we introduce Zorb a new model``);
    * the headings of a structured abstract become spaces (``RESULTS: Zorb …`` -> ``         Zorb …``; in
      capitals without a colon too, ``RESULTS Zorb …`` -> ``        Zorb …``), and
      so does a label of a record's track or kind before its title (``Poster: Zorb …`` -> ``        Zorb …``);
    * the title of front matter or of a volume ("Proceedings of …", "Message from the … Chairs") becomes spaces.

    >>> clean_text("We use \\textbf{FooNet} and $\\beta$-VAE~\\cite{k}.")
    'We use         FooNet  and       β-VAE         .'
    >>> clean_text("Llama\u00a03 and Ro-\nBERTa.")
    'Llama 3 and Ro-BERTa.\n'
    >>> clean_text("We introduce Zorb-a new model-and its sibling.")
    'We introduce Zorb a new model-and its sibling.'
    """
    if not text.isascii():
        text = text.translate(_SAME_LENGTH)
        if "\u2013" in text:
            text = _EN_DASH_INSIDE.sub("-", text)
    if "~" in text:
        text = _TIE.sub(" ", text)
    if "\\" in text:
        text = _STYLED.sub(_keep_argument, text)
        text = _DECLARED.sub(_keep_argument, text)
        text = _CITATION.sub(_blank, text)
        if "$" in text:
            text = _GREEK_MATH.sub(_greek_letter, text)
    if "^" in text:
        text = _SUPERSCRIPT_NAME.sub(_flattened, text)
        if "$" in text:
            text = _MATH_SUPERSCRIPT_NAME.sub(_flattened, text)
    if "-\n" in text:
        text = _LINE_HYPHEN.sub(_joined, text)
    if "-a" in text or "-the" in text:  # (every match of the pattern holds one)
        text = _DASH_BEFORE_ARTICLE.sub(" ", text)
    if any(stem in text for stem in _CAPS_STEMS):
        text = _CAPS_HEADING.sub(_blank, text)
    if ":" in text:
        text = _without_headings(text)
        m = _TRACK_LABEL.match(text)
        if m is not None:
            text = " " * m.end() + text[m.end():]
    if _FRONT_MATTER.match(text) is not None:
        end = text.find("\n\n")
        end = len(text) if end < 0 else end
        text = " " * end + text[end:]
    return text


def _without_headings(text: str) -> str:
    """``text`` with each heading of a structured abstract (:data:`_HEADING`, read in the characters before each
    colon: a text holds few colons, and a search of the whole text would try every position) and its colon
    as spaces.
    """
    colon = text.find(":")
    while colon >= 0:
        lo = max(0, colon - _HEADING_REACH)
        m = _HEADING.search(text, lo, colon)  # (its look-behinds see the characters before ``lo``)
        if m is not None:
            text = text[:m.start()] + " " * (colon + 1 - m.start()) + text[colon + 1:]
        colon = text.find(":", colon + 1)
    return text


def _blank(m: re.Match[str]) -> str:
    return " " * (m.end() - m.start())


def _keep_argument(m: re.Match[str]) -> str:
    """The argument where it stood, the command and braces around it as spaces."""
    lead = m.start(1) - m.start()
    return " " * lead + m.group(1) + " " * (m.end() - m.end(1))


def _greek_letter(m: re.Match[str]) -> str:
    """The formula's Greek letter, at the side of the formula a word touches (spaces elsewhere)."""
    letter = _GREEK.get(m.group("letter"))
    if letter is None:
        return m.group()
    pad = " " * (m.end() - m.start() - 1)
    after = m.string[m.end():m.end() + 1]
    return pad + letter if after.isalnum() or after == "-" else letter + pad


def _flattened(m: re.Match[str]) -> str:
    """The word with its superscript number written inline, spaces before it for the markup dropped
    (a lone capital squared, ``R^2``, ``L^2``, stays: a quantity, not a name).
    """
    if len(m.group(1)) == 1 and not m.group(4):
        return m.group()
    word = m.group(1) + (m.group(2) or m.group(3)) + m.group(4)
    return " " * (m.end() - m.start() - len(word)) + word


def _joined(m: re.Match[str]) -> str:
    """The hyphen and the rest of the word, then the line break (left alone when the rest of the
    word is hyphenated at the next line break too: moving its line break would make a blank line).
    """
    if m.group(1).endswith("-") and m.string[m.end():m.end() + 1] == "\n":
        return m.group()
    return "-" + m.group(1) + "\n"
