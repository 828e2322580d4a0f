"""What the answers to a complaint say, apart from their layout: the
mediator's sentence, the satisfaction survey invitation and its reply.

The texts are French: they are written to the business's French clients,
whatever the language of the interface. Pure functions, no printing: the
PDF letters (crmdesk/reports) lay them out, and an e-mail can reuse them
word for word (`SurveyInvitation.plain_text()`).

The survey invitation's reply (`reply_link`) — what its QR code opens:

* the business's online survey (setting « business.survey_url »), when it
  has one: the client answers once, on a form, and the form's export comes
  back with `crmdesk import surveys` (column « réclamation »). « {reference} »
  in the address is replaced by the complaint's reference, so that a form
  that reads it from the address files the answer under the complaint;
* otherwise an e-mail to the business (`mailto:`), subject and body ready:
  nothing to set up, every phone opens it, and the reference in the subject
  tells the assistant which complaint the answer belongs to when she types
  it in the client's Satisfaction tab;
* neither (no e-mail, no survey address): no QR code; the reply slip goes
  back by post.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import quote

from crmdesk.domain.business import Mediator, is_consumer, mediator, mediator_problem

_SALUTATIONS = {
    "mme": "Madame",
    "madame": "Madame",
    "mlle": "Madame",
    "mademoiselle": "Madame",
    "m.": "Monsieur",
    "m": "Monsieur",
    "monsieur": "Monsieur",
    "mr": "Monsieur",
    "mr.": "Monsieur",
}


def _text(value: object) -> str:
    return " ".join(str(value or "").split())


def salutation(client: Mapping) -> str:
    """« Madame », « Monsieur » or « Madame, Monsieur »."""
    return _SALUTATIONS.get(_text(client.get("civility")).casefold(), "Madame, Monsieur")


def reference_of(complaint: Mapping) -> str:
    return _text(complaint.get("reference") or complaint.get("ref"))


# -- the consumer mediator -------------------------------------------------------------------


def letter_mediator(business: Mapping, client: Mapping) -> tuple[Mediator | None, str | None]:
    """(the mediator to name in an answer to this client, the warning when
    the law wants one and it is missing or incomplete). A business client
    gets neither: consumer mediation is for consumers."""
    if not is_consumer(client):
        return None, None
    return mediator(business), mediator_problem(business)


def mediator_sentence(found: Mediator, *, closing: bool) -> str:
    """The sentence of an acknowledgement (closing False) or of the answer at
    closure (True) that names the mediator (L612-1, L616-1; L612-2: the
    mediator takes the case after a written complaint, within a year)."""
    details = found.one_line()
    if closing:
        return (
            "Si cette réponse ne vous satisfait pas, vous pouvez recourir gratuitement au médiateur de la "
            f"consommation dont nous relevons\u00a0: {details}. Il peut être saisi dans un délai d’un an à "
            "compter de la réclamation écrite que vous nous avez adressée."
        )
    return (
        "Si un désaccord subsistait après notre réponse, vous pourriez recourir gratuitement au médiateur "
        f"de la consommation dont nous relevons\u00a0: {details}."
    )


# -- the satisfaction survey invitation --------------------------------------------------------


@dataclass(frozen=True)
class Question:
    code: str  # csat, nps (the indicators of the Satisfaction tab) or comment
    text: str
    low: int | None = None  # the scale, None for a free comment
    high: int | None = None
    low_label: str = ""
    high_label: str = ""


@dataclass(frozen=True)
class Reply:
    kind: str  # "url" (the business's survey) or "mailto"
    payload: str  # what the QR code encodes
    shown: str  # where to answer, as printed (the survey's address, or the e-mail)
    instruction: str  # the sentence under the QR code


@dataclass(frozen=True)
class SurveyInvitation:
    reference: str
    subject: str
    greeting: str
    paragraphs: tuple[str, ...]  # the letter's text (the last one speaks of the reply slip)
    questions: tuple[Question, ...]
    reply: Reply | None
    closing: str
    signature: str

    def plain_text(self) -> str:
        """The invitation as the text of an e-mail: the letter's first
        paragraph, the questions listed, how to answer (online, or by
        answering the e-mail with the reference kept in its subject)."""
        lines = [f"{self.greeting},", "", self.paragraphs[0], "", "Trois questions suffisent\u00a0:"]
        for number, question in enumerate(self.questions, start=1):
            scale = (
                f" ({question.low} = {question.low_label}, {question.high} = {question.high_label})"
                if question.low is not None
                else ""
            )
            lines.append(f"{number}. {question.text}{scale}")
        lines.append("")
        if self.reply is not None and self.reply.kind == "url":
            lines.append(f"Répondez en ligne\u00a0: {self.reply.shown}")
        else:
            about = f" (référence {self.reference})" if self.reference else ""
            lines.append(f"Il vous suffit de répondre à ce courriel{about}.")
        lines += ["", self.closing, "", self.signature]
        return "\n".join(lines) + "\n"


def questions(business: Mapping) -> tuple[Question, ...]:
    name = _text(business.get("name")) or "notre entreprise"
    return (
        Question(
            "csat",
            "Êtes-vous satisfait(e) de la façon dont votre réclamation a été traitée\u00a0?",
            1,
            5,
            "pas du tout satisfait(e)",
            "très satisfait(e)",
        ),
        Question("nps", f"Recommanderiez-vous {name} à un proche\u00a0?", 0, 10, "pas du tout", "certainement"),
        Question("comment", "Un commentaire, une suggestion\u00a0?"),
    )


def survey_subject(reference: str) -> str:
    return f"Enquête de satisfaction {reference}".strip()


def mailto(address: str, subject: str, body: str) -> str:
    """A mailto: link (RFC 6068): the address as is, subject and body in
    UTF-8 percent-encoding (a space is %20, a line break %0D%0A; the
    delimiters the RFC allows in a query stay as they are: a shorter code)."""

    def encode(text: str) -> str:
        return quote(text.replace("\r\n", "\n").replace("\n", "\r\n"), safe="!$'()*,;:@")

    return f"mailto:{quote(address, safe='@.+-_')}?subject={encode(subject)}&body={encode(body)}"


def reply_link(business: Mapping, reference: str) -> Reply | None:
    """Where the QR code of the invitation leads (see the module's text)."""
    url = _text(business.get("survey_url"))
    if url:
        payload = url.replace("{reference}", quote(reference, safe=""))
        return Reply("url", payload, payload, "Scannez ce code pour répondre en ligne.")
    email = _text(business.get("email"))
    if email:
        body = (
            f"Réclamation {reference}\nSatisfaction (1 à 5) : \nRecommandation (0 à 10) : \nCommentaire : \n"
            if reference
            else "Satisfaction (1 à 5) : \nRecommandation (0 à 10) : \nCommentaire : \n"
        )
        return Reply(
            "mailto",
            mailto(email, survey_subject(reference), body),
            email,
            "Scannez ce code pour répondre par courriel\u00a0: le message est prêt, avec la référence.",
        )
    return None


def survey_invitation(business: Mapping, client: Mapping, complaint: Mapping) -> SurveyInvitation:
    reference = reference_of(complaint)
    name = _text(business.get("name")) or "notre entreprise"
    about = f" n°\u00a0{reference}" if reference else ""
    paragraphs = (
        (
            f"Votre réclamation{about} est désormais close. Nous tenons à savoir si son traitement vous a "
            "satisfait(e)\u00a0: votre avis nous aide à mieux faire."
        ),
        (
            "Trois questions suffisent. Vous pouvez y répondre sur le coupon ci-dessous, à nous renvoyer par "
            "courrier, ou avec le code à scanner s’il figure sur le coupon. Merci de rappeler la référence de "
            "votre réclamation dans votre réponse."
        ),
    )
    hello = salutation(client)
    return SurveyInvitation(
        reference=reference,
        subject=f"Votre avis sur le traitement de votre réclamation{about}",
        greeting=hello,
        paragraphs=paragraphs,
        questions=questions(business),
        reply=reply_link(business, reference),
        closing=f"Nous vous remercions de votre confiance et vous prions d’agréer, {hello}, l’expression de nos "
        "salutations distinguées.",
        signature=f"Le service clients, {name}",
    )
