"""Curation: a person's corrections to the resolved entities, re-applied on every build.

The curation file is JSON Lines, one operation a line, applied in order right
after entity resolution. Blank lines and lines starting with ``#`` are
comments. Every operation names its subject in ``entity`` (matched like any
user text: an entity id, a name or an alias) and may carry a ``note``::

    {"op": "merge", "entity": "GPT4", "into": "GPT-4", "note": "same model"}
    {"op": "rename", "entity": "llama", "name": "LLaMA"}
    {"op": "retype", "entity": "ImageNet", "type": "Dataset"}
    {"op": "reject", "entity": "Table 2"}
    {"op": "reject", "entity": "SAM", "paper": "arxiv:2401.00001"}
    {"op": "alias", "entity": "LoRA", "alias": "low-rank adapters"}
    {"op": "split", "entity": "SAM", "name": "Sharpness-Aware Minimization", "type": "Method",
     "papers": ["arxiv:2010.01412"]}
    {"op": "proposed", "entity": "LoRA", "paper": "arxiv:2106.09685", "value": true}
    {"op": "mention", "entity": "MMLU", "paper": "arxiv:2009.03300", "role": "evaluates_on",
     "type": "Dataset"}
    {"op": "dismiss", "suggestion": "m922fcea", "note": "GRIT the benchmark is not GRIT the method"}
    {"op": "drop", "paper": "doi:10.5555/front.1", "title": "Session details: Keynote", "note": "front matter"}

The operations one command writes together (``graphbuild review --apply A B``, a thesaurus imported) share a
``command`` id, so that ``curate undo`` takes the whole command back (:func:`drop_last_command`); a line
without one (a single operation, or a file older than the field) is a command of its own::

    {"op": "merge", "entity": "GPT4", "into": "GPT-4", "suggestion": "m1a2b3c4", "command": "c5d6e7f8"}

A ``drop`` takes a paper out of the graph for good (an off-topic or retracted record, an erratum, the
"Session details" front matter a BibTeX export carries): it names no entity, only ``paper`` (any id the
paper has) and, for people, its ``title``. The paper stays in the workspace, so that removing the line
brings it back; the graph is the one a build without it makes: the build leaves it out before extracting
and resolving (:func:`undropped`: its words count in no casing statistics, its mentions join no names), and
leaves out its node, authorship and citations (:attr:`~graphbuild.resolve.Resolution.dropped`, read by
:mod:`graphbuild.stages`).

An operation accepted through ``graphbuild review`` names its entities by id (two entities may share a
name) and carries their names for people and for the thesaurus export, ``entity_name`` and, for a merge,
``into_name``::

    {"op": "reject", "entity": "entity:table2", "entity_name": "Table 2", "suggestion": "d5e1a0b2"}

When a rebuild gave the entity another id, the operation applies to the one entity that has the recorded name
as its name or an alias, with a warning naming both ids; where the name names none or several, it is skipped
with a warning (:func:`_by_recorded_name`).

:func:`apply_curation` is a pure function over a
:class:`~graphbuild.resolve.Resolution`; an operation that names nothing is
reported as a warning and skipped, never an error.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import secrets
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .errors import (
    GraphbuildError,
    InputError,
    UsageError,
    editor_lines,
    nul_character,
    quoted,
    shortened,
    unpaired_surrogate,
)
from .fsutil import atomic_write_text, path_kind
from .ingest.located import loads, repeated_keys
from .records import ENTITY_TYPES, MAX_NAME_CHARS, ROLES, Entity, Link, Paper, entity_id, name_key, paper_key, too_long
from .resolve import Resolution

__all__ = ["CurationOp", "CurationReport", "OPERATIONS", "checked_note", "parse_curation", "read_curation",
           "append_operation", "drop_last_command", "apply_curation", "find_curation_file",
           "match_entity", "curation_digest", "resolution_from_graph", "close_names", "curation_file_exists",
           "portable_report", "located_report", "MAX_NAME_CHARS", "MAX_PAPER_CHARS", "MAX_NOTE_CHARS",
           "paper_aliases", "paper_named", "applied_prefix", "dropped_papers", "undropped"]

#: operation -> (required fields, optional fields); ``note`` and ``suggestion`` are always allowed
OPERATIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "merge": (("entity", "into"), ()),
    "rename": (("entity", "name"), ()),
    "retype": (("entity", "type"), ()),
    "reject": (("entity",), ("paper",)),
    "alias": (("entity", "alias"), ()),
    "split": (("entity", "name", "papers"), ("type",)),
    "proposed": (("entity", "paper", "value"), ()),
    "mention": (("entity", "paper"), ("role", "type", "evidence")),
    "dismiss": (("suggestion",), ()),
    "drop": (("paper",), ("title",)),
}
_ALWAYS = ("note", "suggestion", "command")
#: the fields of an operation that hold an entity's name (as typed, or as the graph had it)
_NAME_FIELDS = frozenset({"entity", "into", "name", "alias", "entity_name", "into_name"})
#: Longest paper id an operation may give: a DOI, or the whole title a ``drop`` may name a paper by (the longest
#: real titles have some 300 characters); longer is a paste gone wrong, echoed whole by the lines naming it.
MAX_PAPER_CHARS = 1_000
#: Longest ``note`` (or ``evidence`` sentence) an operation may carry: a sentence or a short paragraph.
MAX_NOTE_CHARS = 2_000
#: the limit on each field of user text other than a name: (longest, what it is, what to give instead)
_TEXT_LIMITS = {
    "paper": (MAX_PAPER_CHARS, "a paper's id, DOI or title", "give the paper's id"),
    "papers": (MAX_PAPER_CHARS, "a paper's id, DOI or title", "give the paper's id"),
    "note": (MAX_NOTE_CHARS, "a note", "keep it short"),
    "evidence": (MAX_NOTE_CHARS, "an evidence sentence", "give the sentence itself"),
}
CURATION_FILE = "curation.jsonl"


@dataclass(frozen=True, slots=True)
class CurationOp:
    """One curation operation (see the module docstring for the fields each op uses)."""

    op: str
    entity: str = ""
    into: str | None = None
    name: str | None = None
    type: str | None = None
    alias: str | None = None
    paper: str | None = None
    papers: tuple[str, ...] = ()
    value: bool | None = None
    role: str | None = None
    evidence: str | None = None
    entity_name: str | None = None  # the name of ``entity`` when that is an id (review writes both)
    into_name: str | None = None  # likewise for ``into``
    suggestion: str | None = None
    title: str | None = None  # a dropped paper's title, for people (the paper is named by ``paper``)
    #: the id the operations one command wrote share (:func:`append_operation`); not part of what an op does
    command: str | None = field(default=None, compare=False)
    note: str | None = None
    where: str = field(default="", compare=False)  # "file:line" it was read from

    def to_dict(self, *, command: bool = False) -> dict[str, Any]:
        """The JSON object of this op: only the fields it sets, ``note`` last; its ``command`` id (which
        operations were written together, not what this one does) only with ``command``, as its line keeps it.
        """
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name in ("where", "note") or (f.name == "command" and not command) or value in (None, "", ()):
                continue
            out[f.name] = list(value) if isinstance(value, tuple) else value
        if self.note:
            out["note"] = self.note
        return out

    def to_line(self) -> str:
        """The operation as one JSON line of a curation file."""
        return json.dumps(self.to_dict(command=True), ensure_ascii=False)

    def describe(self) -> str:
        """A short human description: ``merge 'GPT4' into 'GPT-4'``."""
        extra = {
            "merge": f" into {quoted(self.into)}", "rename": f" to {quoted(self.name)}",
            "retype": f" as {self.type}", "alias": f" + alias {quoted(self.alias)}",
            "split": f" -> {quoted(self.name)} in {len(self.papers)} paper(s)",
            "proposed": f" {'set' if self.value else 'cleared'} in {shortened(self.paper or '')}",
            "mention": f" in {shortened(self.paper or '')}",
            "reject": f" in {shortened(self.paper)}" if self.paper else "",
            "drop": f" ({quoted(self.title)})" if self.title else "",
        }.get(self.op, "")
        subject = self.suggestion if self.op == "dismiss" else quoted(self.paper) if self.op == "drop" \
            else quoted(self.entity)
        return f"{self.op} {subject}{extra}"


@dataclass(slots=True)
class CurationReport:
    """What applying a curation file did: counts and one warning per op that matched nothing."""

    path: str | None = None
    total: int = 0
    applied: int = 0
    decisions: int = 0  # review suggestions dismissed (they change nothing in the graph)
    dropped: int = 0  # corpus papers a ``drop`` took out of the graph (kept in the workspace)
    stubs_dropped: int = 0  # cited works outside the corpus a ``drop`` took out of the graph and the workspace
    warnings: list[str] = field(default_factory=list)
    #: per warning: (the operation, the problem, the entity name that matched nothing or None)
    problems: list[tuple[CurationOp, str, str | None]] = field(default_factory=list)
    #: the indexes in ``problems`` of operations applied all the same (an id a rebuild changed, applied to the entity
    #: its recorded name names; a part applied), which ``curate list`` labels applied, not matching nothing
    applied_anyway: set[int] = field(default_factory=set)

    def summary(self) -> str:
        """A human-readable summary: operations applied, then the warnings."""
        where = f" from {self.path}" if self.path else ""
        lines = [f"curation{where}: {self.applied} of {self.total - self.decisions} operation(s) applied"
                 + (f", {self.decisions} review suggestion(s) dismissed" if self.decisions else "")]
        if self.dropped:
            lines.append(f"  {self.dropped} paper{'s' if self.dropped != 1 else ''} dropped by curation "
                         "(kept in the workspace, left out of the graph)")
        if self.stubs_dropped:
            stubs = self.stubs_dropped
            lines.append(f"  {stubs} cited work{'s' if stubs != 1 else ''} outside the corpus dropped by curation "
                         "(a reference stub: left out of the workspace and the graph, with the citations of it; "
                         "removing the drop brings it back)")
        lines.extend(f"  warning: {w}" for w in self.warnings)
        return "\n".join(lines)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CurationReport:
        """The report as a manifest keeps it (:meth:`to_dict`): counts and warnings, not the operations."""
        return cls(path=data.get("path"), total=data.get("total", 0), applied=data.get("applied", 0),
                   decisions=data.get("decisions", 0), dropped=data.get("dropped", 0),
                   stubs_dropped=data.get("stubs_dropped", 0), warnings=list(data.get("warnings", [])))

    def to_dict(self) -> dict[str, Any]:
        """The report as a JSON-ready dict."""
        return {"path": self.path, "total": self.total, "applied": self.applied,
                "decisions": self.decisions, "dropped": self.dropped, "stubs_dropped": self.stubs_dropped,
                "warnings": list(self.warnings),
                "unmatched": [{"where": op.where, "problem": problem, "name": name,
                               "applied": n in self.applied_anyway}
                              for n, (op, problem, name) in enumerate(self.problems)]}


def _renamed(data: dict[str, Any], old: str, new: str) -> dict[str, Any]:
    """``data`` (:meth:`CurationReport.to_dict`) with the file name ``old`` that opens its path, its warnings
    and its unmatched operations' places written ``new``.
    """
    def swap(text: Any) -> Any:
        return new + text[len(old):] if isinstance(text, str) and text.startswith(old) else text

    return {**data, "path": swap(data.get("path")), "warnings": [swap(w) for w in data.get("warnings", [])],
            "unmatched": [{**u, "where": swap(u.get("where"))} for u in data.get("unmatched", [])]}


def portable_report(data: dict[str, Any], curation_file: str | os.PathLike, workspace: str | os.PathLike
                    ) -> dict[str, Any]:
    """The curation report as a workspace's manifest keeps it: a curation file inside the workspace (its own
    ``curation.jsonl``) is named relative to it (``workspace_file``), so that the workspace copied, moved or
    read from another folder names its own file, not the one it was built with; :func:`located_report`
    reads it back.
    """
    try:
        inside = Path(os.path.abspath(curation_file)).relative_to(os.path.abspath(workspace))
    except ValueError:  # a file of its own elsewhere (--curation): named as given
        return data
    return {**_renamed(data, str(curation_file), str(inside)), "workspace_file": str(inside)}


def located_report(data: dict[str, Any], workspace: str | os.PathLike) -> dict[str, Any]:
    """A manifest's curation report (:func:`portable_report`) with its file named inside ``workspace``."""
    inside = data.get("workspace_file")
    if not inside:
        return data
    located = _renamed(data, inside, str(Path(workspace) / inside))
    del located["workspace_file"]
    return located


