"""The store on SQLite and on the real PostgreSQL: upserts, history, provenance, migrations."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, func, inspect, select
from sqlalchemy.orm import Session

from store.base import Base
from store.calls import normalise_url, upsert_record, url_key
from store.db import current_revision, head_revision, make_engine, upgrade
from store.models import Call, CallChange, CallRecord

T0 = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)


def record(**overrides: Any) -> dict[str, Any]:
    base = {
        "id": "tacr:forest/call-2026-4",
        "source": "tacr",
        "native_id": "forest/call-2026-4",
        "url": "https://tacr.gov.cz/soutez/forest/call-2026-4/",
        "title": "FOREST Call 2026",
        "description": "Partnerství FOREST",
        "language": "cs",
        "funder": "TA ČR",
        "programme": "FOREST",
        "call_code": None,
        "status": "open",
        "opens_at": "2026-09-15T00:00:00+02:00",
        "deadlines": ["2026-12-02T23:59:59+01:00"],
        "budget_total": {"amount": 500000, "currency": "EUR"},
        "grant_min": None,
        "grant_max": {"amount": 170000, "currency": "EUR"},
        "funding_rate_max": 80,
        "applicants": ["enterprise", "research_org", "public_body"],
        "eligibility_text": "výzkumná organizace, podnik, organizační složky státu",
        "region": "CZ",
        "documents": [],
        "keywords": [],
        "fetched_at": "2026-11-02T08:00:00+00:00",
    }
    base.update(overrides)
    return base


def test_new_record_creates_call_with_every_field(session: Session) -> None:
    result = upsert_record(session, record(), now=T0)
    session.commit()
    assert result.outcome == "new"
    call = session.get(Call, "tacr:forest/call-2026-4")
    assert call is not None
    assert call.as_record() == record()
    assert call.first_seen == T0 and call.last_seen == T0
    assert call.next_deadline == datetime(2026, 12, 2, 22, 59, 59, tzinfo=UTC)
    assert session.scalar(select(func.count()).select_from(CallChange)) == 0


def test_unchanged_record_only_touches_last_seen(session: Session) -> None:
    upsert_record(session, record(), now=T0)
    later = T0 + timedelta(days=1)
    result = upsert_record(session, record(fetched_at="2026-11-03T08:00:00+00:00"), now=later)
    session.commit()
    assert result.outcome == "unchanged"
    call = session.get(Call, "tacr:forest/call-2026-4")
    assert call.last_seen == later and call.first_seen == T0
    assert session.scalar(select(func.count()).select_from(Call)) == 1
    assert session.scalar(select(func.count()).select_from(CallChange)) == 0


def test_changed_fields_are_recorded_as_history(session: Session) -> None:
    upsert_record(session, record(), now=T0)
    later = T0 + timedelta(days=3)
    result = upsert_record(session, record(deadlines=["2026-12-16T23:59:59+01:00"], funding_rate_max=70), now=later)
    session.commit()
    assert result.outcome == "changed"
    assert set(result.changed_fields) == {"deadlines", "funding_rate_max"}
    changes = {c.field: c for c in session.scalars(select(CallChange)).all()}
    assert changes["deadlines"].old_value == ["2026-12-02T23:59:59+01:00"]
    assert changes["deadlines"].new_value == ["2026-12-16T23:59:59+01:00"]
    assert changes["deadlines"].changed_at == later
    assert changes["funding_rate_max"].old_value == 80 and changes["funding_rate_max"].new_value == 70
    call = session.get(Call, "tacr:forest/call-2026-4")
    assert call.changed_at == later
    assert call.next_deadline == datetime(2026, 12, 16, 22, 59, 59, tzinfo=UTC)


def test_same_call_code_from_two_sources_is_one_call_with_both_provenances(session: Session) -> None:
    ms = record(
        id="ms2021:01_26_015",
        source="ms2021",
        native_id="01_26_015",
        call_code="01_26_015",
        url="https://ms21opendata.mssf.cz/SeznamVyzev_21_27.xml#01_26_015",
        title="Inovace – výzva VI",
        funder="MMR / MS2021+",
        programme="OP TAK",
        description="",
        applicants=[],
        funding_rate_max=None,
        grant_max=None,
        budget_total={"amount": 2_600_000_000, "currency": "CZK"},
    )
    optak = record(
        id="optak:inovace-vyzva-vi",
        source="optak",
        native_id="inovace-vyzva-vi",
        call_code="01_26_015",
        url="https://apiagentura.gov.cz/cs/podporovane-aktivity-optak/inovace/inovace-vyzva-vi/",
        title="Inovace – výzva VI",
        funder="MPO / Agentura API",
        programme="OP TAK",
        description="Podpora inovací v podnicích.",
        applicants=["sme", "enterprise"],
        budget_total=None,
    )
    first = upsert_record(session, ms, now=T0)
    second = upsert_record(session, optak, now=T0)
    session.commit()
    assert first.outcome == "new" and second.outcome == "joined"
    assert first.call_id == second.call_id == "ms2021:01_26_015"
    assert session.scalar(select(func.count()).select_from(Call)) == 1
    call = session.get(Call, first.call_id)
    assert sorted(r.source for r in call.records) == ["ms2021", "optak"]
    # The most specific source (the agency's own page) wins; its gaps are filled from the aggregator.
    assert call.source == "optak"
    assert call.url == optak["url"]
    assert call.description == "Podpora inovací v podnicích."
    assert call.funder == "MPO / Agentura API"
    assert call.budget_total == {"amount": 2_600_000_000, "currency": "CZK"}
    assert session.scalar(select(func.count()).select_from(CallChange)) == 0  # joining is not a change
    # A later real change reported by the agency is history.
    upsert_record(session, dict(optak, deadlines=["2027-01-15T23:59:59+01:00"]), now=T0 + timedelta(days=2))
    session.commit()
    [change] = session.scalars(select(CallChange)).all()
    assert (change.field, change.source) == ("deadlines", "optak")


def test_exact_times_of_ms2021_beat_dates_of_dotaceeu(session: Session) -> None:
    ms = record(
        id="ms2021:08_26_036",
        source="ms2021",
        native_id="08_26_036",
        call_code="08_26_036",
        url="https://ms21opendata.mssf.cz/SeznamVyzev_21_27.xml#08_26_036",
        title="36. výzva OP Rybářství",
        opens_at="2026-10-20T09:00:00+02:00",
        deadlines=["2026-11-09T13:00:00+01:00"],
    )
    portal = record(
        id="dotaceeu:08_26_036",
        source="dotaceeu",
        native_id="08_26_036",
        call_code="08_26_036",
        url="https://www.dotaceeu.cz/cs/jak-ziskat-dotaci/vyzvy/obdobi-2021-2027/36-vyzva",
        title="36. výzva OP Rybářství - Investice do akvakultury",
        opens_at="2026-10-20T00:00:00+02:00",
        deadlines=["2026-11-09T23:59:59+01:00"],
    )
    upsert_record(session, ms, now=T0)
    upsert_record(session, portal, now=T0)
    session.commit()
    call = session.get(Call, "ms2021:08_26_036")
    assert call.title == "36. výzva OP Rybářství - Investice do akvakultury"  # the portal's page wins
    assert call.deadlines == ["2026-11-09T13:00:00+01:00"]  # but not over the exact closing time
    assert call.opens_at == "2026-10-20T09:00:00+02:00"


def test_feed_entry_joins_by_url(session: Session) -> None:
    upsert_record(session, record(), now=T0)
    feed = record(
        id="feeds:abc123",
        source="feeds",
        native_id="abc123",
        url="https://www.tacr.gov.cz/soutez/forest/call-2026-4",
        title="Partnerství FOREST: výzva otevřena",
        description="Novinka",
        deadlines=[],
        status="unknown",
    )
    result = upsert_record(session, feed, now=T0)
    session.commit()
    assert result.outcome == "joined" and result.call_id == "tacr:forest/call-2026-4"
    assert session.get(Call, "tacr:forest/call-2026-4").title == "FOREST Call 2026"


def test_empty_values_never_overwrite(session: Session) -> None:
    upsert_record(session, record(), now=T0)
    upsert_record(session, record(description=""), now=T0 + timedelta(hours=1))
    session.commit()
    # The only source says the description is now empty: that is a change, recorded.
    call = session.get(Call, "tacr:forest/call-2026-4")
    assert call.description == ""
    assert [c.field for c in session.scalars(select(CallChange))] == ["description"]


def test_upsert_never_deletes_unseen_calls(session: Session) -> None:
    upsert_record(session, record(), now=T0)
    other = record(id="tacr:sigma/x", native_id="sigma/x", url="https://tacr.gov.cz/soutez/sigma/x/")
    upsert_record(session, other, now=T0)
    session.commit()
    upsert_record(session, record(), now=T0 + timedelta(days=1))
    session.commit()
    assert session.get(Call, "tacr:sigma/x").status == "open"
    assert session.scalar(select(func.count()).select_from(CallRecord)) == 2


def test_unique_source_native_id(session: Session) -> None:
    from sqlalchemy.exc import IntegrityError

    upsert_record(session, record(), now=T0)
    session.commit()
    call = session.get(Call, "tacr:forest/call-2026-4")
    session.add(
        CallRecord(
            record_id="x",
            source="tacr",
            native_id="forest/call-2026-4",
            call=call,
            url="u",
            url_key="u",
            data={},
            content_hash="h",
        )
    )
    with pytest.raises(IntegrityError):
        session.commit()
    session.rollback()


def test_normalise_url() -> None:
    assert normalise_url("http://WWW.Tacr.gov.cz/soutez/x/#top") == "https://tacr.gov.cz/soutez/x"
    assert normalise_url("https://tacr.gov.cz/soutez/a-%e2%81%a0/") == "https://tacr.gov.cz/soutez/a-%E2%81%A0"


def test_url_key_is_the_normalised_url_cut_to_the_column() -> None:
    assert url_key("http://www.tacr.gov.cz/soutez/x/") == "https://tacr.gov.cz/soutez/x"
    long_url = "https://example.org/" + "a" * 1000
    assert url_key(long_url) == normalise_url(long_url)[:700]
    assert len(url_key(long_url)) == 700


def _migrate_and_compare(engine: Engine) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    upgrade(engine)
    assert current_revision(engine) == head_revision()
    tables = set(inspect(engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": False}), Base.metadata)
    assert diff == [], f"models and migrations disagree: {diff}"
    upgrade(engine)  # idempotent


def test_migrations_match_models_on_sqlite(tmp_path) -> None:
    _migrate_and_compare(make_engine(f"sqlite:///{tmp_path / 'm.db'}"))


@pytest.mark.postgres
def test_migrations_match_models_on_postgresql(pg_schema_url: str) -> None:
    engine = make_engine(pg_schema_url)
    _migrate_and_compare(engine)
    engine.dispose()
