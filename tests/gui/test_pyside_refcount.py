"""The Qt binding in use must not lose references to the objects a signal carries.

PySide6 6.12.0 drops one reference to ``True`` each time a signal carries it. On Python 3.11,
where ``True`` is an ordinary object, enough emissions free it and the process aborts with
"Fatal Python error: bool_dealloc", most often while quitting. pyproject.toml excludes that
release; this test fails on any binding with the same fault.
"""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    flag = Signal(bool)
    anything = Signal(object)


class _Receiver(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.seen: list[object] = []

    def take(self, value: object) -> None:
        self.seen.append(value)


@pytest.mark.skipif(
    sys.version_info >= (3, 12), reason="True and False are immortal from Python 3.12 on"
)
@pytest.mark.parametrize("signal", ["flag", "anything"])
@pytest.mark.parametrize("value", [True, False])
def test_emitting_a_bool_keeps_its_reference_count(signal: str, value: bool) -> None:
    emitter, receiver = _Emitter(), _Receiver()
    getattr(emitter, signal).connect(receiver.take)
    before = sys.getrefcount(value)
    for _ in range(3):
        getattr(emitter, signal).emit(value)
    receiver.seen.clear()
    assert sys.getrefcount(value) == before
