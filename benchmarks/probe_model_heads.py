# ruff: noqa: E501  (the invented abstracts are kept one to a line)
"""A science name's type from the noun phrase it modifies: a probe of invented abstracts.

Simulation studies name the models and force fields they run by putting the name before a head noun
with a modifier or two between: "the Quorvex regional climate model", "the Zelbrin crop model", "the
Mardova tide model", "the Pelliton polarisable force field", "the TRAVEX-7 force field". The name is then
a model (ANNOTATION.md: a named model), whatever its shape; the head noun, not the word right after the
name, says so. Negatives: a name the phrase does not head ("Quillset-pretrained model" is no model of
Quillset's making, "we fine-tune the model on Quillset images"), and the plain words before a head that
are no names ("the Andean regional climate model" names a place's model, not an artifact called Andean).

Each case: its class, a title, an abstract, the names with the type they must get, and names that must
not be found. Prints per class how many names are found with the right type, and how many of the
forbidden names appear; ``-v`` lists the misses.

Run::

    python benchmarks/probe_model_heads.py [-v]
"""

from __future__ import annotations

import sys

from _probe import run_typed

CASES: list[tuple[str, str, str, dict[str, str], tuple[str, ...]]] = [
    ("modified-model", "Convective Rainfall over the Pyrenees at Kilometre Scale",
     "We run ten-year simulations at 2.5 km grid spacing with the QUORVEX-RC regional climate model, driven by a global reanalysis, and compare hourly rainfall with 140 gauges.",
     {"QUORVEX-RC": "Model"}, ()),
    ("modified-model", "Heat Stress and Maize Yields in the Sahel",
     "Yields are simulated with the ZELBRIN crop model under three downscaled scenarios; losses reach 22% by mid-century.",
     {"ZELBRIN": "Model"}, ()),
    ("modified-model", "Tidal Correction of Shorelines from Optical Imagery",
     "Waterlines are extracted from optical scenes and corrected for tidal stage with the MDV2019 tide model before trends are fitted.",
     {"MDV2019": "Model"}, ()),
    ("modified-model", "Distributional Effects of a Fuel Levy",
     "We link household budgets to the Kestrava tax-benefit model and estimate the net burden of the levy by income decile.",
     {"Kestrava": "Model"}, ()),
    ("modified-model", "Pilot Contamination in Dense Urban Cells",
     "Channels are drawn from the WAVORA-3D stochastic channel model for an urban macro-cell, and the estimator halves the error of least squares.",
     {"WAVORA-3D": "Model"}, ()),
    ("force-field", "Ion Pairing in Concentrated Polymer Electrolytes",
     "We simulate lithium salts in a polyether melt with the PELLITON polarisable force field and compare conductivities with experiment.",
     {"PELLITON": "Model"}, ()),
    ("force-field", "Hydration of a Folded Mini-Protein",
     "Simulations use the TRAVEX-7 force field in explicit water and total 6 microseconds; the helix is stable at 300 K.",
     {"TRAVEX-7": "Model"}, ()),
    ("force-field", "Adsorption of Light Alkanes in Porous Frameworks",
     "Uptake is computed by grand canonical sampling, using the GRIMLO force field for the framework atoms, and agrees with isotherms to within 8%.",
     {"GRIMLO": "Model"}, ()),
    ("not-the-head", "Crop Type Mapping from Pretrained Features",
     "We extract features with a Quillset-pretrained model and map crop types over four regions; a linear probe reaches 81% accuracy.",
     {}, ("Quillset",)),
    ("not-the-head", "Regional Downscaling for the Southern Andes",
     "We drive the Andean regional climate model with two reanalyses and compare snow cover with station records.",
     {}, ("Andean",)),
]


def main(argv: list[str]) -> int:
    return run_typed(CASES, argv)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
