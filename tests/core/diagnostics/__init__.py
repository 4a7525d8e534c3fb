"""Tests of core.diagnostics."""
