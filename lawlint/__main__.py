"""``python -m lawlint``."""
import sys

from lawlint.cli import main

sys.exit(main())
