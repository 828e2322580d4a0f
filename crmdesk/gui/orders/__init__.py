"""Orders: the order dialog, the orders tab of the client sheet, the catalogue."""