# ------------------------------------------------------------------ the file


def _field_value(name: str, value: Any, where: tuple[str, int]) -> Any:
    if name == "papers":
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
            raise InputError(*where, "'papers' must be a non-empty list of paper ids")
        for v in value:
            _check_text(name, v, where)
        return tuple(v.strip() for v in value)
    if name == "value":
        if not isinstance(value, bool):
            raise InputError(*where, "'value' must be true or false")
        return value
    if not isinstance(value, str) or not value.strip():
        raise InputError(*where, f"{name!r} must be a non-empty string")
    _check_text(name, value, where)
    value = value.strip()
    if name == "type" and value not in ENTITY_TYPES:
        raise InputError(*where, f"unknown entity type {value!r}; use one of {', '.join(ENTITY_TYPES)}")
    if name == "role" and value not in ROLES:
        raise InputError(*where, f"unknown role {value!r}; use one of {', '.join(ROLES)}")
    return value


def _check_text(name: str, value: str, where: tuple[str, int]) -> None:
    r"""Refuse text no file can store (an unpaired surrogate: a broken escape such as ``"\ud83d"``, or a byte
    that is not UTF-8 in a command-line argument) or that a name cannot hold (a NUL), and a name longer than
    :data:`MAX_NAME_CHARS`, a paper id longer than :data:`MAX_PAPER_CHARS`, a note longer than
    :data:`MAX_NOTE_CHARS`.
    """
    problem = unpaired_surrogate(value) or nul_character(value)
    if problem:
        raise InputError(*where, f"{name!r} {problem}")
    longest, what, advice = ((MAX_NAME_CHARS, "a name", "give the entity's name itself") if name in _NAME_FIELDS
                             else _TEXT_LIMITS.get(name, (0, "", "")))
    problem = too_long(value, longest, what) if longest else ""
    if problem:
        raise InputError(*where, f"{name!r} {problem}: {advice}")


