"""The demo county's morning of work: an auditor trying the demo finds the log and the reveals filled."""

import random

from gonghui.audit import demo
from gonghui.orgs import demo as org_demo
from gonghui.orgs.management.commands.demo import demo_modules
from gonghui.orgs.models import User
from gonghui.people import demo as people_demo
from gonghui.people.models import IdNumberAccess


def test_the_auditor_finds_reveals_and_changes_made_through_the_forms_and_a_rebuild_adds_none(db, client):
    org_demo.build(random.Random("gonghui-demo-orgs"))
    people_demo.build(random.Random("gonghui-demo-people"))
    summary = demo.build(random.Random("gonghui-demo-audit"))
    assert summary == {"reveals": 5, "phone corrections": 2, "exports with clear numbers": 1}
    client.force_login(User.objects.get(username="auditor"))
    html = client.get("/audit/").content.decode()
    assert "核对困难职工档案身份信息" in html and "向银行报送救助资金发放名册" in html
    assert html.count("phone") + html.count("电话") >= 2  # the corrected numbers, as changes of the field
    assert demo.build(random.Random("gonghui-demo-audit")) == {"already done": 1}
    assert IdNumberAccess.objects.count() == 6


def test_the_audit_demo_runs_after_every_area():
    assert [label for label, _module in demo_modules()][-1] == "audit"
