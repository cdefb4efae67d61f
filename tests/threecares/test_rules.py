"""One rule, one place: a Three Cares record breaking a rule is refused with one code by every write path.

The service, the form an officer posts and the ledger kind (where the record has one) call the
same rule function; each case sends the same breaking record down every path.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from gonghui.ledgers.importer import run_import
from gonghui.ledgers.registry import get_kind
from gonghui.threecares import services
from tests.ledgers.files import write_xlsx

from .factories import child, entry

D = datetime.date


def service_codes(action):
    with pytest.raises(ValidationError) as e:
        action()
    return {one.code for errors in e.value.error_dict.values() for one in errors}


def form_codes(response):
    assert response.status_code == 200, "the form was accepted"
    return {one.code for errors in response.context["form"].errors.as_data().values() for one in errors}


@pytest.fixture
def paired(cast):
    elder = entry(cast, "elders", name="老人甲")
    services.pair_elder(elder=elder, helper_name="李四", paired_on=D(2008, 3, 5))
    return elder


@pytest.mark.parametrize("path", ["service", "form", "ledger", "reopen"])
def test_a_second_helper_for_an_elder_is_refused_with_one_code_by_every_path(
    client, cast, paired, tmp_path, path
):
    if path == "service":
        codes = service_codes(
            lambda: services.pair_elder(elder=paired, helper_name="王五", paired_on=D(2008, 6, 1))
        )
    elif path == "form":
        client.force_login(cast.township_a_officer)
        url = reverse("threecares:pairing-create", args=[paired.pk])
        codes = form_codes(client.post(url, {"helper_name": "王五", "paired_on": "2008-06-01"}))
    elif path == "ledger":
        head = ["老人姓名", "老人身份证号", "帮扶人", "结对时间"]
        rows = [head, ["老人甲", paired.person.clear_id_number(), "王五", "2008-06-01"]]
        result = run_import(get_kind("pairings"), write_xlsx(tmp_path / "p.xlsx", {"S": rows}),
                            organization=cast.township_a)  # fmt: skip
        assert result.status == "rejected"
        codes = {issue.code for issue in result.errors}
    else:  # an ended pairing reopened on its page while another is active
        first = paired.pairings.get()
        services.end_pairing(pairing=first, ended_on=D(2008, 5, 31))
        services.pair_elder(elder=paired, helper_name="王五", paired_on=D(2008, 6, 1))
        client.force_login(cast.township_a_officer)
        url = reverse("threecares:record-edit", args=["pairings", first.pk])
        codes = form_codes(
            client.post(url, {"helper_name": "李四", "paired_on": "2008-03-05", "ended_on": ""})
        )
    assert codes == {"already_paired"}
    assert paired.pairings.filter(ended_on__isnull=True).count() == 1


@pytest.mark.parametrize(("code", "who", "submitted_on"), [("not_township", "county", "2008-01-25"),
                                                         ("early", "township_a", "2007-12-25")])  # fmt: skip
@pytest.mark.parametrize("path", ["service", "form"])
def test_an_information_report_breaking_a_rule_is_refused_with_one_code_by_both_paths(
    client, cast, path, code, who, submitted_on
):
    organization = getattr(cast, who)
    if path == "service":
        codes = service_codes(lambda: services.record_info_report(
            organization=organization, year=2008, month=1, submitted_on=D.fromisoformat(submitted_on),
            content="…"))  # fmt: skip
    else:
        if code == "not_township":
            pytest.skip("the form offers township committees only: the county cannot be chosen")
        client.force_login(cast.county_admin)
        codes = form_codes(client.post(reverse("threecares:report-create"), {
            "organization": organization.pk, "year": 2008, "month": 1, "submitted_on": submitted_on,
            "content": "…"}))  # fmt: skip
    assert codes == {code}
    from gonghui.reporting.models import Submission

    assert not Submission.objects.exists()


def test_the_guardian_named_on_the_ledger_stays_when_the_line_still_says_it_and_goes_when_cleared(cast):
    kid = child(cast, guardian_name="外婆", guardian_relation="grandparent")
    services.set_child_guardians(child=kid, guardian_typed="外婆", guardian_relation="grandparent")
    kid.refresh_from_db()
    assert (kid.guardian_name, kid.guardian_relation) == ("外婆", "grandparent")
    services.set_child_guardians(child=kid, guardian_typed="")
    kid.refresh_from_db()
    assert (kid.guardian_name, kid.guardian_relation) == ("", "")
