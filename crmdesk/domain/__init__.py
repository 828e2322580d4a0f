"""Pure business rules: no Qt, no SQL (tests/test_architecture.py checks it)."""
