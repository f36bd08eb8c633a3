"""The extraction, pinned bit for bit: speed work on the NLP pass must not change what it finds.

The digest covers every candidate with all its fields, the feature rows the
decision scores, the probabilities, ``doc.ents`` and ``doc.spans`` with their
extensions and the extraction records (see ``tests/extraction_dump.py``), for
the demo corpus and the first 50 papers of ``../shared/eval/related``. A change
in what the pipeline extracts (new features, retrained weights) changes these
digests: re-record them in the commit that makes the change, saying why.
"""

from __future__ import annotations

import pytest
from extraction_dump import extraction_digest

from graphbuild import stages
from graphbuild.nlp.pipeline import make_pipeline
from graphbuild.resources import data_path

DEMO_SHA256 = "a81c6597f7deb7fc2a8cc120ed2e0aace41ffebbcd9ef0f1d5f56279aa85db87"
SHARED_50_SHA256 = "8531c1a62e542253c2555d90b7c5f18a2f1d6115621b677ab54a3b6e77f3b3a0"


@pytest.fixture(scope="module")
def pipelines():
    return make_pipeline(), make_pipeline(proposers_only=True)


def test_extract_digest_demo_corpus(pipelines):
    papers = stages.read([str(data_path("demo"))]).papers
    assert extraction_digest(papers, *pipelines) == DEMO_SHA256


@pytest.mark.shared
def test_extract_digest_shared_papers(pipelines, shared_dir):
    papers = stages.read([str(shared_dir / "eval" / "related" / "papers_dev.jsonl")]).papers[:50]
    assert len(papers) == 50
    assert extraction_digest(papers, *pipelines) == SHARED_50_SHA256
