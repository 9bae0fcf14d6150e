"""`python -m reader` does what the `reader` command does."""

from reader.cli import main

raise SystemExit(main())
