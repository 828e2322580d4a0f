"""Pieces every feature uses: the table model base, messages, the worker, actions, labels, icons, forms."""
