"""``python -m symnn`` runs the ``symnn`` command."""

import sys

from .cli import main

sys.exit(main())
