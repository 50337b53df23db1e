"""The one source of "now" for scheduling.

`PREP_NOW` (an ISO 8601 datetime) pins the clock, so that a trainer can
rehearse a review schedule and the tests can check what FSRS scheduled
without waiting for it.
"""

from __future__ import annotations

import os
from datetime import datetime, timezone

from grader.errors import PrepError

PREP_NOW_ENV = "PREP_NOW"


def now() -> datetime:
    """The current time, timezone-aware UTC."""
    pinned = os.environ.get(PREP_NOW_ENV)
    if not pinned:
        return datetime.now(timezone.utc)
    try:
        moment = datetime.fromisoformat(pinned)
    except ValueError:
        raise PrepError(BAD_PREP_NOW.format(value=pinned)) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


BAD_PREP_NOW = "PREP_NOW={value!r} is not an ISO 8601 datetime (e.g. 2026-01-31T09:00:00+00:00)."
