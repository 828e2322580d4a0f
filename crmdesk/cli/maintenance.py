"""crmdesk check | backup."""

from __future__ import annotations

import argparse
from pathlib import Path

from crmdesk.store import maintenance


def run_check(args: argparse.Namespace) -> int:
    report = maintenance.check(Path(args.db).expanduser())
    print(report.text())
    return 0 if report.ok else 1


def run_backup(args: argparse.Namespace) -> int:
    target = maintenance.backup(Path(args.db).expanduser(), args.to)
    print(target)
    return 0
