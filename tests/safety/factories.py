"""Safety records for other tests: a mine (the ledger templates' example rows name one), and a
mine with everything recorded about it (the URL-leak crawl's fixture)."""

import datetime

from gonghui.people import idnumbers
from gonghui.people.models import Person
from gonghui.safety import services
from tests.factories import EnterpriseFactory, OrganizationFactory

D = datetime.date

EXAMPLE_MINE = "黔山县高桥一号煤矿"


def coal_mine(cast, name=EXAMPLE_MINE, pairs=2):
    union = OrganizationFactory(
        parent=cast.township_a, name=f"{name}工会", level="grassroots", category="coal_mine"
    )
    enterprise = EnterpriseFactory(name=name, organization=union, township=cast.place_a, is_coal_mine=True,
                                   coal_mine_pairs=pairs)  # fmt: skip
    return services.save_workplace(enterprise=enterprise, kind="coal", status="producing",
                                   status_since=datetime.date(2007, 1, 1))  # fmt: skip


EXAMPLE_BATCH = "2008年全县煤矿群监员培训班"


def example_mine(cast):
    """The mine the safety templates' example rows name, with 张三 its supervisor on duty, and the
    training batch the exam results template names (organised by the importing township)."""
    mine = coal_mine(cast)
    person = Person(name="张三", name_initials="zs", township=cast.place_a)
    person.set_id_number(idnumbers.make_valid("520199", datetime.date(1962, 7, 1), 2))
    person.save()
    services.add_supervisor(workplace=mine, person=person)
    services.record_batch(organization=cast.township_a, name=EXAMPLE_BATCH, started_on=datetime.date(2008, 3, 17),
                          ended_on=datetime.date(2008, 3, 21), hours=40)  # fmt: skip
    return mine


def crawl_records(cast, side):
    """Records of every scoped safety model inside one township (the URL-leak crawl's fixture)."""
    from gonghui.safety.models import TrainingBatch

    D = datetime.date
    tag = side.tag
    union = OrganizationFactory(
        parent=side.township, name=f"{tag}煤矿工会", level="grassroots", category="coal_mine"
    )
    enterprise = EnterpriseFactory(name=f"{tag}煤矿", organization=union, township=side.place, is_coal_mine=True,
                                   coal_mine_pairs=1)  # fmt: skip
    mine = services.save_workplace(enterprise=enterprise, kind="coal", owner=f"{tag}业主", status="producing",
                                   status_since=D(2007, 1, 1))  # fmt: skip
    person = Person(name=f"{tag}群监", name_initials="qj", township=side.place, village=side.village)
    person.save()
    supervisor = services.add_supervisor(workplace=mine, person=person, appointed_on=D(2008, 1, 1))
    batch = services.record_batch(organization=side.township, name=f"{tag}群监员培训", started_on=D(2008, 3, 1),
                                  ended_on=D(2008, 3, 3), hours=24)  # fmt: skip
    assert isinstance(batch, TrainingBatch)
    services.record_exam(batch=batch, supervisor=supervisor, passed=True, score=88)
    services.issue_certificate(supervisor=supervisor, number=f"{tag}-QJ-1", issued_on=D(2008, 4, 1),
                               expires_on=D(2011, 3, 31), batch=batch)  # fmt: skip
    report = services.file_report(workplace=mine, month=D(2008, 5, 1), on=D(2008, 6, 3), output=1000,
                                  people_underground=30, supervisor_on_duty=supervisor)  # fmt: skip
    inspection = services.record_inspection(organization=side.township, kind="quarterly", on=D(2008, 6, 10),
                                            leaders=[person], workplaces=[mine])  # fmt: skip
    services.record_hazard(workplace=mine, found_on=D(2008, 6, 10), source="inspection", inspection=inspection,
                           description="支护不规范", deadline=D(2008, 6, 30), report=report)  # fmt: skip
    services.record_accident(
        workplace=mine, occurred_on=D(2008, 7, 1), kind="roof", deaths=0, minor_injuries=1
    )
    services.save_document(organization=side.township, kind="annual_plan", title=f"{tag}镇群众安全生产安排",
                           year=2008, issued_on=D(2008, 3, 1))  # fmt: skip
