"""Tests of core.sites."""
