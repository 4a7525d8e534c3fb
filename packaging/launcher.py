"""Entry script of the packaged app: the same as the ``echouploader`` command."""

import multiprocessing
import sys

from echouploader.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
