r"""LaTeX in BibTeX fields to Unicode, fast for the common case.

Most fields of real exports contain no LaTeX at all, and the rest mostly
accents (``M{\"u}ller``), special letters (``{\O}``), escaped characters
(``\&``) and protective braces (``{BERT}``). :func:`decode_latex` returns a
field without markup unchanged after a cheap check, decodes those common
constructs with one regular expression and a table, and hands anything else
(math, unknown macros) to pylatexenc, the decoder bibtexparser uses. Its
output equals pylatexenc's on what the table covers, with deliberate
exceptions: an unescaped ``%`` or ``&`` is kept as the character (pylatexenc
reads ``%`` as a comment and drops the rest of the line, and ``&`` as an
alignment tab), because BibTeX values are not LaTeX source lines; ``\textasciicircum`` is ``^``, not the
modifier letter ``ˆ``, and ``\textbraceleft``/``\textbraceright`` are braces on either path (as
:mod:`graphbuild.bibtex_out` writes them); and the TeX
logos (``\LaTeX``, ``\TeX``, ``\BibTeX`` …) give their names, which pylatexenc drops; and a citation or
cross-reference (:data:`CITATION`: natbib's ``\citet``, ``\citeauthor``, biblatex's ``\parencite``,
``\textcite`` …) is no text, where pylatexenc gives ``<cit.>`` for some and the keys for others.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

__all__ = ["CITATION", "INLINE_MATH", "VERBATIM_FIELDS", "decode_field", "decode_latex", "decode_verbatim",
           "needs_decoding", "slow_decode", "FastLatexMiddleware"]

#: A citation or cross-reference, whose keys are no text, with the tie before it: every command with ``cite``
#: in its name (``\cite``, natbib's ``\citep``/``\citet``/``\citealp``/``\citeauthor``/``\Citet``,
#: biblatex's ``\parencite``/``\textcite``/``\autocite``/``\footcite`` and their multi-citation forms such as
#: ``\parencites{a}{b}``), starred or not, with up to two optional notes before each key group
#: (``\citep[see][p.~3]{key}``); and ``\ref``, ``\eqref``, ``\autoref``, ``\cref``, ``\Cref``.
CITATION = re.compile(r"~?\\(?:[A-Za-z]*[Cc]ite[a-z]*\*?(?:(?:\[[^\]]*\]){0,2}\{[^{}]*\})+"
                      r"|(?:ref|eqref|autoref|cref|Cref)(?:\[[^\]]*\]){0,2}\{[^{}]*\})")

#: inline math as a title from arXiv or a .bib holds it (``$\\alpha$-VAE``, ``$k$-means``, ``$O(n^{2})$``, ``$a--b$``):
#: a span between unescaped dollars holding a command, a script or a brace, or one letter, or letters and digits
#: joined by operators without a space (``$a--b$``, ``$n+1$``, ``$x<y$``: ``--`` there is two minus signs, no en
#: dash); never ``$5 or $10`` nor ``$5--$10``, nor a span holding ``% & #`` (a comment, an alignment tab, a
#: parameter: LaTeX errors inside math too). The reader keeps it as written (its braces are the maths':
#: ``$2^{-k}$`` is not ``$2^-k$``) and :mod:`graphbuild.bibtex_out` writes it unescaped.
INLINE_MATH = re.compile(r"(?<!\\)\$(?:[^$%&#]*[\\^_{][^$%&#]*|[A-Za-z]|[A-Za-z0-9]+(?:[-+*/=<>]+[A-Za-z0-9]+)+)"
                         r"(?<!\\)\$")

#: Accents written with a symbol: ``\"o``, ``\'{e}``.
_SYMBOL_ACCENTS = {'"': "\u0308", "'": "\u0301", "`": "\u0300", "^": "\u0302", "~": "\u0303",
                   "=": "\u0304", ".": "\u0307"}
#: Accents written with a letter, which need a brace or a space: ``\c{c}``, ``\v r``.
_LETTER_ACCENTS = {"u": "\u0306", "v": "\u030c", "H": "\u030b", "c": "\u0327", "k": "\u0328",
                   "r": "\u030a", "d": "\u0323", "b": "\u0331"}
_LETTERS = {"ss": "ß", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "aa": "å", "AA": "Å", "o": "ø",
            "O": "Ø", "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ"}
#: Macros whose braced argument is kept as plain text.
_STYLES = ("textbf", "textit", "texttt", "emph", "textsc", "textrm", "textsf", "textnormal", "textup",
           "textsl", "mathrm", "mathbf", "mathit", "url", "mbox")
_ESCAPES = {"&": "&", "%": "%", "$": "$", "#": "#", "_": "_", "{": "{", "}": "}", ",": " ", " ": " ",
            ";": " ", "\n": " "}
_TEXT = {"---": "—", "--": "–", "~": "\xa0", "``": "“", "''": "”"}
#: Text-mode symbols graphbuild.bibtex_out writes for characters BibTeX must not see bare: an unpaired
#: brace, and the circumflex (which pylatexenc reads as the modifier letter ``ˆ``, not ``^``); and those
#: pylatexenc drops, so that ``\textless{}b\textgreater{}`` in a title is ``<b>``, not nothing.
_TEXT_SYMBOLS = {"textbraceleft": "{", "textbraceright": "}", "textasciicircum": "^", "textless": "<",
                 "textgreater": ">", "textbar": "|", "textunderscore": "_", "textquotedbl": '"'}

_TOKEN = re.compile(
    r"\\(?P<sym>[\"'`^~=.])\s*(?:\{\s*(?:\\(?P<s1>[ij])|(?P<s2>[A-Za-z]))\s*\}"
    r"|\\(?P<s3>[ij])(?![A-Za-z])\s*|(?P<s4>[A-Za-z]))"
    r"|\\(?P<let>[uvHckrdb])(?:\s*\{\s*(?:\\(?P<l1>[ij])|(?P<l2>[A-Za-z]))\s*\}|\s+(?P<l3>[A-Za-z]))"
    r"|\\(?P<word>ss|ae|AE|oe|OE|aa|AA|o|O|l|L|i|j)(?![A-Za-z])\s*"
    r"|\\(?P<style>" + "|".join(_STYLES) + r")\s*\{"
    r"|\\(?P<esc>[&%$#_{},; \n])"
    r"|\\(?P<textsym>" + "|".join(_TEXT_SYMBOLS) + r")(?![A-Za-z])\s*(?:\{\})?"
    r"|(?P<brace>[{}])"
    r"|(?P<text>---|--|~|``|'')"
)
#: The TeX logos, as their names (pylatexenc reads them as nothing).
_LOGOS = {"TeX": "TeX", "LaTeX": "LaTeX", "LaTeXe": "LaTeX2e", "BibTeX": "BibTeX", "XeTeX": "XeTeX",
          "LuaTeX": "LuaTeX", "AmS": "AMS"}
_LOGO = re.compile(r"\\(" + "|".join(sorted(_LOGOS, key=len, reverse=True)) + r")(?![A-Za-z])(?:\{\})?")
_NEEDS = ("\\", "{", "}", "~", "--", "``", "''")


def needs_decoding(text: str) -> bool:
    r"""Whether ``text`` holds anything a LaTeX decoder would change (a cheap check).

    >>> needs_decoding("Plain title: no markup"), needs_decoding("M{\"u}ller")
    (False, True)
    """
    return any(mark in text for mark in _NEEDS)


def _accent(base: str, mark: str) -> str:
    return unicodedata.normalize("NFC", ("i" if base in ("i", "ı") else "j" if base == "j" else base) + mark)


def _replace(m: re.Match[str]) -> str:
    kind = m.lastgroup
    groups = m.groupdict()
    if groups["sym"] is not None:
        base = groups["s1"] or groups["s2"] or groups["s3"] or groups["s4"]
        return _accent(base, _SYMBOL_ACCENTS[groups["sym"]])
    if groups["let"] is not None:
        base = groups["l1"] or groups["l2"] or groups["l3"]
        return _accent(base, _LETTER_ACCENTS[groups["let"]])
    if groups["word"] is not None:
        return _LETTERS[groups["word"]]
    if groups["style"] is not None or kind == "brace":
        return ""
    if groups["esc"] is not None:
        return _ESCAPES[groups["esc"]]
    if groups["textsym"] is not None:
        return _TEXT_SYMBOLS[groups["textsym"]]
    return _TEXT[m.group()]


@lru_cache(maxsize=1)
def _slow_decoder() -> Any:
    from bibtexparser.middlewares import LatexDecodingMiddleware

    return LatexDecodingMiddleware()._decoder


_BARE = re.compile(r"(?<!\\)([%&])")
_BARE_BRACE = re.compile(r"(?<!\\)[{}]")


#: :data:`_TEXT_SYMBOLS`' macros, for the slow path, and the private-use characters standing in for them there
_TEXT_SYMBOL = re.compile(r"\\(" + "|".join(_TEXT_SYMBOLS) + r")(?![A-Za-z])\s*(?:\{\})?")
_STAND_INS = {name: chr(0xE000 + i) for i, name in enumerate(_TEXT_SYMBOLS)}
_RESTORE = str.maketrans({_STAND_INS[name]: char for name, char in _TEXT_SYMBOLS.items()})


def slow_decode(text: str) -> str:
    """Decode with pylatexenc (as bibtexparser does), keeping bare ``%`` and ``&`` as characters, and
    :data:`_TEXT_SYMBOLS` as the characters they name (pylatexenc drops a brace and gives ``ˆ`` for ``^``).
    """
    symbols = not any(c in text for c in _STAND_INS.values())  # (private-use characters: never in real data)
    if symbols:
        text = _TEXT_SYMBOL.sub(lambda m: _STAND_INS[m.group(1)], text)
    try:
        out = _slow_decoder().latex_to_text(_BARE.sub(r"\\\1", text))
    except Exception:  # pylatexenc gives up on some malformed input; keep the text, less its bare braces
        out = _BARE_BRACE.sub("", text)
    return out.translate(_RESTORE) if symbols else out


#: Fields whose value is an address or an identifier, not text: BibTeX styles print them verbatim
#: (``~`` is a tilde in ``url = {http://host/~user}``, ``--`` two hyphens in a DOI).
VERBATIM_FIELDS = frozenset(("url", "doi", "eprint", "file", "pdf"))
_VERBATIM_ESCAPE = re.compile(r"\\([_%&#$~{}])|(?<!\\)[{}]")
_URL_MACRO = re.compile(r"^\\url\s*\{(.*)\}$", re.S)


def decode_verbatim(text: str) -> str:
    r"""The value of a verbatim field (:data:`VERBATIM_FIELDS`): escapes undone, braces dropped, nothing else.

    >>> decode_verbatim(r"http://host/~user/some\_file\%20x--y")
    'http://host/~user/some_file%20x--y'
    >>> decode_verbatim(r"\url{https://a.org/{X}}")
    'https://a.org/X'
    """
    return _VERBATIM_ESCAPE.sub(lambda m: m.group(1) or "", _URL_MACRO.sub(r"\1", text.strip()))


def decode_field(name: str, text: str) -> str:
    """A BibTeX field's value: :func:`decode_verbatim` for :data:`VERBATIM_FIELDS`, else :func:`decode_latex`."""
    return decode_verbatim(text) if name.lower() in VERBATIM_FIELDS else decode_latex(text)


