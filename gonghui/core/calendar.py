"""Working days: weekends and public holidays off, make-up working days (调休) on.

The arrangement is data (``core.Holiday``, kept by the federation office each year), so a
public notice's five working days, a hazard's deadline and a report's due date all count the same.
"""

import datetime

from django.apps import apps


def _calendar(start, end):
    """{date: is_workday} for the holidays and make-up working days between start and end."""
    holiday = apps.get_model("core", "Holiday")
    return dict(holiday.objects.filter(date__gte=start, date__lte=end).values_list("date", "is_workday"))


def is_working_day(day, calendar=None):
    calendar = _calendar(day, day) if calendar is None else calendar
    if day in calendar:
        return calendar[day]
    return day.weekday() < 5


def add_working_days(start, days):
    """The date `days` working days after `start` (start itself not counted)."""
    # The longest holiday (春节 or 国庆) is seven days; two weeks per five working days is ample.
    calendar = _calendar(start, start + datetime.timedelta(days=14 + 3 * days))
    day = start
    left = days
    while left > 0:
        day += datetime.timedelta(days=1)
        if is_working_day(day, calendar):
            left -= 1
    return day


def working_days_between(start, end):
    """How many working days come after `start` up to and including `end` (0 when end <= start)."""
    if end <= start:
        return 0
    calendar = _calendar(start, end)
    day, count = start, 0
    while day < end:
        day += datetime.timedelta(days=1)
        if is_working_day(day, calendar):
            count += 1
    return count
