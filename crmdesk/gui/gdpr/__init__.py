"""GDPR: rights requests, purge, the audit log."""
