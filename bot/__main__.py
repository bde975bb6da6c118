"""`python -m bot` is `nhacviec`."""

import sys

from bot.cli import main

sys.exit(main())
