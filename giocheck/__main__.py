"""`python -m giocheck` runs the command line."""

from giocheck.cli import main

raise SystemExit(main())
