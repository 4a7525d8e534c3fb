"""Everything EchoUploader does, without Qt: usable from the CLI, the GUI and tests.

One package per domain, from the bottom up:

- ``errors``, ``i18n``, ``paths``, ``resources``: shared basics every package may use (``i18n``
  puts core's sentences in the user's language);
- ``support``: the structured log and redaction;
- ``ftps``: sessions, targets, trust store, remote browsing, quota, the embedded server;
- ``sites``: sites, FileZilla import, keyring credentials;
- ``privacy``: exam identity, the check, de-identification, the key code;
- ``transfer``: plan, engine, queue, manifests, the exam upload orchestration;
- ``corelab``: arrivals and verified downloads for the receiving side;
- ``diagnostics``: the support bundle and self-check, above all the others.

The import contract between them is held by ``tests/core/test_architecture.py``.
"""
