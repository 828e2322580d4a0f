"""Complaints: the queue, one complaint in detail, the complaint dialog, dashboard, surveys."""
