"""``python -m graphbuild``: the same as the ``graphbuild`` command."""

import sys

from .cli import main

sys.exit(main())
