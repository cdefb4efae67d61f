"""The lists of contracts, labour-contract counts, workers' congresses, events and honours export to
Excel in their ledgers' layout, with Chinese file names, and only what the user's scope holds."""

import datetime
import io
from urllib.parse import unquote

import pytest
from python_calamine import CalamineWorkbook

from gonghui.membership import models as m
from gonghui.membership import services
from tests.factories import EnterpriseFactory, OrganizationFactory, PersonFactory, id_number

D = datetime.date


def _sheet(response):
    assert response.status_code == 200
    book = CalamineWorkbook.from_filelike(io.BytesIO(b"".join(response.streaming_content)))
    return book.get_sheet_by_index(0).to_python()


def _file_name(response):
    disposition = unquote(response["Content-Disposition"])
    return disposition.split("filename*=utf-8''")[-1] if "utf-8''" in disposition else disposition


@pytest.fixture
def records(cast, workplace_a):
    """Township A's workplace with one of each record; township B's workplace with the same, which
    A's officer must never see."""
    other = EnterpriseFactory(name="水坝塘煤矿", organization=cast.township_b, staff_count=80, women_staff_count=6)
    union_b = OrganizationFactory(name="水坝塘煤矿工会", code="QS-T03-M01", level="grassroots", category="coal_mine",
                                  parent=cast.township_b, enterprise=other)  # fmt: skip
    other.organization = union_b
    other.save()
    for place, workplace, union in ((cast.place_a, workplace_a, workplace_a.organization),
                                    (cast.place_b, other, union_b)):  # fmt: skip
        services.record_contract(organization=None, workplace=workplace, kind="women_special", signed_on=D(2008, 3, 8),
                                 starts_on=D(2008, 3, 8), ends_on=D(2011, 3, 7), workers_covered=50,
                                 women_covered=6)  # fmt: skip
        services.record_labour_contracts(workplace=workplace, year=2008, signed=12, workers_with_contract=45)
        services.record_workers_congress(workplace=workplace, established_on=D(2006, 5, 1),
                                         last_session_on=D(2008, 4, 20), delegates=30)  # fmt: skip
        services.record_open_affairs(workplace=workplace, checked_on=D(2008, 6, 1), practised=True)
        services.record(m.Event, organization=union, kind="skills", role="organised", title=f"{workplace.name}采茶比赛",
                        held_on=D(2008, 4, 10), place="茶园", organisers=union.name, participants=40)  # fmt: skip
        person = PersonFactory(name=f"{place.name}孙丽", township=place, id_no=id_number(700 + place.pk))
        services.record(m.Honour, organization=union, kind="advanced_woman", person=person,
                        awarded_on=D(2008, 3, 8), awarded_by="黔山县总工会")  # fmt: skip


def test_each_list_exports_its_ledger_with_a_chinese_name_and_only_the_officers_records(client, cast, records):
    client.force_login(cast.township_a_officer)
    expected = {
        "contracts": ("2008年集体合同台账", ["高桥茶厂", "女职工专项", "", D(2008, 3, 8)]),
        "labour": ("2008年企事业单位民主管理年报", ["高桥茶厂", 2008, 12, 45, D(2006, 5, 1), D(2008, 4, 20), "是"]),
        "congresses": ("职工代表大会台账", ["高桥茶厂", "高桥茶厂工会", D(2006, 5, 1), D(2008, 4, 20), 30]),
        "events": ("2008年职工活动台账", ["高桥茶厂采茶比赛", "技能比赛", "主办", D(2008, 4, 10), "茶园"]),
        "honours": ("2008年表彰台账", ["先进女职工", "高桥镇孙丽"]),
    }
    for what, (title, first) in expected.items():
        response = client.get(f"/membership/export/{what}/", {"year": 2008})
        assert _file_name(response).startswith(title) and _file_name(response).endswith(".xlsx"), what
        rows = _sheet(response)
        assert rows[0][0] == title
        data = rows[3:-1]  # title, unit and date, header ... 合计
        assert len(data) == 1, (what, data)  # township B's record is not in A's export
        cells = [c.date() if isinstance(c, datetime.datetime) else c for c in data[0]]
        assert [int(c) if isinstance(c, float) else c for c in cells[: len(first)]] == first, what
    honours = _sheet(client.get("/membership/export/honours/", {"year": 2008}))
    assert "****" in honours[3][2]  # ID numbers are masked


def test_the_county_exports_every_township_and_an_unknown_list_is_404(client, cast, records):
    client.force_login(cast.county_admin)
    assert len(_sheet(client.get("/membership/export/contracts/", {"year": 2008}))[3:-1]) == 2
    assert len(_sheet(client.get("/membership/export/contracts/", {"year": 2007}))[3:-1]) == 0
    assert client.get("/membership/export/nothing/").status_code == 404
    assert client.get("/membership/export/events/", {"year": "abc"}).status_code == 200
