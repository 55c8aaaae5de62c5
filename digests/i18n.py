"""The words of the digests in Czech and English: one dictionary, one set of templates (no duplicated templates).

Templates call `t("key")` or `t("key", n=3)`; a missing key is an error in tests (KeyError), never a silent blank.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import UTC, datetime

from digests.formatting import format_deadline, is_open_data_record, plural_cs

LANGUAGES = ("cs", "en")


def member_language(code: str) -> str:
    """The language a member is written to: theirs when we have it, else Czech."""
    return code if code in LANGUAGES else "cs"


TEXTS: dict[str, dict[str, str]] = {
    "cs": {
        "member_title": "Dotační výzvy pro {name}",
        "member_intro": "Výzvy, které odpovídají profilu vaší organizace, vybrané z evropských, národních "
        "a krajských zdrojů.",
        "pillar_title": "Nové výzvy pro pilíř {name}",
        "pillar_intro": "Nové výzvy, které odpovídají pilíři, jehož jste garantem.",
        "manager_title": "Týdenní přehled grantradaru",
        "section_new": "Nové výzvy",
        "section_changed": "Změny ve výzvách, o kterých jsme psali",
        "section_closing": "Brzy končí",
        "section_more": "Další odpovídající výzvy ({n})",
        "more_intro": "Také odpovídají profilu vaší organizace, jen méně než výzvy výše.",
        "section_pending": "Nové shody čekající na schválení",
        "section_health": "Stav zdrojů",
        "section_failed": "Neúspěšné běhy",
        "section_counts": "Čísla týdne",
        "other_pillar": "Ostatní",
        "funder": "Poskytovatel",
        "programme": "Program",
        "call_code": "Kód výzvy",
        "deadline": "Uzávěrka",
        "no_deadline": "uzávěrka neuvedena",
        "deadline_on": "uzávěrka {date}",
        "opens": "Otevření",
        "budget": "Alokace",
        "grant": "Podpora na projekt",
        "grant_range": "{low} až {high}",
        "grant_up_to": "až {high}",
        "grant_from": "od {low}",
        "funding_rate": "Míra podpory",
        "applicants": "Kdo může žádat",
        "region": "Region",
        "status": "Stav",
        "why": "Proč se hodí",
        "matched_terms": "shoda v pojmech",
        "score": "skóre",
        "what_changed": "Co se změnilo",
        "open_call": "Stránka výzvy",
        "open_data_record": "Záznam v otevřených datech MS2021+",
        "relevant": "Relevantní",
        "not_relevant": "Není pro nás",
        "unsubscribe": "Odhlásit odběr",
        "calendar": "Kalendář uzávěrek (.ics)",
        "atom": "Kanál Atom",
        "footer_why": "Tento přehled dostáváte jako člen Českého optického klastru.",
        "footer_contact": "Dotazy: {email}",
        "review_app": "Otevřít přehled ke schválení",
        "pending_more": "… a dalších {n} čeká v aplikaci.",
        "pending_total": "Celkem čeká na schválení: {n}",
        "member_col": "Člen",
        "source": "Zdroj",
        "last_run": "Poslední běh",
        "last_ok": "Poslední úspěšný",
        "reason": "Důvod",
        "never": "nikdy",
        "all_healthy": "Všechny zdroje běžely bez chyb.",
        "no_runs": "Za toto období není zaznamenán žádný běh zdrojů: plánovač možná neběží.",
        "stale": "bez úspěšného běhu {n} dní",
        "count_calls_new": "nové výzvy",
        "count_calls_changed": "změněné výzvy",
        "count_matches_new": "nové shody",
        "count_pending": "čeká na schválení",
        "count_members": "aktivní členové",
        "count_failed_runs": "neúspěšné běhy",
        "check_passed": "splněno",
        "check_failed": "nesplněno",
        "check_status": "stav",
        "check_deadline": "uzávěrka",
        "check_applicant_type": "typ žadatele",
        "check_region": "region",
        "run_ok": "v pořádku",
        "run_failed": "selhal",
        "run_running": "běží",
        "status_forthcoming": "připravovaná",
        "status_open": "otevřená",
        "status_closed": "uzavřená",
        "status_cancelled": "zrušená",
        "status_unknown": "neuveden",
        "app_enterprise": "podniky",
        "app_sme": "malé a střední podniky",
        "app_large_enterprise": "velké podniky",
        "app_research_org": "výzkumné organizace",
        "app_university": "vysoké školy",
        "app_public_body": "veřejné instituce",
        "app_municipality": "obce",
        "app_ngo": "neziskové organizace",
        "app_individual": "jednotlivci",
        "empty": "Tento týden pro vás nemáme nic nového.",
        # change notices
        "ch_deadline_moved": "uzávěrka posunuta z {old} na {new} ({shift})",
        "ch_deadline_added": "nově stanovena uzávěrka {new}",
        "ch_deadline_removed": "zrušena uzávěrka {old}",
        "ch_status": "stav změněn z „{old}“ na „{new}“",
        "ch_cancelled": "výzva byla zrušena",
        "ch_money": "{label} změněna z {old} na {new}",
        "ch_money_set": "{label} nově uvedena: {new}",
        "ch_rate": "míra podpory změněna z {old} na {new}",
        "ch_title": "název změněn z „{old}“ na „{new}“",
        "ch_opens": "otevření posunuto z {old} na {new}",
        "ch_applicants_added": "nově mohou žádat: {items}",
        "ch_applicants_removed": "už nemohou žádat: {items}",
        "ch_eligibility": "upraveny podmínky pro žadatele",
        "ch_documents": "zveřejněny nové dokumenty ({n})",
        "ch_region": "region změněn z {old} na {new}",
        "lbl_budget_total": "alokace",
        "lbl_grant_min": "minimální podpora",
        "lbl_grant_max": "maximální podpora",
        # closing-soon reminders (digests/reminders.py)
        "reminder_title": "Připomínka uzávěrek pro {name}",
        "reminder_intro": "Blíží se uzávěrka výzev, o kterých jsme vám už psali.",
        "reminder_label": "připomínka",
        "reminder_footer": "Ke každé uzávěrce výzvy, o které jsme vám psali, posíláme jedinou připomínku. "
        "Dostáváte ji jako člen Českého optického klastru.",
    },
    "en": {
        "member_title": "Funding calls for {name}",
        "member_intro": "Calls that fit your organisation's profile, selected from European, national and "
        "regional sources.",
        "pillar_title": "New calls for the {name} pillar",
        "pillar_intro": "New calls that fit the pillar you are the guarantor of.",
        "manager_title": "grantradar weekly report",
        "section_new": "New calls",
        "section_changed": "Changes to calls we told you about",
        "section_closing": "Closing soon",
        "section_more": "More matching calls ({n})",
        "more_intro": "These also fit your organisation's profile, only less closely than the calls above.",
        "section_pending": "New matches awaiting review",
        "section_health": "Source health",
        "section_failed": "Failed runs",
        "section_counts": "This week in numbers",
        "other_pillar": "Other",
        "funder": "Funder",
        "programme": "Programme",
        "call_code": "Call code",
        "deadline": "Deadline",
        "no_deadline": "no deadline given",
        "deadline_on": "deadline {date}",
        "opens": "Opens",
        "budget": "Budget",
        "grant": "Grant per project",
        "grant_range": "{low} to {high}",
        "grant_up_to": "up to {high}",
        "grant_from": "from {low}",
        "funding_rate": "Funding rate",
        "applicants": "Who may apply",
        "region": "Region",
        "status": "Status",
        "why": "Why it matched",
        "matched_terms": "matching terms",
        "score": "score",
        "what_changed": "What changed",
        "open_call": "Call page",
        "open_data_record": "MS2021+ open-data record",
        "relevant": "Relevant",
        "not_relevant": "Not relevant",
        "unsubscribe": "Unsubscribe",
        "calendar": "Deadline calendar (.ics)",
        "atom": "Atom feed",
        "footer_why": "You receive this digest as a member of the Czech Optical Cluster.",
        "footer_contact": "Questions: {email}",
        "review_app": "Open the review queue",
        "pending_more": "… and {n} more waiting in the app.",
        "pending_total": "Awaiting review in total: {n}",
        "member_col": "Member",
        "source": "Source",
        "last_run": "Last run",
        "last_ok": "Last success",
        "reason": "Reason",
        "never": "never",
        "all_healthy": "Every source ran without errors.",
        "no_runs": "No source run is recorded: the scheduler may not be running.",
        "stale": "no successful run for {n} days",
        "count_calls_new": "new calls",
        "count_calls_changed": "changed calls",
        "count_matches_new": "new matches",
        "count_pending": "awaiting review",
        "count_members": "active members",
        "count_failed_runs": "failed runs",
        "check_passed": "passed",
        "check_failed": "failed",
        "check_status": "status",
        "check_deadline": "deadline",
        "check_applicant_type": "applicant type",
        "check_region": "region",
        "run_ok": "ok",
        "run_failed": "failed",
        "run_running": "running",
        "status_forthcoming": "forthcoming",
        "status_open": "open",
        "status_closed": "closed",
        "status_cancelled": "cancelled",
        "status_unknown": "unknown",
        "app_enterprise": "enterprises",
        "app_sme": "SMEs",
        "app_large_enterprise": "large enterprises",
        "app_research_org": "research organisations",
        "app_university": "universities",
        "app_public_body": "public bodies",
        "app_municipality": "municipalities",
        "app_ngo": "non-profits",
        "app_individual": "individuals",
        "empty": "Nothing new for you this week.",
        "ch_deadline_moved": "deadline moved from {old} to {new} ({shift})",
        "ch_deadline_added": "deadline set: {new}",
        "ch_deadline_removed": "deadline {old} dropped",
        "ch_status": "status changed from “{old}” to “{new}”",
        "ch_cancelled": "the call was cancelled",
        "ch_money": "{label} changed from {old} to {new}",
        "ch_money_set": "{label} now given: {new}",
        "ch_rate": "funding rate changed from {old} to {new}",
        "ch_title": "title changed from “{old}” to “{new}”",
        "ch_opens": "opening moved from {old} to {new}",
        "ch_applicants_added": "now open to: {items}",
        "ch_applicants_removed": "no longer open to: {items}",
        "ch_eligibility": "eligibility conditions updated",
        "ch_documents": "new documents published ({n})",
        "ch_region": "region changed from {old} to {new}",
        "lbl_budget_total": "budget",
        "lbl_grant_min": "minimum grant",
        "lbl_grant_max": "maximum grant",
        "reminder_title": "Deadline reminder for {name}",
        "reminder_intro": "The deadlines of calls we told you about are near.",
        "reminder_label": "reminder",
        "reminder_footer": "We send one reminder for each deadline of a call we told you about. You receive it "
        "as a member of the Czech Optical Cluster.",
    },
}


def translator(lang: str) -> Callable[..., str]:
    """`t(key, **values)` for one language (unknown languages fall back to English)."""
    table = TEXTS.get(lang, TEXTS["en"])

    def t(key: str, **values: object) -> str:
        text = table[key]
        return text.format(**values) if values else text

    return t


# The NUTS 3 regions of Czechia (the 14 kraje) and the two wider scopes the sources use. Codes as stored in
# Call.region and Member.region; names as each language writes them. Anything else is shown as given.
REGION_NAMES: dict[str, tuple[str, str]] = {
    "EU": ("EU", "EU"),
    "CZ": ("Česko", "Czechia"),
    "CZ010": ("Hlavní město Praha", "Prague"),
    "CZ020": ("Středočeský kraj", "Central Bohemian Region"),
    "CZ031": ("Jihočeský kraj", "South Bohemian Region"),
    "CZ032": ("Plzeňský kraj", "Plzeň Region"),
    "CZ041": ("Karlovarský kraj", "Karlovy Vary Region"),
    "CZ042": ("Ústecký kraj", "Ústí nad Labem Region"),
    "CZ051": ("Liberecký kraj", "Liberec Region"),
    "CZ052": ("Královéhradecký kraj", "Hradec Králové Region"),
    "CZ053": ("Pardubický kraj", "Pardubice Region"),
    "CZ063": ("Kraj Vysočina", "Vysočina Region"),
    "CZ064": ("Jihomoravský kraj", "South Moravian Region"),
    "CZ071": ("Olomoucký kraj", "Olomouc Region"),
    "CZ072": ("Zlínský kraj", "Zlín Region"),
    "CZ080": ("Moravskoslezský kraj", "Moravian-Silesian Region"),
}


def region_name(code: str | None, lang: str) -> str:
    """`CZ071` → `Olomoucký kraj` / `Olomouc Region`; an unknown code comes back as given (trimmed)."""
    given = (code or "").strip()
    names = REGION_NAMES.get(given.upper())
    if names is None:
        return given
    return names[0] if lang == "cs" else names[1]


def _words(prefix: str) -> dict[str, dict[str, str]]:
    return {
        lang: {key.removeprefix(prefix): word for key, word in table.items() if key.startswith(prefix)}
        for lang, table in TEXTS.items()
    }


# Applicant types (CONTRACTS §3 codes) and call statuses in words. Derived from TEXTS so that the digests, the
# change notices, the review app and the newsletter export all say the same thing.
APPLICANT_NAMES: dict[str, dict[str, str]] = _words("app_")
STATUS_NAMES: dict[str, dict[str, str]] = _words("status_")


def applicant_name(code: str, lang: str) -> str:
    """`sme` → `malé a střední podniky` / `SMEs`; an unknown code as given."""
    return APPLICANT_NAMES.get(lang, APPLICANT_NAMES["en"]).get(code, code)


def applicant_names(codes: Iterable[str], lang: str) -> str:
    return ", ".join(applicant_name(c, lang) for c in codes)


def status_name(code: str, lang: str) -> str:
    """`open` → `otevřená` / `open`; an unknown status as given."""
    return STATUS_NAMES.get(lang, STATUS_NAMES["en"]).get(code, code)


def pillars_label(n: int, lang: str) -> str:
    """The word before a list of n pillars: `pilíř` / `pilíře` (2–4) / `pilířů` (5+); `pillar` / `pillars`."""
    if lang == "cs":
        return plural_cs(n, "pilíř", "pilíře", "pilířů")
    return "pillar" if n == 1 else "pillars"


# The matcher writes check details in fixed English phrases (matcher/eligibility.py) with raw ISO dates and
# codes. These patterns turn the known ones into words; a detail of any other shape is shown as stored.
_STATUS_DETAIL = re.compile(r"status (?P<code>\S+)")
_NEXT_DEADLINE = re.compile(r"next deadline (?P<at>\S+)")
_PASSED_DEADLINE = re.compile(r"last deadline (?P<at>\S+) has passed")
_MAY_APPLY = re.compile(r"(?P<codes>.+) may apply")
_APPLICANT_MISFIT = re.compile(r"call is for (?P<call>.+); member is (?P<member>.+)")
_REGIONS = re.compile(r"call region (?P<call>\S+), member region (?P<member>\S+)")

CHECK_PHRASES: dict[str, dict[str, str]] = {
    "cs": {
        "next": "nejbližší uzávěrka {at}",
        "passed": "poslední uzávěrka {at} už minula",
        "no_deadline": "uzávěrka neuvedena",
        "may_apply": "mohou žádat: {codes}",
        "misfit": "výzva je pro: {call}; člen je: {member}",
        "regions": "region výzvy: {call}; region člena: {member}",
        "not_stated": "neuvedeno na obou stranách",
    },
    "en": {
        "next": "next deadline {at}",
        "passed": "last deadline {at} has passed",
        "no_deadline": "no deadline stated",
        "may_apply": "{codes} may apply",
        "misfit": "call is for {call}; member is {member}",
        "regions": "call region {call}, member region {member}",
        "not_stated": "not stated by both sides",
    },
}


def _moment(text: str, lang: str, tz: str) -> str:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return text
    # The matcher reads a zone-less deadline as UTC; show it the same way.
    return format_deadline(moment if moment.tzinfo else moment.replace(tzinfo=UTC), lang, tz)


def _codes(text: str, lang: str) -> str:
    return applicant_names((c.strip() for c in text.split(",")), lang)


def check_detail(name: str, detail: str, lang: str, tz: str = "Europe/Prague") -> str:
    """An eligibility check's stored detail in words: `next deadline 2027-04-30T11:00:00+02:00` → `next deadline
    30 April 2027, 11:00`, `status open` → `open`, codes → names. Pure; unknown shapes come back unchanged."""
    phrases = CHECK_PHRASES.get(lang, CHECK_PHRASES["en"])
    detail = detail.strip()
    if detail == "not stated by both sides":
        return phrases["not_stated"]
    if name == "status" and (m := _STATUS_DETAIL.fullmatch(detail)):
        return status_name(m["code"], lang)
    if name == "deadline":
        if detail == "no deadline stated":
            return phrases["no_deadline"]
        if m := _NEXT_DEADLINE.fullmatch(detail):
            return phrases["next"].format(at=_moment(m["at"], lang, tz))
        if m := _PASSED_DEADLINE.fullmatch(detail):
            return phrases["passed"].format(at=_moment(m["at"], lang, tz))
    if name == "applicant_type":
        if m := _MAY_APPLY.fullmatch(detail):
            return phrases["may_apply"].format(codes=_codes(m["codes"], lang))
        if m := _APPLICANT_MISFIT.fullmatch(detail):
            return phrases["misfit"].format(call=_codes(m["call"], lang), member=_codes(m["member"], lang))
    if name == "region" and (m := _REGIONS.fullmatch(detail)):
        return phrases["regions"].format(call=region_name(m["call"], lang), member=region_name(m["member"], lang))
    return detail


def link_label(url: str | None, lang: str) -> str:
    """What a call's link is: `Stránka výzvy` / `Call page`, or the MS2021+ open-data record it really is."""
    return translator(lang)("open_data_record" if is_open_data_record(url) else "open_call")


def check_label(name: str, lang: str) -> str:
    """`applicant_type` → `typ žadatele` / `applicant type`; an unknown check's name with spaces."""
    return TEXTS.get(lang, TEXTS["en"]).get(f"check_{name}", name.replace("_", " "))


def subject_counts(lang: str, new: int, changed: int, closing: int) -> str:
    """`3 nové výzvy, 1 změna, 2 brzy končí` / `3 new calls, 1 change, 2 closing soon`."""
    parts: list[str] = []
    if lang == "cs":
        if new:
            parts.append(f"{new} {plural_cs(new, 'nová výzva', 'nové výzvy', 'nových výzev')}")
        if changed:
            parts.append(f"{changed} {plural_cs(changed, 'změna', 'změny', 'změn')}")
        if closing:
            parts.append(f"{closing} brzy končí")
    else:
        if new:
            parts.append(f"{new} new {'call' if new == 1 else 'calls'}")
        if changed:
            parts.append(f"{changed} {'change' if changed == 1 else 'changes'}")
        if closing:
            parts.append(f"{closing} closing soon")
    return ", ".join(parts)


def reminder_subject(lang: str, titles: list[str], days_left: str) -> str:
    """`připomínka · Název výzvy · zbývají 3 dny` for one call, `připomínka · 2 výzvy brzy končí · nejbližší:
    zbývá 1 den` for several (`days_left` is the nearest deadline's, already formatted)."""
    label = translator(lang)("reminder_label")
    n = len(titles)
    if n == 1:
        return f"{label} · {titles[0]} · {days_left}"
    if lang == "cs":
        calls = f"{n} {plural_cs(n, 'výzva brzy končí', 'výzvy brzy končí', 'výzev brzy končí')}"
        return f"{label} · {calls} · nejbližší: {days_left}"
    return f"{label} · {n} calls closing soon · next: {days_left}"
