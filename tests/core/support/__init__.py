"""Tests of core.support."""
