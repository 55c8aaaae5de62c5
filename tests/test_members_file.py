"""The members file (CONTRACTS.md §7): CSV and YAML, rejected whole with line and reason."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from grantradar.demo_run import DEMO_MEMBERS
from store.members import MembersFileError, export_members, import_members, load_members_file, parse_members
from store.models import Member

HEADER = "name,email,description,language,pillars,keywords,applicant_types,region,digest\n"


def test_demo_members_cover_all_pillars_and_both_languages() -> None:
    rows = load_members_file(DEMO_MEMBERS)
    assert 10 <= len(rows) <= 15
    pillars = {p for row in rows for p in row["pillars"]}
    assert pillars == {"industrial-consumer-optics", "military-optics", "lighting", "lasers", "electron-microscopy"}
    assert {row["language"] for row in rows} == {"cs", "en"}


def test_csv_row_parsed() -> None:
    text = (
        HEADER + 'Laser s.r.o.,Info@Laser.example.cz,"Laserové svařování, řezání",cs,lasers;lighting,'
        "svařování;řezání,sme;enterprise,cz071,weekly\n"
    )
    [row] = parse_members(text, "m.csv")
    assert row["email"] == "info@laser.example.cz"
    assert row["description"] == "Laserové svařování, řezání"
    assert row["pillars"] == ["lasers", "lighting"]
    assert row["keywords"] == ["svařování", "řezání"]
    assert row["applicant_types"] == ["sme", "enterprise"]
    assert row["region"] == "CZ071" and row["digest"] == "weekly" and row["line"] == 2


def test_only_required_columns() -> None:
    [row] = parse_members("name,email,description\nA,a@b.cz,Optika\n", "m.csv")
    assert row["language"] == "cs" and row["pillars"] == [] and row["region"] is None


def test_yaml() -> None:
    text = (
        "members:\n  - name: A\n    email: a@b.cz\n    description: Lasers\n    language: en\n"
        "    pillars: [lasers]\n    keywords: laser;optics\n"
    )
    [row] = parse_members(text, "m.yaml")
    assert row["pillars"] == ["lasers"] and row["keywords"] == ["laser", "optics"] and row["language"] == "en"


def test_bad_file_rejected_whole_with_lines() -> None:
    text = (
        HEADER
        + "A,a@b.cz,Optika,cs,,,,,\n"
        + "B,not-an-email,,de,lasers;magic,,startup,Olomouc,daily\n"
        + "C,a@b.cz,Optika,,,,,,\n"
    )
    with pytest.raises(MembersFileError) as err:
        parse_members(text, "m.csv")
    reasons = dict(err.value.errors) | {}
    lines = [line for line, _ in err.value.errors]
    assert 2 not in lines and set(lines) == {3, 4}
    messages = " | ".join(reason for _, reason in err.value.errors)
    for expected in (
        "description is required",
        "not an e-mail",
        "language 'de'",
        "unknown pillar(s) magic",
        "unknown applicant type(s) startup",
        "region 'OLOMOUC'",
        "digest 'daily'",
        "already given on line 2",
    ):
        assert expected in messages
    assert reasons


@pytest.mark.parametrize(
    ("text", "name", "message"),
    [
        ("", "m.csv", "header row"),
        ("name,email\nA,a@b.cz\n", "m.csv", "lacks required column(s) description"),
        ("name,email,description\n", "m.csv", "lists no members"),
        ("- [unclosed\n", "m.yaml", "not valid YAML"),
        ("name: x\n", "m.yaml", "must be a list"),
        ("x", "m.txt", "expected a .csv"),
        ("name,email,description\nA,a@b.cz,x,extra\n", "m.csv", "more values"),
        ("name,email,description,phone\nA,a@b.cz,x,123\n", "m.csv", "unknown column(s) phone"),
    ],
)
def test_malformed_files(text: str, name: str, message: str) -> None:
    with pytest.raises(MembersFileError, match=re.escape(message)):
        parse_members(text, name)


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_bytes(HEADER.encode() + "Optika,a@b.cz,Čočky\n".encode("cp1250"))
    with pytest.raises(MembersFileError, match="not UTF-8"):
        load_members_file(path)


def test_import_adds_then_updates_and_export_round_trips(session: Session) -> None:
    rows = load_members_file(DEMO_MEMBERS)
    assert import_members(session, rows) == (len(rows), 0)
    session.commit()
    assert import_members(session, rows) == (0, 0)  # nothing changed
    session.commit()
    changed = [dict(rows[0], description="Nový popis"), *rows[1:]]
    assert import_members(session, changed) == (0, 1)
    session.commit()
    assert import_members(session, rows) == (0, 1)
    session.commit()
    assert session.scalar(select(func.count()).select_from(Member)) == len(rows)
    exported = export_members(session.scalars(select(Member).order_by(Member.id)).all())
    again = parse_members(exported, "export.csv")
    strip = [{k: v for k, v in r.items() if k != "line"} for r in rows]
    assert [{k: v for k, v in r.items() if k != "line"} for r in again] == strip
