"""The inbox query (SQLite and PostgreSQL): filters, search, sorting, pagination; filter parsing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import Engine

from review.inbox import PAGE_SIZE, InboxFilters, like_pattern, load_call, load_inbox, parse_filters
from store.base import utcnow
from store.db import session_scope
from store.models import Call, Member, MemberMatch
from tests.test_review_support import seed

PILLARS = ["industrial-consumer-optics", "military-optics", "lighting", "lasers", "electron-microscopy"]
SOURCES = ["feeds", "jmk", "olkraj", "sedia", "tacr"]
THRESHOLD = 0.25


def _ids(engine: Engine, **kwargs: object) -> list[str]:
    with session_scope(engine) as s:
        page = load_inbox(s, InboxFilters(**kwargs), THRESHOLD)  # type: ignore[arg-type]
        return [item.call.id for item in page.items]


def test_default_inbox_lists_calls_with_pending_matches_newest_first(engine: Engine) -> None:
    seed(engine)
    assert _ids(engine) == ["sedia:EDF-2026-NV", "feeds:hostile", "tacr:SS07"]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"status": "approved"}, ["jmk:old"]),
        ({"status": "rejected"}, ["olkraj:led"]),
        ({"pillar": "lasers"}, ["tacr:SS07"]),
        ({"pillar": "lighting", "status": "all"}, ["olkraj:led"]),  # its 0.05 on SS07 is below the threshold
        ({"source": "sedia"}, ["sedia:EDF-2026-NV"]),
        ({"deadline": "14"}, ["feeds:hostile"]),
        ({"deadline": "30", "sort": "deadline"}, ["feeds:hostile", "tacr:SS07"]),
        ({"deadline": "passed", "status": "all"}, ["jmk:old"]),
        ({"deadline": "none", "status": "all"}, ["olkraj:led"]),
        ({"call_status": "closed", "status": "all"}, ["jmk:old"]),
        ({"sort": "score"}, ["tacr:SS07", "sedia:EDF-2026-NV", "feeds:hostile"]),
        ({"sort": "deadline", "status": "all"}, ["jmk:old", "feeds:hostile", "tacr:SS07", "sedia:EDF-2026-NV",
                                                  "olkraj:led"]),
    ],
)  # fmt: skip
def test_filters_and_sorting(engine: Engine, filters: dict[str, object], expected: list[str]) -> None:
    seed(engine)
    assert _ids(engine, **filters) == expected


def test_member_filter_counts_only_that_members_matches(engine: Engine) -> None:
    seeded = seed(engine)
    assert _ids(engine, member=seeded.member_ids["optron"], sort="title") == ["tacr:SS07", "sedia:EDF-2026-NV"]
    assert _ids(engine, member=seeded.member_ids["micro"]) == []
    assert _ids(engine, member=seeded.member_ids["micro"], status="all") == ["jmk:old"]


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("svařování", ["tacr:SS07"]),
        ("LASEROVÉ", ["tacr:SS07"]),  # case folded, also for letters outside ASCII
        ("Night Vision", ["sedia:EDF-2026-NV"]),
        ("optronics soldiers", ["sedia:EDF-2026-NV"]),  # every word must occur
        ("optronics svařování", []),
        ("SS07", ["tacr:SS07"]),  # call code
        ("<script>", ["feeds:hostile"]),
        ("SS0%", []),  # % is literal, not a wildcard
        ("_", []),
    ],
)
def test_full_text_search(engine: Engine, q: str, expected: list[str]) -> None:
    seed(engine)
    assert _ids(engine, q=q) == expected


def test_irrelevant_calls_leave_the_inbox_and_have_their_own_view(engine: Engine) -> None:
    seed(engine)
    with session_scope(engine) as s:
        s.get(Call, "feeds:hostile").irrelevant = True  # type: ignore[union-attr]
    assert "feeds:hostile" not in _ids(engine, status="all")
    assert _ids(engine, status="irrelevant") == ["feeds:hostile"]


def test_pagination(engine: Engine) -> None:
    seeded = seed(engine)
    now = utcnow()
    with session_scope(engine) as s:
        for i in range(PAGE_SIZE + 5):
            s.add(Call(id=f"feeds:p{i:02d}", source="feeds", native_id=f"p{i:02d}", url="https://x.example/",
                       title=f"Paged call {i:02d}", fetched_at=now.isoformat()))  # fmt: skip
        s.flush()
        for i in range(PAGE_SIZE + 5):
            s.add(MemberMatch(call_id=f"feeds:p{i:02d}", member_id=seeded.member_ids["lamp"], score=0.3,
                              created_at=now - timedelta(days=10, minutes=i)))  # fmt: skip
    with session_scope(engine) as s:
        first = load_inbox(s, InboxFilters(q="Paged"), THRESHOLD)
        second = load_inbox(s, InboxFilters(q="Paged", page=2), THRESHOLD)
        beyond = load_inbox(s, InboxFilters(q="Paged", page=9), THRESHOLD)
    assert (first.total, first.pages, len(first.items), first.has_next, first.has_prev) == (25, 2, 20, True, False)
    assert [i.call.title for i in second.items] == [f"Paged call {i:02d}" for i in range(20, 25)]
    assert second.has_prev and not second.has_next
    assert beyond.filters.page == 2  # a page past the end shows the last one


def test_call_view_carries_pillars_matches_and_routable_members(engine: Engine) -> None:
    seeded = seed(engine)
    with session_scope(engine) as s:
        detail = load_call(s, "tacr:SS07", THRESHOLD)
        assert detail is not None
        assert detail.view.pillars == [("lasers", 0.71), ("industrial-consumer-optics", 0.3)]
        assert [m.member.name for m in detail.view.matches] == ["Laser Works s.r.o.", "Optronics Institute"]
        assert {m.name for m in detail.routable} == {"Mikroskopie a.s.", "Svítidla Olomouc"}
        assert detail.sources == ["tacr"]
        assert load_call(s, "no:such", THRESHOLD) is None
        assert s.get(Member, seeded.member_ids["laser"]) is not None


def test_parse_filters_drops_unknown_values() -> None:
    f = parse_filters(
        {"q": "  laser   welding ", "pillar": "astrology", "source": "tacr", "member": "-3", "deadline": "7",
         "status": "deleted", "call_status": "open", "sort": "random", "page": "0"},
        PILLARS, SOURCES,
    )  # fmt: skip
    assert f == InboxFilters(q="laser welding", source="tacr", call_status="open")
    assert parse_filters({"member": "12", "page": "3", "status": "all"}, PILLARS, SOURCES) == InboxFilters(
        member=12, page=3, status="all"
    )


def test_query_string_round_trips_and_leaves_defaults_out() -> None:
    f = InboxFilters(q="laser & optics", pillar="lasers", page=2)
    assert f.query_string() == "q=laser+%26+optics&pillar=lasers&page=2"
    assert f.query_string(page=1) == "q=laser+%26+optics&pillar=lasers"
    assert InboxFilters().query_string() == ""
    assert not InboxFilters().active and InboxFilters(status="all").active


def test_like_pattern_escapes_wildcards() -> None:
    assert like_pattern("50%_a\\b") == "%50\\%\\_a\\\\b%"
