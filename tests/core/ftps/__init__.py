"""Tests of core.ftps."""
