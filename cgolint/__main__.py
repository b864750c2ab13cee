import sys

try:
    from cgolint.cli import main
except ImportError as exc:  # run from a checkout without its dependencies installed
    sys.stderr.write(f"cgolint: error: missing dependency ({exc}); install cgolint with pip, "
                     "e.g. pip install -e . in a checkout\n")
    sys.exit(2)

sys.exit(main())
