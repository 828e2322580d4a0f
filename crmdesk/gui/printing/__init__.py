"""Printing: client sheets and cards, the PDF preview, the letterhead."""
