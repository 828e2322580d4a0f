"""The client file's contacts: the table model, the client dialog, search keys, trash, duplicates."""
