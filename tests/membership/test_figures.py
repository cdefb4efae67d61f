"""The figures count dated records of the period, in the organisation's subtree."""

import datetime

from gonghui.membership import models as m
from gonghui.membership import services
from gonghui.reporting import indicators
from tests.factories import EnterpriseFactory, OrganizationFactory, PersonFactory, id_number

D = datetime.date
Y2008 = indicators.Period.year(2008)


def figures(org, *codes):
    return indicators.compute(org, Y2008, list(codes))


def test_new_unions_and_reorganised_are_counted_from_events_dated_in_the_year(cast, union_a, union_b):
    services.record_union_event(union=union_a, kind="founded", on=D(2008, 4, 1), form="single")
    services.record_union_event(union=union_b, kind="founded", on=D(2007, 4, 1), form="single")
    services.record_union_event(union=union_b, kind="reorganised", on=D(2008, 6, 1))
    services.record_union_event(union=union_b, kind="reorganised", on=D(2008, 9, 1))
    assert figures(cast.county, "org.new_unions", "org.reorganised") == {
        "org.new_unions": 1,
        "org.reorganised": 1,
    }
    assert figures(cast.township_b, "org.new_unions")["org.new_unions"] == 0


def test_new_members_exclude_transfers_and_joining_at_source_which_is_counted_apart(cast, member_a, union_b):
    services.transfer_member(membership=member_a, to_union=union_b, on=D(2008, 8, 1))
    migrant = PersonFactory(name="外出甲", township=cast.place_a, village=cast.village_a, id_no=id_number(5))
    services.join_member(
        person=migrant, union=cast.village_union_a, joined_on=D(2008, 2, 1), joined_at_source=True
    )
    earlier = PersonFactory(name="老会员", township=cast.place_a, id_no=id_number(6))
    services.join_member(person=earlier, union=cast.village_union_a, joined_on=D(2007, 2, 1))
    values = figures(cast.county, "org.new_members", "org.joined_at_source")
    assert values == {"org.new_members": 1, "org.joined_at_source": 1}
    assert figures(cast.township_b, "org.new_members")["org.new_members"] == 0  # the transfer is not new


def test_coverage_is_signed_over_due_and_the_county_can_change_what_is_due(cast, workplace_a):
    other = EnterpriseFactory(
        name="高桥砖厂", organization=cast.township_a, staff_count=30, women_staff_count=4
    )
    OrganizationFactory(name="高桥砖厂工会", code="QS-T02-E02", level="grassroots", category="enterprise",
                        parent=cast.township_a, enterprise=other)  # fmt: skip
    EnterpriseFactory(name="无工会厂", organization=cast.township_a, staff_count=30, women_staff_count=10)
    services.record_contract(organization=None, workplace=workplace_a, kind="women_special", signed_on=D(2008, 3, 8),
                             starts_on=D(2008, 3, 8), ends_on=D(2011, 3, 7), workers_covered=50, women_covered=18)  # fmt: skip
    codes = ("women.special_contracts", "women.special_contracts_women", "women.special_contracts_coverage")
    assert list(figures(cast.county, *codes).values()) == [1, 18, 50]
    services.record_rule(rule=m.SpecialContractRule(organization=cast.county, min_women_staff=5))
    assert figures(cast.county, *codes)["women.special_contracts_coverage"] == 100


def test_workplaces_without_a_count_for_the_year_are_listed(cast, workplace_a):
    from gonghui.membership.selectors import workplaces_missing_counts

    assert list(workplaces_missing_counts(cast.county, 2008)) == [workplace_a]
    services.record_labour_contracts(workplace=workplace_a, year=2008, signed=12, workers_with_contract=45)
    assert list(workplaces_missing_counts(cast.county, 2008)) == []
    assert figures(cast.county, "democracy.labour_contracts")["democracy.labour_contracts"] == 12


def test_follow_up_meetings_count_committees_and_documents_count_the_year(cast):
    plenary = services.record_meeting(
        organization=cast.county, kind="plenary", title="全委会", held_on=D(2008, 2, 20)
    )
    for org in (cast.township_a, cast.township_b, cast.township_a):
        services.record_meeting(organization=org, kind="follow_up", title="贯彻会", held_on=D(2008, 3, 1),
                                follows=plenary)  # fmt: skip
    services.record_document(
        organization=cast.county, number="县工发〔2008〕1号", title="意见", issued_on=D(2008, 1, 20)
    )
    services.record_document(
        organization=cast.county, number="县工发〔2007〕9号", title="旧", issued_on=D(2007, 12, 20)
    )
    values = figures(cast.county, "org.followup_meetings", "docs.issued")
    assert values == {"org.followup_meetings": 2, "docs.issued": 1}
