"""crmdesk check on a server database: what the server itself cannot say is
wrong — the schema version, the extensions search needs, constraints not
validated, triggers switched off, indexes left invalid, the contact counters,
the append-only guard of the complaint history."""

from __future__ import annotations

from dataclasses import dataclass, field

from crmdesk.i18n import _
from crmdesk.store.server import migrate
from crmdesk.store.server.connection import ServerDatabase

EXTENSIONS = ("pg_trgm", "unaccent", "citext")


@dataclass
class ServerReport:
    url: str
    version: int
    found: list[str] = field(default_factory=list)  # problems, in French
    notes: list[str] = field(default_factory=list)  # facts worth saying (a read-only login)

    @property
    def ok(self) -> bool:
        return not self.found

    def text(self) -> str:
        head = _(
            "Base « {url} » : schéma {version} (cette version de crmdesk : {latest}).",
            url=self.url,
            version=self.version,
            latest=migrate.latest_version(),
        )
        lines = [head, *self.notes]
        if self.ok:
            lines.append(_("Aucun problème trouvé."))
        else:
            lines += [f"  - {problem}" for problem in self.found]
        return "\n".join(lines)


def check(url: str) -> ServerReport:
    database = ServerDatabase(url, writer=False)
    try:
        version = database.schema_version()
        report = ServerReport(database.url, version)
        if database.read_only:
            report.notes.append(database.read_only)
        if version < migrate.latest_version():
            report.found.append(
                _(
                    "le schéma est ancien ({version}) : ouvrez la base avec crmdesk (identifiant "
                    "qui peut écrire) pour la mettre à jour.",
                    version=version,
                )
            )
        present = {r[0] for r in database.query("SELECT extname FROM pg_extension")}
        for name in EXTENSIONS:
            if name not in present:
                report.found.append(
                    _(
                        "l'extension {name} manque (recherche sans accents) : installez le paquet "
                        "contrib de PostgreSQL.",
                        name=name,
                    )
                )
        for table, name in database.query(
            "SELECT c.conrelid::regclass::text, c.conname FROM pg_constraint AS c "
            "JOIN pg_namespace AS n ON n.oid = c.connamespace "
            "WHERE n.nspname = current_schema() AND NOT c.convalidated ORDER BY 1, 2"
        ):
            report.found.append(
                _("la contrainte {name} de la table {table} n'est pas vérifiée.", name=name, table=table)
            )
        for table, name in database.query(
            "SELECT t.tgrelid::regclass::text, t.tgname FROM pg_trigger AS t "
            "JOIN pg_class AS c ON c.oid = t.tgrelid JOIN pg_namespace AS n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND NOT t.tgisinternal AND t.tgenabled = 'D' ORDER BY 1, 2"
        ):
            report.found.append(_("le déclencheur {name} de la table {table} est désactivé.", name=name, table=table))
        for (name,) in database.query(
            "SELECT i.indexrelid::regclass::text FROM pg_index AS i JOIN pg_class AS c ON c.oid = i.indexrelid "
            "JOIN pg_namespace AS n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND NOT i.indisvalid ORDER BY 1"
        ):
            report.found.append(_("l'index {name} est invalide (à reconstruire : REINDEX).", name=name))
        guards = {
            r[0]
            for r in database.query(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = 'complaint_events'::regclass AND NOT tgisinternal"
            )
        }
        if not {"complaint_events_no_update", "complaint_events_no_delete"} <= guards:
            report.found.append(
                _("l'historique des réclamations n'est plus protégé contre les modifications (déclencheurs absents).")
            )
        counted = dict(
            database.query(
                "SELECT 'contacts_live', count(*) FILTER (WHERE deleted_at IS NULL) FROM contacts UNION ALL "
                "SELECT 'contacts_trash', count(*) FILTER (WHERE deleted_at IS NOT NULL) FROM contacts"
            )
        )
        for name, value in database.query("SELECT name, value FROM counters ORDER BY name"):
            if name in counted and counted[name] != value:
                report.found.append(
                    _(
                        "le compteur {name} dit {value}, la table contacts en a {count}.",
                        name=name,
                        value=value,
                        count=counted[name],
                    )
                )
        return report
    finally:
        database.close()
