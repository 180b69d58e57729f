"""python -m ldn_desk runs the command line."""

import sys

from ldn_desk.cli import main

sys.exit(main())