def decode_latex(text: str) -> str:
    r"""Unicode text of a BibTeX field value.

    Parameters
    ----------
    text
        A field value without its enclosing braces or quotes.

    Returns
    -------
    str
        ``text`` itself when it has no markup; otherwise HTML tags dropped (:func:`~.fields.drop_markup`: before
        the LaTeX is decoded, so an escaped ``\textless{}b\textgreater{}`` is the text ``<b>``), accents and
        special letters decoded, escapes resolved, braces and text-style macros removed, inline math
        (:data:`INLINE_MATH`) kept as written; anything the fast table does not cover goes through
        :func:`slow_decode`.

    Examples
    --------
    >>> decode_latex('Dvo{\\v{r}}{\\\'a}k and M\\"uller')
    'Dvořák and Müller'
    >>> decode_latex("{BERT}: Pre-training \\& more")
    'BERT: Pre-training & more'
    >>> decode_latex("Plain text stays as it is: 12% better")
    'Plain text stays as it is: 12% better'
    """
    if "<" in text or "&" in text:  # tags go first: an escaped \\textless is a character, never a tag's start
        from .fields import drop_markup  # (here: fields imports this module)

        text = drop_markup(text)
    if not needs_decoding(text):
        return text
    if "\\" in text:  # pylatexenc drops the logos: "A study of \LaTeX" would lose its last word
        text = _LOGO.sub(lambda m: _LOGOS[m.group(1)], CITATION.sub("", text))
    out = _decode_prose(text)
    if "\\" in out:  # something the table does not know: decode the original the slow way
        return slow_decode(text)
    return out


