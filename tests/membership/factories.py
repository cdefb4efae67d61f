"""Membership records for other tests."""

import datetime

from gonghui.membership import models as m
from gonghui.membership import services
from tests.factories import EnterpriseFactory, OrganizationFactory, PersonFactory, id_number

D = datetime.date


def crawl_records(cast, side):
    """A workplace union of the township with everything membership keeps (the URL-leak crawl's fixture)."""
    tag, township = side.tag, side.township
    union = OrganizationFactory(
        parent=township, name=f"{tag}茶厂工会", level="grassroots", category="enterprise"
    )
    workplace = EnterpriseFactory(name=f"{tag}茶厂", organization=union, township=side.place, staff_count=50,
                                  women_staff_count=20)  # fmt: skip
    services.record_union_event(
        union=union, kind="founded", on=D(2008, 4, 1), form="single", workplace=workplace
    )
    services.set_legal_registration(union=union, status="applied", applied_on=D(2008, 4, 10))
    term = services.start_term(union=union, number=1, starts_on=D(2003, 4, 1), ends_on=D(2008, 3, 31))
    services.prepare_congress(term=term, title="第二次会员大会", preparation_from=D(2008, 1, 1))
    person = PersonFactory(name=f"{tag}会员", township=side.place, village=side.village,
                           id_no=id_number(910 if tag == "甲" else 911, birth=D(1980, 2, 2)))  # fmt: skip
    services.join_member(person=person, union=union, joined_on=D(2008, 5, 1), card_number=f"K-{tag}")
    services.record_contract(organization=union, workplace=workplace, kind="comprehensive", signed_on=D(2008, 3, 1),
                             starts_on=D(2008, 3, 1), ends_on=D(2011, 2, 28), workers_covered=50)  # fmt: skip
    services.record_labour_contracts(workplace=workplace, year=2008, signed=12, workers_with_contract=45)
    services.record_workers_congress(workplace=workplace, established_on=D(2006, 1, 1))
    services.record_open_affairs(workplace=workplace, checked_on=D(2008, 6, 1), practised=True)
    services.record_rule(rule=m.SpecialContractRule(organization=township, min_women_staff=5))
    volume = services.record(
        m.DocumentVolume, organization=township, title="2008年文件汇编", compiled_on=D(2008, 12, 1)
    )
    services.record_document(organization=township, number=f"{tag}工发〔2008〕1号", title="意见",
                             issued_on=D(2008, 1, 20), volume=volume)  # fmt: skip
    services.record_meeting(organization=township, kind="plenary", title="全委会", held_on=D(2008, 1, 15))
    assignment = services.record(m.Assignment, organization=township, township=side.place, assignee="李干部",
                                 task="包村指导", starts_on=D(2008, 1, 1))  # fmt: skip
    services.record(m.AssignmentVisit, organization=township, assignment=assignment, visited_on=D(2008, 3, 1),
                    note="走访")  # fmt: skip
    services.record(m.DemocracyInspection, organization=township, title="厂务公开检查", started_on=D(2008, 5, 1),
                    ended_on=D(2008, 5, 10))  # fmt: skip
    services.record(m.Event, organization=township, kind="sport", role="organised", title="职工运动会",
                    held_on=D(2008, 5, 1))  # fmt: skip
    services.record(
        m.Honour,
        organization=union,
        kind="advanced_woman",
        team="女工班组",
        awarded_on=D(2008, 3, 8),
        awarded_by="县妇联",
    )
    services.record(
        m.HomeRating, organization=union, rating="qualified", rated_on=D(2008, 6, 1), rated_by="县总工会"
    )
    services.record(m.WomenCommittee, organization=union, established_on=D(2008, 3, 8))
    services.record(
        m.WomenCampaign, organization=township, kind="publicity", title="维权宣传", held_on=D(2008, 3, 8)
    )
