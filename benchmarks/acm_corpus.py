"""A deterministic ACM-like BibTeX corpus for the scale benchmarks.

The records imitate ACM Digital Library exports: ``@inproceedings`` and
``@article`` entries with ``Last, First`` author lists, a DOI under
``10.1145``, a venue, pages, keywords and an abstract of about 150-230 words
that names models, methods and datasets. A share
of author names (about 12%) and titles (about 6%) carries LaTeX accents
(``M{\\"u}ller``, ``Fran{\\c{c}}ois``), and about 15% of titles protect words
with braces (``{BERT}``), as exports do. Abstracts carry no LaTeX, like most
real exports; about 1% of them escape a ``\\%`` or an ``\\&``.

The names come from ``acm_names.json`` beside this file: the shipped
gazetteer's Model, Method and Dataset names at commit 6955990 (10,005 names),
pinned so that the corpus, and every figure measured on it, stays the same
when the gazetteer grows (``--names gazetteer`` draws from today's instead).

    python benchmarks/acm_corpus.py --n 100000 --out /tmp/acm   # 100 files of 1,000 records
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from graphbuild.nlp.gazetteer import load_gazetteer

#: the pinned name lists (see the module docstring)
PINNED_NAMES = Path(__file__).with_name("acm_names.json")

FIRST = ["Ada", "Alan", "Grace", "Wei", "Li", "Maria", "José", "Anna", "Ravi", "Priya", "Sven", "Olga",
         "Hiroshi", "Yuki", "Kwame", "Fatima", "Lucas", "Emma", "Noah", "Chen", "Ming", "Sara", "Omar"]
LAST = ["Smith", "Wang", "Zhang", "Kumar", "Garcia", "Rossi", "Nguyen", "Kim", "Ivanova", "Tanaka",
        "Okafor", "Haddad", "Johansson", "Silva", "Brown", "Liu", "Chen", "Patel", "Cohen", "Novak"]
#: (LaTeX spelling, what it decodes to)
ACCENTED = [("M{\\\"u}ller", "Müller"), ("Jos{\\'e}", "José"), ("Fran{\\c{c}}ois", "François"),
            ("G{\\\"o}del", "Gödel"), ("Nu{\\~n}ez", "Nuñez"), ("Sch{\\\"o}lkopf", "Schölkopf"),
            ("{\\O}stergaard", "Østergaard"), ("Dvo{\\v{r}}{\\'a}k", "Dvořák"), ("Ren{\\'e}", "René"),
            ("Bj{\\\"o}rn", "Björn"), ("{\\L}ukasz", "Łukasz"), ("Andr{\\'e}", "André"),
            ("Stra{\\ss}e", "Straße"), ("Erd{\\H{o}}s", "Erdős"), ("Se{\\~n}or", "Señor")]
TOPICS = ["Retrieval", "Ranking", "Recommendation", "Query Understanding", "Entity Linking", "Summarization",
          "Question Answering", "Graph Learning", "Interactive Search", "User Modeling", "Crowdsourcing",
          "Query Optimization", "Index Compression", "Conversational Search", "Visualization"]
ADJ = ["Efficient", "Scalable", "Robust", "Neural", "Interpretable", "Federated", "Contrastive", "Sparse"]
VENUES = [("inproceedings", "booktitle", "Proceedings of the {y} ACM SIGIR Conference on Research and "
           "Development in Information Retrieval"),
          ("inproceedings", "booktitle", "Proceedings of the {y} CHI Conference on Human Factors in Computing "
           "Systems"),
          ("inproceedings", "booktitle", "Proceedings of the {y} International Conference on Management of Data"),
          ("article", "journal", "ACM Transactions on Information Systems"),
          ("article", "journal", "Proceedings of the VLDB Endowment"),
          ("inproceedings", "booktitle", "Proceedings of the {y} ACM Web Conference")]
SENTENCES = [
    "{topic} is a core problem for modern search and recommendation systems used by millions of people.",
    "We propose {coined}, a {adj} approach to {topic_l} that builds on {model} and {method}.",
    "Unlike prior work, {coined} combines {method2} with a lightweight re-ranking stage.",
    "Experiments on {dataset} and {dataset2} show that {coined} outperforms {model2} by {num} points of nDCG.",
    "We further analyse the effect of training data size, model capacity and query length.",
    "The model is trained with {method} on {dataset} for {num} epochs with a batch size of {batch}.",
    "Our user study with {num2} participants shows that people prefer the explanations of {coined}.",
    "We compare against strong baselines such as {model2}, {method2} and classical BM25 on {dataset2}.",
    "These findings suggest that simple changes to the ranking objective matter more than scale.",
    "Code, data and trained checkpoints are released to support reproducibility.",
    "An ablation study isolates the contribution of each component and the cost at inference time.",
]


def _name(rng: random.Random) -> str:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    if rng.random() < 0.12:
        if rng.random() < 0.5:
            last = rng.choice(ACCENTED)[0]
        else:
            first = rng.choice(ACCENTED)[0]
    return f"{last}, {first}"


def _entry(i: int, rng: random.Random, names: dict[str, list[str]]) -> str:
    year = rng.randint(2005, 2024)
    kind, venue_field, venue = rng.choice(VENUES)
    topic = rng.choice(TOPICS)
    coined = rng.choice(["Flex", "Tri", "Nova", "Quant", "Meta", "Hyper", "Lumi", "Fuse"]) + \
        rng.choice(["Rank", "Rec", "Search", "Net", "Former", "QA"])
    values = {"topic": topic, "topic_l": topic.lower(), "coined": coined, "adj": rng.choice(ADJ).lower(),
              "model": rng.choice(names["Model"]), "model2": rng.choice(names["Model"]),
              "method": rng.choice(names["Method"]), "method2": rng.choice(names["Method"]),
              "dataset": rng.choice(names["Dataset"]), "dataset2": rng.choice(names["Dataset"]),
              "num": rng.randint(2, 40), "num2": rng.randint(8, 60), "batch": rng.choice([32, 64, 128])}
    abstract = " ".join(s.format(**values) for s in rng.sample(SENTENCES, rng.randint(7, 11)))
    if rng.random() < 0.01:
        abstract += " Recall improves by 12\\% on average \\& latency halves."
    title = f"{rng.choice(ADJ)} {topic} with {coined}"
    r = rng.random()
    if r < 0.15:
        title = f"{{{coined}}}: {rng.choice(ADJ)} {topic} with {{{values['model']}}}"
    elif r < 0.21:
        title = f"{title} for {rng.choice(ACCENTED)[0]}-style Queries"
    authors = " and ".join(_name(rng) for _ in range(rng.randint(1, 7)))
    doi = f"10.1145/{3000000 + i}"
    pages = rng.randint(1, 900)
    return (
        f"@{kind}{{10.1145/{3000000 + i},\n"
        f"author = {{{authors}}},\n"
        f"title = {{{title}}},\n"
        f"year = {{{year}}},\n"
        f"isbn = {{978-1-4503-{rng.randint(1000, 9999)}-{rng.randint(0, 9)}}},\n"
        f"publisher = {{Association for Computing Machinery}},\n"
        f"address = {{New York, NY, USA}},\n"
        f"url = {{https://doi.org/{doi}}},\n"
        f"doi = {{{doi}}},\n"
        f"abstract = {{{abstract}}},\n"
        f"{venue_field} = {{{venue.format(y=year)}}},\n"
        f"pages = {{{pages}--{pages + rng.randint(4, 14)}}},\n"
        f"numpages = {{{rng.randint(4, 14)}}},\n"
        f"keywords = {{{topic.lower()}, {values['model']}, evaluation}},\n"
        f"series = {{{venue_field.upper()[:4]} '{year % 100:02d}}}\n"
        "}\n\n"
    )


def corpus_names(source: str = "pinned") -> dict[str, list[str]]:
    """The sorted Model, Method and Dataset names the abstracts draw from: the pinned lists,
    or (``source="gazetteer"``) the shipped gazetteer's as it is now.
    """
    if source == "pinned":
        pinned: dict[str, list[str]] = json.loads(PINNED_NAMES.read_text(encoding="utf-8"))
        return pinned
    names: dict[str, list[str]] = {"Model": [], "Method": [], "Dataset": []}
    for e in load_gazetteer().entries:
        if e.type in names:
            names[e.type].append(e.name)
    for values in names.values():
        values.sort()
    return names


def write_corpus(n: int, out: Path, *, per_file: int = 1000, seed: int = 15, names_from: str = "pinned") -> list[Path]:
    """Write ``n`` records into ``out/acm-NNNN.bib`` files; returns the files written."""
    rng = random.Random(seed)
    names = corpus_names(names_from)
    out.mkdir(parents=True, exist_ok=True)
    files = []
    for start in range(0, n, per_file):
        path = out / f"acm-{start // per_file:04d}.bib"
        with open(path, "w", encoding="utf-8") as fh:
            fh.write("".join(_entry(i, rng, names) for i in range(start, min(n, start + per_file))))
        files.append(path)
    return files


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--per-file", type=int, default=1000)
    ap.add_argument("--names", choices=("pinned", "gazetteer"), default="pinned",
                    help="draw names from the pinned lists (default) or from the shipped gazetteer as it is now")
    args = ap.parse_args()
    files = write_corpus(args.n, args.out, per_file=args.per_file, names_from=args.names)
    print(f"wrote {args.n} records in {len(files)} files under {args.out}")


if __name__ == "__main__":
    main()
