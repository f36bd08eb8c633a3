# ruff: noqa: E501  (the invented abstracts are kept one to a line)
"""Abbreviations read in their context: a probe of invented abstracts for three faults of the graph.

(1) A parenthesis that opens with a function word ("(for ZQ)", "(is cleaner than …)") holds no short or long form:
no clause before it ("for which bounded testing is known") is a name. (2) A coined acronym spelled out is the
paper's own only where nothing sets it as others' work: one the abstract compares with ("outperforms the methods
Conversational Zorb (ConZ)"), gives as an example ("such as the Quorn-Lattice subtree (QL-subtree)") or as a
field's background ("The emergence of Tiny Zorb Learning (TinyZL)") is not proposed; the paper's own modules stay
proposed. (3) A known acronym that has other well-known senses keeps the form written where the paper writes no
word of the gazetteer's long form: "LAS" in a paper on parsing is no Listen, Attend and Spell (the gazetteer holds
both senses). "PSO" in a paper on memory models is still read as particle swarm optimisation: the gazetteer holds
no other sense of it, and dropping every long form the text does not write also drops right ones ("GAN", "SVM" in
papers with no word of learning). The acronyms are real, the papers invented.

Each check: a title, an abstract, entity names to find and names that must not appear (the names lower-cased),
or a name and whether the paper proposes it. Prints how many checks are right; ``-v`` lists every check.

Run::

    python benchmarks/probe_abbreviation_contexts.py [-v]
"""

from __future__ import annotations

import sys

from _probe import run_found, run_proposed

_CLAUSE = ("Deciding Robustness of Zorbel Stores",
           "We study the complexity of checking robustness against weak stores. It yields a separation of these stores from ZQ, Quellstore and Varnish, for which bounded robustness testing is either known (for ZQ), or shown here (for the rest), to be in polynomial time.")
_CLAUSE2 = ("Erasing Protected Attributes by Looped Projection",
            "We present Looped Nullspace Removal (LNR), a method that removes attributes from representations. LNR (is simpler than applying multiple adversaries) and removes gender from word embeddings.")
_CMP = ("Asking about Attributes for Cold-Start Users",
        "We propose QuorTS, a bandit that asks users about attributes. Experiments on three datasets show that QuorTS outperforms the state-of-the-art methods Conversational Zorbit (ConZorb) and Attribute Quill Bandit (AttQB) on two of them.")
_EX = ("Consistency from Lattice Kernels to Graph Networks",
       "While graph kernel methods such as the Quornish-Lattice subtree (QL-subtree) kernel are consistent, graph networks are not. We propose Lattiform, a loss that makes graph networks consistent across layers.")
_BG = ("Benchmarks for Tiny Zorbel Learning",
       "The emergence of Tiny Zorbel Learning (TinyZL) moved models onto sensors. We propose ZorbBench, a suite of 12 tasks for such devices, and report the accuracy of 30 models.")
_OWN = ("HiVarn: Hierarchical Varnish Transformers for Spectral Imaging",
        "HiVarn is built by multiple groups of Cross-Scale Varnish Attention (CS-VA) and Gated Varnish Feed-Forward Network (GV-FFN). Our framework leverages a Partially Flipped Quorn (PF-Quorn) to read the spectra.")
_PSO = ("How Hard is Testing Quorn Memory Stores?",
        "We study the complexity of testing whether an execution is consistent under the memory store orders SC, TSO and PSO. For PSO the problem is shown hard, even for three threads.")
_LAS = ("Zorbparse: Dependency Parsing with Varnished Arcs",
        "We propose Zorbparse, a graph-based dependency parser trained with varnished arcs. Zorbparse improves LAS by 1.2 points on four treebanks of morphologically rich languages.")
_LAS_ASR = ("Quornspell: Faster Attention-Based Speech Recognition",
            "Attention-based encoder-decoder models such as LAS listen to the audio and spell the transcript. We propose Quornspell, which attends to fewer frames, and cut the word error rate of LAS by 8%.")

#: (title, abstract, names to find, names that must not appear)
FOUND = [
    (*_CLAUSE, [], ["for which bounded robustness testing is either known"]),
    (*_CLAUSE2, ["LNR"], ["is simpler than applying multiple adversaries"]),
    (*_PSO, ["PSO"], ["particle swarm optimization"]),
    (*_LAS, [], ["Listen, Attend and Spell"]),
    (*_LAS_ASR, ["Listen, Attend and Spell"], []),
]

#: (class, title, abstract, name, proposed?)
PROPOSED = [
    ("others", *_CMP, "ConZorb", False),
    ("others", *_CMP, "AttQB", False),
    ("others", *_EX, "QL-subtree", False),
    ("others", *_BG, "TinyZL", False),
    ("own", *_CMP, "QuorTS", True),
    ("own", *_EX, "Lattiform", True),
    ("own", *_BG, "ZorbBench", True),
    ("own", *_OWN, "CS-VA", True),
    ("own", *_OWN, "GV-FFN", True),
    ("own", *_OWN, "PF-Quorn", True),
]


def main(argv: list[str]) -> int:
    """Print the checks of names found and of proposed marks."""
    run_found(FOUND, argv)
    return run_proposed(PROPOSED, argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
