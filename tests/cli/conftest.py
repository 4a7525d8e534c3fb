"""Fixtures shared by the command-line tests."""

from tests.core.privacy.conftest import vivid_exam

__all__ = ["vivid_exam"]
