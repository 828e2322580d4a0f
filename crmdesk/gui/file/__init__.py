"""The client file: backups, restore, damaged files, migration, file check, file state, folders."""
