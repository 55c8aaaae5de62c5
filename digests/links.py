"""Links put into emails and feeds: only http(s) URLs from scraped data, signed tokens for the member's own links."""

from __future__ import annotations

from urllib.parse import quote, urlsplit

from digests.tokens import make_token

SAFE_SCHEMES = frozenset({"http", "https"})


def safe_url(url: object) -> str | None:
    """The URL when it is an absolute http(s) URL without whitespace or control characters, else None.

    Scraped URLs may be `javascript:`, `data:`, relative, or carry CR/LF; none of those is ever linked.
    """
    if not isinstance(url, str):
        return None
    url = url.strip()
    if not url or any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in SAFE_SCHEMES or not parts.hostname:
        return None
    return url


def tag_domain(mail_from: str) -> str:
    """The domain of the sender address, naming the feed's and calendar's ids (`grantradar` when there is none)."""
    return mail_from.rpartition("@")[2].strip("> ") or "grantradar"


class LinkMaker:
    """Builds a member's signed links under the review app's `base_url`."""

    def __init__(self, base_url: str, secret: str) -> None:
        checked = safe_url(base_url)
        if checked is None:
            raise ValueError(f"base_url must be an absolute http(s) URL, got {base_url!r}")
        self.base = checked.rstrip("/")
        self.secret = secret

    def _token(self, purpose: str, member_id: int, call_id: str | None = None) -> str:
        # Tokens are URL-safe already; quoting keeps that true whatever the serializer emits.
        return quote(make_token(self.secret, purpose, member_id, call_id), safe="")

    def unsubscribe(self, member_id: int) -> str:
        return f"{self.base}/unsubscribe/{self._token('unsubscribe', member_id)}"

    def feedback(self, member_id: int, call_id: str, relevant: bool) -> str:
        purpose = "feedback-relevant" if relevant else "feedback-not-relevant"
        return f"{self.base}/feedback/{self._token(purpose, member_id, call_id)}"

    def feed(self, member_id: int, kind: str) -> str:
        """`kind` is `ics` or `atom`."""
        return f"{self.base}/feeds/{self._token('feed', member_id)}.{kind}"

    def member_links(self, member_id: int) -> dict[str, str]:
        """The links every member email carries: unsubscribe and the member's two feeds."""
        return {
            "unsubscribe": self.unsubscribe(member_id),
            "ics": self.feed(member_id, "ics"),
            "atom": self.feed(member_id, "atom"),
        }

    def app(self, path: str = "/") -> str:
        return f"{self.base}{path}"
