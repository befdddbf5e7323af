"""``python -m lawlint``."""
import sys

from lawlint.command import main

sys.exit(main())
