"""SQLite storage: the only layer that speaks SQL (no Qt here)."""
