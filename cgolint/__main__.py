import sys

from cgolint.cli import main

sys.exit(main())
