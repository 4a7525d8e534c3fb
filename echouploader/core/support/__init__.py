"""Support: the structured log support staff read, reading it back, and redaction.

Owns the JSON-lines log (rotation, typed events), the log reader (filters, ``--follow``) and the
redaction of passwords and patient identifiers from every line.

May import: only the shared basics. Every other core package may log, so this one depends on none
of them.
"""
