"""The digest of the shipped decision weights (written by ``python -m graphbuild.nlp.train``).

Part of the pipeline fingerprint: new weights change the extraction cache key.
"""

MODEL_DIGEST = "f117a6c1db8d973f"
