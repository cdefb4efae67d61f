"""What a new user trips over on the first day (issue 17, point 4)."""

import re
from pathlib import Path

import pytest

import gonghui

pytestmark = pytest.mark.django_db
ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-CN"}


def test_the_organisation_list_heads_its_names_名称(client, cast):
    client.force_login(cast.county_admin)
    body = client.get("/orgs/", **ZH).content.decode()
    assert "<th>名称</th>" in body and "<th>姓名</th>" not in body


def test_every_page_links_to_the_password_change_page_which_is_chinese(client, cast):
    client.force_login(cast.grassroots_officer)
    assert 'href="/password/"' in client.get("/", **ZH).content.decode()
    body = client.get("/password/", **ZH).content.decode()
    assert "修改密码" in body and "Old password" not in body


def test_the_ui_and_the_catalog_write_台账_only():
    root = Path(gonghui.__file__).parent
    offenders = [str(p.relative_to(root)) for p in root.rglob("*") if p.suffix in {".py", ".html", ".po"}
                 and "台帐" in p.read_text(encoding="utf-8")]  # fmt: skip
    assert not offenders


def test_the_causes_of_hardship_are_listed_by_their_chinese_names_only(client, cast):
    from gonghui.assistance.defaults import ensure_causes
    from gonghui.assistance.models import HardshipCause

    ensure_causes(HardshipCause)
    client.force_login(cast.county_admin)
    body = client.get("/assistance/settings/causes/", **ZH).content.decode()
    table = body[body.index("<table") : body.index("</table>")]
    assert not re.search(r">\s*(accident|disability|illness)\s*<", table)


def test_breadcrumbs_end_with_a_name_not_an_arrow(client, cast):
    client.force_login(cast.county_admin)
    for url in [f"/orgs/{cast.village_union_a.pk}/", f"/orgs/{cast.township_a.pk}/edit/"]:
        crumbs = re.findall(r'class="crumbs">(.*?)</(?:nav|p)>', client.get(url).content.decode(), re.S)
        assert crumbs and all(not c.strip().endswith("›") for c in crumbs), url


def test_a_button_without_a_class_is_styled_as_a_button():
    css = (Path(gonghui.__file__).parent / "static/css/gonghui.css").read_text()
    assert "button:where(:not(.link, .primary))" in css


def test_the_read_only_leader_gets_exports_not_an_import_page(client, cast):
    client.force_login(cast.leader)
    body = client.get("/ledgers/").content.decode()
    assert "/ledgers/export/people.xlsx" in body
    assert "Import a ledger" not in body and not re.search(r'href="/ledgers/[a-z_]+/"', body)


def test_the_village_officer_is_told_why_children_are_not_imported_here(client, cast):
    client.force_login(cast.grassroots_officer)
    body = client.get("/ledgers/").content.decode()
    assert "Children are minors" in body
    assert 'href="/ledgers/children/"' not in body


def test_a_village_officer_sees_village_and_phone_on_a_phone_and_no_township_column(client, cast, person_a):
    client.force_login(cast.grassroots_officer)
    body = client.get("/people/").content.decode()
    head = body[body.index("<thead>") : body.index("</thead>")]
    assert "Township" not in head
    assert re.search(r"<th>Village or community</th><th>Phone</th>", head)
    client.force_login(cast.county_admin)
    head = client.get("/people/").content.decode()
    assert "<th>Township</th>" in head


def test_a_village_officer_registry_list_shows_village_and_phone_on_a_phone(client, cast):
    client.force_login(cast.grassroots_officer)
    body = client.get("/threecares/registry/out_migrants/").content.decode()
    head = body[body.index("<thead>") : body.index("</thead>")]
    assert "<th>村(社区)</th><th>联系电话</th>" in head and "乡镇" not in head
    client.force_login(cast.county_admin)
    head = client.get("/threecares/registry/out_migrants/").content.decode()
    assert "<th>乡镇</th>" in head
