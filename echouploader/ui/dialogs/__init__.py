"""Dialogs of the desktop window; each is shown with ``open()`` so tests can answer it."""
