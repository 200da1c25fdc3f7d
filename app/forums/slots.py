"""Meeting slots of a session, from its times, meeting length and break (pure).

Times are the forum's local wall-clock times; slots are stored in UTC, so a forum in Kunming
and a participant's phone in Bangkok agree on when 09:00 is.
"""
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo


def slot_times(*, day: date, start: time, end: time, meeting_minutes: int, break_minutes: int,
               timezone: str) -> list[tuple[datetime, datetime]]:
    """(start, end) of each slot as aware UTC datetimes; the last slot ends no later than `end`."""
    zone = ZoneInfo(timezone)
    first = datetime.combine(day, start, tzinfo=zone)
    last_end = datetime.combine(day, end, tzinfo=zone)
    meeting, step = timedelta(minutes=meeting_minutes), timedelta(minutes=meeting_minutes + break_minutes)
    slots = []
    begins = first
    while begins + meeting <= last_end:
        slots.append((begins.astimezone(UTC), (begins + meeting).astimezone(UTC)))
        begins += step
    return slots
