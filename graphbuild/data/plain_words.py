"""Build ``plain_words.txt``, the ordinary English words graphbuild knows: words that ordinary prose writes in
lower case.

A title written in capitals hides the case that tells a name from an English word: "MASSIVE" may be the
dataset MassIVE or the adjective, "DRAFT" the method DRaFT or the noun. With no dictionary to hand, the list is
read off scientific prose: the abstracts of a set of papers (a ``.jsonl`` of records with an ``abstract``),
keeping each word of letters only, three letters or more, that at least ``--papers-min`` abstracts write in
lower case and that they write in lower case more than twice as often as capitalised away from a sentence's
start (a name written in lower case now and then, "llama", stays out). The list is written beside this
script, one word a line, sorted; :func:`graphbuild.nlp.lexicon.plain_words` reads it.

Run from the repository root::

    python graphbuild/data/plain_words.py --papers ../shared/eval/related/papers_dev.jsonl
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path

#: a word of letters only (a hyphenated word's parts count apart)
WORD = re.compile(r"(?<![\w-])[A-Za-z]+(?![\w-])")
#: the end of a sentence, a colon or a line's start before a word: a capital there says nothing
OPENING = re.compile(r"(?:^|[.!?:;]\s*|\n\s*)$")

OUT = Path(__file__).with_name("plain_words.txt")


def plain_words(abstracts: list[str], *, papers_min: int = 3, letters_min: int = 3) -> list[str]:
    """The words of :data:`WORD` that at least ``papers_min`` of ``abstracts`` write in lower case, and all of
    them more than twice as often in lower case as capitalised away from a sentence's start, sorted.
    """
    lower: Counter[str] = Counter()
    capitalised: Counter[str] = Counter()
    papers: Counter[str] = Counter()
    for text in abstracts:
        seen = set()
        for m in WORD.finditer(text):
            word = m.group()
            key = word.lower()
            if word == key:
                lower[key] += 1
                seen.add(key)
            elif word[1:] == key[1:] and not OPENING.search(text[max(0, m.start() - 3):m.start()]):
                capitalised[key] += 1
        papers.update(seen)
    return sorted(w for w, n in papers.items()
                  if n >= papers_min and len(w) >= letters_min and lower[w] > 2 * capitalised[w])


def main(argv: list[str] | None = None) -> int:
    """Read the abstracts of ``--papers`` and write the list beside this script."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--papers", required=True, help="a .jsonl of paper records with an 'abstract'")
    ap.add_argument("--papers-min", type=int, default=3, help="abstracts that must write a word in lower case")
    args = ap.parse_args(argv)
    with open(args.papers, encoding="utf-8") as f:
        abstracts = [json.loads(line).get("abstract") or "" for line in f if line.strip()]
    words = plain_words(abstracts, papers_min=args.papers_min)
    OUT.write_text("".join(w + "\n" for w in words), encoding="utf-8")
    print(f"{len(words)} words from {len(abstracts)} abstracts written to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
