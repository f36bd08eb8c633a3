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

DEMO_SHA256 = "d245872a48b4162a5bf536cd2eb70b9905284f4134985d80310f24148c7dcecf"
SHARED_50_SHA256 = "2c2ecce2b9488a8238964e16a48599cfd369323e05eb8d89abf2d506a194a94c"


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
