"""``python -m rolekit``: the same as the ``rolekit`` command."""

import sys

from .cli import main

sys.exit(main())
