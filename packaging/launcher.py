"""Entry point of the frozen application (PyInstaller): the `crmdesk` command."""

import os
import sys

# The windowed executable (Windows, no console) has no standard streams:
# messages then go nowhere instead of failing.
for _name in ("stdout", "stderr"):
    if getattr(sys, _name) is None:
        setattr(sys, _name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 (open while the app runs)

from crmdesk.cli.main import main

raise SystemExit(main())
