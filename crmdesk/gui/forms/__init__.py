"""Python modules compiled from ui/*.ui (see build.py)."""
