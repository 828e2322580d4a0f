"""A batch of e-mails: who, written or sent one by one, recorded as it goes,
resumable (issue 18; messages and ways out: crmdesk/io/mail.py).

    plan = plan_selection(database, selection, "email")          # consent, opposition, suppression list…
    batch_id = open_batch(database, "email", plan.ids, template=…, subject=…, selection=…)
    with SmtpTransport(settings, password) as smtp:               # or EmlFolder(folder)
        report = send_batch(database, batch_id, smtp, content=template_content(template), sender=sender,
                            today=…, interval=settings.interval())

`send_batch` goes through the batch's pending recipients (crmdesk/store/
outreach.py): each one is checked again (consent withdrawn, opposition or
the suppression list since the batch was opened: refused, with why), its
message built and handed over; once the server took it (or the .eml is
written) its exchange goes on the client's history at once, so that an
interruption — a dropped connection, a cancel, Ctrl+C, a quit — leaves
exactly the others pending and a resume (`send_batch` again) sends them
once. The one instant left is between the server's « 250 » and that
record: a power cut there would send that one message again.

A recipient the server refuses for good (5xx) is « refused » with the
server's answer; one it asks to try later (4xx) stays pending with it; a
lost connection or a refused account stops the batch (`MailReport.stopped`).
Messages are spaced by `interval` seconds (the account's « per minute »),
waited through `wait` (the window's worker waits in a way a cancel
interrupts).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from crmdesk.domain import outreach as rules
from crmdesk.domain.emailing import Sender
from crmdesk.domain.templates import MissingReport, Rendered, compile_template, render
from crmdesk.i18n import _, ngettext
from crmdesk.io.mail import (
    Deferred,
    EmlFolder,
    MailError,
    Refused,
    build_message,
    recipient_name,
)
from crmdesk.store import mail_batches
from crmdesk.store.database import Database
from crmdesk.store.outreach import (
    Recipient,
    Selection,
    complete,
    pending,
    plan_selection,
    recipients,
    refuse,
)

Content = Callable[[Recipient], object]  # a recipient -> what build_message writes (Rendered…)


@dataclass
class MailReport:
    batch_id: int
    total: int = 0  # pending when the run started
    sent: int = 0
    refused: dict[int, str] = field(default_factory=dict)
    deferred: dict[int, str] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)
    missing: MissingReport = field(default_factory=MissingReport)
    stopped: str | None = None  # why the run stopped before the end
    remaining: int = 0  # still to send after the run

    def summary(self, *, eml: bool = False) -> str:
        """« 12 e-mails envoyés ; 1 refusé par le serveur ; 3 restent à envoyer. »"""
        parts = [
            ngettext("{number} e-mail écrit", "{number} e-mails écrits", self.sent, number=self.sent)
            if eml
            else ngettext("{number} e-mail envoyé", "{number} e-mails envoyés", self.sent, number=self.sent)
        ]
        if self.refused:
            parts.append(
                ngettext(
                    "{number} refusé (voir le compte rendu)",
                    "{number} refusés (voir le compte rendu)",
                    len(self.refused),
                    number=len(self.refused),
                )
            )
        if self.remaining:
            parts.append(
                ngettext(
                    "{number} reste à envoyer", "{number} restent à envoyer", self.remaining, number=self.remaining
                )
            )
        text = " ; ".join(parts) + "."
        if self.stopped:
            text = _("{why} — {done}", why=self.stopped, done=text)
        return text


def template_content(template: Mapping) -> Content:
    """Each recipient's message from a template (TemplateError now when it cannot be read)."""
    compiled = compile_template(template["subject"], template["body"])
    return lambda recipient: render(compiled, recipient.fields)


def fixed_content(content) -> Content:
    return lambda _recipient: content


def send_batch(
    database: Database,
    batch_id: int,
    transport,
    *,
    content: Content,
    sender: Sender,
    today: dt.date,
    rows: Mapping[int, Mapping[str, str]] | None = None,
    purpose: str = rules.MARKETING,
    recall_id: int | None = None,
    interval: float = 0.0,
    wait: Callable[[float], None] = time.sleep,
    clock: Callable[[], dt.datetime] = dt.datetime.now,
    progress: Callable[[int, int], None] | None = None,
    commit_every: int = 1,
) -> MailReport:
    """Write or send the batch's pending messages (see the module's text)."""
    eml = isinstance(transport, EmlFolder)
    ids = pending(database, batch_id)
    report = MailReport(batch_id, total=len(ids))
    plan = plan_selection(database, Selection(ids=tuple(ids), purpose=purpose), "email", keep_reasons=True)
    for contact_id, reason in plan.reasons.items():  # no more consent, opposed, suppressed… since
        detail = _("écarté : {reason}", reason=rules.reason_text("email", reason))
        refuse(database, batch_id, contact_id, detail)
        report.refused[contact_id] = detail
    unsubscribe = purpose != rules.SAFETY
    done: list[int] = []
    subjects: dict[int, str] = {}

    def record() -> None:
        if done:
            complete(database, batch_id, done, at=clock(), recall_id=recall_id, subjects=dict(subjects))
            done.clear()
            subjects.clear()

    position = len(plan.reasons)
    last_send: float | None = None
    try:
        for recipient in recipients(database, plan.ids, today=today, rows=rows):
            contact_id = recipient.contact["id"]
            filled = content(recipient)
            if isinstance(filled, Rendered):
                report.missing.add(filled)
            try:
                message = build_message(
                    filled,
                    sender=sender,
                    to_address=recipient.contact["email"],
                    to_name=recipient_name(recipient.contact),
                    unsubscribe=unsubscribe,
                    now=clock(),
                    draft=eml,
                )
                if eml:
                    report.files.append(
                        transport.send(message, name=recipient.contact.get("code") or f"client-{contact_id}")
                    )
                else:
                    if last_send is not None and interval > 0:
                        wait(max(0.0, interval - (time.monotonic() - last_send)))
                    last_send = time.monotonic()
                    transport.send(message)
            except Refused as exc:
                record()
                refuse(database, batch_id, contact_id, str(exc))
                report.refused[contact_id] = str(exc)
            except Deferred as exc:
                record()
                mail_batches.note_deferred(database, batch_id, contact_id, str(exc))
                report.deferred[contact_id] = str(exc)
            else:
                report.sent += 1
                done.append(contact_id)
                subjects[contact_id] = filled.subject
                if len(done) >= commit_every:
                    record()
            position += 1
            if progress is not None:
                progress(position, report.total)
    except MailError as exc:
        report.stopped = str(exc)
    finally:
        record()  # what went out is on the history, even when the run stops (Ctrl+C, a cancel)
        report.remaining = mail_batches.state_counts(database, batch_id)["pending"]
    return report
