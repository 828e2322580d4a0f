"""Per-file settings (business rules): JSON values under dotted keys."""

from __future__ import annotations

import json
from typing import Any

from crmdesk.domain import business as firm
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

    # -- the firm's identity (letterhead) --------------------------------------------
    def business(self) -> dict:
        """Name, address, SIRET… of the firm (domain/business.py), {} when not entered."""
        dotted = {r["key"]: json.loads(r["value"]) for r in self.database.query(
            "SELECT key, value FROM settings WHERE key LIKE 'business.%'")}
        return firm.merged(self.get("business", {}), dotted)

    def set_business(self, values: dict) -> dict:
        """Check and store the whole identity in one transaction; a dotted key
        that would hide a field is removed. Returns what was stored."""
        identity = firm.validate(values)
        old = self.business()
        with self.database.atomic() as conn:
            conn.execute("INSERT INTO settings(key, value) VALUES ('business', ?) "
                         "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                         (json.dumps(identity, ensure_ascii=False),))
            conn.executemany("DELETE FROM settings WHERE key = ?",
                             [(f"business.{field}",) for field in identity])
            changes = {k: [old.get(k), v] for k, v in identity.items() if old.get(k) != v and k != "logo_data"}
            if "logo_data" in identity and old.get("logo_data") != identity["logo_data"]:
                changes["logo_data"] = ["…", "…"]          # an image is not copied into the audit
            self.database.audit("setting", None, "set", {"business": changes})
        return identity
