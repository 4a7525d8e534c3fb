"""The keyring wrapper: allow-list, one-sentence errors, in-memory fallback, one lock.

The OS keyring is a true boundary, so these use small in-process backends
(``tests.memory_keyring``); the real Secret Service is used in
``tests/cli/test_keyring_end_to_end.py``.
"""

from __future__ import annotations

import threading

import pytest

from echouploader.core.errors import CredentialsError
from echouploader.core.ftps.target import Endpoint
from echouploader.core.sites import credentials
from echouploader.core.sites.credentials import CredentialStorage, account_name

EP = Endpoint("FTPS.CoreLab.example", 990, "site07", site="Core lab")


def test_account_is_user_host_port_so_a_rename_keeps_the_password(memory_keyring) -> None:
    storage = CredentialStorage()
    storage.set_password(EP, "s3cret")
    renamed = Endpoint("ftps.corelab.example", 990, "site07", site="Renamed lab")
    assert storage.get_password(renamed) == "s3cret"
    assert memory_keyring.items == {("EchoUploader", "site07@ftps.corelab.example:990"): "s3cret"}
    assert account_name(Endpoint("::1", 990, "u")) == "u@[::1]:990"
    assert storage.delete_password(EP) is True
    assert storage.delete_password(EP) is False
    assert storage.get_password(EP) is None
    assert not storage.in_memory


def test_environment_choice_is_respected_and_named(memory_keyring) -> None:
    storage = CredentialStorage()
    assert storage.backend_name() == "tests.memory_keyring.Keyring"


def test_no_backend_means_memory_for_this_session_and_the_user_is_told() -> None:
    storage = CredentialStorage()  # conftest: keyring.backends.fail.Keyring
    assert storage.in_memory
    assert storage.backend_name() == credentials.MEMORY_BACKEND
    assert "memory for this session only" in storage.notice
    storage.set_password(EP, "s3cret")
    assert storage.get_password(EP) == "s3cret"
    assert CredentialStorage().get_password(EP) is None  # a new session has nothing


def test_plaintext_backend_is_never_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "tests.memory_keyring.PlaintextKeyring")
    storage = CredentialStorage()
    assert storage.in_memory
    assert "plain file" in storage.reason


def test_unloadable_backend_falls_back_to_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "no.such.module.Keyring")
    storage = CredentialStorage()
    assert storage.in_memory and "cannot be used" in storage.reason


def test_allow_list_without_environment_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the real OS keyrings are candidates; with none running, memory it is."""
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND")
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    storage = CredentialStorage()
    name = storage.backend_name()
    assert name in set(credentials.ALLOWED_BACKENDS.values()) | {credentials.MEMORY_BACKEND}


@pytest.mark.parametrize(
    ("backend", "message"),
    [
        ("LockedKeyring", "The keyring is locked"),
        ("BrokenDBusKeyring", "D-Bus error"),
    ],
)
def test_backend_failures_are_one_sentence(
    monkeypatch: pytest.MonkeyPatch, backend: str, message: str
) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", f"tests.memory_keyring.{backend}")
    storage = CredentialStorage()
    for call in (
        lambda: storage.get_password(EP),
        lambda: storage.set_password(EP, "pw"),
        lambda: storage.delete_password(EP),
    ):
        with pytest.raises(CredentialsError) as err:
            call()
        assert message in str(err.value) and "Core lab" in str(err.value)
        assert "\n" not in str(err.value)


def test_empty_password_is_refused(memory_keyring) -> None:
    with pytest.raises(CredentialsError, match="empty password"):
        CredentialStorage().set_password(EP, "")


def test_calls_from_many_threads_never_overlap(memory_keyring) -> None:
    memory_keyring.max_concurrent = 0
    storages = [CredentialStorage() for _ in range(2)]  # even separate instances share the lock
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            ep = Endpoint("h", 990, f"user{n}")
            for i in range(20):
                storages[n % 2].set_password(ep, f"pw{i}")
                assert storages[n % 2].get_password(ep) == f"pw{i}"
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [
        threading.Thread(target=work, args=(n,), name=f"echouploader-t{n}") for n in range(6)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert memory_keyring.max_concurrent == 1
    assert len(memory_keyring.items) == 6
