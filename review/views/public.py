"""Links from the emails, used without logging in: the signed token in the URL is the credential.

- `/unsubscribe/<token>`: GET shows a confirmation page with one button; POST unsubscribes. The POST is also
  the RFC 8058 one-click target of the List-Unsubscribe-Post header, so it needs no CSRF token.
- `/feedback/<token>`: GET shows what will be recorded and one button; POST records it. GET never changes
  anything because mail scanners and link previews fetch every link of a message; a member's real click
  is one more press of a button.
- `/feeds/<token>.ics`, `/feeds/<token>.atom`: the member's calendar of matched deadlines and feed of matches.

A forged, damaged or expired token (or one made for another purpose) gets a page saying so, status 400, and
changes nothing. Unsubscribe and feed tokens never expire (an old email must still let one stop the mail);
feedback tokens expire after FEEDBACK_MAX_AGE.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, render_template, request

from digests.i18n import member_language
from digests.tokens import BadToken, read_token
from review import actions
from review.app import db, state
from review.security import csrf_exempt
from store.models import Call, Member

bp = Blueprint("public", __name__)

FEEDBACK_MAX_AGE = 180 * 24 * 3600
FEEDBACK_PURPOSES = {"feedback-relevant": "relevant", "feedback-not-relevant": "not_relevant"}

TEXT = {
    "cs": {
        "bad_title": "Odkaz není platný",
        "bad_text": "Tento odkaz není platný nebo mu vypršela platnost. Nic se nezměnilo.",
        "gone_title": "Odkaz už nelze použít",
        "gone_text": "Záznam, na který odkaz ukazuje, už neexistuje. Nic se nezměnilo.",
        "unsub_title": "Odhlásit odběr",
        "unsub_ask": "Opravdu už nechcete dostávat týdenní přehled dotačních výzev na adresu {email}?",
        "unsub_button": "Odhlásit odběr",
        "unsub_done_title": "Odběr je odhlášen",
        "unsub_done": "Na adresu {email} už přehled výzev posílat nebudeme.",
        "fb_title": "Zpětná vazba k výzvě",
        "fb_ask_relevant": "Označit výzvu jako relevantní pro {name}?",
        "fb_ask_not_relevant": "Označit výzvu jako nerelevantní pro {name}? Tuto výzvu vám už nenabídneme.",
        "fb_button_relevant": "Ano, je relevantní",
        "fb_button_not_relevant": "Ano, není relevantní",
        "fb_done_title": "Děkujeme",
        "fb_done_relevant": "Zaznamenali jsme, že výzva je pro vás relevantní.",
        "fb_done_not_relevant": "Zaznamenali jsme, že výzva pro vás není relevantní. Už vám ji nenabídneme.",
    },
    "en": {
        "bad_title": "This link is not valid",
        "bad_text": "This link is not valid or has expired. Nothing was changed.",
        "gone_title": "This link can no longer be used",
        "gone_text": "What this link points to no longer exists. Nothing was changed.",
        "unsub_title": "Unsubscribe",
        "unsub_ask": "Stop the weekly digest of funding calls sent to {email}?",
        "unsub_button": "Unsubscribe",
        "unsub_done_title": "You are unsubscribed",
        "unsub_done": "We will no longer send the digest of calls to {email}.",
        "fb_title": "Feedback on a call",
        "fb_ask_relevant": "Mark this call as relevant for {name}?",
        "fb_ask_not_relevant": "Mark this call as not relevant for {name}? We will not propose it to you again.",
        "fb_button_relevant": "Yes, it is relevant",
        "fb_button_not_relevant": "Yes, it is not relevant",
        "fb_done_title": "Thank you",
        "fb_done_relevant": "We noted that the call is relevant for you.",
        "fb_done_not_relevant": "We noted that the call is not relevant for you. We will not propose it again.",
    },
}


def _invalid(reason: str) -> Any:
    """The bilingual 'not valid' page: we cannot know the member's language from a bad token."""
    return render_template("public_invalid.html", texts=TEXT, reason=reason), 400


def _gone() -> Any:
    return render_template("public_invalid.html", texts=TEXT, reason="gone"), 410


def _member(member_id: int) -> Member | None:
    return db().get(Member, member_id)


@bp.route("/unsubscribe/<token>", methods=["GET", "POST"])
@csrf_exempt
def unsubscribe(token: str) -> Any:
    try:
        data = read_token(state().config.secret_key or "", token, "unsubscribe", max_age=None)
    except BadToken:
        return _invalid("bad")
    member = _member(data["member_id"])
    if member is None:
        return _gone()
    lang = member_language(member.language)
    done = False
    if request.method == "POST":
        actions.unsubscribe_member(db(), member)
        db().commit()
        done = True
    return render_template("public_unsubscribe.html", t=TEXT[lang], lang=lang, member=member, done=done, token=token)


def _read_feedback(token: str) -> tuple[str, dict[str, Any]] | None:
    """(verdict, token data) when the token is valid for either feedback purpose."""
    for purpose, verdict in FEEDBACK_PURPOSES.items():
        try:
            data = read_token(state().config.secret_key or "", token, purpose, max_age=FEEDBACK_MAX_AGE)
        except BadToken:
            continue
        if data.get("call_id"):
            return verdict, data
    return None


@bp.route("/feedback/<token>", methods=["GET", "POST"])
@csrf_exempt
def feedback(token: str) -> Any:
    found = _read_feedback(token)
    if found is None:
        return _invalid("bad")
    verdict, data = found
    member = _member(data["member_id"])
    call = db().get(Call, data["call_id"])
    if member is None or call is None:
        return _gone()
    lang = member_language(member.language)
    done = False
    if request.method == "POST":
        actions.member_feedback(db(), member, call.id, verdict)
        db().commit()
        done = True
    return render_template(
        "public_feedback.html",
        t=TEXT[lang],
        lang=lang,
        member=member,
        call=call,
        verdict=verdict,
        done=done,
        token=token,
    )


def _feed_member(token: str) -> Member | None:
    try:
        data = read_token(state().config.secret_key or "", token, "feed", max_age=None)
    except BadToken:
        return None
    return _member(data["member_id"])


@bp.get("/feeds/<token>.ics")
def feed_ics(token: str) -> Any:
    member = _feed_member(token)
    if member is None:
        return _invalid("bad")
    from digests.calendar import member_calendar

    body = member_calendar(db(), member, state().config)
    return Response(body, mimetype="text/calendar", headers={"Content-Disposition": 'inline; filename="calls.ics"'})


@bp.get("/feeds/<token>.atom")
def feed_atom(token: str) -> Any:
    member = _feed_member(token)
    if member is None:
        return _invalid("bad")
    from digests.atom import member_feed

    body = member_feed(db(), member, state().config)
    return Response(body, mimetype="application/atom+xml")
