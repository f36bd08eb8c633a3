"""What the probes of invented abstracts share: reading a case's entities and counting a class's results.

``probe_types.py``, ``probe_model_heads.py`` and ``probe_unlearned_types.py`` check the type each
name gets (:func:`run_typed`); ``probe_proposals.py`` and ``probe_in_passing.py`` whether a name is
marked proposed (:func:`run_proposed`); ``probe_technique_heads.py`` whether a name is found at all
(:func:`run_found`). Each case's title and abstract are read as a record's are
(:func:`graphbuild.nlp.pipeline.extract_text`, the title given apart).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from graphbuild.nlp.pipeline import extract_text


def key(s: str) -> str:
    """A name as the scorer compares it: lower case, letters and digits only."""
    return re.sub(r"[^0-9a-z]", "", s.lower())


def entities(title: str, abstract: str) -> list[Any]:
    """The entities extracted from a record of ``title`` and ``abstract`` (which may be empty)."""
    return extract_text(abstract, title=title).entities


def run_typed(cases: Sequence[tuple[Any, ...]], argv: Sequence[str]) -> int:
    """Cases ``(class, title, abstract, {name: type}[, names that must not be found])``: print per class how many
    names are found with the right type, how many found at all, and how many forbidden names appear as a scored
    entity; ``-v`` in ``argv`` lists the misses.
    """
    verbose = "-v" in argv
    good: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    total: Counter[str] = Counter()
    unwanted: Counter[str] = Counter()
    for cls, title, abstract, want, *rest in cases:
        found: dict[str, str] = {}
        for e in entities(title, abstract):
            for m in (e.name, *e.mentions):
                found.setdefault(key(m), e.type)
        total[cls] += 0
        for name, type_ in want.items():
            total[cls] += 1
            got = found.get(key(name))
            seen[cls] += got is not None
            good[cls] += got == type_
            if got != type_ and verbose:
                print(f"[{cls}] {name}: want {type_}, got {got}")
        for name in rest[0] if rest else ():
            if found.get(key(name)) in ("Model", "Method", "Dataset"):
                unwanted[cls] += 1
                if verbose:
                    print(f"[{cls}] {name}: must not be found, got {found[key(name)]}")
    for cls in total:
        print(f"{cls}: {good[cls]} typed right, {seen[cls]} found, of {total[cls]}; {unwanted[cls]} unwanted")
    print(f"all: {sum(good.values())} typed right, {sum(seen.values())} found, of {sum(total.values())}; "
          f"{sum(unwanted.values())} unwanted")
    return 0


def run_proposed(cases: Sequence[tuple[str, str, str, str, bool]], argv: Sequence[str], *,
                 prefix: bool = False) -> int:
    """Cases ``(class, title, abstract, name, proposed?)``: print per class how many names get the proposed mark
    they should (a name not found counts as not proposed; with ``prefix``, an entity whose name starts the
    case's name or starts with it stands for it); ``-v`` in ``argv`` lists every case, else the wrong ones.
    """
    def mark(title: str, abstract: str, name: str) -> bool | None:
        marks = {e.name.lower(): e.proposed for e in entities(title, abstract)}
        low = name.lower()
        return next((v for k, v in marks.items() if k.startswith(low) or low.startswith(k)), None) if prefix \
            else marks.get(low)

    return _per_class(cases, argv, mark, lambda got, want: bool(got) == want)


def _per_class(cases: Sequence[tuple[str, str, str, str, Any]], argv: Sequence[str],
               got_of: Callable[[str, str, str], Any], right_if: Callable[[Any, Any], bool]) -> int:
    """Cases ``(class, title, abstract, name, wanted)``: print per class how many are right (``right_if(got,
    wanted)`` for what ``got_of(title, abstract, name)`` reads); ``-v`` in ``argv`` lists every case, else the
    wrong ones.
    """
    right: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for cls, title, abstract, name, want in cases:
        got = got_of(title, abstract, name)
        good = right_if(got, want)
        right[cls] += good
        seen[cls] += 1
        if not good or "-v" in argv:
            print(("ok  " if good else "BAD ") + f"[{cls}] {name!r} want {want} got {got} | {title}")
    print(" ".join(f"{k} {right[k]}/{seen[k]}" for k in seen) + f"; {sum(right.values())}/{len(cases)} right")
    return 0


def run_found(cases: Sequence[tuple[str, str, Sequence[str], Sequence[str]]], argv: Sequence[str]) -> int:
    """Cases ``(title, abstract, names to find, names that must not appear)``, compared as lower-cased entity
    names: print how many checks are right; ``-v`` in ``argv`` lists every check, else the wrong ones.
    """
    ok = total = 0
    for title, abstract, want, avoid in cases:
        names = {e.name.lower() for e in entities(title, abstract)}
        for name, should in [(n, True) for n in want] + [(n, False) for n in avoid]:
            good = (name.lower() in names) == should
            ok += good
            total += 1
            if not good or "-v" in argv:
                what = f"find {name!r} | {title} | got {sorted(names)}" if should else f"avoid {name!r} | {title}"
                print(("ok  " if good else "BAD ") + what)
    print(f"{ok}/{total} right")
    return 0


def run_roles(cases: Sequence[tuple[str, str, str, str, str]], argv: Sequence[str]) -> int:
    """Cases ``(class, title, abstract, name, role)``: print per class how many names get the role they should
    ("proposes", "uses", "compares_with", "evaluates_on"; a name not found counts as wrong); ``-v`` in ``argv``
    lists every case, else the wrong ones.
    """
    def role(title: str, abstract: str, name: str) -> str | None:
        return next((e.role for e in entities(title, abstract) if e.name.lower() == name.lower()), None)

    return _per_class(cases, argv, role, lambda got, want: got == want)
