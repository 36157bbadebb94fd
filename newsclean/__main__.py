"""``python -m newsclean``: the command line."""

from .cli.main import main

raise SystemExit(main())
