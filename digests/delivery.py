"""Delivery: `.eml` files into the outbox (always), and SMTP with retries and exponential backoff (`--send`).

SMTP URL (GRANTRADAR_SMTP_URL): `smtp://user:pass@host:port?starttls=1` (STARTTLS, required when asked for:
no silent fall-back to plain text), `smtp://host:port` (plain, for a local relay), `smtps://user:pass@host:465`
(implicit TLS). Optional query keys: `timeout` (seconds), `cafile` (a CA bundle to trust, e.g. a private relay).
Certificates are always verified.

Errors: 4xx replies, dropped connections and timeouts are transient and retried with backoff (the connection is
opened again); 5xx replies are permanent for that message; authentication failures stop the whole batch.
"""

from __future__ import annotations

import hashlib
import os
import re
import smtplib
import ssl
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from urllib.parse import parse_qs, unquote, urlsplit


class SmtpConfigError(ValueError):
    """The SMTP URL cannot be used."""


class DeliveryFailed(Exception):
    """This message could not be delivered (permanent reply, or retries exhausted)."""


class DeliveryAborted(Exception):
    """Nothing can be delivered (bad credentials, TLS refused): stop the batch."""


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    username: str | None = None
    password: str | None = None
    starttls: bool = False
    implicit_tls: bool = False
    timeout: float = 30.0
    cafile: str | None = None

    def __repr__(self) -> str:  # never print the password
        return f"SmtpSettings(host={self.host!r}, port={self.port}, user={self.username!r}, tls={self._tls()})"

    def _tls(self) -> str:
        return "implicit" if self.implicit_tls else "starttls" if self.starttls else "none"


def parse_smtp_url(url: str) -> SmtpSettings:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in {"smtp", "smtps"}:
        raise SmtpConfigError(f"SMTP URL must start with smtp:// or smtps://, got {scheme or 'nothing'}://")
    if not parts.hostname:
        raise SmtpConfigError("SMTP URL has no host")
    query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
    try:
        port = parts.port or (465 if scheme == "smtps" else 587 if query.get("starttls") == "1" else 25)
        timeout = float(query.get("timeout", 30))
    except ValueError as exc:
        raise SmtpConfigError(f"SMTP URL: {exc}") from None
    return SmtpSettings(
        host=parts.hostname,
        port=port,
        username=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password else None,
        starttls=query.get("starttls", "0").lower() in {"1", "true", "yes"},
        implicit_tls=scheme == "smtps",
        timeout=timeout,
        cafile=query.get("cafile"),
    )


def _transient(exc: BaseException) -> bool:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return all(400 <= code < 500 for code, _ in exc.recipients.values())
    if isinstance(exc, smtplib.SMTPResponseException):
        return 400 <= exc.smtp_code < 500
    return isinstance(exc, smtplib.SMTPServerDisconnected | ConnectionError | TimeoutError | OSError)


class SmtpSender:
    """One SMTP connection reused over a batch, reopened after an error. Use as a context manager."""

    def __init__(
        self,
        settings: SmtpSettings,
        retries: int = 4,
        backoff: float = 2.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.settings = settings
        self.retries = retries
        self.backoff = backoff
        self.sleep = sleep
        self._conn: smtplib.SMTP | None = None

    def __enter__(self) -> SmtpSender:
        return self

    def __exit__(self, *exc: object | TracebackType | None) -> None:
        self.close()

    def _tls_context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=self.settings.cafile)

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        conn: smtplib.SMTP
        if s.implicit_tls:
            conn = smtplib.SMTP_SSL(s.host, s.port, timeout=s.timeout, context=self._tls_context())
        else:
            conn = smtplib.SMTP(s.host, s.port, timeout=s.timeout)
        try:
            conn.ehlo()
            if s.starttls and not s.implicit_tls:
                if not conn.has_extn("starttls"):
                    raise DeliveryAborted(f"{s.host}:{s.port} does not offer STARTTLS, which the SMTP URL requires")
                conn.starttls(context=self._tls_context())
                conn.ehlo()
            if s.username:
                conn.login(s.username, s.password or "")
        except smtplib.SMTPAuthenticationError as exc:
            conn.close()
            raise DeliveryAborted(f"SMTP login refused: {exc.smtp_code} {_text(exc.smtp_error)}") from None
        except ssl.SSLError as exc:
            conn.close()
            raise DeliveryAborted(f"TLS with {s.host}:{s.port} failed: {exc}") from None
        except BaseException:
            conn.close()
            raise
        return conn

    def close(self) -> None:
        if self._conn is not None:
            try:
                self._conn.quit()
            except (smtplib.SMTPException, OSError):
                self._conn.close()
            self._conn = None

    def send(self, raw: bytes, sender: str, recipient: str) -> int:
        """Deliver one message; returns the number of attempts it took. Raises DeliveryFailed/DeliveryAborted."""
        attempt = 0
        while True:
            attempt += 1
            try:
                if self._conn is None:
                    self._conn = self._connect()
                refused = self._conn.sendmail(sender, [recipient], raw)
                if refused:  # only possible with several recipients; kept for completeness
                    raise DeliveryFailed(f"recipient refused: {refused}")
                return attempt
            except (DeliveryAborted, DeliveryFailed):
                raise
            except Exception as exc:
                self._drop()
                if not _transient(exc):
                    raise DeliveryFailed(_describe(exc)) from None
                if attempt > self.retries:
                    raise DeliveryFailed(f"gave up after {attempt} attempts: {_describe(exc)}") from None
                self.sleep(self.backoff * (2 ** (attempt - 1)))

    def _drop(self) -> None:
        """Forget a connection in an unknown state (after an error): the next attempt opens a new one."""
        if self._conn is not None:
            try:
                self._conn.close()
            finally:
                self._conn = None


def _text(value: bytes | str) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def _describe(exc: BaseException) -> str:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return "; ".join(f"{rcpt}: {code} {_text(msg)}" for rcpt, (code, msg) in exc.recipients.items())
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"{exc.smtp_code} {_text(exc.smtp_error)}"
    return f"{exc.__class__.__name__}: {exc}"


_SLUG = re.compile(r"[^a-z0-9]+")


def outbox_name(period: str, kind: str, recipient: str) -> str:
    """`2026-W47-member-jana-novak-example-cz-3f2a9c` — deterministic, so a second run overwrites, never
    duplicates; the short hash keeps `a.b@x.cz` and `a-b@x.cz` apart."""
    slug = _SLUG.sub("-", recipient.lower()).strip("-")[:80] or "recipient"
    tag = hashlib.sha256(recipient.lower().encode()).hexdigest()[:6]
    return f"{period}-{kind}-{slug}-{tag}"


def write_atomic(path: Path, data: bytes, durable: bool = True) -> bool:
    """Write via a temporary file and rename: a crash leaves the old file or the new one, never half of one.

    `durable` flushes to disk before the rename (the .eml a Digest row will point to); files that are rebuilt on
    every run (previews, feeds) skip that. A file that already holds `data` is left alone; returns whether it
    was written.
    """
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def write_outbox(outbox: Path, name: str, raw: bytes, html: str) -> Path:
    """`<name>.eml` (the exact bytes that are or will be sent) and `<name>.html` (a preview); returns the .eml."""
    eml = outbox / f"{name}.eml"
    write_atomic(eml, raw)
    write_atomic(outbox / f"{name}.html", html.encode("utf-8"), durable=False)
    return eml
