"""Reporting records for other tests."""

import datetime
from decimal import Decimal

from gonghui.reporting import models as m

D = datetime.date


def crawl_records(cast, side):
    """Everything reporting keeps for a township (the URL-leak crawl's fixture): set by the township
    for the unions below it, or about it; a closed year long past, so 2008's records stay open."""
    township, code = side.township, side.township.code.lower()
    m.Target.objects.create(organization=side.union, code="assistance.amount", period_start=D(2008, 1, 1),
                            period_end=D(2008, 12, 31), value=Decimal("1000"), assigned_by=township)  # fmt: skip
    closing = m.YearClose.objects.create(organization=township, year=2006, closed_by=side.officer)
    m.FigureSnapshot.objects.create(closing=closing, organization=township, code="assistance.amount", value=0)
    m.Unlock.objects.create(organization=township, year=2006, reason="补录", unlocked_by=side.officer)
    m.QualityRule.objects.create(organization=township, code=f"parts-{code}", name="分项之和", kind="parts",
                                 params={"total": "assistance.amount", "parts": ["assistance.amount"]})  # fmt: skip
    form = m.ReportForm.objects.create(organization=township, code=f"monthly-{code}", name=f"{side.tag}月报",
                                       frequency="month", respondents="committees")  # fmt: skip
    m.Submission.objects.create(form=form, organization=township, period_start=D(2008, 1, 1),
                                period_end=D(2008, 1, 31), status="submitted", content="一月情况",
                                submitted_on=D(2008, 2, 3), deadline=D(2008, 2, 8))  # fmt: skip
    scheme = m.Scheme.objects.create(organization=township, year=2008, code=f"kh-{code}", name=f"{side.tag}考核",
                                     assessed="children")  # fmt: skip
    item = m.SchemeItem.objects.create(
        scheme=scheme, order=1, text="宣传工作", points=Decimal("10"), kind="manual"
    )
    m.ManualScore.objects.create(item=item, organization=township, score=Decimal("8"), note="材料齐全",
                                 given_by=side.officer)  # fmt: skip
