"""Indicators the business types in (DOMAIN §6, §9): web and social figures
per period (digital_dialog), the sector thresholds (thresholds_dialog).
The survey answers of one client are in crmdesk.gui.complaints.surveys_tab."""
