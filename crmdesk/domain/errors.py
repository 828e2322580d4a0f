"""Errors that carry a message meant for the user (in French)."""


class CrmError(Exception):
    """An error whose message can be shown to the user as it is."""


class ValidationError(CrmError):
    """One or more fields are invalid; `problems` maps field -> French reason."""

    def __init__(self, problems: dict[str, str]):
        self.problems = dict(problems)
        super().__init__("; ".join(f"{field} : {why}" for field, why in problems.items()))
