"""Per-file settings (business rules): JSON values under dotted keys."""

from __future__ import annotations

import json
from typing import Any

from crmdesk.store.database import Database


class SettingsStore:
    def __init__(self, database: Database):
        self.database = database

    def get(self, key: str, default: Any = None) -> Any:
        raw = self.database.scalar("SELECT value FROM settings WHERE key = ?", (key,))
        return default if raw is None else json.loads(raw)

    def set(self, key: str, value: Any) -> None:
        old = self.get(key)
        with self.database.atomic() as conn:
            conn.execute("INSERT INTO settings(key, value) VALUES (?, ?) "
                         "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                         (key, json.dumps(value, ensure_ascii=False)))
            self.database.audit("setting", None, "set", {key: [old, value]})

    def all(self) -> dict[str, Any]:
        return {r["key"]: json.loads(r["value"]) for r in self.database.query("SELECT key, value FROM settings")}
