"""graphbuild's one exception hierarchy. Every error says what to do next."""

from __future__ import annotations

import errno as _errno
import os
import re
import unicodedata

__all__ = ["visible", "GraphbuildError", "InputError", "QueryError", "StoreError", "WorkspaceError", "FetchError",
           "RelatedLookupError", "UsageError", "QueryTimeoutError", "WorkspaceLockedError", "WorkspaceNotWritableError",
           "OutputError", "CurationError", "unpaired_surrogate", "nul_character", "warning_line", "shortened", "quoted",
           "cluster_cut", "QUOTED_WIDTH", "editor_lines", "no_room", "room_advice",
           "room_or_elsewhere"]


#: Characters a terminal acts on instead of showing: C0/C1 controls and bidirectional overrides; and lone
#: surrogates (a file name's bytes that are not UTF-8), which an output in UTF-8 cannot write at all.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def visible(text: str, control: re.Pattern[str] = _CONTROL) -> str:
    r"""``text`` with every control character shown as an escape (``\x1b``, ``\n``, ``\u202e``); ``control``:
    the characters so shown, when not all of these (a page keeps line ends and direction marks).

    >>> visible("red \x1b[31m bell \x07 two\nlines")
    'red \\x1b[31m bell \\x07 two\\nlines'
    >>> visible("caf\udce9.bib")
    'caf\\udce9.bib'
    """
    return control.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


#: characters drawn as part of the one before them: joiners, variation selectors, skin tones, emoji tags
_JOINING = re.compile("[\u200d\ufe00-\ufe0f\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f]")
_FLAG_LETTERS = re.compile("[\U0001f1e6-\U0001f1ff]+$")  # a run of regional indicators: flags, two apiece


def cluster_cut(text: str, at: int) -> int:
    """The largest index up to ``at`` that does not split what is drawn as one character: an accent from
    its letter, a joined emoji (a family, a skin tone) or a flag's two letters.

    >>> s = "Cafe\u0301 \U0001f1eb\U0001f1f7"
    >>> cluster_cut(s, 4), cluster_cut(s, 7), cluster_cut(s, 3)
    (3, 6, 3)
    """
    while 0 < at < len(text) and (_JOINING.match(text[at]) or text[at - 1] == "\u200d"
                                  or unicodedata.category(text[at]) in ("Mn", "Mc", "Me")):
        at -= 1
    if 0 < at < len(text) and _FLAG_LETTERS.match(text[at]):
        run = _FLAG_LETTERS.search(text, 0, at)
        if run and run.end() == at and (run.end() - run.start()) % 2:
            at -= 1
    return at


#: the most characters of an id, a name or a title a message quotes (ids may be 1,000 long): the rest is "…"
QUOTED_WIDTH = 120


def shortened(text: str, width: int = QUOTED_WIDTH) -> str:
    """``text``, or when longer than ``width`` characters its first ``width - 1`` and an ellipsis: an id, a name
    or a title as a message, a table or a page shows it (:func:`quoted` when the message quotes it). The cut
    splits no character as drawn (:func:`cluster_cut`), and the ellipsis follows no space.

    >>> shortened("doi:10.1000/" + "9" * 300, 16), shortened("Cafe\u0301 au lait", 5), shortened("a b c d", 3)
    ('doi:10.1000/999…', 'Caf…', 'a…')
    """
    return text if len(text) <= width else text[:cluster_cut(text, width - 1)].rstrip() + "…"


def quoted(text: object, width: int = QUOTED_WIDTH) -> str:
    r"""``repr(text)``, as a message quotes an id, a name or a title; one longer than ``width`` characters is
    cut to its first ``width - 1`` and an ellipsis, inside the quotes, so that the line stays readable (what is
    no text: its ``repr``).

    >>> quoted("arXiv:2106.09685"), quoted("O'Neil")
    ("'arXiv:2106.09685'", '"O\'Neil"')
    >>> quoted("x" * 500, 8)
    "'xxxxxxx…'"
    """
    return repr(shortened(text, width) if isinstance(text, str) else text)


#: a line end as an editor and ``sed -n Np`` count one: LF, CR LF or a lone CR
_LINE_END = re.compile("\r\n?|\n")


def editor_lines(text: str) -> list[str]:
    r"""``text``'s lines as an error numbers them, the lines an editor and ``sed -n Np`` show: cut at LF, CR LF
    and a lone CR only, where ``str.splitlines`` also cuts at U+2028, U+2029, U+0085, a form feed and a vertical
    tab (which a title or a comment may hold: what came after one was named lines below where it is). As
    ``splitlines``, no empty line after a final line end.

    >>> editor_lines("a\u2028b\x0cc\r\nd\re\n")
    ['a\u2028b\x0cc', 'd', 'e']
    """
    lines = _LINE_END.split(text)
    if not lines[-1]:
        lines.pop()
    return lines


