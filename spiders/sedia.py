"""EU Funding & Tenders — grant topics from the portal's SEDIA search API (SOURCES.md §1).

Domain: POST https://api.tech.ec.europa.eu/search-api/prod/rest/search?apiKey=SEDIA&text=***&pageSize=100&pageNumber=N
(`apiKey=SEDIA` is the portal's public key). The portal itself is a JavaScript application without a usable feed.

Caveats:
- The body must be multipart/form-data whose parts (`query`, `languages`, `sort`) each carry their own
  `Content-Type: application/json`; a JSON body is silently ignored and a part without a type is a 500. Scrapy's
  FormRequest cannot do that, so the body is built by hand with a fixed boundary (a stable body keeps the
  request fingerprint, and so the HTTP cache entry, stable).
- Page number and size go in the URL only; pages are read up to `totalResults` or an empty page, sorted by
  `identifier` so paging is stable. The listing is read first; then each topic's description comes from a
  per-identifier search (`text="<id>"`), since the listing carries no `descriptionByte`.
- Kept: types 1 (topic), 2 (call for proposals) and 8 (cascade funding) that are forthcoming or open. Dropped:
  type 6 rows (topic updates, no dates), FAQ rows (database SEDIA_FAQ), and repeats of an identifier (the same
  topic can come again, e.g. under SEDIA_PRD_CENTRICITY); repeats' cut-offs are merged.
- Every metadata value is a one-element list. `deadlineDate` may hold several cut-offs: all are kept. The
  native status lags (rolling topics keep past cut-offs; topics opening today still say Forthcoming): the status
  comes from the next future cut-off and the opening date.
- `budgetOverview` is a JSON string covering the whole call: only the actions of this topic (`action` starting
  with the identifier) give budget_total (sum of the yearly amounts), grant_min and grant_max (EUR).
- URL: the portal's topic page `…/topic-details/<identifier>`, built here (the API's `url` is sometimes a JSON
  file); cascade funding (type 8) has `…/competitive-calls-cs/<callccm2Id>` instead.
- No ETag is known for the live API's POST answers; Scrapy's cache keys POSTs on method, URL and body and
  revalidates them when validators come (the demo mirror sends them).

Spider arguments: `programmes` — comma-separated programme abbreviations (HORIZON, DIGITAL, EDF, SMP, I3, LIFE,
CEF, EU4H, INNOVFUND) or numeric codes; default the configuration's `sedia_programmes`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import quote

import scrapy
from scrapy.http import Response
from twisted.python.failure import Failure

from grantradar.config import load_config
from spiders.base import CallSpider
from spiders.czech import Money, iso, parse_date, status_from_window
from spiders.items import CallItem
from spiders.markup import html_to_text

API = "https://api.tech.ec.europa.eu/search-api/prod/rest/search"
PAGE_SIZE = 100  # the server's cap
PORTAL = "https://ec.europa.eu/info/funding-tenders/opportunities/portal/screen/opportunities"
BOUNDARY = "----grantradar-sedia-5b1f0c"

# frameworkProgramme codes (the API's facet endpoint, 2026).
PROGRAMME_CODES: dict[str, str] = {
    "HORIZON": "43108390",
    "DIGITAL": "43152860",
    "LIFE": "43252405",
    "EDF": "44181033",
    "CEF": "43251567",
    "SMP": "43252476",
    "INNOVFUND": "43089234",
    "I3": "44416173",
    "EU4H": "43332642",
    "H2020": "31045243",
}
CODE_PROGRAMMES = {code: name for name, code in PROGRAMME_CODES.items()}
FORTHCOMING, OPEN = "31094501", "31094502"
NATIVE_STATUS = {FORTHCOMING: "forthcoming", OPEN: "open", "31094503": "closed"}
GRANT_TYPES = ("1", "2", "8")


def multipart_body(parts: dict[str, Any], boundary: str = BOUNDARY) -> bytes:
    """multipart/form-data with each part a JSON blob that declares its own content type (what SEDIA needs)."""
    chunks: list[bytes] = []
    for name, value in parts.items():
        chunks.append(
            (
                f"--{boundary}\r\n"
                f'Content-Disposition: form-data; name="{name}"; filename="blob"\r\n'
                "Content-Type: application/json\r\n\r\n"
            ).encode()
            + json.dumps(value, sort_keys=True, separators=(",", ":")).encode()
            + b"\r\n"
        )
    chunks.append(f"--{boundary}--\r\n".encode())
    return b"".join(chunks)


def listing_query(programme_codes: list[str]) -> dict[str, Any]:
    """Open and forthcoming grants (types 1, 2, 8), optionally of some programmes."""
    must: list[dict[str, Any]] = [
        {"terms": {"type": list(GRANT_TYPES)}},
        {"terms": {"status": [FORTHCOMING, OPEN]}},
    ]
    if programme_codes:
        must.append({"terms": {"frameworkProgramme": programme_codes}})
    return {"bool": {"must": must}}


def search_url(text: str, page: int = 1, page_size: int = PAGE_SIZE) -> str:
    return f"{API}?apiKey=SEDIA&text={quote(text, safe='*')}&pageSize={page_size}&pageNumber={page}"


def meta_value(metadata: dict[str, Any], key: str) -> Any:
    """The first element of a metadata list (every SEDIA metadata value is a list), else None."""
    value = metadata.get(key)
    if isinstance(value, list):
        return value[0] if value else None
    return value


def meta_list(metadata: dict[str, Any], key: str) -> list[Any]:
    value = metadata.get(key)
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def parse_budget_overview(raw: str | None, identifier: str) -> dict[str, Any]:
    """budget_total, grant_min, grant_max (EUR) of this topic's own actions in the call-wide overview."""
    result: dict[str, Any] = {"budget_total": None, "grant_min": None, "grant_max": None}
    if not raw:
        return result
    try:
        overview = json.loads(raw) if isinstance(raw, str) else raw
    except ValueError:
        return result
    actions = [
        action
        for actions in (overview.get("budgetTopicActionMap") or {}).values()
        for action in actions or []
        if isinstance(action, dict) and str(action.get("action", "")).split(" ")[0] == identifier
    ]
    total = sum(float(v) for a in actions for v in (a.get("budgetYearMap") or {}).values() if _number(v))
    minimums = [float(a["minContribution"]) for a in actions if _number(a.get("minContribution"))]
    maximums = [float(a["maxContribution"]) for a in actions if _number(a.get("maxContribution"))]
    if total > 0:
        result["budget_total"] = Money(total, "EUR").as_dict()
    if minimums and min(minimums) > 0:
        result["grant_min"] = Money(min(minimums), "EUR").as_dict()
    if maximums and max(maximums) > 0:
        result["grant_max"] = Money(max(maximums), "EUR").as_dict()
    return result


