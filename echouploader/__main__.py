"""``python -m echouploader`` is the same as the ``echouploader`` command."""

import sys

from echouploader.cli import main

if __name__ == "__main__":
    sys.exit(main())
