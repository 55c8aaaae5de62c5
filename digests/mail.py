"""MIME messages: multipart/alternative (text, then HTML), list headers, and headers that data cannot break.

Nothing scraped or typed by a person reaches a header as is: `header_text` drops control characters and folds
every run of whitespace (CR and LF included) to one space before the email package encodes the value, and
addresses must be plain `local@domain` with no spaces or line breaks. The email package would refuse a raw CR/LF
too; we clean first so one hostile title cannot abort a whole batch.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime
from email import policy
from email.charset import QP, Charset
from email.header import Header
from email.message import Message
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import format_datetime, formataddr, parseaddr

from digests.render import oneline

# The compat32 generator folds plain ASCII headers only at whitespace and leaves long tokens alone, so a long
# one-click unsubscribe URL stays intact, while `Header` splits non-ASCII subjects into RFC 2047 encoded words of
# at most 75 characters. (The modern policy turns a long URL into encoded words, which breaks it.)
SMTP_POLICY = policy.compat32.clone(linesep="\r\n")
_ADDRESS = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$")
MAX_SUBJECT = 200


class BadAddress(ValueError):
    """An address that cannot go into a header."""


def header_text(value: object, limit: int = MAX_SUBJECT) -> str:
    """A header-safe one-line version of any text, cut to `limit` characters."""
    text = oneline(value)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def check_address(address: str) -> str:
    """The address when it is a plain `local@domain` (no display name, no whitespace), else BadAddress."""
    address = (address or "").strip()
    if not _ADDRESS.match(address):
        raise BadAddress(f"not a usable email address: {address!r}")
    return address


def split_from(mail_from: str) -> tuple[str, str]:
    """`COC grantradar <grantradar@example.org>` → (display name, checked address)."""
    name, address = parseaddr(mail_from)
    return header_text(name, 100), check_address(address)


def message_id(kind: str, recipient: str, period: str, domain: str) -> str:
    """A Message-ID fixed by (kind, recipient, period): a digest composed again after a crash gets the same one,
    so a receiver that already has it can tell (and most clients then show it once)."""
    digest = hashlib.sha256(f"{kind}\n{recipient.lower()}\n{period}".encode()).hexdigest()[:20]
    return f"<{period}.{kind}.{digest}@{domain}>"


@dataclass(frozen=True)
class MailParts:
    mail_from: str
    recipient: str
    subject: str
    text: str
    html: str
    message_id: str
    date: datetime
    list_id: str
    unsubscribe_url: str | None = None  # https one-click link (member digests)
    unsubscribe_mailto: str | None = None


def _encoded(value: str) -> str | Header:
    """ASCII stays a plain string; anything else becomes RFC 2047 encoded words."""
    return value if value.isascii() else Header(value, "utf-8", maxlinelen=76)


def _part(body: str, subtype: str) -> MIMEText:
    charset = Charset("utf-8")
    charset.body_encoding = QP  # readable in raw form and safe for 7-bit relays
    return MIMEText(body, subtype, charset)


def build_message(parts: MailParts) -> MIMEMultipart:
    """The multipart/alternative message with Message-ID, List-Unsubscribe and List-Unsubscribe-Post."""
    name, address = split_from(parts.mail_from)
    recipient = check_address(parts.recipient)
    msg = MIMEMultipart("alternative", boundary=_boundary(parts.message_id))
    msg["From"] = formataddr((name, address), charset="utf-8") if name else address
    msg["To"] = recipient
    msg["Subject"] = _encoded(header_text(parts.subject))
    msg["Date"] = format_datetime(parts.date)
    msg["Message-ID"] = header_text(parts.message_id, 300)
    msg["List-Id"] = _encoded(header_text(parts.list_id, 200))
    targets = []
    if parts.unsubscribe_url:
        url = header_text(parts.unsubscribe_url, 900)
        if not url.isascii() or any(c in url for c in "<>, "):
            raise ValueError("unsubscribe URL is not header-safe")
        targets.append(f"<{url}>")
    if parts.unsubscribe_mailto:
        targets.append(f"<mailto:{check_address(parts.unsubscribe_mailto)}?subject=unsubscribe>")
    if targets:
        msg["List-Unsubscribe"] = ", ".join(targets)
    if parts.unsubscribe_url:
        # RFC 8058 one-click: a POST to the https link unsubscribes, no confirmation page needed.
        msg["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    # Automatic mail: no out-of-office replies, no vacation auto-responders (RFC 3834).
    msg["Auto-Submitted"] = "auto-generated"
    msg["Precedence"] = "bulk"
    # Text first, HTML last: clients show the last alternative they can render.
    msg.attach(_part(parts.text, "plain"))
    msg.attach(_part(parts.html, "html"))
    return msg


def _boundary(message_id: str) -> str:
    """A boundary fixed by the Message-ID, so the same digest is the same bytes every time it is built."""
    return "=_grantradar_" + hashlib.sha256(message_id.encode()).hexdigest()[:24]


def as_bytes(msg: Message) -> bytes:
    return msg.as_bytes(policy=SMTP_POLICY)


def envelope_sender(mail_from: str) -> str:
    return split_from(mail_from)[1]
