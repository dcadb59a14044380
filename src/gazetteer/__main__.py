"""``python -m gazetteer``: the ``gazetteer`` command (see :mod:`gazetteer.cli`)."""

import sys

from gazetteer.cli import main

if __name__ == "__main__":  # not when a tool imports every module
    sys.exit(main())
