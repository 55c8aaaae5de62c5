"""Digest content → subject, plain text and HTML, through the Jinja templates of `digest_templates`.

Autoescape is on for every `.html` template (titles, funders and terms are scraped from the web and must never
run as markup) and off for `.txt`, where everything scraped still goes through `oneline` so no line break or
control character from a source lands in the mail. The HTML's `<style>` block is inlined into `style=""`
attributes with css_inline: Gmail (in part), Outlook and many webmail clients drop or ignore `<style>` in the
head, inline styles are the one thing all of them render. Remote stylesheets are never fetched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

import css_inline
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from digests import formatting as f
from digests.compose import CallView, ManagerContent, MemberContent, PillarContent, PillarInfo
from digests.i18n import (
    applicant_names,
    link_label,
    pillars_label,
    region_name,
    reminder_subject,
    status_name,
    subject_counts,
    translator,
)
from digests.reminders import ReminderContent

_SPACE = re.compile(r"[\s\u2028\u2029\u0085]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def oneline(value: Any) -> str:
    """Any value as one line: every run of whitespace (CR, LF, tabs, Unicode separators) → one space."""
    return _SPACE.sub(" ", _CONTROL.sub("", "" if value is None else str(value))).strip()


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("digest_templates", ""),
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=True, default=False),
        undefined=StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=True,
    )
    env.filters["oneline"] = oneline
    return env


@lru_cache(maxsize=1)
def _inliner() -> css_inline.CSSInliner:
    return css_inline.CSSInliner(keep_style_tags=False, load_remote_stylesheets=False)


def inline_css(html: str) -> str:
    return str(_inliner().inline(html))


class Formatter:
    """The formatting helpers a template needs, bound to one language and the display zone."""

    def __init__(self, lang: str, tz: str, pillars: list[PillarInfo]) -> None:
        self.lang = lang
        self.tz = tz
        self.t = translator(lang)
        self._pillars = {p.slug: p for p in pillars}

    def date(self, value: datetime) -> str:
        return f.format_date(value, self.lang, self.tz)

    def deadline(self, value: datetime) -> str:
        return f.format_deadline(value, self.lang, self.tz)

    def days_left(self, n: int | None) -> str:
        return "" if n is None else f.format_days_left(n, self.lang)

    def money(self, value: Any) -> str | None:
        return f.format_money(value, self.lang)

    def percent(self, value: float | None) -> str | None:
        return f.format_percent(value, self.lang)

    def grant_range(self, call: CallView) -> str | None:
        low, high = self.money(call.grant_min), self.money(call.grant_max)
        if low and high and low == high:
            return high
        if low and high:
            return self.t("grant_range", low=low, high=high)
        if high:
            return self.t("grant_up_to", high=high)
        if low:
            return self.t("grant_from", low=low)
        return None

    def _word(self, prefix: str, code: str) -> str:
        try:
            return self.t(f"{prefix}_{code}")
        except KeyError:
            return oneline(code)

    def applicants(self, codes: list[str]) -> str:
        return oneline(applicant_names(codes, self.lang))

    def status(self, code: str) -> str:
        return oneline(status_name(code, self.lang))

    def region(self, code: str) -> str:
        return oneline(region_name(code, self.lang))

    def link_label(self, url: str | None) -> str:
        return link_label(url, self.lang)

    def is_call_page(self, url: str | None) -> bool:
        """A link worth putting on the title: not an entry in a whole-register open-data download."""
        return bool(url) and not f.is_open_data_record(url)

    def run_status(self, code: str) -> str:
        return self._word("run", code)

    def check(self, name: str) -> str:
        return self._word("check", name)

    def pillar_name(self, pillar: PillarInfo) -> str:
        return pillar.name(self.lang)

    def pillars_label(self, slugs: list[str]) -> str:
        return pillars_label(len(slugs), self.lang)

    def pillars(self, slugs: list[str]) -> str:
        return ", ".join(self._pillars[s].name(self.lang) if s in self._pillars else oneline(s) for s in slugs)

    def score(self, value: float | None) -> str:
        return "" if value is None else f"{value:.2f}"


def period_label(period: str, lang: str) -> str:
    """`2026-W47` → `týden 47/2026` / `week 47/2026`."""
    year, _, week = period.partition("-W")
    return f"{'týden' if lang == 'cs' else 'week'} {int(week)}/{year}"


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


def _render(name: str, context: dict[str, Any]) -> tuple[str, str]:
    env = environment()
    text = env.get_template(f"{name}.txt").render(context)
    html = env.get_template(f"{name}.html").render(context)
    return text, inline_css(html)


def _context(lang: str, tz: str, pillars: list[PillarInfo], contact_email: str, **extra: Any) -> dict[str, Any]:
    return {
        "lang": lang,
        "t": translator(lang),
        "fmt": Formatter(lang, tz, pillars),
        "contact_email": contact_email,
        **extra,
    }


def render_member(content: MemberContent, pillars: list[PillarInfo], tz: str, contact_email: str) -> Rendered:
    lang = content.language
    t = translator(lang)
    period = period_label(content.period, lang)
    counts = subject_counts(lang, content.new_count, len(content.changed), len(content.closing))
    subject = f"grantradar: {counts} · {period}" if counts else f"grantradar · {period}"
    context = _context(
        lang,
        tz,
        pillars,
        contact_email,
        content=content,
        period=period,
        title=t("member_title", name=oneline(content.name)),
    )
    text, html = _render("member", context)
    return Rendered(subject, text, html)


def render_pillar(content: PillarContent, pillars: list[PillarInfo], tz: str, contact_email: str) -> Rendered:
    lang = content.language
    t = translator(lang)
    period = period_label(content.period, lang)
    names = ", ".join(g.pillar.name(lang) for g in content.groups if g.pillar)
    counts = subject_counts(lang, len(content.new_ids), 0, 0)
    subject = f"grantradar: {counts} · {names} · {period}"
    context = _context(
        lang, tz, pillars, contact_email, content=content, period=period, title=t("pillar_title", name=names)
    )
    text, html = _render("pillar", context)
    return Rendered(subject, text, html)


def render_manager(content: ManagerContent, pillars: list[PillarInfo], tz: str, contact_email: str) -> Rendered:
    lang = content.language
    t = translator(lang)
    period = period_label(content.period, lang)
    pending = content.counts.get("pending", 0)
    parts = [f"{pending} {t('count_pending')}"]
    if content.failed:
        n = len(content.failed)
        if lang == "cs":
            parts.append(f"{n} {f.plural_cs(n, 'neúspěšný běh', 'neúspěšné běhy', 'neúspěšných běhů')}")
        else:
            parts.append(f"{n} failed {'run' if n == 1 else 'runs'}")
    subject = f"grantradar: {period} · {', '.join(parts)}"
    context = _context(lang, tz, pillars, contact_email, content=content, period=period, title=t("manager_title"))
    text, html = _render("manager", context)
    return Rendered(subject, text, html)


def render_reminder(content: ReminderContent, pillars: list[PillarInfo], tz: str, contact_email: str) -> Rendered:
    """The short closing-soon reminder: the calls, their deadlines and days left, the member's links."""
    lang = content.language
    t = translator(lang)
    fmt = Formatter(lang, tz, pillars)
    nearest = content.entries[0].call if content.entries else None
    left = fmt.days_left(nearest.days_left) if nearest else ""
    subject = "grantradar: " + reminder_subject(lang, [oneline(e.call.title) for e in content.entries], left)
    context = _context(
        lang,
        tz,
        pillars,
        contact_email,
        content=content,
        period=f.format_date(content.day, lang, tz),
        title=t("reminder_title", name=oneline(content.name)),
    )
    text, html = _render("reminder", context)
    return Rendered(subject, text, html)
