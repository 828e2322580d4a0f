"""File › Import…: the wizard (one module per page), the import history and review."""
