"""Indicators the business types in (docs/domain/06-indicators.md): web and social figures
per period (digital_dialog), the sector thresholds (thresholds_dialog).
The survey answers of one client are in crmdesk.gui.complaints.surveys_tab."""
