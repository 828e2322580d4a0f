"""Errors that carry a message meant for the user, in the interface language.

An error keeps its message as a key — the French text, marked with `N_` for
the catalogue (crmdesk/i18n.py) — and the named fields to fill in, and puts
them into words when it is read: `str(exc)` speaks the language of that
moment, French or English::

    raise CrmError(N_("date impossible « {text} »"), text=raw)

A message already put into words (`CrmError(_("…"))`, `CrmError(str(other))`)
is kept as it is.
"""

from crmdesk.i18n import _


class CrmError(Exception):
    """An error whose message can be shown to the user as it is."""

    def __init__(self, message: str = "", /, **fields):
        super().__init__(message)
        self.key = message
        self.fields = fields

    def __str__(self) -> str:
        return _(self.key, **self.fields) if isinstance(self.key, str) else str(self.key)


class ValidationError(CrmError):
    """One or more fields are invalid; `problems` maps field -> reason, put into
    words (with `_`) in the interface language when the check ran. A field
    named in French is marked with `N_` where the problem is recorded."""

    def __init__(self, problems: dict[str, str]):
        self.problems = dict(problems)
        super().__init__()

    def __str__(self) -> str:
        return "; ".join(_("{field} : {reason}", field=_(field), reason=why) for field, why in self.problems.items())