def unpaired_surrogate(text: str) -> str:
    r"""``"holds ..."``: where ``text`` has an unpaired surrogate, which no file or database can take, and what
    it means (a byte that is not UTF-8 in a command-line argument becomes one), or ``""``.

    >>> unpaired_surrogate("Caf\udce9")
    'holds a byte that is not UTF-8 (0xe9) at character 3; give it as UTF-8 text'
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        code = ord(text[exc.start])
        what = (f"a byte that is not UTF-8 (0x{code - 0xDC00:02x})" if 0xDC80 <= code <= 0xDCFF
                else f"an unpaired surrogate (\\u{code:04x})")
        return f"holds {what} at character {exc.start}; give it as UTF-8 text"
    return ""


def nul_character(text: str, why: str = "which no path, name or address can hold") -> str:
    r"""``"holds ..."``: where ``text`` has a NUL character, which no path, name or address can hold (the
    operating system ends a path there; the stores refuse it), or ``""``; ``why``: what that means where it is
    (a reader says what became of it).

    >>> nul_character("ws\x00x")
    'holds a NUL character (\\u0000) at character 2, which no path, name or address can hold'
    """
    at = text.find("\x00")
    return "" if at < 0 else f"holds a NUL character (\\u0000) at character {at}, {why}"


class GraphbuildError(Exception):
    """Base class; the CLI prints ``str(error)`` on one line and exits 1.

    Control characters that came in with the data (a newline in a CSV
    header, an escape sequence in a title) are shown escaped, so the message
    stays one line and cannot drive the terminal.
    """

    code = "E000"

    def __str__(self) -> str:
        return f"[{self.code}] {visible(super().__str__())}"

    @property
    def detail(self) -> str:
        """The whole message without its code: what a wrapping error quotes, so one line carries one code."""
        return str(self.args[0]) if self.args else ""


class InputError(GraphbuildError):
    """A malformed input file or record; names the file and the line the record starts on."""

    code = "E100"

    def __init__(self, path: str | os.PathLike[str], line: int | None, message: str):
        self.path, self.line, self.message = str(path), line, message
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {message}")


class QueryError(GraphbuildError):
    """A Cypher query was refused or failed; carries the database's message."""

    code = "E200"


class QueryTimeoutError(QueryError):
    """A query ran past its time limit and the store stopped it (``query_timeout``, ``--timeout``)."""

    code = "E201"


class StoreError(GraphbuildError):
    """A store could not be opened, reached or written."""

    code = "E300"


class WorkspaceError(GraphbuildError):
    """A workspace is missing, locked or inconsistent."""

    code = "E400"


class FetchError(GraphbuildError):
    """A metadata service could not be fetched from or answered badly."""

    code = "E500"


class RelatedLookupError(GraphbuildError):
    """A paper, title or entity named in a related-work query is not in the graph."""

    code = "E600"


class WorkspaceLockedError(WorkspaceError):
    """Another process is writing the workspace; names the holder."""

    code = "E401"


class WorkspaceNotWritableError(WorkspaceError):
    """The workspace folder cannot be written (read-only, a file, out of space)."""

    code = "E402"


class OutputError(GraphbuildError):
    """An output file could not be written (read-only folder, no space left, a folder in the way)."""

    code = "E700"

    def __init__(self, message: str, errno: int | None = None):
        self.errno = errno
        super().__init__(message)


class UsageError(GraphbuildError):
    """A command-line value or a Python API argument is out of range or names the wrong kind of thing
    (a folder for a file, a number for a path).
    """

    code = "E710"


def no_room(code: int | None) -> str:
    """What a failed write's ``errno`` says when the cause is a lack of room: a full disk, a used-up quota, or
    the process's file-size limit reached (``ulimit -f``: the system's own words, "File too large", say neither
    which limit nor whose); "" for any other cause.

    >>> no_room(_errno.ENOSPC), no_room(_errno.EACCES)
    ('no space left on the device', '')
    """
    return _NO_ROOM.get(code or 0, ("", ""))[0]


def room_advice(code: int | None) -> str:
    """What frees the room a failed write's ``errno`` says it lacked (:func:`no_room`): space on the device,
    within the quota, or a higher file-size limit (no space is lacking then); "" for any other cause.

    >>> room_advice(_errno.EFBIG)
    'raise the file-size limit (ulimit -f) of the shell that runs graphbuild'
    """
    return _NO_ROOM.get(code or 0, ("", ""))[1]


def room_or_elsewhere(code: int | None) -> str:
    """What an output file or folder lacking room (:func:`no_room`) can do: free it (:func:`room_advice`) or be
    written elsewhere; elsewhere does not help against the file-size limit, which holds on every device. ""
    for any other cause.

    >>> room_or_elsewhere(_errno.ENOSPC)
    'free space on the device, or choose another place'
    >>> room_or_elsewhere(_errno.EFBIG)
    'raise the file-size limit (ulimit -f) of the shell that runs graphbuild'
    """
    advice = room_advice(code)
    return advice and (advice if code == _errno.EFBIG else f"{advice}, or choose another place")


#: each lack of room a failed write's ``errno`` names: what it is, what frees it
_NO_ROOM = {_errno.ENOSPC: ("no space left on the device", "free space on the device"),
            _errno.EDQUOT: ("the disk quota is used up", "free space within the quota (or have it raised)"),
            _errno.EFBIG: ("a file reached the size limit for files (ulimit -f)",
                           "raise the file-size limit (ulimit -f) of the shell that runs graphbuild")}


class CurationError(GraphbuildError):
    """A curation command names nothing in the graph, or there is nothing to undo."""

    code = "E800"


def warning_line(path: str | os.PathLike[str] | None, line: int | None, message: str,
                 kind: type[GraphbuildError] = InputError) -> str:
    r"""The one shape of a warning: ``warning: [E100] path:line: message``, the coded line an error of ``kind``
    (:class:`InputError` unless told) would print, for something kept or answered all the same; ``path``
    ``None``: no place (``warning: [E300] message``), ``line`` ``None``: the file alone. Escaped as errors are.

    >>> warning_line("refs.bib", 12, "no title")
    'warning: [E100] refs.bib:12: no title'
    >>> warning_line(None, None, "stale\ngraph", StoreError)
    'warning: [E300] stale\\ngraph'
    """
    where = "" if path is None else (f"{path}:{line}: " if line else f"{path}: ")
    return f"warning: [{kind.code}] {visible(where + message)}"
