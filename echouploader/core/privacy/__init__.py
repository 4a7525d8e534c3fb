"""Privacy: what an exam holds, and making it safe to leave the site under the study ID.

Owns the exam identity and naming rule, the check (file kinds, every DICOM tag, findings),
identifying values, PS3.15 de-identification (``deidentify/``), burned-in text (``pixels/``), the
reports and comments sent with an exam (``reports/``), the owner-only staging copy and the
site-kept key code.

May import: the shared basics and ``core.support`` (log redaction of identifiers). Never
``core.ftps``, ``core.sites`` or ``core.transfer``: nothing here knows about servers.
"""
