"""Safety records for other tests."""

import datetime

from gonghui.safety import services
from tests.factories import EnterpriseFactory, OrganizationFactory, PersonFactory, id_number

D = datetime.date


def crawl_records(cast, side):
    """A supervised coal mine of the township with everything recorded about it (the URL-leak crawl's fixture)."""
    union = OrganizationFactory(parent=side.township, name=f"{side.tag}煤矿工会", level="grassroots",
                                category="coal_mine")  # fmt: skip
    enterprise = EnterpriseFactory(name=f"{side.tag}煤矿", organization=union, township=side.place, is_coal_mine=True,
                                   coal_mine_pairs=1)  # fmt: skip
    mine = services.save_workplace(enterprise=enterprise, kind="coal", owner="张业主", status="producing",
                                   status_since=D(2007, 1, 1))  # fmt: skip
    person = PersonFactory(name=f"{side.tag}安监员", township=side.place, village=side.village,
                           id_no=id_number(900 if side.tag == "甲" else 901, birth=D(1970, 1, 1)))  # fmt: skip
    supervisor = services.add_supervisor(workplace=mine, person=person, appointed_on=D(2008, 1, 1))
    batch = services.record_batch(organization=side.township, name="群监员培训", started_on=D(2008, 3, 1),
                                  ended_on=D(2008, 3, 3), hours=24)  # fmt: skip
    services.record_exam(batch=batch, supervisor=supervisor, passed=True, score=90)
    services.issue_certificate(supervisor=supervisor, number=f"QJ-{side.tag}", issued_on=D(2008, 4, 1),
                               expires_on=D(2011, 4, 1), batch=batch)  # fmt: skip
    services.file_report(
        workplace=mine, month=D(2008, 5, 1), output=100, on=D(2008, 6, 3), today=D(2008, 6, 3)
    )
    services.record_inspection(organization=side.township, kind="safety_month", on=D(2008, 6, 10),
                               leaders=[person], workplaces=[mine])  # fmt: skip
    services.record_hazard(workplace=mine, found_on=D(2008, 6, 10), source="inspection", description="通风不良",
                           deadline=D(2008, 6, 30))  # fmt: skip
    services.record_accident(workplace=mine, occurred_on=D(2008, 4, 28), kind="gas", minor_injuries=1)
    services.save_document(organization=side.township, kind="annual_plan", title="安全生产工作计划", year=2008,
                           issued_on=D(2008, 2, 25))  # fmt: skip
