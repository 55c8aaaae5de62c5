"""All models, imported here so that `Base.metadata` knows every table (Alembic and `create_all` rely on it)."""

from store.models.calls import RECORD_FIELDS, Call, CallChange, CallRecord
from store.models.digests import Digest
from store.models.matches import CallNote, Feedback, MemberMatch, PillarScore, ReviewAction
from store.models.members import Member, Pillar, User
from store.models.ops import CrawlRun, JobRun, RunLock

__all__ = [
    "RECORD_FIELDS",
    "Call",
    "CallChange",
    "CallNote",
    "CallRecord",
    "CrawlRun",
    "Digest",
    "Feedback",
    "JobRun",
    "Member",
    "MemberMatch",
    "Pillar",
    "PillarScore",
    "ReviewAction",
    "RunLock",
    "User",
]