#: the private-use characters that stand in for inline math while the text around it is decoded (one a span)
_MATH_STAND_INS = re.compile("[\ue100-\ue8ff]")
_MATH_STAND_IN, _MAX_SPANS = 0xE100, 0x800


def _decode_prose(text: str) -> str:
    r"""``text`` decoded by the fast table, its inline math (:data:`INLINE_MATH`) kept as written.

    The table drops every brace, which inside math is no protection but the
    grouping of a script: ``$n^{12}$`` must not become ``$n^12$``. Each math
    span stands in as one private-use character while the prose is decoded (a
    text already holding such characters, never seen in real data, is decoded whole).

    >>> _decode_prose(r"Scaling as $n^{12}$ for {BERT} and M{\"u}ller")
    'Scaling as $n^{12}$ for BERT and Müller'
    """
    if "$" not in text or _MATH_STAND_INS.search(text):
        return _TOKEN.sub(_replace, text)
    spans = [m.group() for m in INLINE_MATH.finditer(text)]
    if not spans or len(spans) > _MAX_SPANS:
        return _TOKEN.sub(_replace, text)
    stand_ins = iter(range(_MATH_STAND_IN, _MATH_STAND_IN + len(spans)))
    out = _TOKEN.sub(_replace, INLINE_MATH.sub(lambda m: chr(next(stand_ins)), text))
    return out.translate({_MATH_STAND_IN + i: span for i, span in enumerate(spans)})


class FastLatexMiddleware:
    """A bibtexparser middleware that decodes every field value with :func:`decode_field` (each name
    of a name list split by bibtexparser's name middlewares, which run first).

    Used when a file goes through bibtexparser (the fallback of
    :mod:`graphbuild.ingest.bibtex_fast`), in place of bibtexparser's own
    ``LatexDecodingMiddleware``.
    """

    def __new__(cls) -> Any:
        """The middleware instance (bibtexparser is imported only when BibTeX is read)."""
        from bibtexparser.middlewares.middleware import BlockMiddleware
        from bibtexparser.model import Entry

        class _Middleware(BlockMiddleware):
            def __init__(self) -> None:
                super().__init__(allow_inplace_modification=True)

            @classmethod
            def metadata_key(cls) -> str:
                return "graphbuild_latex_decoding"

            def transform_entry(self, entry: Entry, *args: Any) -> Entry:
                for field in entry.fields:
                    if isinstance(field.value, str):
                        field.value = decode_field(field.key, field.value)
                    elif isinstance(field.value, list):  # the names of an author list
                        field.value = [decode_field(field.key, v) if isinstance(v, str) else v for v in field.value]
                return entry

        return _Middleware()
