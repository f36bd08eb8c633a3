"""The digest of the shipped decision weights (written by ``python -m graphbuild.nlp.train``).

Part of the pipeline fingerprint: new weights change the extraction cache key.
"""

MODEL_DIGEST = "49764dae41e9bddd"
