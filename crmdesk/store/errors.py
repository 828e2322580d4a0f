"""Why a client file cannot be opened or written (messages in the interface
language, see crmdesk/domain/errors.py)."""

from crmdesk.domain.errors import CrmError


class StoreError(CrmError):
    pass


class NotCrmdeskFile(StoreError):
    pass


class NewerFile(StoreError):
    pass


class FileLocked(StoreError):
    pass


class FileMissing(StoreError):
    pass


class StorageFull(StoreError):
    pass


class DamagedFile(StoreError):
    """A crmdesk file SQLite cannot read whole; `reason` says what was found (French)."""

    def __init__(self, message: str, reason: str = ""):
        super().__init__(message)
        self.reason = reason


class ReadOnlyFile(StoreError):
    """The file, or its folder, cannot be written (a CD, a read-only share, no permission)."""
