"""Follow-up: agenda, tasks, interactions, the client's timeline, today's view, reminders."""