def checked_note(note: str | None, argument: str) -> str | None:
    """``note`` (or None for none), given once for many operations (``--note`` of ``curate import-thesaurus``),
    checked as an operation's is but refused naming ``argument``, not the line of a row it would go with.
    """
    if note:
        _check_text("note", note, (argument, 0))
    return note or None


def parse_operation(data: Any, path: str, line: int) -> CurationOp:
    """Check one decoded JSON object and turn it into a :class:`CurationOp`.

    Raises :class:`~graphbuild.errors.InputError` naming ``path:line``.
    """
    where = (path, line)
    if not isinstance(data, dict):
        raise InputError(*where, 'expected a JSON object like {"op": "merge", "entity": ..., "into": ...}')
    problem = repeated_keys(data)
    if problem:
        raise InputError(*where, problem)
    op = data.get("op")
    if not isinstance(op, str) or op not in OPERATIONS:
        raise InputError(*where, f"unknown op {op!r}; use one of {', '.join(OPERATIONS)}")
    required, optional = OPERATIONS[op]
    allowed = {"op", *required, *optional, *_ALWAYS, *(f"{k}_name" for k in ("entity", "into") if k in required)}
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise InputError(*where, f"{op}: unknown field(s) {', '.join(unknown)}; "
                         f"allowed: {', '.join(sorted(allowed - {'op'}))}")
    missing = [k for k in required if data.get(k) in (None, "", [])]
    if missing:
        raise InputError(*where, f"{op}: missing {', '.join(missing)}")
    values = {k: _field_value(k, v, where) for k, v in data.items() if k != "op" and v is not None}
    return CurationOp(op=op, where=f"{path}:{line}", **values)


