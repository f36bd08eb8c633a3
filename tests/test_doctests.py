"""The Examples sections of the public functions run as doctests."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "graphbuild.nlp.abbreviations",
    "graphbuild.nlp.patterns",
    "graphbuild.nlp.pipeline",
    "graphbuild.nlp.features",
    "graphbuild.nlp.train",
    "graphbuild.stages",
    "graphbuild.nlp.gazetteer",
    "graphbuild.nlp.textclean",
    "graphbuild.records",
    "graphbuild.curation",
    "graphbuild.review",
    "graphbuild.ingest.fields",
    "graphbuild.ingest.bibtex_fast",
    "graphbuild.cypher_guard",
    "graphbuild.arguments",
    "graphbuild.errors",
    "graphbuild.export",
    "graphbuild.fsutil",
    "graphbuild.generations",
    "graphbuild.bibtex_out",
    "graphbuild.cli._common",
    "graphbuild.ingest.merge",
    "graphbuild.stores.neo4j",
    "graphbuild.stores.base",
    "graphbuild.http",
]


@pytest.mark.parametrize("name", MODULES)
def test_doctests_examples_run(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    assert result.attempted > 0
