"""Size of the gazetteer: entries per type and file, forms, matcher patterns, and what matching costs.

Reads only the gazetteer (the shipped one, or ``--path``), never ``../shared``.

    python benchmarks/gazetteer_stats.py                 # counts
    python benchmarks/gazetteer_stats.py --time 2000     # and the gazetteer component on 2,000 synthetic abstracts
    python benchmarks/gazetteer_stats.py --base ../main/graphbuild/data/gazetteer   # entries gained per file and type
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter
from pathlib import Path

from graphbuild.nlp.gazetteer import _case_sensitive, _plurals, _read_entries, _variants, load_gazetteer
from graphbuild.resources import data_path

#: filler sentences for the synthetic abstracts; {} is replaced by a gazetteer name
TEMPLATES = ["We fine-tune {} on two benchmarks and report strong gains.",
             "Compared with {}, our approach needs fewer parameters.",
             "Experiments on {} show that the method generalises to unseen data.",
             "The encoder follows {} while the decoder is trained from scratch.",
             "This paper studies how the training signal shapes what a network learns."]


def count_files(root: Path) -> None:
    """Print entries, aliases and forms per file and type, and the ambiguous and family-linked share."""
    files = sorted(root.glob("*.jsonl")) if root.is_dir() else [root]
    print(f"{'file':<22}{'type':<9}{'entries':>9}{'aliases':>9}{'forms':>8}{'ambiguous':>11}{'variants':>10}")
    totals: Counter[str] = Counter()
    for file in files:
        rows: dict[str, Counter[str]] = {}
        for entry in _read_entries(file):
            row = rows.setdefault(entry.type, Counter())
            row["entries"] += 1
            row["aliases"] += len(entry.aliases)
            row["forms"] += 1 + len(entry.aliases)
            row["ambiguous"] += entry.ambiguous
            row["variants"] += entry.family is not None
        for type_, row in sorted(rows.items()):
            print(f"{file.name:<22}{type_:<9}{row['entries']:>9,}{row['aliases']:>9,}{row['forms']:>8,}"
                  f"{row['ambiguous']:>11,}{row['variants']:>10,}")
            totals.update(row)
            totals[f"type:{type_}"] += row["entries"]
    print(f"{'total':<31}{totals['entries']:>9,}{totals['aliases']:>9,}{totals['forms']:>8,}"
          f"{totals['ambiguous']:>11,}{totals['variants']:>10,}")
    print("per type: " + ", ".join(f"{k[5:]} {v:,}" for k, v in sorted(totals.items()) if k.startswith("type:")))


def _entry_counts(root: Path) -> Counter[tuple[str, str]]:
    files = sorted(root.glob("*.jsonl")) if root.is_dir() else [root]
    return Counter((file.name, entry.type) for file in files for entry in _read_entries(file))


def compare_with(root: Path, base: Path) -> None:
    """Print entries per file and type in ``base`` and ``root`` and what changed between them."""
    before, after = _entry_counts(base), _entry_counts(root)
    print(f"{'file':<22}{'type':<9}{'base':>8}{'now':>8}{'added':>8}")
    for file, type_ in sorted(set(before) | set(after)):
        old, new = before[(file, type_)], after[(file, type_)]
        print(f"{file:<22}{type_:<9}{old:>8,}{new:>8,}{new - old:>+8,}")
    old, new = sum(before.values()), sum(after.values())
    print(f"{'total':<31}{old:>8,}{new:>8,}{new - old:>+8,}")


def count_patterns(path: str) -> None:
    """Print how many surface patterns the two phrase matchers hold (exact case / any case)."""
    gaz = load_gazetteer(path)
    exact = lower = 0
    for entry in gaz.entries:
        for form in entry.forms():
            variants = _variants(form) if not entry.ambiguous else {form, *_plurals(form)}
            for variant in variants:
                if _case_sensitive(variant, entry):
                    exact += 1
                else:
                    lower += 1
    print(f"matcher patterns: {exact:,} exact-case, {lower:,} any-case ({len(gaz):,} entries after de-duplication)")


def time_component(path: str, n: int, seed: int = 0) -> None:
    """Time building the gazetteer component and running it over ``n`` synthetic abstracts."""
    from graphbuild.nlp.candidates import candidates
    from graphbuild.nlp.pipeline import make_pipeline

    gaz = load_gazetteer(path)
    names = [e.name for e in gaz.entries if e.type in ("Model", "Method", "Dataset")]
    rng = random.Random(seed)
    texts = [" ".join(t.format(rng.choice(names)) for t in rng.choices(TEMPLATES, k=8)) for _ in range(n)]
    start = time.perf_counter()
    nlp = make_pipeline(gazetteer_path=path, proposers_only=True)
    built = time.perf_counter() - start
    component = nlp.get_pipe("graphbuild_gazetteer")
    docs = [nlp.make_doc(t) for t in texts]
    start = time.perf_counter()
    hits = sum(len(candidates(component(doc))) for doc in docs)
    took = time.perf_counter() - start
    print(f"pipeline build (proposers): {built:.2f} s; gazetteer component: {n / took:,.0f} abstracts/s "
          f"({hits / n:.1f} matches per abstract, tokenising not counted)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--path", default="", help="a gazetteer .jsonl file or folder (default: the shipped one)")
    ap.add_argument("--time", type=int, default=0, metavar="N", help="also time the component on N abstracts")
    ap.add_argument("--base", default="", help="another gazetteer file or folder to compare entry counts with")
    args = ap.parse_args()
    root = Path(args.path) if args.path else data_path("gazetteer")
    count_files(root)
    if args.base:
        compare_with(root, Path(args.base))
    count_patterns(args.path)
    if args.time:
        time_component(args.path, args.time)


if __name__ == "__main__":
    main()
