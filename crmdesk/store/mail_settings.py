"""The SMTP account of a client file (« mail.* » settings; rules in
crmdesk/domain/emailing.py). The password is never here: it is in the
system keyring (crmdesk/io/mail.py).

    settings = load(database)                 # SmtpSettings (defaults where not set)
    save(database, {"mail.smtp_host": "smtp.exemple.fr", …})   # checked, one transaction, audited
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from crmdesk.domain.emailing import SETTINGS, SmtpSettings, check_settings
from crmdesk.store.database import Database


def load(database: Database) -> SmtpSettings:
    values = {
        row["key"]: json.loads(row["value"])
        for row in database.query("SELECT key, value FROM settings WHERE key LIKE 'mail.%'")
        if row["key"] in SETTINGS
    }
    return SmtpSettings.from_values(values)


def save(database: Database, values: Mapping[str, object]) -> SmtpSettings:
    """Check and store the settings given (the others kept); returns them all."""
    current = load(database).values()
    checked = check_settings({**current, **values})
    changed = {key: value for key, value in checked.items() if current.get(key) != value}
    if changed:
        with database.atomic() as conn:
            conn.executemany(
                "INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [(key, json.dumps(value, ensure_ascii=False)) for key, value in changed.items()],
            )
            database.audit("setting", None, "set", {key: [current.get(key), value] for key, value in changed.items()})
    return SmtpSettings.from_values(checked)
