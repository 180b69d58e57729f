"""The standalone program's entry: the `ldn-desk` command line, which opens the app with no arguments."""

import sys

from ldn_desk.cli import main

if __name__ == "__main__":
    if sys.argv[1:2] == ["--check-bundle"]:
        from bundle_check import main as check_bundle  # packaging/bundle_check.py, frozen beside this

        sys.exit(check_bundle(sys.argv[2:]))
    sys.exit(main())
