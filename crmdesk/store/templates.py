"""The letter and e-mail templates kept in the client file (db/012; the
merge fields and the markup of the body: crmdesk/domain/templates.py).

    store = TemplateStore(database)
    store.all()                          # [{id, name, kind, subject, body, purpose, …}] by name
    store.by_name("Rappel de produit")   # accent- and case-blind
    store.by_purpose("recall")           # the shipped template of a use
    template_id = store.save(None, name=…, kind="letter", subject=…, body=…)   # checked, audited
    store.delete(template_id)

A template is checked before it is written: a name (unique, case-blind),
a kind, a body that compiles (`compile_template`: braces closed).
"""

from __future__ import annotations

from crmdesk.domain import templates as rules
from crmdesk.domain.errors import CrmError, ValidationError
from crmdesk.domain.text import fold
from crmdesk.i18n import N_, _
from crmdesk.store.database import Database, now_iso

_COLUMNS = "id, name, kind, subject, body, purpose, created_at, updated_at"


class TemplateStore:
    def __init__(self, database: Database):
        self.database = database

    def all(self, kind: str | None = None) -> list[dict]:
        rows = self.database.query(f"SELECT {_COLUMNS} FROM templates ORDER BY name COLLATE NOCASE, id")
        found = [dict(r) for r in rows]
        found.sort(key=lambda r: (fold(r["name"]), r["id"]))
        return [r for r in found if kind is None or r["kind"] == kind]

    def get(self, template_id: int) -> dict | None:
        row = self.database.conn.execute(f"SELECT {_COLUMNS} FROM templates WHERE id = ?", (template_id,)).fetchone()
        return dict(row) if row else None

    def by_name(self, name: str) -> dict | None:
        """The template called `name` (capitals and accents ignored), else None."""
        wanted = fold(name)
        return next((r for r in self.all() if fold(r["name"]) == wanted), None)

    def by_purpose(self, purpose: str) -> dict | None:
        row = self.database.conn.execute(
            f"SELECT {_COLUMNS} FROM templates WHERE purpose = ? ORDER BY id LIMIT 1", (purpose,)
        ).fetchone()
        return dict(row) if row else None

    def find(self, name: str) -> dict:
        """`by_name`, or CrmError listing the templates there are."""
        found = self.by_name(name)
        if found is None:
            names = ", ".join(_("« {name} »", name=r["name"]) for r in self.all()) or _("aucun")
            raise CrmError(N_("Modèle « {name} » introuvable. Modèles du fichier : {names}."), name=name, names=names)
        return found

    def check(self, template_id: int | None, *, name: str, kind: str, subject: str, body: str) -> dict:
        """The values to write, or ValidationError (French reasons by field: nom, type, objet, texte)."""
        problems: dict[str, str] = {}
        name = " ".join((name or "").split())
        if not name:
            problems[N_("nom")] = _("obligatoire")
        elif len(name) > rules.NAME_MAX:
            problems[N_("nom")] = _("{count} caractères au plus", count=rules.NAME_MAX)
        else:
            same = self.by_name(name)
            if same is not None and same["id"] != template_id:
                problems[N_("nom")] = _("un modèle porte déjà ce nom")
        if kind not in rules.KINDS:
            problems[N_("type")] = _("« {code} » inconnu ({expected})", code=kind, expected=", ".join(rules.KINDS))
        subject = " ".join((subject or "").split())
        try:
            rules.compile_template(subject, ())
        except rules.TemplateError as exc:
            problems[N_("objet")] = str(exc)
        try:
            if not rules.compile_template("", body or "").paragraphs:
                problems[N_("texte")] = _("obligatoire")
        except rules.TemplateError as exc:
            problems[N_("texte")] = str(exc)
        if problems:
            raise ValidationError(problems)
        return {"name": name, "kind": kind, "subject": subject, "body": body}

    def save(
        self,
        template_id: int | None,
        *,
        name: str,
        kind: str = "letter",
        subject: str = "",
        body: str,
        purpose: str | None = None,
    ) -> int:
        """Create (template_id None) or change a template; its id. Audited, one transaction."""
        values = self.check(template_id, name=name, kind=kind, subject=subject, body=body)
        now = now_iso()
        with self.database.atomic() as conn:
            if template_id is None:
                cursor = conn.execute(
                    "INSERT INTO templates(name, kind, subject, body, purpose, created_at, updated_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (values["name"], values["kind"], values["subject"], values["body"], purpose or "", now, now),
                )
                template_id = int(cursor.lastrowid)
                self.database.audit("template", template_id, "create", {"name": [None, values["name"]]})
                return template_id
            old = self.get(template_id)
            if old is None:
                raise CrmError(N_("Ce modèle n'existe plus."))
            changes = {k: [old[k], v] for k, v in values.items() if old[k] != v}
            if changes:
                conn.execute(
                    "UPDATE templates SET name = ?, kind = ?, subject = ?, body = ?, updated_at = ? WHERE id = ?",
                    (values["name"], values["kind"], values["subject"], values["body"], now, template_id),
                )
                self.database.audit(
                    "template",
                    template_id,
                    "update",
                    {k: v for k, v in changes.items() if k != "body"} or {"body": ["…", "…"]},
                )
        return template_id

    def delete(self, template_id: int) -> dict:
        """Delete a template (the batches made with it keep its name); returns it as it was."""
        old = self.get(template_id)
        if old is None:
            raise CrmError(N_("Ce modèle n'existe plus."))
        with self.database.atomic() as conn:
            conn.execute("DELETE FROM templates WHERE id = ?", (template_id,))
            self.database.audit("template", template_id, "delete", {"name": [old["name"], None]})
        return old

    def free_name(self, wanted: str) -> str:
        """`wanted`, or « wanted (2) », « (3) »… when taken (a copy of a template)."""
        name, n = wanted, 1
        while self.by_name(name) is not None:
            n += 1
            name = f"{wanted} ({n})"
        return name
