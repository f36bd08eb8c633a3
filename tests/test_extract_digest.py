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

#: since nlpq2 (issue 10): proposal-phrase, joined-name and name-with-year candidates, new features,
#: lower-case entities read from the abstract, weights retrained on the 520 annotated abstracts
DEMO_SHA256 = "e1f2ebf256a9827981bcb747c2ab4505eed0f5ce6a633f11e59493e40a1292b0"
SHARED_50_SHA256 = "13489d903bf181c5f9bd53868b384cb1bfc21e3cdcf393582f2c3c418cfbd640"


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
