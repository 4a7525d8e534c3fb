"""The release workflow cannot run here; it must at least be valid, complete and documented."""

from __future__ import annotations

import re

import yaml

from tests.packaging.conftest import PACKAGING, ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "release.yml"


def _workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text())


def test_workflow_builds_on_all_three_platforms_then_releases() -> None:
    jobs = _workflow()["jobs"]
    runners = {name: job["runs-on"] for name, job in jobs.items()}
    assert runners["linux"].startswith("ubuntu-")
    assert runners["windows"].startswith("windows-")
    assert runners["macos"].startswith("macos-")
    assert set(jobs["release"]["needs"]) == {"linux", "windows", "macos"}


def test_workflow_runs_on_version_tags() -> None:
    triggers = _workflow()[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["push"]["tags"] == ["v*"]
    assert "workflow_dispatch" in triggers


def test_every_step_does_something_and_builds_through_build_sh() -> None:
    jobs = _workflow()["jobs"]
    for name, job in jobs.items():
        assert job["steps"], name
        for step in job["steps"]:
            assert ("uses" in step) != ("run" in step), (name, step)
    for platform in ("linux", "windows", "macos"):
        commands = " ".join(s.get("run", "") for s in jobs[platform]["steps"])
        assert f"packaging/build.sh {platform}" in commands


def test_every_secret_used_is_documented_for_maintainers() -> None:
    used = set(re.findall(r"secrets\.([A-Z0-9_]+)", WORKFLOW.read_text()))
    assert {"WINDOWS_CERT_PFX_BASE64", "MACOS_SIGN_IDENTITY", "GPG_PRIVATE_KEY"} <= used
    readme = (PACKAGING / "README.md").read_text()
    assert sorted(s for s in used if s not in readme) == []


def test_only_the_release_job_may_write_to_the_repository() -> None:
    wf = _workflow()
    assert wf["permissions"] == {"contents": "read"}
    writers = [
        n for n, j in wf["jobs"].items() if j.get("permissions", {}).get("contents") == "write"
    ]
    assert writers == ["release"]


def test_no_platform_builds_before_the_readmes_test_command_passed() -> None:
    jobs = _workflow()["jobs"]
    readme = (ROOT / "README.md").read_text()
    command = re.search(r"```sh\n(python3 -m venv .*pytest)\n```", readme)
    assert command is not None, "the README's test command"
    ci_run = (ROOT / ".ci" / "run").read_text()
    assert command.group(1) in ci_run  # .ci/run runs it verbatim
    test_steps = " ".join(s.get("run", "") for s in jobs["tests"]["steps"])
    assert "bash .ci/run" in test_steps
    for platform in ("linux", "windows", "macos"):
        assert "tests" in jobs[platform]["needs"], platform
