"""Parsing the forms Czech (and EU) sources write dates, windows, money, percentages and applicants in.

All functions are pure. Dates come back timezone-aware: a time given by a Czech source is Europe/Prague wall
time; a deadline given as a date only means 23:59:59 of that day, an opening given as a date only 00:00
(CONTRACTS.md §3). Forms covered are those of CONTRACTS.md §3 and SOURCES.md §11; see tests/test_czech.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from email.utils import parsedate_to_datetime
from typing import Any
from zoneinfo import ZoneInfo

import ftfy

PRAGUE = ZoneInfo("Europe/Prague")

MONTHS_CS = {
    # genitive (the form used in dates) and nominative
    "ledna": 1, "leden": 1,
    "února": 2, "únor": 2,
    "března": 3, "březen": 3,
    "dubna": 4, "duben": 4,
    "května": 5, "květen": 5,
    "června": 6, "červen": 6,
    "července": 7, "červenec": 7,
    "srpna": 8, "srpen": 8,
    "září": 9,
    "října": 10, "říjen": 10,
    "listopadu": 11, "listopad": 11,
    "prosince": 12, "prosinec": 12,
}  # fmt: skip

# Spaces of every kind sources use inside numbers and between words; U+2060 (word joiner) is dropped.
_SPACES = re.compile(r"[\s\u00a0\u2007\u2009\u202f\u200b]+")


def repair_text(text: str) -> str:
    """Undo mojibake ("â€“" for "–", "Â " for a no-break space) that real sources carry: the EU topics come
    UTF-8 encoded twice. ftfy recognises these sequences far more safely than a hand-written table would, and
    leaves correct Czech text alone; typographic quotes are kept as they are."""
    return ftfy.fix_text(text, uncurl_quotes=False, normalization="NFC")


def clean_text(text: str | None) -> str:
    """Repair mojibake, collapse whitespace (NBSP and thin spaces included), drop word joiners; None is ''."""
    if not text:
        return ""
    text = repair_text(text).replace("\u2060", "").replace("\ufeff", "")
    return _SPACES.sub(" ", text).strip()


# The MS2021+ call code ("01_26_015") that optak, dotaceeu, ms2021 and feed entries share: one call, one code.
CALL_CODE = re.compile(r"(?<![\d_])(\d{2}_\d{2}_\d{3})(?![\d_])")


# ---------------------------------------------------------------------------------------------- dates

_TIME = r"(?P<h>\d{1,2})[:.](?P<mi>\d{2})(?:[:.](?P<s>\d{2}))?"
_NUMERIC_DATE = re.compile(r"(?P<d>\d{1,2})\s*\.\s*(?P<m>\d{1,2})\s*\.\s*(?P<y>\d{4})?")
_WORD_DATE = re.compile(
    r"(?P<d>\d{1,2})\s*\.\s*(?P<mname>" + "|".join(sorted(MONTHS_CS, key=len, reverse=True)) + r")\s*(?P<y>\d{4})?",
    re.IGNORECASE,
)
_TIME_RE = re.compile(_TIME)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def _find_time(text: str) -> time | None:
    match = _TIME_RE.search(text)
    if not match:
        return None
    hour, minute = int(match["h"]), int(match["mi"])
    second = int(match["s"]) if match["s"] else 0
    if hour > 23 or minute > 59 or second > 59:
        return None
    return time(hour, minute, second)


def _find_date(text: str, default_year: int | None = None) -> tuple[date, re.Match[str]] | None:
    """The first day.month.year or day. month-name year in `text`."""
    candidates = [m for m in (_WORD_DATE.search(text), _NUMERIC_DATE.search(text)) if m]
    if not candidates:
        return None
    match = min(candidates, key=lambda m: m.start())
    if "mname" in match.groupdict() and match.groupdict().get("mname"):
        month = MONTHS_CS[match["mname"].lower()]
    else:
        month = int(match["m"])
    year = int(match["y"]) if match["y"] else default_year
    if year is None:
        return None
    try:
        return date(year, month, int(match["d"])), match
    except ValueError:
        return None


def to_prague(day: date, at: time | None, end_of_day: bool) -> datetime:
    if at is None:
        at = time(23, 59, 59) if end_of_day else time(0, 0)
    return datetime.combine(day, at, tzinfo=PRAGUE)


def parse_date(text: str | None, *, end_of_day: bool = False, default_year: int | None = None) -> datetime | None:
    """Parse one date with an optional time; ISO 8601 and RFC 2822 are accepted as well.

    `end_of_day` says what a bare date means: True for deadlines (23:59:59), False for openings (00:00).
    `default_year` fills a date written without its year ("7.4.").
    """
    text = clean_text(text)
    if not text:
        return None
    if _ISO_DATE.match(text):
        return _parse_iso(text, end_of_day)
    if re.match(r"^[A-Z][a-z]{2}, \d", text):
        try:
            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError):
            return None
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=PRAGUE)
    found = _find_date(text, default_year)
    if not found:
        return None
    day, match = found
    return to_prague(day, _find_time(text[match.end() :]), end_of_day)


def _parse_iso(text: str, end_of_day: bool) -> datetime | None:
    value = text.replace("Z", "+00:00")
    # SEDIA writes +0200; fromisoformat wants +02:00 before Python 3.11 accepted both; normalise anyway.
    value = re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", value)
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    if len(text) == 10:  # a date only
        return to_prague(parsed.date(), None, end_of_day)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=PRAGUE)


_RANGE_SPLIT = re.compile(r"\s*(?:[-–—]|\bdo\b)\s*(?=\d)")


def parse_date_range(text: str | None) -> tuple[datetime | None, datetime | None]:
    """Parse a window: "10. 9. 2026 - 27. 10. 2026", "7.4. - 17.4.2026 do 12:00",
    "od 30.06.2026 od 8:00 do 10.08.2026 do 14:00 hod.", "1. 2. - 28. 2. 2022".

    A start written without a year takes the end's year (the year before when that would put it after the end).
    """
    text = clean_text(text)
    if not text:
        return None, None
    text = re.sub(r"^\s*od\s+", "", text, flags=re.IGNORECASE)
    parts = _RANGE_SPLIT.split(text, maxsplit=1)
    if len(parts) == 1:
        # "od 30.06.2026 od 8:00 do 10.08.2026": split on the second date instead.
        dates = list(_NUMERIC_DATE.finditer(text))
        if len(dates) >= 2:
            parts = [text[: dates[1].start()], text[dates[1].start() :]]
        else:
            return parse_date(text), None
    start_text, end_text = parts
    end = parse_date(end_text, end_of_day=True)
    start = parse_date(start_text, end_of_day=False, default_year=end.year if end else None)
    if start and end and start > end and not re.search(r"\d{4}", start_text):
        start = start.replace(year=start.year - 1)
    return start, end


def iso(value: datetime | None) -> str | None:
    """ISO 8601 with its UTC offset, seconds precision (the record's date format)."""
    if value is None:
        return None
    return value.replace(microsecond=0).isoformat()


def status_from_window(
    opens_at: datetime | None, deadlines: list[datetime], now: datetime, native: str | None = None
) -> str:
    """Status from the window; a native 'cancelled' or an early 'closed' from the source wins over dates."""
    if native in {"cancelled"}:
        return "cancelled"
    future = [d for d in deadlines if d >= now]
    if deadlines and not future:
        return "closed"
    if native == "closed" and deadlines:
        # Early closure announced by the source (e.g. OP TAK STEP at 300 % of the allocation).
        return "closed"
    if opens_at and opens_at > now:
        return "forthcoming"
    if future or opens_at:
        return "open"
    return native or "unknown"


# ---------------------------------------------------------------------------------------------- money


@dataclass(frozen=True)
class Money:
    amount: float
    currency: str

    def as_dict(self) -> dict[str, Any]:
        amount: float | int = int(self.amount) if float(self.amount).is_integer() else self.amount
        return {"amount": amount, "currency": self.currency}


_MULTIPLIERS = (
    (re.compile(r"^(mld\.?|miliard[ayu]?|mld)\b", re.IGNORECASE), 1_000_000_000),
    (re.compile(r"^(mil\.?|milion[ůuy]?|miliony|mio\.?|million[s]?|m\b)", re.IGNORECASE), 1_000_000),
    (re.compile(r"^(tis\.?|tisíc|thousand|k\b)", re.IGNORECASE), 1_000),
    (re.compile(r"^(bn|billion[s]?)\b", re.IGNORECASE), 1_000_000_000),
)
_CURRENCIES = (
    (re.compile(r"K[čc]|CZK", re.IGNORECASE), "CZK"),
    (re.compile(r"EUR|€|eur(?:o|a|)\b", re.IGNORECASE), "EUR"),
)
# A number: digit groups separated by spaces or dots (thousands), optional decimal comma or point.
_NUMBER = re.compile(r"(?<![\d,.])(\d{1,3}(?:[ .]\d{3})+|\d+)(?:[,.](\d+))?(?:,-|,–)?")


def _to_number(integer_part: str, decimals: str | None) -> float:
    digits = integer_part.replace(" ", "").replace(".", "")
    value = float(digits)
    if decimals:
        value += float("0." + decimals)
    return value


def parse_money(text: str | None, default_currency: str | None = None) -> Money | None:
    """Parse an amount: "10 mil. Kč", "1,5 mld. Kč", "2 600 000 000 Kč", "100.000,- Kč", "500 000 EUR",
    "200 tis. EUR", "€ 2 000 000", "EUR 5 million". The first amount in the text is taken."""
    text = clean_text(text)
    if not text:
        return None
    match = _NUMBER.search(text)
    if not match:
        return None
    integer_part, decimals = match.group(1), match.group(2)
    # "100.000" is thousands with a dot; "1,5" and "2.5" are decimals; "50 000." ends a sentence.
    if decimals and len(decimals) == 3 and "." in match.group(0) and "," not in match.group(0):
        integer_part, decimals = integer_part + decimals, None
    value = _to_number(integer_part, decimals)
    rest = text[match.end() :].lstrip(" .")
    for pattern, factor in _MULTIPLIERS:
        if pattern.match(rest):
            value *= factor
            rest = pattern.sub("", rest, count=1).lstrip(" .")
            break
    currency = None
    window = text[max(0, match.start() - 5) : match.end() + 25]
    for pattern, code in _CURRENCIES:
        if pattern.search(rest[:12]) or pattern.search(window):
            currency = code
            break
    currency = currency or default_currency
    if currency is None:
        return None
    return Money(round(value, 2), currency)


_PERCENT = re.compile(r"(\d+(?:[,.]\d+)?)\s*%")
_PERCENT_RANGE = re.compile(r"(\d+(?:[,.]\d+)?)\s*[-–—]\s*(\d+(?:[,.]\d+)?)\s*%")


def parse_percent_max(text: str | None) -> float | None:
    """The maximum rate in "70 %", "50 – 75 %", "max. 80 %"."""
    text = clean_text(text)
    if not text:
        return None
    values = [float(v.replace(",", ".")) for pair in _PERCENT_RANGE.findall(text) for v in pair]
    values += [float(v.replace(",", ".")) for v in _PERCENT.findall(text)]
    values = [v for v in values if 0 < v <= 100]
    return max(values) if values else None


# ---------------------------------------------------------------------------------------------- applicants

_APPLICANT_RULES: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (re.compile(r"mal[ýéá]\w* a středn\w* podnik|\bMSP\b|\bSME", re.IGNORECASE), ("sme", "enterprise")),
    (re.compile(r"mal[ýéá]\w* podnik|mikropodnik|start-?up", re.IGNORECASE), ("sme", "enterprise")),
    (re.compile(r"střední\w* podnik", re.IGNORECASE), ("sme", "enterprise")),
    (re.compile(r"velk[ýéá]\w* podnik|large enterprise", re.IGNORECASE), ("large_enterprise", "enterprise")),
    (re.compile(r"\bpodnik|podnikatel|\bfirm|enterprise|compan", re.IGNORECASE), ("enterprise",)),
    (re.compile(r"výzkumn\w* organizac|organizac\w* pro výzkum|research org", re.IGNORECASE), ("research_org",)),
    (re.compile(r"vysok\w* škol|univerzit|universit", re.IGNORECASE), ("university", "research_org")),
    (re.compile(r"organizační\w* slož\w* státu|státní\w* (orgán|instituc)|ministerstv|kraj\b|krajsk|"
                r"příspěvkov\w* organizac|public bod", re.IGNORECASE), ("public_body",)),
    (re.compile(r"\bobc[eíi]\b|\bobcemi\b|\bobec\b|městys|měst[ao]\b|municipal|svazk\w* obcí", re.IGNORECASE),
     ("municipality",)),
    (re.compile(r"nestátní\w* neziskov|neziskov\w* organizac|spol(ek|ky|ků)|nadac|\bNNO\b|o\.\s?p\.\s?s\.|"
                r"\bNGO|non-profit", re.IGNORECASE), ("ngo",)),
    (re.compile(r"fyzick\w* osob|individu|\bOSVČ\b|\bFO\b", re.IGNORECASE), ("individual",)),
    # "FO a PO": natural and legal persons, i.e. anyone, companies included.
    (re.compile(r"\bPO\b"), ("enterprise",)),
)  # fmt: skip


def map_applicants(text: str | None) -> list[str]:
    """Map the source's words for applicants to the record's vocabulary, in the vocabulary's order."""
    from spiders.items import APPLICANT_TYPES

    text = clean_text(text)
    found: set[str] = set()
    for pattern, types in _APPLICANT_RULES:
        if pattern.search(text):
            found.update(types)
    return [t for t in APPLICANT_TYPES if t in found]


def end_of_day(day: date) -> datetime:
    return to_prague(day, None, end_of_day=True)
