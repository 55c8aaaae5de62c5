"""Reading the WordPress sites of Czech funders (tacr.gov.cz, apiagentura.gov.cz, gacr.cz).

Pure helpers over parsel selectors, shared by the spiders of those sites: text of a node without scripts,
headings found by their text, labelled prose sections, file links under `/wp-content/uploads/`, and the
signs of a login or firewall page answered with 200. Infobox "label → value" pairs: `spiders.labels`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urljoin, urlsplit

from parsel import Selector, SelectorList

from spiders.czech import clean_text

# File types a call page links as documents; anything else under uploads (images) is decoration.
DOCUMENT_EXTENSIONS = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".xlsm", ".odt", ".ods", ".zip", ".rtf", ".pptx")

# Signs of a page that stands in for the content: a password field, a login form, the F5 APM policy redirect,
# or a title saying access was refused. (Not "captcha": ordinary pages load reCAPTCHA for their forms.)
_LOGIN_MARKERS = re.compile(
    r"<input[^>]+type=[\"']?password|action=[\"'][^\"']*wp-login\.php|/my\.policy|"
    r"<title>[^<]*(?:Request Rejected|Access denied|Přihlášení|Login)[^<]*</title>",
    re.IGNORECASE,
)


def node_text(node: Selector | SelectorList | None) -> str:
    """The visible text of a node (scripts and styles dropped), whitespace-normalised."""
    if node is None:
        return ""
    parts = node.xpath(".//text()[not(ancestor::script) and not(ancestor::style)]").getall()
    return clean_text(" ".join(parts))


def find_label(root: Selector, label: str) -> Selector | None:
    """The innermost element whose whole text is `label` (case and spacing ignored), if any."""
    wanted = clean_text(label).casefold()
    for node in root.xpath("//body//*[not(self::script) and not(self::style)]"):
        if node.xpath("./*[normalize-space(.)!='']"):
            continue  # not innermost: the label is in a child
        if clean_text(node.xpath("string(.)").get()).rstrip(":").casefold() == wanted:
            return node
    return None


def document_links(
    nodes: Iterable[Selector], base_url: str, allowed_hosts: Iterable[str] | None = None
) -> list[dict[str, str]]:
    """`{"title", "url"}` for every link to a file (by extension or an uploads path), in page order, deduped.

    Only http(s) links are kept (scraped hrefs are hostile); `allowed_hosts` restricts them to the site.
    """
    hosts = {h.lower() for h in allowed_hosts} if allowed_hosts else None
    seen: set[str] = set()
    documents: list[dict[str, str]] = []
    for node in nodes:
        for link in node.xpath(".//a[@href]"):
            href = (link.attrib.get("href") or "").strip()
            url = urljoin(base_url, href)
            parts = urlsplit(url)
            if parts.scheme not in {"http", "https"} or not parts.netloc:
                continue
            if hosts is not None and parts.netloc.lower() not in hosts:
                continue
            path = parts.path.lower()
            if not (path.endswith(DOCUMENT_EXTENSIONS) or "/wp-content/uploads/" in path):
                continue
            if url in seen:
                continue
            seen.add(url)
            title = node_text(link) or parts.path.rstrip("/").rsplit("/", 1)[-1]
            documents.append({"title": title, "url": url})
    return documents


def looks_like_login(body: str) -> bool:
    """True for a login, firewall or challenge page (answered with 200 instead of the content)."""
    return bool(_LOGIN_MARKERS.search(body[:20000]))


def section_after(text: str, label: str, stops: Iterable[str]) -> str | None:
    """The prose between `label` and the first of `stops` in a page's flat text (None when label absent)."""
    start = text.find(label)
    if start < 0:
        return None
    rest = text[start + len(label) :]
    ends = [i for i in (rest.find(stop) for stop in stops) if i >= 0]
    if ends:
        rest = rest[: min(ends)]
    return clean_text(rest.lstrip(" :"))
