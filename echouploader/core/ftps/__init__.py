"""FTPS: talking to the core lab's server, and nothing about what is sent.

Owns sessions (implicit/explicit TLS, session reuse, PROT P, PASV, error mapping), targets and
endpoints, certificate details, the trust store, browsing remote folders, folder listings
(``listing``: pipelined ``STAT``, ``MLSD``, ``LIST``) and a pool of parallel sessions (``pool``),
the quota of the shared disk and its per-site cache, and the embedded pyftpdlib server used by
``--demo`` and the tests.

May import: the shared basics (``core.errors``, ``core.paths``, ``core.resources``) and
``core.support`` (log redaction of secrets). Never ``core.privacy``: what a file contains is not
this package's business.
"""
