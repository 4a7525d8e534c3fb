"""The core lab's side: what has arrived on the server, and a verified download of a selection.

``arrivals`` lists every exam folder under a remote folder and says whether it is complete,
incomplete or still uploading, from listings alone; ``download`` fetches a selection over parallel
connections with ``REST`` resume, checks every file against the exam's ``SHA256SUMS`` and writes a
``STUDY/SUBJECT/VISIT/SERIES`` archive (``archive``) with its manifests; ``selection`` reads report
spreadsheets. The parallel sessions and folder listings it uses live in ``core.ftps`` (``pool``,
``listing``), shared with the quota.

May import: the shared basics, ``core.support``, ``core.ftps``, ``core.sites``, ``core.privacy``
and ``core.transfer`` (manifests). No core package imports it.
"""
