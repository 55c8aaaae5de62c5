"""Source health as code: the verdict on one crawl from its stats (our monitor, tested in tests/test_health.py).

A run fails when it yielded no valid item, broke its content contract (expected labels missing, a login or
firewall page answered with 200), got error responses it could not recover from, raised in a callback, or
did not finish normally. The calls stored earlier from a failed source are left untouched.
"""

from __future__ import annotations

from typing import Any

CONTRACT_KEY = "grantradar/contract_broken"
CONTRACT_REASON_KEY = "grantradar/contract_reason"


def assess(stats: dict[str, Any]) -> tuple[str, str | None]:
    """Return ("ok", None) or ("failed", reason)."""
    reasons: list[str] = []
    finish = stats.get("finish_reason")
    if finish not in (None, "finished"):
        reasons.append(f"run ended early: {finish}")
    if stats.get(CONTRACT_KEY):
        detail = stats.get(CONTRACT_REASON_KEY) or "expected content missing"
        reasons.append(f"content contract broken on {stats[CONTRACT_KEY]} page(s): {detail}")
    errors = {
        k.rsplit("/", 1)[-1]: v
        for k, v in stats.items()
        if k.startswith("downloader/response_status_count/") and k.rsplit("/", 1)[-1][:1] in {"4", "5"}
    }
    # A 404 for robots.txt is normal; errors that survived retries show up as retry/max_reached or as
    # http errors ignored by HttpErrorMiddleware.
    final_errors = int(stats.get("retry/max_reached", 0)) + int(
        sum(v for k, v in stats.items() if k.startswith("httperror/response_ignored_status_count/"))
    )
    if final_errors:
        codes = ", ".join(f"{code}×{n}" for code, n in sorted(errors.items())) or "network errors"
        reasons.append(f"{final_errors} request(s) failed ({codes})")
    exceptions = int(
        stats.get("spider_exceptions/count", 0)
        or sum(v for k, v in stats.items() if k.startswith("spider_exceptions/"))
    )
    if exceptions:
        reasons.append(f"{exceptions} parse error(s)")
    stored = int(stats.get("item_scraped_count", 0))
    if stored == 0:
        dropped = int(stats.get("item_dropped_count", 0))
        reasons.append("no items" + (f" ({dropped} dropped as invalid)" if dropped else ""))
    if reasons:
        return "failed", "; ".join(reasons)
    return "ok", None
