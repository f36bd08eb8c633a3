"""The driver script for ``spark-submit``: ``spark-submit [options] submit.py build INPUT... --out DIR``.

Runs ``graphbuild spark ARGS``; the session takes its master and resources
from spark-submit.
"""

from __future__ import annotations

import sys

if __name__ == "__main__":
    from graphbuild.cli import main

    sys.exit(main(["spark", *sys.argv[1:]]))
