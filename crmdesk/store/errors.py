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