def _number(value: Any) -> bool:
    try:
        float(value)
    except (TypeError, ValueError):
        return False
    return True


def parse_keywords(metadata: dict[str, Any]) -> list[str]:
    """`keywords` (a JSON string of a list, or plain strings) and `tags`, in order, without repeats."""
    found: list[str] = []
    for raw in meta_list(metadata, "keywords") + meta_list(metadata, "tags"):
        values: Any = raw
        if isinstance(raw, str) and raw.strip()[:1] == "[":
            try:
                values = json.loads(raw)
            except ValueError:
                values = [raw]
        for value in values if isinstance(values, list) else [values]:
            text = str(value).strip()
            if text and text not in found:
                found.append(text)
    return found


def topic_status(native: str | None, opens_at: datetime | None, deadlines: list[datetime], now: datetime) -> str:
    """The status from the dates where SEDIA lags; a forthcoming topic without an opening date stays forthcoming."""
    if native == "forthcoming" and opens_at is None and any(d >= now for d in deadlines):
        return "forthcoming"
    return status_from_window(opens_at, deadlines, now, native=native)


@dataclass
class Topic:
    """One topic read from the listing, before its description is fetched."""

    identifier: str
    fields: dict[str, Any]
    deadlines: list[datetime] = field(default_factory=list)


