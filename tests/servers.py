"""Real FTPS servers for tests (filled in with the FTPS core)."""
