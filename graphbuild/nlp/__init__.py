"""The NLP pass: a spaCy pipeline of graphbuild's registered components.

>>> from graphbuild.nlp import make_pipeline, extract_text   # doctest: +SKIP
>>> [e.name for e in extract_text("We fine-tune BERT on GLUE.").entities]   # doctest: +SKIP
['BERT', 'GLUE']
"""

from .pipeline import COMPONENTS, extract_papers, extract_text, make_pipeline

__all__ = ["COMPONENTS", "make_pipeline", "extract_papers", "extract_text"]
