# ruff: noqa: E501  (the invented abstracts are kept one to a line)
"""What a sentence that opens with a comparison compares: a probe of invented abstracts for the role of the names
around it. (1) The name after the comma that closes an opening comparison ("Compared with Tolvex and a classical
potential, QuarNet reduces …", "In comparison with …, ", "Relative to …, "), a verb after it, is the main
clause's subject: what is compared, the paper's own more often than not, not what it is compared with.
(2) The names inside the comparison, and a name that goes on with its list ("Compared with Tolvex, Quib and Fram,
…"), are compared with. All names are invented. The open solver a study runs ("VexMIP") shows the cost: no
longer only compared with, the unclaimed name is left to the learned decision, which marks it proposed.

Each case: a title, an abstract, a name and the role it should get. Prints how many cases are right per class;
``-v`` lists every case.

Run::

    python benchmarks/probe_compared_subjects.py [-v]
"""

from __future__ import annotations

import sys

from _probe import run_roles

# (class, title, abstract, name, role)
CASES = [
    # class 1: the subject after an opening comparison: not compared with
    ("subject", "Learned interatomic potentials for fern chemistry",
     "Ion transport is expensive to simulate. Methods: We train QuarNet, an equivariant potential derived from Dalvix, on 3,000 snapshots computed with Pemma. Compared with Tolvex and a classical pair potential, QuarNet reduces force error by 38%.", "QuarNet", "proposes"),
    ("subject", "Bellwick: Bit-Level Composable Accelerators",
     "Quantised networks need flexible hardware. We present Bellwick, an accelerator that fuses bit-level units at run time. Compared to Stravin, Bellwick provides 2.6x speedup and 3.9x energy savings.", "Bellwick", "proposes"),
    ("subject", "Early exits for streaming speech recognition",
     "Streaming recognisers waste compute on easy frames. We present MirelNet, a streaming recogniser with an exit after every block, all trained jointly. In comparison with Korrin and Dapple, MirelNet maintains accuracy while halving latency.", "MirelNet", "proposes"),
    ("subject", "Panel weights for household surveys",
     "Household panels lose respondents every wave. We calibrate weights to administrative totals and call the result Pallow. Relative to raking and to the default Grenn weights, Pallow reduces the variance of income estimates by a fifth.", "Pallow", "proposes"),
    ("subject", "Hobrek: Noise-Robust Anomaly Detection",
     "Industrial images are often mislabelled. We propose Hobrek, a patch-level denoiser for anomaly detection. Compared with existing methods, Hobrek maintains a strong detection ability under heavy label noise.", "Hobrek", "proposes"),
    ("subject", "How well do open solvers handle crew rostering?",
     "Crew rostering instances are large and tightly constrained. We run the open-source solver VexMIP on 40 instances from two airlines. Compared with Brandle and ToskOpt, VexMIP solves 12 more instances within an hour.", "VexMIP", "uses"),
    # class 2: what the comparison names, and a name going on with its list: compared with
    ("compared", "Learned interatomic potentials for fern chemistry",
     "Ion transport is expensive to simulate. Methods: We train QuarNet, an equivariant potential, on 3,000 snapshots. Compared with Tolvex and a classical pair potential, QuarNet reduces force error by 38%.", "Tolvex", "compares_with"),
    ("compared", "Crispen: Sharper Image Translation",
     "Unpaired translation blurs details. We present Crispen, a translator with a frequency loss. Compared with Cyclenet, Unitra and Pixby, Crispen keeps edges sharp on three benchmarks.", "Unitra", "compares_with"),
    ("compared", "Crispen: Sharper Image Translation",
     "Unpaired translation blurs details. We present Crispen, a translator with a frequency loss. Compared with Cyclenet, Unitra, and Pixby, our translator keeps edges sharp.", "Pixby", "compares_with"),
    ("compared", "Tarrow: Faster Join Processing",
     "Joins dominate analytic queries. We present Tarrow, a join operator with adaptive partitioning. Tarrow is faster than Skewmend, Blenn is slower still.", "Skewmend", "compares_with"),
]


def main(argv: list[str]) -> int:
    return run_roles(CASES, argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
