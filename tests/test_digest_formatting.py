"""Pure parts of the digests: Czech dates and money, change notices, tokens, links, headers, iCalendar text."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest

from digests.calendar import build_calendar, escape_text, fold
from digests.changes import describe, describe_changes
from digests.formatting import (
    NBSP,
    NNBSP,
    days_left,
    format_amount,
    format_date,
    format_days_left,
    format_deadline,
    format_money,
    format_shift,
)
from digests.links import LinkMaker, safe_url
from digests.mail import BadAddress, check_address, header_text, message_id
from digests.tokens import BadToken, make_token, read_token

NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def plain(text: str) -> str:
    """Compare with ordinary spaces; the no-break spaces are asserted separately."""
    return text.replace(NBSP, " ").replace(NNBSP, " ")


@pytest.mark.parametrize(
    ("moment", "lang", "expected"),
    [
        (datetime(2026, 10, 27, 10, tzinfo=UTC), "cs", "27. října 2026"),
        (datetime(2026, 1, 1, 10, tzinfo=UTC), "cs", "1. ledna 2026"),
        (datetime(2026, 5, 9, 10, tzinfo=UTC), "cs", "9. května 2026"),
        (datetime(2026, 10, 27, 10, tzinfo=UTC), "en", "27 October 2026"),
        # 23:30 UTC on 31 Dec is already 1 Jan in Prague: dates are shown in the cluster's zone.
        (datetime(2026, 12, 31, 23, 30, tzinfo=UTC), "cs", "1. ledna 2027"),
    ],
)
def test_format_date(moment: datetime, lang: str, expected: str) -> None:
    assert plain(format_date(moment, lang)) == expected


def test_day_and_month_are_kept_together() -> None:
    assert format_date(datetime(2026, 10, 27, 10, tzinfo=UTC), "cs") == f"27.{NBSP}října 2026"


def test_deadline_shows_time_only_when_the_source_gave_one() -> None:
    date_only = datetime.fromisoformat("2026-03-27T23:59:59+01:00")
    with_time = datetime.fromisoformat("2026-04-15T17:00:00+02:00")
    assert plain(format_deadline(date_only, "cs")) == "27. března 2026"
    assert plain(format_deadline(with_time, "cs")) == "15. dubna 2026, 17:00"


@pytest.mark.parametrize(
    ("amount", "currency", "lang", "expected"),
    [
        (10_000_000, "CZK", "cs", "10 mil. Kč"),
        (1_500_000_000, "CZK", "cs", "1,5 mld. Kč"),
        (2_600_000_000, "CZK", "cs", "2,6 mld. Kč"),
        (730_000, "CZK", "cs", "730 000 Kč"),
        (12_345_678, "CZK", "cs", "12 345 678 Kč"),  # not shortened: it would round
        (2_500_000, "CZK", "cs", "2,5 mil. Kč"),
        (500_000, "EUR", "cs", "500 000 EUR"),
        (10_000_000, "CZK", "en", "CZK 10 million"),
        (730_000, "CZK", "en", "CZK 730,000"),
        (500_000, "EUR", "en", "€500,000"),
        (2_500_000, "EUR", "en", "€2.5 million"),
    ],
)
def test_format_amount(amount: float, currency: str, lang: str, expected: str) -> None:
    assert plain(format_amount(amount, currency, lang)) == expected


def test_czech_amounts_use_no_break_spaces() -> None:
    assert format_amount(730_000, "CZK", "cs") == f"730{NNBSP}000{NBSP}Kč"
    assert format_amount(10_000_000, "CZK", "cs") == f"10{NBSP}mil.{NBSP}Kč"


@pytest.mark.parametrize("bad", [None, {}, {"amount": "lots"}, {"amount": True}, "10 mil"])
def test_format_money_ignores_malformed_values(bad: object) -> None:
    assert format_money(bad, "cs") is None


@pytest.mark.parametrize(
    ("n", "cs", "en"),
    [
        (0, "končí dnes", "closes today"),
        (1, "zbývá 1 den", "1 day left"),
        (3, "zbývají 3 dny", "3 days left"),
        (12, "zbývá 12 dní", "12 days left"),
    ],
)
def test_days_left_words(n: int, cs: str, en: str) -> None:
    assert plain(format_days_left(n, "cs")) == cs
    assert plain(format_days_left(n, "en")) == en


def test_days_left_counts_calendar_days_in_prague() -> None:
    evening = datetime(2026, 3, 2, 23, 30, tzinfo=UTC)  # already 3 March in Prague (UTC+1)
    assert days_left(datetime.fromisoformat("2026-03-04T23:59:59+01:00"), evening) == 1


def test_shift_in_weeks_or_days() -> None:
    assert plain(format_shift(21, "cs")) == "o 3 týdny později"
    assert plain(format_shift(-5, "cs")) == "o 5 dní dříve"
    assert plain(format_shift(7, "en")) == "1 week later"
    assert plain(format_shift(-1, "en")) == "1 day earlier"


def test_deadline_moved_is_said_in_words() -> None:
    old, new = ["2026-03-12T23:59:59+01:00"], ["2026-04-02T23:59:59+02:00"]
    assert [plain(n) for n in describe("deadlines", old, new, "cs", NOW)] == [
        "uzávěrka posunuta z 12. 3. na 2. 4. (o 3 týdny později)"
    ]
    assert [plain(n) for n in describe("deadlines", old, new, "en", NOW)] == [
        "deadline moved from 12. 3. to 2. 4. (3 weeks later)"
    ]


def test_deadline_in_another_year_shows_the_year() -> None:
    notices = describe("deadlines", ["2026-12-20T23:59:59+01:00"], ["2027-01-10T23:59:59+01:00"], "cs", NOW)
    assert plain(notices[0]).startswith("uzávěrka posunuta z 20. 12. na 10. 1. 2027")


def test_changes_collapse_and_a_change_undone_says_nothing() -> None:
    def change(field: str, old: object, new: object) -> SimpleNamespace:
        return SimpleNamespace(field=field, old_value=old, new_value=new)

    changes = [
        change("status", "open", "closed"),
        change("status", "closed", "open"),
        change("budget_total", {"amount": 1_000_000, "currency": "CZK"}, {"amount": 2_000_000, "currency": "CZK"}),
        change("budget_total", {"amount": 2_000_000, "currency": "CZK"}, {"amount": 3_000_000, "currency": "CZK"}),
        change("description", "a", "b"),  # not worth a notice
    ]
    assert [plain(n) for n in describe_changes(changes, "cs", NOW)] == ["alokace změněna z 1 mil. Kč na 3 mil. Kč"]


def test_status_and_applicant_notices() -> None:
    assert describe("status", "open", "cancelled", "en", NOW) == ["the call was cancelled"]
    assert describe("status", "forthcoming", "open", "cs", NOW) == ["stav změněn z „připravovaná“ na „otevřená“"]
    assert describe("applicants", ["sme"], ["sme", "university"], "en", NOW) == ["now open to: universities"]
    # Codes outside the vocabulary are shown as stored.
    assert describe("status", "draft", "open", "en", NOW) == ["status changed from “draft” to “open”"]
    assert describe("applicants", ["sme", "guild"], ["university"], "cs", NOW) == [
        "nově mohou žádat: vysoké školy",
        "už nemohou žádat: guild, malé a střední podniky",
    ]


def test_token_round_trip() -> None:
    token = make_token("s3cret", "feedback-not-relevant", 42, "tacr:TN1")
    assert read_token("s3cret", token, "feedback-not-relevant", max_age=None) == {
        "purpose": "feedback-not-relevant",
        "member_id": 42,
        "call_id": "tacr:TN1",
    }


@pytest.mark.parametrize(
    ("secret", "purpose"),
    [("other", "unsubscribe"), ("s3cret", "feed"), ("s3cret", "feedback-relevant")],
)
def test_token_is_bound_to_secret_and_purpose(secret: str, purpose: str) -> None:
    token = make_token("s3cret", "unsubscribe", 42)
    with pytest.raises(BadToken):
        read_token(secret, token, purpose)


def test_tampered_and_expired_tokens_are_refused() -> None:
    token = make_token("s3cret", "unsubscribe", 42)
    _payload, _, rest = token.partition(".")
    forged = make_token("s3cret", "unsubscribe", 43).partition(".")[0] + "." + rest
    with pytest.raises(BadToken):
        read_token("s3cret", forged, "unsubscribe")
    with pytest.raises(BadToken):
        read_token("s3cret", token, "unsubscribe", max_age=-1)


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://tacr.gov.cz/soutez/", True),
        ("http://www.olkraj.cz/dotace?id=1", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        ("data:text/html,<script>", False),
        ("/relative/path", False),
        ("https://x.cz/a\r\nBcc: y", False),
        ("https://", False),
        (None, False),
    ],
)
def test_safe_url(url: object, ok: bool) -> None:
    assert (safe_url(url) is not None) is ok


def test_link_maker_refuses_a_non_http_base() -> None:
    with pytest.raises(ValueError):
        LinkMaker("javascript:alert(1)", "k")
    links = LinkMaker("https://radar.example.org/", "k")
    assert links.unsubscribe(7).startswith("https://radar.example.org/unsubscribe/")
    assert links.feed(7, "ics").endswith(".ics")


def test_header_text_removes_line_breaks_and_controls() -> None:
    assert header_text("Výzva\r\nBcc: evil@example.org\x00\u2028x") == "Výzva Bcc: evil@example.org x"
    assert len(header_text("x" * 500)) == 200


@pytest.mark.parametrize("bad", ["a@b.cz\r\nBcc: c@d.cz", "Name <a@b.cz>", "a b@c.cz", "nobody", ""])
def test_check_address_refuses_anything_but_a_plain_address(bad: str) -> None:
    with pytest.raises(BadAddress):
        check_address(bad)


def test_message_id_is_fixed_by_kind_recipient_and_period() -> None:
    first = message_id("member", "a@b.cz", "2026-W10", "example.org")
    assert first == message_id("member", "A@B.cz", "2026-W10", "example.org")
    assert first != message_id("member", "a@b.cz", "2026-W11", "example.org")
    assert first.startswith("<2026-W10.member.") and first.endswith("@example.org>")


def test_ics_text_escaping_and_folding() -> None:
    assert escape_text("a;b,c\\d\r\nBEGIN:VEVENT") == "a\\;b\\,c\\\\d\\nBEGIN:VEVENT"
    line = "SUMMARY:" + "ž" * 60
    folded = fold(line)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line


def test_calendar_all_day_events_take_the_display_zones_day_and_timed_ones_are_utc() -> None:
    def event(uid: str, start: datetime, all_day: bool, url: str | None) -> dict[str, object]:
        return {
            "uid": uid,
            "summary": f"Uzávěrka: {uid}",
            "description": "",
            "url": url,
            "start": start,
            "all_day": all_day,
        }

    date_only = datetime(2026, 3, 27, 22, 59, 59, tzinfo=UTC)  # 27 March 23:59:59 in Prague
    timed = datetime(2026, 4, 15, 15, 0, tzinfo=UTC)
    text = build_calendar(
        [event("a@x", date_only, True, "https://x.cz/a"), event("b@x", timed, False, None)], "grantradar", NOW
    )
    assert text.endswith("END:VCALENDAR\r\n")
    lines = text.split("\r\n")
    assert lines.count("BEGIN:VEVENT") == 2 and lines.count("TRIGGER:-P7D") == 2
    assert "DTSTART;VALUE=DATE:20260327" in lines and "DTEND;VALUE=DATE:20260328" in lines
    assert "DTSTART:20260415T150000Z" in lines
    assert "URL:https://x.cz/a" in lines and sum(line.startswith("URL:") for line in lines) == 1
    # 23:30 UTC is already the next day in Prague, still the same day in New York.
    late = [event("c@x", datetime(2026, 3, 27, 23, 30, tzinfo=UTC), True, None)]
    assert "DTSTART;VALUE=DATE:20260328" in build_calendar(late, "g", NOW).split("\r\n")
    assert "DTSTART;VALUE=DATE:20260327" in build_calendar(late, "g", NOW, "America/New_York").split("\r\n")


def test_frozen_now_helper_is_aware() -> None:
    assert (NOW + timedelta(days=1)).tzinfo is UTC


def test_region_change_is_named_not_coded() -> None:
    [cs] = describe("region", "CZ071", "CZ", "cs", NOW)
    [en] = describe("region", "CZ071", "CZ064", "en", NOW)
    assert "Olomoucký kraj" in cs and "CZ071" not in cs
    assert "Olomouc Region" in en and "South Moravian Region" in en
