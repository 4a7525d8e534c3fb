"""Redaction of patient identifiers in their usual spellings, and of passwords."""

from __future__ import annotations

import threading

import pytest

from echouploader.core.support.redaction import REDACTED, Redactor


@pytest.fixture
def r() -> Redactor:
    red = Redactor()
    red.add(["DOE^JANE^Q", "PID-4711-X", "19800131"])
    return red


@pytest.mark.parametrize(
    "text",
    [
        "DOE^JANE^Q",
        "Doe^Jane",
        "Jane Doe",
        "jane q doe",
        "DOE JANE",
        "doe, jane",
        "JaneDoe",
        "DOE_JANE",
        "/exams/Doe-Jane-2026/IM0001",
        "Doe",
        "scan of JANE",
    ],
)
def test_names_in_every_spelling(r: Redactor, text: str) -> None:
    out = r.redact(text)
    assert "jane" not in out.lower()
    assert "doe" not in out.lower()
    assert REDACTED in out


@pytest.mark.parametrize(
    "text", ["PID-4711-X", "pid4711x", "PID 4711 X", "folder_PID4711X_echo", "id=pid-4711-x"]
)
def test_ids_with_or_without_separators(r: Redactor, text: str) -> None:
    assert "4711" not in r.redact(text)


@pytest.mark.parametrize(
    "text",
    [
        "19800131",
        "1980-01-31",
        "31.01.1980",
        "01/31/1980",
        "31/01/1980",
        "800131-1234",
        "1980_01_31",
    ],
)
def test_birth_dates_in_usual_formats(r: Redactor, text: str) -> None:
    out = r.redact(text)
    assert "1980" not in out and "800131" not in out
    assert REDACTED in out


def test_other_words_and_numbers_survive(r: Redactor) -> None:
    text = "the file does not exist; 11980013199 bytes; doesn't matter; janet"
    # "does", a longer number and a longer name are not the patient's.
    assert r.redact(text) == text


def test_accents_are_caught_without_them() -> None:
    red = Redactor()
    red.add(["MÜLLER^JÜRGEN"])
    assert red.redact("Jürgen Müller / MULLER_JURGEN") == f"{REDACTED} / {REDACTED}"


def test_short_values_only_as_part_of_a_name() -> None:
    red = Redactor()
    red.add(["LI^WU", "42"])
    assert red.redact("Wu Li, LI^WU, 42 files, lily") == f"{REDACTED}, {REDACTED}, 42 files, lily"


def test_passwords_and_pass_lines_are_masked() -> None:
    red = Redactor()
    red.add_secret("s3cret-Pa55")
    out = red.redact("PASS hunter2 / password=abc / login with s3cret-Pa55 failed")
    assert "hunter2" not in out and "abc" not in out and "s3cret-Pa55" not in out
    assert out == "PASS **** / password=**** / login with **** failed"


def test_clear_forgets_patients_but_not_passwords(r: Redactor) -> None:
    r.add_secret("s3cret-Pa55")
    r.clear()
    assert r.redact("Jane Doe s3cret-Pa55") == "Jane Doe ****"


def test_nested_values_and_password_fields() -> None:
    red = Redactor()
    red.add(["DOE^JANE"])
    value = {
        "paths": ["/a/Jane_Doe/1.dcm", 7],
        "password": "x",
        "n": 3,
        "nested": {"k": "doe jane"},
    }
    assert red.redact_value(value) == {
        "paths": [f"/a/{REDACTED}/1.dcm", 7],
        "n": 3,
        "nested": {"k": REDACTED},
    }


def test_adding_from_many_threads_while_redacting() -> None:
    red = Redactor()
    names = [f"FAMILY{i:03d}^GIVEN{i:03d}" for i in range(60)]
    errors: list[str] = []

    def add(chunk: list[str]) -> None:
        for name in chunk:
            red.add([name])

    def read() -> None:
        for _ in range(200):
            out = red.redact("FAMILY000 GIVEN000")
            if out not in ("FAMILY000 GIVEN000", REDACTED, f"{REDACTED} {REDACTED}"):
                errors.append(out)

    threads = [threading.Thread(target=add, args=(names[i::3],)) for i in range(3)]
    threads.append(threading.Thread(target=read))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert red.values() == frozenset(names)
    assert red.redact("given059 family059") == REDACTED


def test_values_match_whole_tokens_only() -> None:
    red = Redactor()
    red.add(["4711", "DEMO"])
    assert red.redact("ID 4711, size 47110 bytes") == f"ID {REDACTED}, size 47110 bytes"
    assert red.redact("a demonstration of DEMO") == f"a demonstration of {REDACTED}"


def test_a_site_name_holding_a_patient_value_stays_readable() -> None:
    """The demo's fake patient DEMO^FAKE PATIENT and the site "Demo core lab"."""
    from echouploader.core.ftps.demo import DEMO_SITE, FAKE_PATIENT_NAME

    red = Redactor()
    red.keep_readable([DEMO_SITE, "demo"])
    red.add([FAKE_PATIENT_NAME, "DEMO", "FAKE", "PATIENT"])
    line = f"Connected to {DEMO_SITE}; exam of Demo Fake Patient; user demo; DEMO alone"
    assert red.redact(line) == (
        f"Connected to {DEMO_SITE}; exam of {REDACTED}; user {REDACTED}; {REDACTED} alone"
    )
    # A patient named exactly like the site is still hidden.
    red.add([DEMO_SITE])
    assert red.redact(f"site {DEMO_SITE}") == f"site {REDACTED}"


def test_one_session_redacts_like_the_next(tmp_path) -> None:
    """Before and after the demo exam has been checked, the site's name reads the same."""
    from echouploader.core.ftps.demo import DEMO_SITE, DemoServer, make_demo_exam
    from echouploader.core.privacy.check import check_exam
    from echouploader.core.privacy.deidentify.profile import PrivacyProfile
    from echouploader.core.support import redaction

    with DemoServer(base=tmp_path / "demo"):
        before = redaction.redact(f"Connected to {DEMO_SITE}")
        report = check_exam(make_demo_exam(tmp_path), PrivacyProfile(), None, None, None)
        assert any("DEMO" in s.upper() for s in report.identifying_strings)
        after = redaction.redact(f"Connected to {DEMO_SITE}")
    redaction.clear_redactions()
    assert before == after == f"Connected to {DEMO_SITE}"
