"""Defaults kept as data: causes of hardship (national archive form), the public-holiday calendar."""

import datetime

CAUSES = [
    ("illness", "因病", False),
    ("disability", "因残", True),
    ("disaster", "因灾", False),
    ("education", "子女教育", False),
    ("single_parent", "单亲", False),
    ("unemployment", "下岗失业", False),
    ("zero_employment", "零就业家庭", False),
    ("accident", "意外事故", False),
    ("other", "其他", False),
]


def ensure_causes(model):
    """Add any missing default cause; never renames or revives what the county changed."""
    for order, (code, name, needs_disability) in enumerate(CAUSES, start=1):
        model.objects.get_or_create(code=code, defaults={"name": name, "needs_disability": needs_disability,
                                                         "order": order})  # fmt: skip


# China's 2008 public holidays and make-up working days (国办发明电〔2007〕40号): the first year of
# the holiday reform (清明, 端午 and 中秋 became holidays; May Day cut to three days). Every day off
# is listed, weekends inside a holiday included, so the calendar reads as the notice did.
D = datetime.date


def _days(first, last):
    day = first
    while day <= last:
        yield day
        day += datetime.timedelta(days=1)


HOLIDAYS = [
    ("元旦", D(2007, 12, 30), D(2008, 1, 1)),
    ("春节", D(2008, 2, 6), D(2008, 2, 12)),
    ("清明节", D(2008, 4, 4), D(2008, 4, 6)),
    ("劳动节", D(2008, 5, 1), D(2008, 5, 3)),
    ("端午节", D(2008, 6, 7), D(2008, 6, 9)),
    ("中秋节", D(2008, 9, 13), D(2008, 9, 15)),
    ("国庆节", D(2008, 9, 29), D(2008, 10, 5)),
]
# Weekend days worked in exchange (调休).
WORKDAYS = [
    ("元旦调休", D(2007, 12, 29)),
    ("春节调休", D(2008, 2, 2)),
    ("春节调休", D(2008, 2, 3)),
    ("劳动节调休", D(2008, 5, 4)),
    ("国庆节调休", D(2008, 9, 27)),
    ("国庆节调休", D(2008, 9, 28)),
]


def holiday_rows():
    for name, first, last in HOLIDAYS:
        for day in _days(first, last):
            yield day, name, False
    for name, day in WORKDAYS:
        yield day, name, True


def ensure_holidays(model):
    for day, name, is_workday in holiday_rows():
        model.objects.update_or_create(date=day, defaults={"name": name, "is_workday": is_workday})
