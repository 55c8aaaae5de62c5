"""Dates, days left and money as a reader expects them: the Czech way in Czech, the usual way in English.

Pure functions, no I/O. Czech: "27. října 2026" (month in the genitive), "10 mil. Kč", "1,5 mld. Kč",
"730 000 Kč" (digits grouped by a narrow no-break space, a no-break space before the unit, so a mail client
never wraps "10 mil." away from "Kč"). English: "27 October 2026", "CZK 10 million", "€500,000".
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

NBSP = "\u00a0"
NNBSP = "\u202f"  # narrow no-break space: the Czech thousands separator

# Hosts whose URLs point into an open-data file rather than a page about the call: the MS2021+ spider's only URL
# is `https://ms21opendata.mssf.cz/SeznamVyzev_21_27.xml#<KOD>`, a whole-register XML download.
OPEN_DATA_HOSTS = frozenset({"ms21opendata.mssf.cz"})

MONTHS_CS_GENITIVE = (
    "ledna", "února", "března", "dubna", "května", "června",
    "července", "srpna", "září", "října", "listopadu", "prosince",
)  # fmt: skip
MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def plural_cs(n: int, one: str, few: str, many: str) -> str:
    """Czech plural: 1 den, 2–4 dny, 0 and 5+ dní (also for negative numbers by absolute value)."""
    n = abs(n)
    if n == 1:
        return one
    if 2 <= n <= 4:
        return few
    return many


def local(dt: datetime, tz: str = "Europe/Prague") -> datetime:
    """An aware datetime in the display zone (naive input is refused: store datetimes are aware)."""
    if dt.tzinfo is None:
        raise ValueError("naive datetime")
    return dt.astimezone(ZoneInfo(tz))


def format_date(value: datetime | date, lang: str, tz: str = "Europe/Prague") -> str:
    """`27. října 2026` / `27 October 2026`."""
    day = local(value, tz).date() if isinstance(value, datetime) else value
    if lang == "cs":
        return f"{day.day}.{NBSP}{MONTHS_CS_GENITIVE[day.month - 1]} {day.year}"
    return f"{day.day}{NBSP}{MONTHS_EN[day.month - 1]} {day.year}"


def is_date_only(moment: datetime) -> bool:
    """True when a local deadline carries no time of its own (a date-only deadline is stored as 23:59:59; some
    sources give midnight)."""
    return (moment.hour, moment.minute) in {(23, 59), (0, 0)}


def format_deadline(value: datetime, lang: str, tz: str = "Europe/Prague") -> str:
    """The date, plus the time when the source gave one (a date-only deadline is stored as 23:59:59)."""
    moment = local(value, tz)
    text = format_date(moment, lang, tz)
    if not is_date_only(moment):
        text += f", {moment.hour}:{moment.minute:02d}"
    return text


def format_short_date(value: datetime, lang: str, ref_year: int | None = None, tz: str = "Europe/Prague") -> str:
    """`12. 3.` (with the year, `12. 3. 2027`, when it is not `ref_year`). Used in change notices in both
    languages: it is how the Czech sources write dates and it stays short."""
    day = local(value, tz).date()
    text = f"{day.day}.{NBSP}{day.month}."
    if ref_year is not None and day.year != ref_year:
        text += f" {day.year}"
    return text


def days_left(deadline: datetime, now: datetime, tz: str = "Europe/Prague") -> int:
    """Calendar days from today to the deadline's day in the display zone (0 = closes today)."""
    return (local(deadline, tz).date() - local(now, tz).date()).days


def format_days_left(n: int, lang: str) -> str:
    if lang == "cs":
        if n < 0:
            return "uzavřeno"
        if n == 0:
            return "končí dnes"
        verb = "zbývá" if n == 1 or n >= 5 else "zbývají"
        return f"{verb} {n}{NBSP}{plural_cs(n, 'den', 'dny', 'dní')}"
    if n < 0:
        return "closed"
    if n == 0:
        return "closes today"
    return f"{n}{NBSP}{'day' if n == 1 else 'days'} left"


def format_shift(days: int, lang: str) -> str:
    """How far a date moved: `o 3 týdny později` / `3 weeks later` (weeks when it is whole weeks)."""
    later = days > 0
    n = abs(days)
    if lang == "cs":
        if n % 7 == 0:
            unit = plural_cs(n // 7, "týden", "týdny", "týdnů")
            n = n // 7
        else:
            unit = plural_cs(n, "den", "dny", "dní")
        return f"o {n}{NBSP}{unit} {'později' if later else 'dříve'}"
    if n % 7 == 0:
        n = n // 7
        unit = "week" if n == 1 else "weeks"
    else:
        unit = "day" if n == 1 else "days"
    return f"{n}{NBSP}{unit} {'later' if later else 'earlier'}"


def group_digits(n: int, lang: str) -> str:
    """`730 000` (narrow no-break spaces) / `730,000`."""
    text = f"{abs(n):,}".replace(",", NNBSP if lang == "cs" else ",")
    return f"-{text}" if n < 0 else text


def _decimal(value: float, lang: str) -> str:
    """Up to two decimals, trailing zeros dropped, decimal comma in Czech."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang == "cs" else text


def format_amount(amount: float, currency: str, lang: str) -> str:
    """`10 mil. Kč`, `1,5 mld. Kč`, `730 000 Kč`, `500 000 EUR` / `CZK 10 million`, `€500,000`.

    The short forms are used only when exact to two decimals (a multiple of 10 000 for millions), so a
    reader never sees a rounded figure presented as the real one.
    """
    currency = (currency or "").upper()
    whole = round(amount)
    if abs(whole) >= 1_000_000_000 and whole % 10_000_000 == 0:
        scaled, word_cs, word_en = whole / 1_000_000_000, "mld.", "billion"
    elif abs(whole) >= 1_000_000 and whole % 10_000 == 0:
        scaled, word_cs, word_en = whole / 1_000_000, "mil.", "million"
    else:
        scaled, word_cs, word_en = None, "", ""
    if lang == "cs":
        unit = "Kč" if currency == "CZK" else currency
        number = group_digits(whole, lang) if scaled is None else f"{_decimal(scaled, lang)}{NBSP}{word_cs}"
        return f"{number}{NBSP}{unit}"
    number = group_digits(whole, lang) if scaled is None else f"{_decimal(scaled, lang)}{NBSP}{word_en}"
    if currency == "EUR":
        return f"€{number}"
    return f"{currency}{NBSP}{number}"


def format_money(money: Any, lang: str) -> str | None:
    """A record's `{"amount", "currency"}` object formatted, or None when absent or malformed."""
    if not isinstance(money, dict):
        return None
    amount = money.get("amount")
    if isinstance(amount, bool) or not isinstance(amount, int | float):
        return None
    return format_amount(float(amount), str(money.get("currency") or "CZK"), lang)


def format_percent(value: float | None, lang: str) -> str | None:
    if value is None:
        return None
    text = _decimal(float(value), lang)
    return f"{text}{NBSP}%" if lang == "cs" else f"{text}%"


def is_open_data_record(url: str | None) -> bool:
    """True when `url` is a record in an open-data file (not a call page a reader can open and read)."""
    if not url:
        return False
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return False
    return (host or "").lower() in OPEN_DATA_HOSTS
