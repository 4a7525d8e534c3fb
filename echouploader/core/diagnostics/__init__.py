"""Diagnostics: the support bundle and the self-check, which look at every other domain.

Owns the support bundle (logs, versions, sites, trust store, queue, keyring summary: never a
password, the key code or DICOM) and the self-check a frozen build runs.

May import: every core package; it sits above them all, and no core package imports it.
"""
