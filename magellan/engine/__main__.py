"""``python -m magellan.engine``: see magellan.engine.cli."""

import gc
import sys

from magellan.engine.cli import main

if __name__ == "__main__":
    status = main()
    # The process ends here: move every object out of the collector's reach, so that the
    # interpreter's shutdown does not trace numba's heap (about 0.2 s of CPU) only to free
    # memory the system takes back anyway. Exit handlers and file closing still run.
    gc.freeze()
    sys.exit(status)
