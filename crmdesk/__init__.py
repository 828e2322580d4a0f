"""crmdesk — the offline client file of a small French business."""

__version__ = "0.1.0"
