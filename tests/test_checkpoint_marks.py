"""A checkpoint's marks (a parameter count in billions, a tuning after two parts) type a name a model, whatever
its family's type (``decide.CHECKPOINT_MARKS``, ``decide._checkpoint_marked``, ``pipeline._variants_of_the_paper``).
"""

from __future__ import annotations

import pytest
from extracted import types_of as _types

from graphbuild.nlp import decide


@pytest.mark.parametrize("name", ["Zorbling-8B-SFT", "Quillet-0.6B-Instruct", "Quorra 7B", "Zorb-Q-Chat",
                                  "Zorb-4B-Chat-INT4", "Quorra-MT-GPTQ"])
def test_marks_a_checkpoint(name: str) -> None:
    assert decide.CHECKPOINT_MARKS.search(name)


@pytest.mark.parametrize("name", ["Self-Instruct", "Diffusion-DPO", "online iterative DPO", "Zorb-B", "ZorbNet-2",
                                  "Quill-Bx"])
def test_marks_no_checkpoint(name: str) -> None:
    assert not decide.CHECKPOINT_MARKS.search(name)


def test_checkpoints_of_a_pipeline_are_models() -> None:
    types = _types("Zorbling: Instruction Tuning with Checked Synthetic Pairs",
                   "We introduce Zorbling, a pipeline that writes instruction-response pairs with a teacher and keeps "
                   "only the pairs the teacher verifies. We fine-tune Llama-3-8B into Zorbling-8B-SFT and, after DPO "
                   "on the failures, Zorbling-8B-DPO. Zorbling-8B-DPO surpasses Llama-3-8B-Instruct on MT-Bench.")
    assert types["Zorbling-8B-SFT"] == "Model"
    assert types["Zorbling-8B-DPO"] == "Model"
    assert types["DPO"] == "Method"


def test_a_method_named_with_a_tuning_stays_a_method() -> None:
    types = _types("Quill-DPO: Preference Optimisation with Quilled Margins",
                   "We propose Quill-DPO, a preference optimisation method that adds a quilled margin to the DPO "
                   "objective. Quill-DPO improves Llama-3-8B-Instruct on AlpacaEval 2.0 by 4 points over DPO.")
    assert types["Quill-DPO"] == "Method"


def test_checkpoint_marked_keeps_other_types() -> None:
    assert decide._checkpoint_marked([], [], "Dataset") == "Dataset"


def test_an_appositive_modifier_may_hold_a_short_parenthesis() -> None:
    types = _types("Varnel: Equivariant Diffusion for Crystal Structure Generation",
                   "We introduce Varnel, an E(3)-equivariant diffusion model over lattice, coordinates and atom types "
                   "for generating stable crystals. Trained on MP-20, Varnel generates structures that relax to the "
                   "convex hull more often than CDVAE.")
    assert types["Varnel"] == "Model"


def test_british_agent_nouns() -> None:
    from graphbuild.nlp.entity_types import TRAINED_AGENT_NOUNS, kind_type
    assert kind_type("summariser") == "Model" and "summarisers" in TRAINED_AGENT_NOUNS
    assert "tokeniser" not in TRAINED_AGENT_NOUNS and "tokenizer" not in TRAINED_AGENT_NOUNS
