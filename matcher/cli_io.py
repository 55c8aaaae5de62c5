"""Input and output of `grantradar score` (CONTRACTS.md §6): pure functions over lines and results."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from matcher.explain import why_lines
from matcher.scoring import CallResult


class InputError(ValueError):
    """A bad input line: the message starts with the line number."""


def read_calls(lines: Iterable[str], source: str = "input") -> list[dict[str, Any]]:
    """Parse JSON Lines of call records; each needs a non-empty string `id` and `title`. Blank lines skipped."""
    calls: list[dict[str, Any]] = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{source}: line {number}: not valid JSON ({exc.msg})") from None
        if not isinstance(record, dict):
            raise InputError(f"{source}: line {number}: expected a JSON object")
        for key in ("id", "title"):
            value = record.get(key)
            if not isinstance(value, str | int) or not str(value).strip():
                raise InputError(f"{source}: line {number}: missing {key}")
        record["id"] = str(record["id"])
        calls.append(record)
    return calls


def output_lines(results: Iterable[CallResult], profiles: list[dict[str, Any]]) -> Iterator[str]:
    """One JSON object per call, in input order: id, pillars, members (best first)."""
    for result in results:
        members = [
            {
                "member": str(profiles[m.position].get("name") or profiles[m.position].get("email") or m.position),
                "score": m.score,
                "why": why_lines(m.explanation),
            }
            for m in result.members
        ]
        yield json.dumps({"id": result.call_id, "pillars": result.pillars, "members": members}, ensure_ascii=False)
