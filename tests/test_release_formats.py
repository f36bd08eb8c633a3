"""File formats, licences, well-known tools, robots and languages are generic words: what a release is stored
in, put under or built with, no artifact of research (lexicon.is_generic, generic.txt)."""

from __future__ import annotations

import pytest

from graphbuild.nlp.lexicon import LANGUAGES, is_generic
from graphbuild.nlp.pipeline import extract_text


@pytest.mark.parametrize("name", ["FLAC", "GeoTIFF", "TIFF", "PNG", "CSV", "FASTA", "BED", "Parquet", "HDF5",
                                  "COCO JSON", "safetensors"])
def test_file_formats_are_generic(name):
    assert is_generic(name)


@pytest.mark.parametrize("name", ["CC BY 4.0", "CC BY-NC 4.0", "BY-NC", "BY-SA 4.0", "CC BY-NC-SA 4.0", "CC-BY",
                                  "CC0", "Apache 2.0", "Apache-2.0", "GPLv3", "GPL-3.0", "LGPL-2.1",
                                  "BSD-3-Clause", "OpenRAIL-M"])
def test_licences_by_short_name_and_version_are_generic(name):
    assert is_generic(name)


@pytest.mark.parametrize("name", ["BY", "BYOL", "ByT5", "Apache", "GPT-4", "CCNet", "BYOL-A", "Tiffin", "Pngu",
                                  "Bedrock-7B"])
def test_names_that_share_a_licence_or_format_letters_are_not_generic(name):
    assert not is_generic(name)


@pytest.mark.parametrize("name", ["ESPnet", "KenLM", "Hugging Face Transformers", "CleanRL", "T5X", "SymPy",
                                  "spaCy", "FAISS", "PyTorch Geometric", "CVXPY", "MTurk", "Prolific", "UR5e",
                                  "Franka Emika Panda", "BlueROV2"])
def test_well_known_tools_platforms_and_robots_are_generic(name):
    assert is_generic(name)


def test_every_listed_language_is_generic():
    assert [lang for lang in LANGUAGES if not is_generic(lang)] == []


def test_a_release_in_formats_under_a_licence_names_no_entity():
    abstract = ("We present Warbleset, a corpus of 40,000 dawn chorus clips from 120 sites. Recordings are released "
                "as FLAC files under CC BY-NC 4.0, with labels as CSV tables; baselines are built in ESPnet.")
    names = {e.name for e in extract_text(abstract, title="Warbleset: A Corpus of Dawn Chorus Recordings").entities}
    assert "Warbleset" in names
    assert not names & {"FLAC", "BY-NC 4.0", "CC BY-NC 4.0", "BY-NC", "CSV", "ESPnet"}
