"""The `[tool.indoxhub-contract]` table in the user's pyproject.toml: found from the current folder
upward (not past the repository's root), globs to types, `strict` and `base-urls`, options winning, and
files no pattern maps (a usage error when named, listed when walked or with --unmapped skip)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from indoxhub_contract._config import ConfigError, find

from .test_validate import BAD, CHAT, Run, write

JOB = {"job_id": "j", "status": "pending", "progress": 0, "provider": "p", "model": "m", "prompt": "x"}


def table(folder: Path, body: str) -> None:
    (folder / "pyproject.toml").write_text("[project]\nname = 'app'\n\n" + body, encoding="utf-8")


TYPES = """[tool.indoxhub-contract.types]
"recordings/chat/**" = "ChatResponse"
"recordings/jobs/*.json" = "video-job-status"
"recordings/**/special.json" = "VideoJobStatus"
"recordings/*.json" = "ChatResponse"
"""


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("recordings/chat/a.json", "ChatResponse"),
        ("recordings/chat/deep/er/a.jsonl", "ChatResponse"),  # ** crosses folders
        ("recordings/jobs/a.json", "VideoJobStatus"),  # the file spelling is read as the type's name
        ("recordings/jobs/sub/a.json", None),  # * does not cross /
        ("recordings/jobs/a.yaml", None),
        ("recordings/special.json", "VideoJobStatus"),  # ** matches zero folders, and comes before *.json
        ("recordings/other.json", "ChatResponse"),
        ("recordings/x/special.json", "VideoJobStatus"),
        ("recordings/chat/special.json", "ChatResponse"),  # the first pattern that matches wins
        ("recordings/./jobs/../chat/b.json", "ChatResponse"),  # . and .. normalised before matching
        ("other/recordings/chat/a.json", None),  # patterns are relative to the table's folder
        ("../outside/recordings/chat/a.json", None),
    ],
)
def test_globs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, path: str, expected: str | None) -> None:
    (tmp_path / "project").mkdir()
    table(tmp_path / "project", TYPES)
    monkeypatch.chdir(tmp_path / "project")
    assert find().type_for(path) == expected


def test_double_star_matches_zero_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    table(tmp_path, '[tool.indoxhub-contract.types]\n"a/**/b.json" = "Usage"\n')
    monkeypatch.chdir(tmp_path)
    config = find()
    assert [config.type_for(p) for p in ("a/b.json", "a/x/b.json", "a/x/y/b.json", "ab.json")] == [
        "Usage",
        "Usage",
        "Usage",
        None,
    ]


def test_found_from_a_subfolder_but_not_past_the_repository_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    table(tmp_path, "[tool.indoxhub-contract]\nstrict = true\n")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "sub").mkdir()
    table(repo / "sub", "[tool.ruff]\nline-length = 99\n")  # a pyproject.toml without the table is passed by
    monkeypatch.chdir(repo / "sub")
    assert find().path is None  # the table above the repository is not this project's
    table(repo, "[tool.indoxhub-contract]\nstrict = true\n")
    assert find().path == str(repo / "pyproject.toml") and find().strict is True


def test_validate_takes_each_files_type_from_the_table(run: Run, tmp_path: Path) -> None:
    table(tmp_path, TYPES)
    write(tmp_path / "recordings/chat/ok.json", CHAT)
    write(tmp_path / "recordings/chat/lines.jsonl", [CHAT, BAD], lines=True)
    write(tmp_path / "recordings/jobs/job.json", JOB)
    write(tmp_path / "recordings/jobs/wrong.json", CHAT)  # a chat answer where a job status is promised
    ran = run("validate", "--format", "json", "recordings")
    assert ran.code == 1, ran
    found = sorted((e["file"], e["line"], e["path"]) for e in ran.report["errors"])
    assert ("recordings/chat/lines.jsonl", 2, "/usage/tokens_total") in found
    assert {f for f, _, _ in found} == {"recordings/chat/lines.jsonl", "recordings/jobs/wrong.json"}
    assert ran.report["checked"] == 5 and ran.report["unmapped"] == []


def test_a_named_file_no_pattern_matches_is_a_usage_error(run: Run, tmp_path: Path) -> None:
    table(tmp_path, TYPES)
    write(tmp_path / "recordings/chat/ok.json", CHAT)
    write(tmp_path / "config.json", {"not": "a payload"})
    ran = run("validate", "recordings/chat/ok.json", "config.json")
    assert ran.code == 2 and ran.stdout == "", ran
    assert "no type for config.json: add a pattern under [tool.indoxhub-contract.types]" in ran.stderr
    assert "or pass --type" in ran.stderr


def test_unmapped_skip_lists_the_file_without_changing_the_verdict(run: Run, tmp_path: Path) -> None:
    table(tmp_path, TYPES)
    write(tmp_path / "recordings/chat/ok.json", CHAT)
    write(tmp_path / "recordings/chat/bad.json", BAD)
    write(tmp_path / "config.json", {"not": "a payload"})
    ran = run("validate", "--unmapped", "skip", "recordings/chat/ok.json", "config.json")
    assert ran.code == 0, ran
    assert "config.json: unmapped: not checked" in ran.stdout and ran.stdout.endswith("1 unmapped\n")
    ran = run("validate", "--unmapped", "skip", "--format", "json", "recordings/chat/bad.json", "config.json")
    assert ran.code == 1 and ran.report["unmapped"] == ["config.json"], ran
    ran = run("validate", "--unmapped", "skip", "config.json")  # nothing meant to be checked: not a failure
    assert ran.code == 0 and "config.json: unmapped" in ran.stdout, ran


def test_a_walk_lists_unmapped_files(run: Run, tmp_path: Path) -> None:
    table(tmp_path, TYPES)
    write(tmp_path / "recordings/chat/ok.json", CHAT)
    write(tmp_path / "recordings/notes/readme.json", {"x": 1})
    ran = run("validate", "--format", "json", "recordings")
    assert ran.code == 0 and ran.report["unmapped"] == ["recordings/notes/readme.json"], ran
    github = run("validate", "--format", "github", "recordings")
    assert "::notice file=recordings/notes/readme.json,title=indoxhub-contract unmapped::" in github.stdout


def test_standard_input_needs_a_type(run: Run, tmp_path: Path) -> None:
    table(tmp_path, TYPES)
    ran = run("validate", "-", stdin=json.dumps(CHAT))
    assert ran.code == 2 and "standard input has no file name to match: pass --type" in ran.stderr, ran
    assert run("validate", "--type", "ChatResponse", "-", stdin=json.dumps(CHAT)).code == 0


def test_no_table_and_no_type_is_a_usage_error(run: Run, tmp_path: Path) -> None:
    write(tmp_path / "a.json", CHAT)
    ran = run("validate", "a.json")
    assert ran.code == 2 and "pass --type or --endpoint, or map files to types" in ran.stderr, ran


def test_strict_from_the_table_and_the_option_wins(run: Run, tmp_path: Path) -> None:
    table(tmp_path, "[tool.indoxhub-contract]\nstrict = true\n")
    write(tmp_path / "a.json", dict(CHAT, extra=1))
    ran = run("validate", "--type", "ChatResponse", "a.json")
    assert ran.code == 1 and "/extra: unexpected member" in ran.stdout, ran
    assert run("validate", "--type", "ChatResponse", "--no-strict", "a.json").code == 0
    table(tmp_path, "[tool.indoxhub-contract]\nstrict = false\n")
    assert run("validate", "--type", "ChatResponse", "a.json").code == 0
    assert run("validate", "--type", "ChatResponse", "--strict", "a.json").code == 1


def test_base_urls_from_the_table_and_the_option_wins(run: Run, tmp_path: Path) -> None:
    table(tmp_path, '[tool.indoxhub-contract]\nbase-urls = ["https://proxy.example/llm"]\n')
    write(tmp_path / "job.json", JOB)
    assert run("validate", "--endpoint", "GET https://proxy.example/llm/videos/jobs/7", "job.json").code == 0
    ran = run(
        "validate", "--base-url", "/other", "--endpoint", "GET https://proxy.example/llm/videos/jobs/7", "job.json"
    )
    assert ran.code == 2 and "unknown endpoint" in ran.stderr, ran
    assert run("validate", "--base-url", "/other", "--endpoint", "GET /other/videos/jobs/7", "job.json").code == 0


def test_traffic_takes_the_profile_and_base_urls_from_the_table(run: Run, tmp_path: Path) -> None:
    line = {
        "method": "GET",
        "url": "https://proxy.example/llm/videos/jobs/7",
        "status": 200,
        "body": dict(JOB, extra=1),
    }
    write(tmp_path / "traffic.jsonl", [line], lines=True)
    assert "1 uncovered" in run("traffic", "traffic.jsonl").stdout
    table(tmp_path, '[tool.indoxhub-contract]\nstrict = true\nbase-urls = ["/llm"]\n')
    ran = run("traffic", "traffic.jsonl")
    assert ran.code == 1 and "/extra: unexpected member" in ran.stdout, ran
    assert run("traffic", "--no-strict", "traffic.jsonl").code == 0


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("[tool.indoxhub-contract]\nstrict = 'yes'\n", "strict must be true or false"),
        ("[tool.indoxhub-contract]\nbase-urls = '/v1'\n", "base-urls must be a list of strings"),
        ("[tool.indoxhub-contract]\ntype = {}\n", "unknown key 'type'"),
        ('[tool.indoxhub-contract.types]\n"a/*" = "Chat"\n', "unknown type 'Chat'; known types: "),
        ('[tool.indoxhub-contract.types]\n"a/*" = 1\n', "must name a type"),
        ("[tool.indoxhub-contract\n", "not valid TOML"),
    ],
)
def test_a_table_that_cannot_be_used_is_a_usage_error(run: Run, tmp_path: Path, body: str, message: str) -> None:
    (tmp_path / "pyproject.toml").write_text(body, encoding="utf-8")
    write(tmp_path / "a.json", CHAT)
    for command in (["validate", "--type", "ChatResponse", "a.json"], ["traffic", "a.json"]):
        ran = run(*command)
        assert ran.code == 2 and message in ran.stderr and "pyproject.toml" in ran.stderr, ran
        assert "Traceback" not in ran.stderr
    with pytest.raises(ConfigError):
        find(str(tmp_path))


def test_the_readme_table_works_as_written(run: Run, tmp_path: Path) -> None:
    """README's example table, verbatim, in a project's pyproject.toml: each pattern types its files."""
    readme = (Path(__file__).resolve().parent.parent.parent / "README.md").read_text()
    (block,) = [b for b in readme.split("```toml\n")[1:] if b.startswith("[tool.indoxhub-contract]")]
    table(tmp_path, block.split("```")[0])
    write(tmp_path / "recordings/chat/a.json", CHAT)
    write(tmp_path / "recordings/jobs/j.json", JOB)
    write(tmp_path / "tests/unit/errors/e.json", {"detail": "Invalid API key"})
    write(tmp_path / "tests/unit/errors/bad.json", {"detail": 401})
    ran = run("validate", "--format", "json", "recordings", "tests")
    assert ran.code == 1 and ran.report["checked"] == 4, ran
    assert [(e["file"], e["path"]) for e in ran.report["errors"]] == [("tests/unit/errors/bad.json", "/detail")]
