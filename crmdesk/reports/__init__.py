"""PDF prints (ReportLab): client sheets, cards, letters — see the later issues."""
