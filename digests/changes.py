"""Change notices in words: "uzávěrka posunuta z 12. 3. na 2. 4. (o 3 týdny později)".

Users call change alerts spammy when they do not say what changed (PRODUCT.md), so every notice names the field,
the old and the new value. Several changes of one field since the last digest collapse into one (first old value,
last new value); a field changed and changed back says nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, Protocol

from digests.formatting import format_money, format_percent, format_shift, format_short_date, local
from digests.i18n import applicant_name, region_name, status_name, translator
from store.calls import parse_iso

# Fields worth a notice, in the order notices are listed. Description, keywords and URL edits are noise.
NOTIFY_FIELDS = (
    "status",
    "deadlines",
    "opens_at",
    "budget_total",
    "grant_max",
    "grant_min",
    "funding_rate_max",
    "applicants",
    "eligibility_text",
    "region",
    "title",
    "documents",
)


class ChangeLike(Protocol):
    field: str
    old_value: Any
    new_value: Any


def collapse(changes: Iterable[ChangeLike]) -> dict[str, tuple[Any, Any]]:
    """Field → (oldest old value, newest new value), for the changes given in time order."""
    out: dict[str, tuple[Any, Any]] = {}
    for change in changes:
        if change.field in out:
            out[change.field] = (out[change.field][0], change.new_value)
        else:
            out[change.field] = (change.old_value, change.new_value)
    return {name: pair for name, pair in out.items() if pair[0] != pair[1]}


def _dates(values: Any) -> list[datetime]:
    if not isinstance(values, list):
        return []
    return sorted(d for d in (parse_iso(v) for v in values if isinstance(v, str)) if d is not None)


def _deadline_notices(old: Any, new: Any, lang: str, now: datetime, tz: str) -> list[str]:
    t = translator(lang)
    year = local(now, tz).year
    old_dates, new_dates = _dates(old), _dates(new)
    # Compare the deadlines still ahead (a passed stage moving is not news); fall back to all of them.
    old_ahead = [d for d in old_dates if d >= now] or old_dates
    new_ahead = [d for d in new_dates if d >= now] or new_dates
    notices: list[str] = []
    for i in range(max(len(old_ahead), len(new_ahead))):
        before = old_ahead[i] if i < len(old_ahead) else None
        after = new_ahead[i] if i < len(new_ahead) else None
        if before and after:
            if local(before, tz).date() == local(after, tz).date():
                continue
            shift = (local(after, tz).date() - local(before, tz).date()).days
            notices.append(
                t(
                    "ch_deadline_moved",
                    old=format_short_date(before, lang, year, tz),
                    new=format_short_date(after, lang, year, tz),
                    shift=format_shift(shift, lang),
                )
            )
        elif after:
            notices.append(t("ch_deadline_added", new=format_short_date(after, lang, year, tz)))
        elif before:
            notices.append(t("ch_deadline_removed", old=format_short_date(before, lang, year, tz)))
    return notices


def describe(field: str, old: Any, new: Any, lang: str, now: datetime, tz: str = "Europe/Prague") -> list[str]:
    """The notices for one field's change (empty when the change is not worth telling)."""
    t = translator(lang)
    if field == "deadlines":
        return _deadline_notices(old, new, lang, now, tz)
    if field == "status":
        if new == "cancelled":
            return [t("ch_cancelled")]
        return [t("ch_status", old=status_name(str(old), lang), new=status_name(str(new), lang))]
    if field in {"budget_total", "grant_max", "grant_min"}:
        label = t(f"lbl_{field}")
        old_text, new_text = format_money(old, lang), format_money(new, lang)
        if new_text is None or old_text == new_text:
            return []
        if old_text is None:
            return [t("ch_money_set", label=label, new=new_text)]
        return [t("ch_money", label=label, old=old_text, new=new_text)]
    if field == "funding_rate_max":
        old_rate = format_percent(old, lang) if isinstance(old, int | float) else None
        new_rate = format_percent(new, lang) if isinstance(new, int | float) else None
        return [t("ch_rate", old=old_rate or "—", new=new_rate)] if new_rate else []
    if field == "title":
        return [t("ch_title", old=str(old or ""), new=str(new or ""))]
    if field == "opens_at":
        before, after = parse_iso(old), parse_iso(new)
        if before and after and local(before, tz).date() != local(after, tz).date():
            year = local(now, tz).year
            return [
                t(
                    "ch_opens",
                    old=format_short_date(before, lang, year, tz),
                    new=format_short_date(after, lang, year, tz),
                )
            ]
        return []
    if field == "applicants":
        before_set = {a for a in old or [] if isinstance(a, str)}
        after_set = {a for a in new or [] if isinstance(a, str)}
        notices = []
        if added := sorted(after_set - before_set):
            notices.append(t("ch_applicants_added", items=", ".join(applicant_name(a, lang) for a in added)))
        if removed := sorted(before_set - after_set):
            notices.append(t("ch_applicants_removed", items=", ".join(applicant_name(a, lang) for a in removed)))
        return notices
    if field == "eligibility_text":
        return [t("ch_eligibility")] if new else []
    if field == "documents":
        old_urls = {d.get("url") for d in old or [] if isinstance(d, dict)}
        added_docs = [d for d in new or [] if isinstance(d, dict) and d.get("url") not in old_urls]
        return [t("ch_documents", n=len(added_docs))] if added_docs else []
    if field == "region":
        return [t("ch_region", old=region_name(old, lang) if old else "—", new=region_name(new, lang) if new else "—")]
    return []


def describe_changes(changes: Iterable[ChangeLike], lang: str, now: datetime, tz: str = "Europe/Prague") -> list[str]:
    """All notices for a call's changes since the last digest, in NOTIFY_FIELDS order."""
    collapsed = collapse(changes)
    notices: list[str] = []
    for name in NOTIFY_FIELDS:
        if name in collapsed:
            old, new = collapsed[name]
            notices.extend(describe(name, old, new, lang, now, tz))
    return notices
