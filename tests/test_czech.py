"""Czech date, window, money, percent and applicant parsing: every form of CONTRACTS.md §3 and SOURCES.md §11."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from spiders.czech import (
    CALL_CODE,
    PRAGUE,
    Money,
    clean_text,
    iso,
    map_applicants,
    parse_date,
    parse_date_range,
    parse_money,
    parse_percent_max,
    status_from_window,
)


def prague(*args: int) -> datetime:
    return datetime(*args, tzinfo=PRAGUE)


@pytest.mark.parametrize(
    ("text", "end_of_day", "expected"),
    [
        ("15. 3. 2021", True, "2021-03-15T23:59:59+01:00"),
        ("15.3.2021", False, "2021-03-15T00:00:00+01:00"),
        ("15. 03. 2026 10:00:00", True, "2026-03-15T10:00:00+01:00"),
        ("4. 9. 2026 10:00:00", False, "2026-09-04T10:00:00+02:00"),
        ("26. září 2025", True, "2025-09-26T23:59:59+02:00"),
        ("1. ledna 2027", False, "2027-01-01T00:00:00+01:00"),
        ("27. října 2026", True, "2026-10-27T23:59:59+01:00"),
        ("3. prosince 2026 v 9:00 hodin", True, "2026-12-03T09:00:00+01:00"),
        ("končí dnem 27. 10. 2026 v 16:29:59 hod.", True, "2026-10-27T16:29:59+01:00"),
        ("19. 06. 2026 11:00:00", False, "2026-06-19T11:00:00+02:00"),
        ("16. 11. 2026 09:59:59", True, "2026-11-16T09:59:59+01:00"),
        ("2026-11-09T13:00:00.000+01:00", True, "2026-11-09T13:00:00+01:00"),
        ("2026-10-20T09:00:00.000+02:00", False, "2026-10-20T09:00:00+02:00"),
        ("2024-04-18T19:00:00.000+0200", True, "2024-04-18T19:00:00+02:00"),
        ("2026-10-19", True, "2026-10-19T23:59:59+02:00"),
        ("Tue, 08 Sep 2026 10:15:00 +0000", False, "2026-09-08T10:15:00+00:00"),
        ("nejpozději do 18.\u00a011.\u00a02026", True, "2026-11-18T23:59:59+01:00"),
    ],
)
def test_parse_date(text: str, end_of_day: bool, expected: str) -> None:
    assert iso(parse_date(text, end_of_day=end_of_day)) == expected


def test_parse_date_summer_and_winter_offsets() -> None:
    assert parse_date("30. 3. 2026 12:00").utcoffset().total_seconds() == 7200
    assert parse_date("20. 3. 2026 12:00").utcoffset().total_seconds() == 3600


@pytest.mark.parametrize("text", ["", None, "bez termínu", "31. 2. 2026", "99:99", "7.4."])
def test_parse_date_rejects(text: str | None) -> None:
    assert parse_date(text) is None


def test_parse_date_default_year() -> None:
    assert iso(parse_date("7.4.", default_year=2026)) == "2026-04-07T00:00:00+02:00"


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("10. 9. 2026 - 27. 10. 2026", "2026-09-10T00:00:00+02:00", "2026-10-27T23:59:59+01:00"),
        ("15. 9. 2026 – 2. 12. 2026", "2026-09-15T00:00:00+02:00", "2026-12-02T23:59:59+01:00"),
        ("7.4. - 17.4.2026 do 12:00", "2026-04-07T00:00:00+02:00", "2026-04-17T12:00:00+02:00"),
        ("1. 2. - 28. 2. 2022", "2022-02-01T00:00:00+01:00", "2022-02-28T23:59:59+01:00"),
        (
            "od 30.06.2026 od 8:00 do 10.08.2026 do 14:00 hod.",
            "2026-06-30T08:00:00+02:00",
            "2026-08-10T14:00:00+02:00",
        ),
        ("20.12. - 15.1.2027", "2026-12-20T00:00:00+01:00", "2027-01-15T23:59:59+01:00"),
        ("2.1. – 31.10.2026", "2026-01-02T00:00:00+01:00", "2026-10-31T23:59:59+01:00"),
    ],
)
def test_parse_date_range(text: str, start: str, end: str) -> None:
    got_start, got_end = parse_date_range(text)
    assert (iso(got_start), iso(got_end)) == (start, end)


def test_parse_date_range_single_date_and_empty() -> None:
    start, end = parse_date_range("od 1. 3. 2027")
    assert iso(start) == "2027-03-01T00:00:00+01:00" and end is None
    assert parse_date_range("") == (None, None)


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("10 mil. Kč", 10_000_000, "CZK"),
        ("1,5 mld. Kč", 1_500_000_000, "CZK"),
        ("2\u00a0600\u00a0000\u00a0000 Kč", 2_600_000_000, "CZK"),
        ("2\u202f600\u202f000 Kč", 2_600_000, "CZK"),
        ("100.000,- Kč", 100_000, "CZK"),
        ("500 000 EUR", 500_000, "EUR"),
        ("730 000 Kč", 730_000, "CZK"),
        ("minimálně ve výši 50 000. Kč", 50_000, "CZK"),
        ("maximálně do výše 1 mil. Kč", 1_000_000, "CZK"),
        ("200 tis. EUR", 200_000, "EUR"),
        ("€ 2 000 000", 2_000_000, "EUR"),
        ("více než 40 milionů EUR", 40_000_000, "EUR"),
        ("EUR 5 million", 5_000_000, "EUR"),
        ("2.5 million EUR", 2_500_000, "EUR"),
        ("1 000 000 CZK", 1_000_000, "CZK"),
        ("0,5 mil. Kč", 500_000, "CZK"),
    ],
)
def test_parse_money(text: str, amount: float, currency: str) -> None:
    assert parse_money(text) == Money(amount, currency)


def test_parse_money_as_dict_and_missing() -> None:
    assert parse_money("10 mil. Kč").as_dict() == {"amount": 10_000_000, "currency": "CZK"}
    assert parse_money("1,5 mil. Kč").as_dict() == {"amount": 1_500_000, "currency": "CZK"}
    assert parse_money("bez omezení") is None
    assert parse_money("9400000") is None  # no currency: unknown, not guessed
    assert parse_money("9400000", default_currency="CZK") == Money(9_400_000, "CZK")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("70 %", 70),
        ("50 – 75 % z prokázaných způsobilých výdajů", 75),
        ("max. 80 %", 80),
        ("85,5 %", 85.5),
        ("bez podpory", None),
    ],
)
def test_parse_percent_max(text: str, expected: float | None) -> None:
    assert parse_percent_max(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Malý podnik", ["enterprise", "sme"]),
        ("výzkumná organizace, podnik, organizační složky státu", ["enterprise", "research_org", "public_body"]),
        ("malé a střední podniky (MSP)", ["enterprise", "sme"]),
        ("obce, svazky obcí, spolky", ["municipality", "ngo"]),
        ("vysoké školy", ["research_org", "university"]),
        ("fyzické osoby podnikající", ["enterprise", "individual"]),
        ("velké podniky", ["enterprise", "large_enterprise"]),
        ("FO a PO", ["enterprise", "individual"]),
        ("dobrovolné svazky obcí a spolupráce s obcemi", ["municipality"]),
        ("", []),
    ],
)
def test_map_applicants(text: str, expected: list[str]) -> None:
    assert map_applicants(text) == expected


def test_clean_text() -> None:
    assert clean_text("  a\u00a0b\u2060c\n\t d ") == "a bc d"
    assert clean_text(None) == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Microelectronic â€“ Front-End Module (FEM)", "Microelectronic – Front-End Module (FEM)"),
        ("the beneficiariesâ€™ personnel costs", "the beneficiaries’ personnel costs"),
        ("Skills Hubs of ExcellenceÂ ", "Skills Hubs of Excellence"),
        ("Laserové svařování – 10 mil. Kč, „výzva“", "Laserové svařování – 10 mil. Kč, „výzva“"),
    ],
)
def test_clean_text_repairs_mojibake_and_keeps_czech(text: str, expected: str) -> None:
    assert clean_text(text) == expected


NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("opens", "deadlines", "native", "expected"),
    [
        (prague(2026, 12, 1), [prague(2027, 1, 31, 23, 59, 59)], None, "forthcoming"),
        (prague(2026, 11, 1), [prague(2027, 1, 31, 23, 59, 59)], None, "open"),
        (prague(2026, 9, 1), [prague(2026, 10, 31, 23, 59, 59)], "open", "closed"),  # source lags
        (None, [prague(2026, 10, 1), prague(2027, 2, 1)], None, "open"),  # a future cut-off remains
        (prague(2026, 9, 1), [prague(2027, 1, 31)], "closed", "closed"),  # early closure announced
        (prague(2026, 9, 1), [prague(2027, 1, 31)], "cancelled", "cancelled"),
        (None, [], None, "unknown"),
    ],
)
def test_status_from_window(opens, deadlines, native, expected) -> None:
    assert status_from_window(opens, deadlines, NOW, native) == expected


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Výzva č. 01_26_015 – Inovace", ["01_26_015"]),
        ("výzvy 01_26_015 a 12_26_050.", ["01_26_015", "12_26_050"]),
        ("/vyzva-01_26_015/", ["01_26_015"]),
        ("101_26_015", []),  # part of a longer number
        ("01_26_0150", []),
        ("01_26_015_1", []),
        ("CZ.01.1.01/0.0/0.0/15_019/0004525", []),
    ],
)
def test_call_code(text: str, codes: list[str]) -> None:
    assert CALL_CODE.findall(text) == codes
