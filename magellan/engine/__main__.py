"""``python -m magellan.engine``: see magellan.engine.cli."""

import sys

from magellan.engine.cli import main

if __name__ == "__main__":
    sys.exit(main())
