"""Loyalty: the programme's rules, the loyalty tab, home parties, the menu."""
