"""`grantradar score` (CONTRACTS §6) and `grantradar match`: output shape, order, determinism, bad input."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from grantradar.cli import main
from tests.conftest import FILES

CALLS = FILES / "matcher" / "calls.jsonl"
MEMBERS = FILES / "matcher" / "members.yaml"
SLUGS = {"industrial-consumer-optics", "military-optics", "lighting", "lasers", "electron-microscopy"}


def run(*args: str, input: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), input=input)
    return result.exit_code, result.output


def test_score_output_shape_order_and_determinism(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    code, _ = run("score", "--input", str(CALLS), "--members", str(MEMBERS), "--output", str(out))
    assert code == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    ids = [json.loads(line)["id"] for line in CALLS.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert [r["id"] for r in rows] == ids
    for row in rows:
        assert set(row) == {"id", "pillars", "members"}
        assert set(row["pillars"]) == SLUGS
        assert all(0.0 <= v <= 1.0 for v in row["pillars"].values())
        for member in row["members"]:
            assert set(member) == {"member", "score", "why"} and 0.0 <= member["score"] <= 1.0
    laser = rows[0]
    assert laser["members"][0]["member"] == "LaserWeld Olomouc"
    code, again = run("score", "--input", str(CALLS), "--members", str(MEMBERS))
    assert code == 0 and again == out.read_text(encoding="utf-8")


def test_score_without_members_gives_empty_member_lists() -> None:
    code, output = run("score", "--input", "-", input='{"id": "x", "title": "Elektronová mikroskopie SEM"}\n')
    assert code == 0
    row = json.loads(output)
    assert row["members"] == [] and row["pillars"]["electron-microscopy"] > 0.5


def test_score_bad_input_names_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "title": "ok"}\n{not json\n', encoding="utf-8")
    code, output = run("score", "--input", str(bad))
    assert code == 2 and "line 2" in output and "JSON" in output
    bad.write_text('{"id": "a", "title": "ok"}\n{"id": "b"}\n', encoding="utf-8")
    code, output = run("score", "--input", str(bad))
    assert code == 2 and "line 2: missing title" in output
    code, output = run("score", "--input", str(tmp_path / "missing.jsonl"))
    assert code == 2 and "cannot read" in output


def test_score_bad_members_file(tmp_path: Path) -> None:
    members = tmp_path / "m.csv"
    members.write_text("name,email\nA,a@example.org\n", encoding="utf-8")
    code, output = run("score", "--input", str(CALLS), "--members", str(members))
    assert code == 2 and "description" in output


def test_help_texts() -> None:
    for command in ("score", "match"):
        code, output = run(command, "--help")
        assert code == 0 and "Usage" in output


def test_match_command_on_an_empty_store(tmp_path: Path, monkeypatch) -> None:
    url = f"sqlite:///{tmp_path / 'g.db'}"
    monkeypatch.setenv("GRANTRADAR_DATABASE_URL", url)
    assert run("db", "upgrade")[0] == 0
    code, output = run("match")
    assert code == 0 and "matched 0 of 0 calls" in output
