"""Per-file settings (business rules): JSON values under dotted keys.

A value given from outside (`crmdesk config set`) is checked here before
its key's own rules (crmdesk/cli/config.py): `parse_value` reads it (JSON,
or else plain text; a value nested thousands of levels deep is refused in
French, not with a RecursionError), `refuse_unknown` refuses a key nothing
reads (« complaints.deadline_day » for « complaints.deadline_days », with
that suggestion), `check_value` refuses invisible control characters, text
longer than the key allows (TEXT_LIMITS, MAX_TEXT otherwise) and values
nested deeper than MAX_DEPTH.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Collection
from typing import Any

from crmdesk.domain import business as firm
from crmdesk.domain.errors import CrmError
from crmdesk.domain.text import control_character
from crmdesk.i18n import _
from crmdesk.store.database import Database

MAX_TEXT = 200  # characters of a text setting (a firm's name, its website…)
TEXT_LIMITS = {"business.address": 500, "business.logo": 4096}  # an address of several lines, a path
MAX_DEPTH = 4  # nesting of a value given from outside (the settings crmdesk reads are flat)
MAX_ITEMS = 1000  # values in a list or object


def parse_value(text: str) -> Any:
    """A value typed on the command line: JSON (5, "texte", [1, 2]) or, failing that, the text itself."""
    try:
        return json.loads(text)
    except RecursionError:
        raise CrmError(
            _("Valeur refusée : elle est imbriquée sur des milliers de niveaux ({most} au plus).", most=MAX_DEPTH)
        ) from None
    except ValueError:
        return text


def refuse_unknown(key: str, known: Collection[str]) -> None:
    """CrmError (French) when nothing reads `key`: a setting under a mistyped name would do nothing."""
    if key in known:
        return
    close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.75)
    hint = _(" Vouliez-vous dire « {key} » ?", key=close[0]) if close else ""
    raise CrmError(
        _(
            "Réglage inconnu « {key} » : crmdesk ne le lirait jamais, il n'a pas été enregistré.{hint} "
            "Réglages : crmdesk config set --help.",
            key=key,
            hint=hint,
        )
    )


def check_value(key: str, value: Any) -> None:
    """CrmError (French) for a value given from outside that no setting may hold: nested too deep,
    too many items, a text too long or holding an invisible control character."""
    limit = TEXT_LIMITS.get(key, MAX_TEXT)
    waiting = [(value, 0)]  # no recursion: the depth is what is being checked
    items = 0
    while waiting:
        item, depth = waiting.pop()
        if depth > MAX_DEPTH:
            raise CrmError(_("{key} : valeur imbriquée sur plus de {most} niveaux.", key=key, most=MAX_DEPTH))
        if isinstance(item, dict):
            items += len(item)
            waiting.extend((k, depth + 1) for k in item)
            waiting.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            items += len(item)
            waiting.extend((v, depth + 1) for v in item)
        elif isinstance(item, str):
            if problem := control_character(item):
                raise CrmError(_("{key} : {problem}.", key=key, problem=problem))
            if len(item) > limit:
                raise CrmError(
                    _(
                        "{key} : texte trop long ({length} caractères, {most} au plus).",
                        key=key,
                        length=len(item),
                        most=limit,
                    )
                )
        if items > MAX_ITEMS:
            raise CrmError(_("{key} : plus de {most} valeurs.", key=key, most=MAX_ITEMS))


class SettingsStore:
    def __init__(self, database: Database):
        self.database = database

    def get(self, key: str, default: Any = None) -> Any:
        raw = self.database.scalar("SELECT value FROM settings WHERE key = ?", (key,))
        return default if raw is None else json.loads(raw)

    def set(self, key: str, value: Any) -> None:
        old = self.get(key)
        with self.database.atomic() as conn:
            conn.execute(
                "INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, json.dumps(value, ensure_ascii=False)),
            )
            self.database.audit("setting", None, "set", {key: [old, value]})

    def all(self) -> dict[str, Any]:
        return {r["key"]: json.loads(r["value"]) for r in self.database.query("SELECT key, value FROM settings")}

    # -- the firm's identity (letterhead) --------------------------------------------
    def business(self) -> dict:
        """Name, address, SIRET… of the firm (domain/business.py), {} when not entered."""
        dotted = {
            r["key"]: json.loads(r["value"])
            for r in self.database.query("SELECT key, value FROM settings WHERE key LIKE 'business.%'")
        }
        return firm.merged(self.get("business", {}), dotted)

    def set_business(self, values: dict) -> dict:
        """Check and store the whole identity in one transaction; a dotted key
        that would hide a field is removed. Returns what was stored."""
        identity = firm.validate(values)
        old = self.business()
        with self.database.atomic() as conn:
            conn.execute(
                "INSERT INTO settings(key, value) VALUES ('business', ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (json.dumps(identity, ensure_ascii=False),),
            )
            conn.executemany("DELETE FROM settings WHERE key = ?", [(f"business.{field}",) for field in identity])
            changes = {k: [old.get(k), v] for k, v in identity.items() if old.get(k) != v and k != "logo_data"}
            if "logo_data" in identity and old.get("logo_data") != identity["logo_data"]:
                changes["logo_data"] = ["…", "…"]  # an image is not copied into the audit
            self.database.audit("setting", None, "set", {"business": changes})
        return identity
