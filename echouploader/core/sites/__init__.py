"""Sites: where to connect, kept by the user and by IT, with the password in the OS keyring.

Owns the site model and ``sites.json``, machine-wide (managed) sites and policy, FileZilla XML
import, and the keyring wrapper for credentials.

May import: the shared basics, ``core.support`` and ``core.ftps`` (targets, certificate
fingerprints). Never ``core.privacy`` or ``core.transfer``.
"""
