"""File › Export… and the mailing list."""