class SediaSpider(CallSpider):
    name = "sedia"
    funder = "European Commission"
    language = "en"
    region = "EU"

    def __init__(self, programmes: str | None = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        names = [p.strip() for p in programmes.split(",")] if programmes else list(load_config().sedia_programmes)
        self.programme_codes = [self._programme_code(p) for p in names if p]
        self.topics: dict[str, Topic] = {}
        self.described = False

    @staticmethod
    def _programme_code(name: str) -> str:
        if name.isdigit():
            return name
        try:
            return PROGRAMME_CODES[name.upper()]
        except KeyError:
            known = ", ".join(PROGRAMME_CODES)
            raise ValueError(f"unknown SEDIA programme {name!r} (known: {known})") from None

    # ------------------------------------------------------------------------------------- requests

    def listing_request(self, page: int) -> scrapy.Request:
        body = multipart_body(
            {
                "query": listing_query(self.programme_codes),
                "languages": ["en"],
                "sort": {"field": "identifier", "order": "ASC"},
            }
        )
        return self._post(search_url("***", page), body, self.parse, self.listing_failed, {"page": page})

    def description_request(self, topic: Topic) -> scrapy.Request:
        body = multipart_body({"languages": ["en"]})
        return self._post(
            search_url(f'"{topic.identifier}"', 1, 10),
            body,
            self.parse_description,
            self.description_failed,
            {"topic": topic},
        )

    @staticmethod
    def _post(url: str, body: bytes, callback: Any, errback: Any, kwargs: dict[str, Any]) -> scrapy.Request:
        return scrapy.Request(
            url,
            method="POST",
            body=body,
            headers={"Content-Type": f"multipart/form-data; boundary={BOUNDARY}", "Accept": "application/json"},
            callback=callback,
            errback=errback,
            cb_kwargs=kwargs,
            dont_filter=False,
        )

    async def start(self) -> Any:
        yield self.listing_request(1)

    # ------------------------------------------------------------------------------------- listing

    def parse(self, response: Response, page: int = 1, **kwargs: Any) -> Iterator[Any]:
        """One listing page: remember its topics; then the next page, or the description requests."""
        envelope = self._envelope(response)
        if envelope is None:
            return
        results = envelope.get("results") or []
        for result in results:
            self._remember(result)
        total = int(envelope.get("totalResults") or 0)
        size = int(envelope.get("pageSize") or PAGE_SIZE)
        if results and page * size < total:
            yield self.listing_request(page + 1)
        else:
            yield from self._describe_all()

    def listing_failed(self, failure: Failure) -> Iterator[Any]:
        """A listing page failed after retries (the run is failed by its stats); still describe what was read."""
        self.logger.error("sedia listing failed: %s", failure.getErrorMessage())
        yield from self._describe_all()

    def _envelope(self, response: Response) -> dict[str, Any] | None:
        try:
            envelope = json.loads(response.text)
        except ValueError:
            self.broken_contract(response, "not JSON")
            return None
        if not isinstance(envelope, dict) or "results" not in envelope or "totalResults" not in envelope:
            self.broken_contract(response, "no results/totalResults in the answer")
            return None
        return envelope

    def _remember(self, result: dict[str, Any]) -> None:
        metadata = result.get("metadata") or {}
        stats = self.crawler.stats
        database = f"{result.get('database', '')} {meta_value(metadata, 'DATASOURCE') or ''}".upper()
        if "FAQ" in database:
            stats.inc_value("grantradar/sedia/skipped_faq")
            return
        kind = str(meta_value(metadata, "type") or "")
        if kind not in GRANT_TYPES:
            stats.inc_value(f"grantradar/sedia/skipped_type_{kind or 'none'}")
            return
        identifier = (meta_value(metadata, "identifier") or "").strip()
        if not identifier:
            stats.inc_value("grantradar/sedia/skipped_no_identifier")
            return
        deadlines = [d for d in (parse_date(str(v)) for v in meta_list(metadata, "deadlineDate")) if d]
        if identifier in self.topics:
            stats.inc_value("grantradar/sedia/repeated")
            self.topics[identifier].deadlines.extend(deadlines)
            return
        self.topics[identifier] = Topic(identifier, self._fields(result, metadata, identifier, kind), deadlines)

    def _fields(self, result: dict[str, Any], metadata: dict[str, Any], identifier: str, kind: str) -> dict[str, Any]:
        return {
            "title": self._parse_title(result, metadata),
            "url": self._parse_url(metadata, identifier, kind),
            "programme": self._parse_programme(metadata, identifier),
            "call_code": identifier,
            "native_status": NATIVE_STATUS.get(str(meta_value(metadata, "status") or "")),
            "opens_at": parse_date(str(meta_value(metadata, "startDate") or "")),
            "keywords": parse_keywords(metadata),
            "eligibility_text": html_to_text(meta_value(metadata, "topicConditions")) or None,
            **parse_budget_overview(meta_value(metadata, "budgetOverview"), identifier),
        }

    @staticmethod
    def _parse_title(result: dict[str, Any], metadata: dict[str, Any]) -> str:
        """metadata.title, else `content` (the API repeats the title there), else `summary`."""
        return str(
            meta_value(metadata, "title") or result.get("title") or result.get("content") or result.get("summary") or ""
        )

    @staticmethod
    def _parse_url(metadata: dict[str, Any], identifier: str, kind: str) -> str:
        """The portal page: topic-details for topics, competitive-calls-cs for cascade funding."""
        if kind == "8" and meta_value(metadata, "callccm2Id"):
            return f"{PORTAL}/competitive-calls-cs/{quote(str(meta_value(metadata, 'callccm2Id')))}"
        return f"{PORTAL}/topic-details/{quote(identifier.lower(), safe='-_.')}"

    @staticmethod
    def _parse_programme(metadata: dict[str, Any], identifier: str) -> str | None:
        """Abbreviation of frameworkProgramme (not programmePeriod, which is "2021 - 2027")."""
        code = str(meta_value(metadata, "frameworkProgramme") or "")
        if code in CODE_PROGRAMMES:
            return CODE_PROGRAMMES[code]
        prefix = identifier.split("-", 1)[0].upper()
        return prefix if prefix.isalnum() and not prefix.isdigit() else None

    # ------------------------------------------------------------------------------------- descriptions

    def _describe_all(self) -> Iterator[scrapy.Request]:
        if self.described:
            return
        self.described = True
        for topic in self.topics.values():
            yield self.description_request(topic)

    def parse_description(self, response: Response, topic: Topic) -> Iterator[CallItem]:
        """The per-identifier search: the topic's descriptionByte, reduced to text."""
        description = ""
        try:
            envelope = json.loads(response.text)
        except ValueError:
            envelope = {}
            self.crawler.stats.inc_value("grantradar/sedia/description_not_json")
        for result in envelope.get("results") or []:
            metadata = result.get("metadata") or {}
            if meta_value(metadata, "identifier") == topic.identifier and meta_value(metadata, "descriptionByte"):
                description = html_to_text(str(meta_value(metadata, "descriptionByte")))
                break
        else:
            self.crawler.stats.inc_value("grantradar/sedia/description_missing")
        yield self.topic_item(topic, description)

    def description_failed(self, failure: Failure) -> Iterator[CallItem]:
        """A description that could not be fetched leaves the topic without one, not without a record."""
        self.crawler.stats.inc_value("grantradar/sedia/description_failed")
        yield self.topic_item(failure.request.cb_kwargs["topic"], "")

    def topic_item(self, topic: Topic, description: str) -> CallItem:
        fields = dict(topic.fields)
        native = fields.pop("native_status")
        opens_at = fields.pop("opens_at")
        deadlines = sorted(set(topic.deadlines))
        return self.make_call(
            native_id=topic.identifier,
            description=description,
            status=topic_status(native, opens_at, deadlines, self.now()),
            opens_at=iso(opens_at),
            deadlines=[iso(d) for d in deadlines],
            **fields,
        )
