from __future__ import annotations

import pytest

from echouploader.core.privacy.exam_identity import ExamIdentity, ExamRule, ExamRuleError


def test_default_rule_names_the_remote_folder_subject_underscore_echo() -> None:
    rule = ExamRule()
    assert rule.folder_name(ExamIdentity("1234", "1a")) == "1234_1a"
    assert rule.label("2") == "follow-up fetal echo"
    assert list(rule.echo_codes) == ["1", "1a", "2", "3"]


def test_an_unknown_echo_code_names_the_rule() -> None:
    with pytest.raises(ExamRuleError) as err:
        ExamRule().identity("1234", "12a")
    assert str(err.value) == "`12a` is not an echo code; use 1, 1a, 2 or 3."


@pytest.mark.parametrize("subject", ["", "12345678901", "12a", "-1"])
def test_bad_subject_numbers_are_refused_with_the_rule(subject: str) -> None:
    with pytest.raises(ExamRuleError) as err:
        ExamRule().check_subject(subject)
    assert "subject number" in str(err.value)


def test_echo_code_case_is_normalised() -> None:
    assert ExamRule().identity("7", "1A") == ExamIdentity("7", "1a")


def test_identity_is_read_from_a_folder_name_that_follows_the_template() -> None:
    rule = ExamRule()
    assert rule.parse_folder_name("0042_1a") == ExamIdentity("0042", "1a")
    assert rule.parse_folder_name("0042_3") == ExamIdentity("0042", "3")
    assert rule.parse_folder_name("0042_4") is None
    assert rule.parse_folder_name("GEMS_IMG") is None


def test_resolve_needs_the_identity_when_the_folder_name_does_not_say() -> None:
    rule = ExamRule()
    with pytest.raises(ExamRuleError, match="give the subject number and the echo code"):
        rule.resolve("USB export")
    assert rule.resolve("USB export", "55", "2") == ExamIdentity("55", "2")
    assert rule.resolve("55_1", echo="2") == ExamIdentity("55", "2")


def test_site_rule_round_trips_through_a_plain_dict() -> None:
    rule = ExamRule.from_dict(
        {
            "echo_codes": {"B": "baseline", "F": "follow-up"},
            "folder_template": "SITE7-{subject}-{echo}",
            "subject_pattern": "[A-Z]{2}[0-9]{3}",
        }
    )
    assert ExamRule.from_dict(rule.to_dict()) == rule
    assert rule.folder_name(ExamIdentity("AB123", "F")) == "SITE7-AB123-F"
    assert rule.parse_folder_name("SITE7-AB123-B") == ExamIdentity("AB123", "B")
    with pytest.raises(ExamRuleError, match="site's pattern"):
        rule.check_subject("1234")
    assert ExamRule.from_dict(None) == ExamRule()


@pytest.mark.parametrize(
    "bad",
    [
        {"folder_template": "{subject}"},
        {"folder_template": "{subject}/{echo}"},
        {"subject_pattern": "([0-9"},
        {"echo_codes": {}},
        {"echo_codes": {"1 a": "x"}},
    ],
)
def test_broken_rules_are_refused(bad: dict[str, object]) -> None:
    with pytest.raises(ExamRuleError):
        ExamRule.from_dict(bad)