def parse_curation(text: str, path: str | os.PathLike = "<curation>") -> list[CurationOp]:
    r"""Parse the text of a curation file (JSON Lines; ``#`` comments and blank lines skipped).

    Raises
    ------
    InputError
        on the first malformed line, naming the file and the line.

    Examples
    --------
    >>> ops = parse_curation('# fixes\n{"op": "merge", "entity": "GPT4", "into": "GPT-4"}\n')
    >>> ops[0].describe()
    "merge 'GPT4' into 'GPT-4'"
    """
    path = str(path)
    ops = []
    text = text.removeprefix("\ufeff")  # the byte order mark some editors put first
    # the lines an editor shows: not splitlines(), a name may hold U+2028 or U+0085, which JSON keeps raw inside a
    # string; nor LFs alone, a file of lone CRs (an old Mac's) was one line, a comment, and nothing was applied
    for lineno, raw in enumerate(editor_lines(text), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        try:
            data = loads(line)
        except ValueError as exc:
            raise InputError(path, lineno, f"not valid JSON ({exc.args[0].split(':')[0]})") from None
        except RecursionError:
            raise InputError(path, lineno, "not valid JSON (nested too deeply to read)") from None
        ops.append(parse_operation(data, path, lineno))
    return ops


def curation_file_exists(path: str | os.PathLike) -> bool:
    """Whether the curation file ``path`` exists; an :class:`InputError` for a name the system cannot
    look up (too long), which was an ``OSError`` traceback.
    """
    def cannot(exc: OSError) -> InputError:
        return InputError(path, None, f"cannot read the curation file ({exc.strerror or exc})")

    return path_kind(path, cannot) is not None


def curation_not_found(path: str | os.PathLike, source: str | tuple[str, int | None] | None = None
                       ) -> GraphbuildError:
    """The error of a configured curation file that is not there (a build would apply none of the corrections,
    without a word), naming what configured it: ``source`` the option (``"--curation"``), the settings file
    and line or the environment variable (:func:`~graphbuild.settings.setting_source`), or ``None``.
    """
    advice = "fix the path, or create the file (an empty one holds no corrections yet)"
    if isinstance(source, str):
        return UsageError(f"{source} {quoted(str(path))}: no such file; {advice}")
    where, line = source or (str(path), None)
    named = f"setting 'curation' names {quoted(str(path))}, which is not there" if source else \
        "curation file not found (the 'curation' setting names it)"
    return InputError(where, line, f"{named}; {advice}")


def read_curation(path: str | os.PathLike | None) -> list[CurationOp]:
    """The operations of a curation file; none when ``path`` is None or does not exist."""
    if path is None or not curation_file_exists(path):
        return []
    return parse_curation(_curation_text(path), path)


def _curation_text(path: str | os.PathLike) -> str:
    """The text of the curation file ``path``; an :class:`InputError` naming it (and the line of a byte that is
    not UTF-8) when it cannot be read, for every command that reads or rewrites it.
    """
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(path, None, f"cannot read the curation file ({exc})") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        from .ingest.fields import utf8_error

        raise utf8_error(path, io.BytesIO(data)) or InputError(path, None, "not UTF-8 text") from None


def curation_digest(ops: Iterable[CurationOp]) -> str:
    """A digest of the operations (not comments or blank lines); ``""`` for none."""
    return _prefix_digests([op.to_line() for op in ops])[-1]


def _prefix_digests(lines: Sequence[str]) -> list[str]:
    """:func:`curation_digest` of the operations whose lines (:meth:`CurationOp.to_line`) are each first part
    of ``lines``, the empty one first: one pass, the digest of the first n lines (joined by line breaks) taken
    on the way.
    """
    digests, h = [""], hashlib.sha256()
    for n, line in enumerate(lines):
        h.update(("\n" + line if n else line).encode())
        digests.append(h.copy().hexdigest()[:16])
    return digests


def applied_prefix(ops: Sequence[CurationOp], built: str) -> int | None:
    """How many of ``ops`` (the curation file now) the build of digest ``built`` (a manifest's
    ``curation_sha256``) applied: the longest first part of them with that digest. The operations after
    it were written since (a curate killed before its rebuild leaves its operation so); None when no first
    part matches (the file was edited or an operation undone since), so that every operation waits.

    >>> ops = [CurationOp("reject", "A"), CurationOp("reject", "B")]
    >>> applied_prefix(ops, curation_digest(ops[:1])), applied_prefix(ops, curation_digest(ops))
    (1, 2)
    >>> applied_prefix(ops[:1], curation_digest(ops)) is None
    True
    """
    digests = _prefix_digests([op.to_line() for op in ops])
    return next((n for n in range(len(digests) - 1, -1, -1) if digests[n] == built), None)


def find_curation_file(workspace: str | os.PathLike, configured: str | None = None) -> Path:
    """The curation file to use: the configured one, else ``<workspace>/curation.jsonl``."""
    return Path(configured) if configured else Path(workspace) / CURATION_FILE


def append_operation(path: str | os.PathLike, *ops: CurationOp) -> None:
    """Add ``ops`` as the file's last lines, keeping its comments; written atomically.

    Several ``ops`` are one command's (a review's accepted suggestions, a thesaurus): they share a new
    ``command`` id, which :func:`drop_last_command` takes back together. The whole new text is parsed first,
    so a malformed file is never written.
    """
    path = Path(path)
    text = _curation_text(path) if curation_file_exists(path) else ""
    if text and not text.endswith("\n"):
        text += "\n"
    if len(ops) > 1:
        command = secrets.token_hex(4)
        ops = tuple(replace(op, command=command) for op in ops)
    text += "".join(op.to_line() + "\n" for op in ops)
    parse_curation(text, path)
    atomic_write_text(path, text)


def _last_command(ops: Sequence[CurationOp]) -> list[CurationOp]:
    """The operations the last command wrote: the last one and those before it that share its ``command`` id
    (only the last one when it has none: a single operation, or a line older than the field).

    >>> ops = [CurationOp("reject", "A"), *(CurationOp("reject", e, command="c1") for e in "BC")]
    >>> [op.entity for op in _last_command(ops)], [op.entity for op in _last_command(ops[:1])]
    (['B', 'C'], ['A'])
    """
    if not ops:
        return []
    command, start = ops[-1].command, len(ops) - 1
    while command is not None and start > 0 and ops[start - 1].command == command:
        start -= 1
    return list(ops[start:])


def drop_last_command(path: str | os.PathLike) -> list[CurationOp]:
    """Remove the operation lines (not comments) the last command wrote (:func:`_last_command`): all of a
    review's accepted suggestions at once, as they were written. Returns them, in file order; none if none.

    The lines are those :func:`parse_curation` numbers (:func:`~graphbuild.errors.editor_lines`): a name may hold a
    U+2028 or U+0085, at which ``splitlines`` would cut its line in two and the wrong piece would go. The lines
    kept are written with LF line ends.
    """
    path = Path(path)
    if not curation_file_exists(path):
        return []
    text = _curation_text(path)
    last = _last_command(parse_curation(text, path))
    if not last:
        return []
    gone = {int(op.where.rsplit(":", 1)[1]) - 1 for op in last}
    atomic_write_text(path, "".join(line + "\n" for n, line in enumerate(editor_lines(text)) if n not in gone))
    return last


# ------------------------------------------------------------------ matching


def match_entity(text: str, entities: dict[str, Entity],
                 index: dict[str, list[str]] | None = None) -> Entity | None:
    """The entity a user means by ``text``: its id, else its name, else one of its aliases.

    Exact names, then exact aliases, then name-key matches (``gpt 4`` for ``GPT-4``); among
    several, the entity in the most papers wins. ``index`` maps forms and name
    keys to candidate ids (built by :func:`_index`; may be stale, it is checked).
    """
    if text in entities:
        return entities[text]
    if text.startswith("entity:"):
        return None
    index = index if index is not None else _index(entities.values())
    key = name_key(text)
    tiers: list[Callable[[Entity], bool]] = [
        lambda e: e.name == text,
        lambda e: text in e.aliases,
        lambda e: name_key(e.name) == key,
        lambda e: any(name_key(a) == key for a in e.aliases),
    ]
    candidates = [entities[i] for i in dict.fromkeys(index.get(text, []) + index.get("\0" + key, []))
                  if i in entities]
    for test in tiers:
        hits = [e for e in candidates if test(e)]
        if hits:
            return min(hits, key=lambda e: (-e.paper_count, e.id))
    return None


def close_names(text: str, entities: Iterable[Entity], limit: int = 3) -> list[str]:
    """Names and aliases that resemble ``text`` (rapidfuzz ratio >= 80), best first: for "did you mean"."""
    from rapidfuzz import fuzz, process, utils

    forms = list(dict.fromkeys(f for e in entities for f in (e.name, *e.aliases)))
    found = process.extract(text, forms, scorer=fuzz.ratio, processor=utils.default_process,
                            limit=limit, score_cutoff=80)
    return [form for form, _, _ in found]


def _index(entities: Iterable[Entity]) -> dict[str, list[str]]:
    index: dict[str, list[str]] = defaultdict(list)
    for ent in entities:
        _index_add(index, ent, (ent.name, *ent.aliases))
    return index


def _index_add(index: dict[str, list[str]], ent: Entity, forms: Iterable[str]) -> None:
    for form in forms:
        index[form].append(ent.id)
        index["\0" + name_key(form)].append(ent.id)


def resolution_from_graph(graph: Any) -> Resolution:
    """The entities and paper->entity links of a built graph, as a :class:`Resolution`.

    Used to check an operation against the live graph before it is written.
    """
    from .schema import ENTITY_ROLE_RELS

    roles = {rel: role for role, rel in ENTITY_ROLE_RELS.items()}
    entities = [Entity(id=n, name=d["name"], type=d["type"], aliases=tuple(d.get("aliases") or ()),
                       family=d.get("family"), paper_count=d.get("paper_count") or 0)
                for n, d in graph.nodes(data=True) if d.get("label") == "Entity"]
    links = [Link(u, v, roles[k], d.get("evidence") or "", d.get("char_start") or 0, d.get("char_end") or 0)
             for u, v, k, d in graph.edges(keys=True, data=True) if k in roles]
    return Resolution(entities=entities, links=links)


# ------------------------------------------------------------------ applying

def paper_aliases(papers: Iterable[Paper]) -> dict[str, str]:
    """Each id a corpus paper is also known by (``doi:``, ``arxiv:``, ``s2:``, ``openalex:``, a record's own id) ->
    its id now: an operation that named an arXiv preprint by its arXiv id still names it once the published
    version's DOI has become its id.

    >>> paper_aliases([Paper(title="T", doi="10.5555/t.1", arxiv_id="2107.01234", ids=(("id", "mine-1"),))])
    {'arxiv:2107.01234': 'doi:10.5555/t.1', 'mine-1': 'doi:10.5555/t.1'}
    """
    aliases: dict[str, str] = {}
    for p in papers:
        if p.external:
            continue
        keys = [*(["doi:" + p.doi] if p.doi else []), *(["arxiv:" + p.arxiv_id] if p.arxiv_id else []),
                *(paper_key(value) if kind == "id" else f"{kind}:{value}" for kind, value in p.ids)]
        aliases.update((key, p.id) for key in keys if key != p.id)
    return aliases


def paper_named(text: str, papers: Collection[str], aliases: Mapping[str, str] | None = None) -> str | None:
    """The one of ``papers`` that ``text`` names: its id now first (as typed, then as :func:`paper_key` writes
    it: ``arXiv:2101.00001``), then an id it had (``aliases``). How an operation names a corpus paper, and a
    ``drop`` a cited work outside the corpus (:func:`graphbuild.stages.stubs_dropped`).

    >>> paper_named("arXiv:2101.00001", {"arxiv:2101.00001"}), paper_named("x", {"p1"}, {"x": "p1"})
    ('arxiv:2101.00001', 'p1')
    """
    aliases = aliases or {}
    keys = (text, paper_key(text))
    return next((pid for pid in (*keys, *(aliases.get(k) for k in keys)) if pid in papers), None)


def dropped_papers(ops: Iterable[CurationOp], papers: Sequence[Paper]) -> frozenset[str]:
    """The ids of the corpus ``papers`` a ``drop`` among ``ops`` names (by any id the paper has).

    A build leaves them out before it extracts and resolves (:func:`undropped`): the graph is what a build
    without them makes, their words counting in no casing statistics and their mentions joining no names.

    >>> papers = [Paper(title="A", doi="10.5555/a"), Paper(title="B", arxiv_id="2101.00001")]
    >>> sorted(dropped_papers([CurationOp("drop", paper="arXiv:2101.00001"), CurationOp("drop", paper="x")], papers))
    ['arxiv:2101.00001']
    """
    drops = [op.paper for op in ops if op.op == "drop" and op.paper]
    if not drops:
        return frozenset()
    ids = {p.id for p in papers if not p.external}
    aliases = paper_aliases(papers)
    return frozenset(pid for text in drops if (pid := paper_named(text, ids, aliases)) is not None)


def undropped(papers: Sequence[Paper], ops: Iterable[CurationOp]) -> Sequence[Paper]:
    """``papers`` but those a ``drop`` among ``ops`` names (:func:`dropped_papers`); the same list when none."""
    gone = dropped_papers(ops, papers)
    return [p for p in papers if p.id not in gone] if gone else papers


class _State:
    """The resolution being curated: entities by id, links by (paper, entity)."""

    def __init__(self, resolution: Resolution, papers: Collection[str] | None,
                 aliases: Mapping[str, str] | None = None):
        self.entities = {e.id: replace(e) for e in resolution.entities}
        self.links: dict[tuple[str, str], Link] = {}
        self.papers_of: dict[str, set[str]] = defaultdict(set)  # entity id -> linked paper ids
        self.entities_in: dict[str, set[str]] = defaultdict(set)  # paper id -> linked entity ids
        for link in resolution.links:
            self.set_link(link)
        self.papers = set(papers) if papers is not None else {p for p, _ in self.links}
        self.aliases = aliases or {}  # another id of a corpus paper -> its id
        self.index = _index(self.entities.values())
        self.redirect: dict[str, str] = {}  # id of a merged-away entity -> the id it went to
        self.gone: set[str] = set()  # ids of the entities an operation took away (merged, rejected, orphaned)
        self.curated = set(resolution.curated)  # (paper, entity) links whose role an operation set
        self.dropped = set(resolution.dropped)  # papers a ``drop`` took out: no later op names them
        #: entity id -> its renames, in order: (the name before, the aliases then, whether it became an alias)
        self.renames: dict[str, list[tuple[str, tuple[str, ...], bool]]] = defaultdict(list)

    def find(self, text: str) -> Entity | None:
        seen = 0
        while text in self.redirect and seen < 50:
            text, seen = self.redirect[text], seen + 1
        return match_entity(text, self.entities, self.index)

    def named(self, name: str) -> list[Entity]:
        """The entities that have ``name`` as their name or one of their aliases, exactly."""
        ids = dict.fromkeys(self.index.get(name, ()))
        return [self.entities[i] for i in ids if i in self.entities
                and (self.entities[i].name == name or name in self.entities[i].aliases)]

    def paper(self, text: str, *, dropped: bool = False) -> str | None:
        """The corpus paper ``text`` names (any id it has); a dropped one only when ``dropped``."""
        pid = paper_named(text, self.papers, self.aliases)
        return pid if pid is not None and (dropped or pid not in self.dropped) else None

    def links_of(self, eid: str) -> list[str]:
        return sorted(self.papers_of.get(eid, ()))

    def set_link(self, link: Link) -> None:
        self.links[(link.paper_id, link.entity_id)] = link
        self.papers_of[link.entity_id].add(link.paper_id)
        self.entities_in[link.paper_id].add(link.entity_id)

    def drop_link(self, pid: str, eid: str) -> Link:
        self.papers_of[eid].discard(pid)
        self.entities_in[pid].discard(eid)
        self.curated.discard((pid, eid))
        return self.links.pop((pid, eid))

    def add_forms(self, ent: Entity, forms: Iterable[str]) -> None:
        new = [f for f in forms if f and f != ent.name and f not in ent.aliases]
        ent.aliases = (*ent.aliases, *dict.fromkeys(new))
        _index_add(self.index, ent, new)

    def move_link(self, pid: str, old_id: str, new_id: str) -> None:
        """Move a paper's link from one entity to another; an existing link keeps the stronger role
        (a curated role goes with the link that keeps it).
        """
        curated = (pid, old_id) in self.curated
        link = replace(self.drop_link(pid, old_id), entity_id=new_id)
        old = self.links.get((pid, new_id))
        if old is None or ROLES.index(link.role) < ROLES.index(old.role):
            self.set_link(link)
            if curated:
                self.curated.add((pid, new_id))

    def new_entity(self, name: str, type_: str) -> Entity:
        eid = entity_id(name_key(name))
        if eid in self.entities and self.entities[eid].type != type_:
            eid = f"{eid}:{type_.lower()}"
        ent = self.entities.get(eid)
        if ent is None:
            ent = self.entities[eid] = Entity(id=eid, name=name, type=type_)
            _index_add(self.index, ent, (name,))
        return ent

    def drop(self, ent: Entity, into: str | None = None) -> None:
        """Remove an entity (its links must be gone); variants follow to ``into``."""
        del self.entities[ent.id]
        self.gone.add(ent.id)
        for other in self.entities.values():
            if other.family == ent.id:
                other.family = into if into != other.id else None
        if into:
            self.redirect[ent.id] = into

    def drop_if_orphan(self, ent: Entity) -> None:
        if not self.links_of(ent.id) and not any(o.family == ent.id for o in self.entities.values()):
            self.drop(ent)

    def resolution(self) -> Resolution:
        counts: dict[str, int] = defaultdict(int)
        for _, eid in self.links:
            counts[eid] += 1
        for ent in self.entities.values():
            ent.paper_count = counts.get(ent.id, 0)
        links = [link for _, link in sorted(self.links.items())]
        return Resolution(entities=sorted(self.entities.values(), key=lambda e: e.id), links=links,
                          curated=frozenset(self.curated), dropped=frozenset(self.dropped))


def _merge(s: _State, op: CurationOp, ent: Entity) -> str | None:
    target = s.find(op.into or "")
    if target is None:
        return f"no entity named {quoted(op.into)}"
    if target.id == ent.id:  # a merge cycle (B into A after A into B) or names the resolution joined since
        return f"both name the entity {quoted(ent.name)} ({ent.id}): the merge changes nothing"
    for pid in s.links_of(ent.id):
        s.move_link(pid, ent.id, target.id)
    s.add_forms(target, (ent.name, *ent.aliases))
    if target.family is None and ent.family not in (None, target.id):
        target.family = ent.family
    s.drop(ent, into=target.id)
    return None


def _rename(s: _State, op: CurationOp, ent: Entity) -> str | None:
    """Give ``ent`` the name ``op`` gives; the old one stays an alias (the papers write it). A rename back to
    a name it had before (A -> B, then B -> A) undoes the renames since (:func:`_renamed_back`).
    """
    new = op.name or ""
    if new == ent.name:
        return None
    renames = s.renames[ent.id]
    back = next((n for n, (name, _, _) in enumerate(renames) if name == new), None)
    if back is not None:
        _renamed_back(ent, renames[back:])
        del renames[back:]
    else:
        old = ent.name
        renames.append((old, ent.aliases, old not in ent.aliases))
        ent.name = new
        ent.aliases = tuple(a for a in ent.aliases if a != new)
        s.add_forms(ent, (old,))
    _index_add(s.index, ent, (ent.name,))
    return None


def _renamed_back(ent: Entity, undone: list[tuple[str, tuple[str, ...], bool]]) -> None:
    """Undo the renames ``undone`` of ``ent`` (each: the name before it, the aliases then and whether it added
    that name as an alias), the first of which named it what it is named again: its aliases are those it had
    then, and those other operations added since, but not the names only these renames made aliases.

    >>> ent = Entity("entity:a", "A", "Model", aliases=("X",))
    >>> _renamed_back(ent, [("B", ("X",), True)]); (ent.name, ent.aliases)
    ('B', ('X',))
    """
    name, before, _ = undone[0]
    made = {old for old, _, added in undone if added}
    ent.name = name
    ent.aliases = (*before, *(a for a in ent.aliases if a not in before and a not in made and a != name))


def _retype(s: _State, op: CurationOp, ent: Entity) -> str | None:
    ent.type = op.type or ent.type
    return None


def _reject(s: _State, op: CurationOp, ent: Entity) -> str | None:
    if op.paper is None:
        for pid in s.links_of(ent.id):
            s.drop_link(pid, ent.id)
        s.drop(ent)
        return None
    paper_id = s.paper(op.paper)
    if paper_id is None or (paper_id, ent.id) not in s.links:
        return f"{quoted(ent.name)} is not linked to paper {quoted(op.paper)}"
    s.drop_link(paper_id, ent.id)
    s.drop_if_orphan(ent)
    return None


def _alias(s: _State, op: CurationOp, ent: Entity) -> str | None:
    s.add_forms(ent, (op.alias or "",))
    return None


def _split(s: _State, op: CurationOp, ent: Entity) -> str | None:
    moved, missing = [], []
    new = s.new_entity(op.name or "", op.type or ent.type)
    if new.id == ent.id:
        return f"{quoted(op.name)} is the entity being split"
    for text in op.papers:
        pid = s.paper(text)
        if pid is None or (pid, ent.id) not in s.links:
            missing.append(text)
            continue
        s.move_link(pid, ent.id, new.id)
        moved.append(pid)
    if not moved:
        s.drop_if_orphan(new)
        return f"{quoted(ent.name)} is linked to none of the papers {', '.join(map(shortened, op.papers))}"
    s.add_forms(new, (ent.name,))
    s.drop_if_orphan(ent)
    return f"{quoted(ent.name)} is not linked to paper(s) {', '.join(map(shortened, missing))} (split applied to " \
        "the others)" \
        if missing else None


def _proposed(s: _State, op: CurationOp, ent: Entity) -> str | None:
    pid = s.paper(op.paper or "")
    if pid is None:
        return f"no paper {quoted(op.paper)}"
    old = s.links.get((pid, ent.id))
    if op.value:
        s.set_link(replace(old, role="proposes") if old else Link(pid, ent.id, "proposes"))
    elif old is None:
        return f"{quoted(ent.name)} is not linked to paper {quoted(op.paper)}"
    elif old.role == "proposes":
        s.set_link(replace(old, role="uses"))
    s.curated.add((pid, ent.id))
    return None


def _mention(s: _State, op: CurationOp, ent: Entity | None) -> str | None:
    pid = s.paper(op.paper or "")
    if pid is None:
        return f"no paper {quoted(op.paper)}"
    if ent is None:
        if op.type is None:
            return f"no entity named {quoted(op.entity)} (give a type to create it)"
        ent = s.new_entity(op.entity, op.type)
    old = s.links.get((pid, ent.id)) or Link(pid, ent.id, "uses")
    if op.evidence:
        old = Link(pid, ent.id, old.role, op.evidence)
    s.set_link(replace(old, role=op.role or old.role))
    if op.role:
        s.curated.add((pid, ent.id))
    return None


def _drop(s: _State, op: CurationOp) -> str | None:
    """Take a paper out of the graph: its links go, then the entities it leaves in no paper."""
    pid = s.paper(op.paper or "", dropped=True)
    if pid is None:
        return f"no paper {quoted(op.paper)}"
    if pid in s.dropped:
        return f"paper {shortened(pid)} is dropped already"
    s.dropped.add(pid)
    linked = sorted(s.entities_in.get(pid, ()))
    for eid in linked:
        s.drop_link(pid, eid)
    _drop_orphans(s, [eid for eid in linked if not s.links_of(eid)])
    return None


def _drop_orphans(s: _State, eids: list[str]) -> None:
    """Remove the entities ``eids`` a dropped paper left in no paper, unless variants hang on them, and then
    the family heads left with no paper and no variant (as a build without the paper would not make them).
    The variants are counted once, not per entity: a drop at a time in a corpus of 100,000 papers.
    """
    if not eids:
        return
    variants = Counter(e.family for e in s.entities.values() if e.family)
    todo = list(eids)
    while todo:
        ent = s.entities.get(todo.pop())
        if ent is None or s.links_of(ent.id) or variants[ent.id]:
            continue
        s.drop(ent)
        if ent.family:
            variants[ent.family] -= 1
            todo.append(ent.family)


_APPLY: dict[str, Callable[[_State, CurationOp, Any], str | None]] = {
    "merge": _merge, "rename": _rename, "retype": _retype, "reject": _reject, "alias": _alias,
    "split": _split, "proposed": _proposed, "mention": _mention,
}


def _missing_name(state: _State, op: CurationOp, ent: Entity | None) -> str | None:
    """The entity name ``op`` gave that matched nothing: its entity, or a merge's target."""
    if op.op == "mention":  # creates a missing entity when given a type; a missing paper is another problem
        return op.entity if ent is None and op.type is None and state.paper(op.paper or "") else None
    if ent is None:
        return op.entity
    if op.op == "merge" and state.find(op.into or "") is None:
        return op.into
    return None


def _by_recorded_name(s: _State, eid: str, name: str | None) -> tuple[str | None, str | None]:
    """The id an entity id written by ``graphbuild review`` stands for now, and the warning to give about it.

    A rebuild can give an entity another id (its name was chosen from other mentions, or another entity of
    that name took the plain id): the id then names nothing, and the operation was skipped although the name
    recorded beside it (``entity_name``, ``into_name``) still named the entity. Where that name is the name
    or an alias of exactly one entity, the operation applies to it (with a warning naming both ids); where
    it names none or several, it is skipped as before. An id an earlier operation took away (merged,
    rejected) is not looked up by name: that entity is gone on purpose.

    Returns (the id to use, or None when there is none; a warning, or None when ``eid`` needs no fallback).
    """
    if s.find(eid) is not None:
        return eid, None
    if not eid.startswith("entity:") or not name or eid in s.gone:
        return None, None
    found = s.named(name)
    if len(found) == 1:
        return found[0].id, (f"{eid} names no entity now; applied to {found[0].id}, the one entity named "
                             f"{quoted(name)}")
    if found:
        ids = ", ".join(sorted(e.id for e in found))
        return None, f"no entity {eid}, and {quoted(name)} names {len(found)} entities ({ids}): not applied"
    return None, f"no entity {eid}, and none is named {quoted(name)}"


def _recorded_ids(s: _State, op: CurationOp) -> tuple[CurationOp, list[str], bool]:
    """``op`` naming its entity and merge target by their ids now (:func:`_by_recorded_name`), the warnings
    about them, and whether it can be applied (False: an id with a recorded name that names no one entity).
    """
    entity, note = _by_recorded_name(s, op.entity, op.entity_name)
    notes = [note] if note else []
    ok = entity is not None or note is None
    if op.op == "merge" and op.into:
        into, into_note = _by_recorded_name(s, op.into, op.into_name)
        notes += [into_note] if into_note else []
        ok = ok and (into is not None or into_note is None)
        op = replace(op, into=into or op.into)
    return replace(op, entity=entity or op.entity), notes, ok


def apply_curation(resolution: Resolution, ops: Iterable[CurationOp], *,
                   papers: Collection[str] | None = None, aliases: Mapping[str, str] | None = None,
                   path: str | None = None) -> tuple[Resolution, CurationReport]:
    """Apply curation operations, in order, to resolved entities and paper->entity links.

    Parameters
    ----------
    resolution : the output of :func:`~graphbuild.resolve.resolve_entities` (not modified).
    ops : the operations, e.g. from :func:`read_curation`.
    papers : ids of the corpus papers, so ops may name papers without entities;
        default: the papers that have links.
    aliases : other ids of the corpus papers -> their ids (:func:`paper_aliases`), so an op naming a paper by
        an id it had before (an arXiv id, where a DOI arrived since) still names it.
    path : the curation file's name, for the report.

    Returns
    -------
    (Resolution, CurationReport)
        the curated resolution (entities keep their ids; a merge keeps the
        target's; ``dropped`` names the papers a ``drop`` took out) and a report:
        how many ops applied, how many papers were dropped and a warning for each
        op that matched nothing.

    Examples
    --------
    >>> from graphbuild.records import Entity, Link
    >>> res = Resolution([Entity("entity:gpt4", "GPT4", "Model"), Entity("entity:gpt-4", "GPT-4", "Model")],
    ...                  [Link("p1", "entity:gpt4", "uses"), Link("p2", "entity:gpt-4", "uses")])
    >>> out, report = apply_curation(res, [CurationOp("merge", "GPT4", into="GPT-4")])
    >>> [(e.id, e.aliases, e.paper_count) for e in out.entities], report.applied
    ([('entity:gpt-4', ('GPT4',), 2)], 1)
    """
    state = _State(resolution, papers, aliases)
    report = CurationReport(path=path)
    for op in ops:
        report.total += 1
        if op.op == "dismiss":
            report.decisions += 1
            continue
        todo, notes, ok = (op, [], True) if op.op == "drop" else _recorded_ids(state, op)
        ent = None if op.op == "drop" else state.find(todo.entity)
        problem: str | None
        if not ok:
            problem = None
        elif op.op == "drop":
            problem = _drop(state, op)
            report.dropped += problem is None
        elif ent is None and op.op != "mention":
            problem = f"no entity named {quoted(op.entity)}"
        else:
            problem = _APPLY[op.op](state, todo, ent)
        applied = ok and (problem is None or "applied to the others" in problem)
        report.applied += applied
        problem = "; ".join([*notes, *([problem] if problem else [])]) or None
        if problem is not None:
            if applied:
                report.applied_anyway.add(len(report.problems))
            report.warnings.append(f"{op.where or op.op}: {op.describe()}: {problem}")
            report.problems.append((op, problem, None if op.op == "drop" or not ok
                                    else _missing_name(state, todo, ent)))
    return state.resolution(), report
