"""Export of the approved shortlist: CSV, and newsletter HTML ready to forward to members."""

from __future__ import annotations

from typing import Any

import css_inline
from flask import Blueprint, Response, render_template, request

from digests.i18n import APPLICANT_NAMES
from review.app import db, state
from review.export import deadline_text, group_by_pillar, load_shortlist, money_lines, shortlist_csv
from review.security import PREVIEW_CSP, login_required
from store.base import utcnow

bp = Blueprint("exports", __name__, url_prefix="/export")

NEWSLETTER_TEXT = {
    "cs": {"title": "Vybrané dotační výzvy", "intro": "Výběr výzev, které kancelář klastru doporučuje členům.",
           "deadline": "Uzávěrka", "no_deadline": "uzávěrka neuvedena", "applicants": "Kdo může žádat",
           "note": "Poznámka kanceláře klastru", "other": "Další výzvy",
           "empty": "Zatím není schválena žádná výzva."},
    "en": {"title": "Selected funding calls", "intro": "Calls the cluster office recommends to members.",
           "deadline": "Deadline", "no_deadline": "no deadline given", "applicants": "Who may apply",
           "note": "Note from the cluster office", "other": "Other calls",
           "empty": "No call has been approved yet."},
}  # fmt: skip


@bp.get("")
@login_required
def index() -> Any:
    items = load_shortlist(db(), state().pillar_min)
    return render_template("export.html", count=len(items))


@bp.get("/shortlist.csv")
@login_required
def shortlist() -> Any:
    text = shortlist_csv(load_shortlist(db(), state().pillar_min))
    stamp = utcnow().strftime("%Y-%m-%d")
    return Response(
        # A BOM so that spreadsheet programs read the Czech letters as UTF-8.
        "\ufeff" + text,
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="grantradar-shortlist-{stamp}.csv"'},
    )


def render_newsletter(lang: str) -> str:
    """The shortlist as one self-contained HTML document with inlined CSS (mail clients drop <style>)."""
    cfg = state().config
    pillars = state().pillars
    names = {p.slug: (p.name_cs if lang == "cs" else p.name_en) for p in pillars}
    items = load_shortlist(db(), state().pillar_min)
    groups = group_by_pillar(items, [p.slug for p in pillars])
    html = render_template(
        "newsletter.html",
        lang=lang,
        t=NEWSLETTER_TEXT[lang],
        applicant_names=APPLICANT_NAMES[lang],
        groups=groups,
        pillar_names=names,
        money_lines=money_lines,
        deadline_text=lambda call: deadline_text(call, lang, cfg.timezone),
        contact=cfg.contact_email,
        today=utcnow(),
    )
    return str(css_inline.inline(html))


@bp.get("/newsletter.html")
@login_required
def newsletter() -> Any:
    lang = request.args.get("lang") if request.args.get("lang") in NEWSLETTER_TEXT else "cs"
    headers = {"Content-Security-Policy": PREVIEW_CSP}
    if request.args.get("download") == "1":
        headers["Content-Disposition"] = f'attachment; filename="grantradar-newsletter-{lang}.html"'
    return Response(render_newsletter(lang), mimetype="text/html", headers=headers)
