# ruff: noqa: E501  (the invented abstracts are kept one to a line)
"""A known name a title leads with that the abstract only studies: a probe of invented abstracts for the ``proposed``
mark. A title that opens with a name the gazetteer knows, not as all it says before a colon ("Proximal Policy
Optimization Under Delayed Rewards", "GPT-4 as a Grader of …"), is an evaluation, a replication or an extension of
that name when the abstract's authors study, train, compare, test, benchmark or probe it ("We study X", "We compare
X and Y", "We ask whether X can …", "We evaluate three open models, X, Y and Z, …"), or evaluate a checkpoint of it
the title names by its family (the title's "Qwen2", the abstract's "We evaluate Qwen2-7B-Instruct"): the paper does
not propose it, even where it releases data or introduces a technique beside it. The paper's own name, coined or given before the title's colon, stays proposed. The known names
are real; every other name and every abstract is invented.

Each case: a class, a title, an abstract, a name and whether the paper proposes it. Prints per class how many
marks are right; ``-v`` lists every case.

Run::

    python benchmarks/probe_known_titles_studied.py [-v]
"""

from __future__ import annotations

import sys

from _probe import run_proposed

CASES = [
    # a known name the title leads with and the abstract studies, trains, compares or asks about, beside data the
    # authors release or a technique they introduce
    ("studied", "Proximal Policy Optimization Under Delayed Fenland Rewards",
     "We study Proximal Policy Optimization (PPO) when rewards arrive late in three Fenland grid tasks. Delays beyond twenty steps halve the returns. We release the delayed tasks as Fenland-Delay.",
     "PPO", False),
    ("studied", "Soft Actor-Critic with Quorn Critics for Marsh Grasping",
     "We study Soft Actor-Critic (SAC) on sparse-reward grasping in marsh scenes. We propose Quorn Critics, which trains an ensemble of critics on disjoint replay shards.",
     "SAC", False),
    ("studied", "GPT-4 as an Annotator of Thornbill Song Types",
     "We ask whether GPT-4 can replace expert birders when labelling 12 thornbill song types. Its agreement with the majority label is as high as a single expert's. A classifier trained on its labels is 2 points lower. Costs are a tenth.",
     "GPT-4", False),
    ("studied", "Graph Attention Networks Versus GINs on Fenland Road Graphs",
     "We compare Graph Attention Networks (GATs), GINs and MLPs on road graphs of Fenland towns. Once leaking splits are removed, GATs are never worse. We release the filtered graphs as FenRoads-F.",
     "GAT", False),
    ("studied", "ResNet-50 Under Quillwort Label Noise",
     "We train ResNet-50 on quillwort leaf scans with symmetric label noise at rates from 20% to 60%. Deeper training memorises noisy labels later. We also introduce LeafMix, a mixing rule that helps at every rate.",
     "ResNet-50", False),
    ("studied", "Gemini 1.5 Pro, Llama 2 and Mistral-7B on Feltwing Bar Exams",
     "We evaluate three open models, Gemini 1.5 Pro, Llama 2 and Mistral-7B, on 300 questions from feltwing bar exams. Gemini 1.5 Pro answers 61% correctly, Llama 2 44%. We compare with results on MMLU.",
     "Gemini 1.5 Pro", False),
    # the paper's own names stay proposed, coined or given before the title's colon
    ("own", "Quillon: A Sparse Critic for Marsh Grasping",
     "We propose Quillon, a sparse critic for grasping in cluttered marsh scenes. We train Quillon on 40 tasks and compare it with Soft Actor-Critic, which it beats on 31.",
     "Quillon", True),
    ("own", "Tarrow-2: Scaling Sparse Critics",
     "We introduce Tarrow-2, a family of sparse critics. We train Tarrow-2-7B and Tarrow-2-13B on 200 manipulation tasks; both beat their predecessor.",
     "Tarrow-2", True),
    ("own", "Soft Actor-Critic: Entropy-Regularised Control for Marsh Robots",
     "We present Soft Actor-Critic, an off-policy algorithm that maximises both reward and entropy. It learns marsh-walking gaits from 40 minutes of experience.",
     "SAC", True),
    ("own", "Fenland-Delay: Delayed-Reward Grid Tasks",
     "We study Proximal Policy Optimization (PPO) when rewards arrive late. We release Fenland-Delay, a suite of delayed-reward grid tasks, and show that PPO halves its returns on them.",
     "Fenland-Delay", True),
]


if __name__ == "__main__":
    raise SystemExit(run_proposed(CASES, sys.argv[1:]))
