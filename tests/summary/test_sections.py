"""Figures are written the seed's way, and a missing or failing figure becomes a note, never a blank."""

from dataclasses import dataclass
from decimal import Decimal

import pytest

from gonghui.summary import sections


@pytest.mark.parametrize(
    "value, fmt, text",
    [
        (92388, "", "92388"),
        (Decimal("19256.00"), "元", "19256元"),
        (30320, "万元", "3.032万元"),
        (12000, "万元", "1.2万元"),
        (Decimal("150433.50"), "万余元", "15万余元"),
        (60000, "万余元", "6万元"),
        (912, "多", "900多"),
        (512, "余", "500余"),
        (1091, "余", "1000余"),
        (900, "余", "900"),
        (80, "余", "80"),
        (Decimal("80.4"), "%", "80%"),
    ],
)
def test_figures_are_written_as_chinese_offices_write_them(value, fmt, text):
    assert sections.format_value(value, fmt) == text


@dataclass
class Ind:
    code: str
    name: str
    unit: str = "个"


@dataclass
class Org:
    name: str
    pk: int = 1


def _ctx(values, *, previous=None, targets=None, findings=None, units=None):
    org = Org("黔山县总工会")
    units = units or {}

    def figure(code, unit):
        if code not in values:
            return None, None
        value = values[code] if unit is org else units[unit.name][code]
        return Ind(code, f"名称{code}"), value

    return sections.Context(
        org=org, year=2008, figure=figure,
        previous=lambda code, unit: (previous or {}).get(code),
        target=lambda code, unit: (targets or {}).get(code),
        findings=findings or {}, find_org=lambda name: Org(name, 2) if name in units else None,
        area_url=lambda code: "/fix/",
    )  # fmt: skip


def _text(segments):
    return "".join(s.text for s in segments)


def test_a_template_weaves_figures_targets_and_last_year_into_sentences():
    ctx = _ctx({"org.new_unions": 68, "assistance.amount": 150433}, previous={"assistance.amount": 120000},
               targets={"org.new_unions": 64})  # fmt: skip
    text = _text(sections.fill("新组建工会{org.new_unions}个{org.new_unions|任务:个}。"
                               "发放资金{assistance.amount|万余元}，比上年{assistance.amount|同比}。", ctx))  # fmt: skip
    assert text == "新组建工会68个（超任务4个）。发放资金15万余元，比上年增加25%。"
    assert [u.code for u in ctx.used] == ["org.new_unions", "assistance.amount"]


def test_without_a_target_or_last_year_the_clause_is_left_out_not_left_blank():
    ctx = _ctx({"org.new_unions": 68, "assistance.amount": 1000})
    text = _text(
        sections.fill(
            "新组建工会{org.new_unions}个{org.new_unions|任务:个}，比上年{assistance.amount|同比}。", ctx
        )
    )
    assert text == "新组建工会68个。"


def test_a_figure_with_no_records_is_a_highlighted_note_with_where_to_fix_it():
    ctx = _ctx({"democracy.collective_contracts": 0})
    segments = sections.fill("新签集体合同{democracy.collective_contracts}份。", ctx)
    notes = [s for s in segments if s.note]
    assert len(notes) == 1 and "2008" in notes[0].text and notes[0].url == "/fix/"
    assert "新签集体合同 份" not in _text(segments)
    assert ctx.used == []


def test_zero_is_printed_where_the_template_says_zero_is_a_true_figure():
    ctx = _ctx({"safety.accidents": 0})
    assert _text(sections.fill("发生事故{safety.accidents|零}起。", ctx)) == "发生事故0起。"


def test_an_unregistered_code_and_a_failing_check_become_notes():
    ctx = _ctx({"three_cares.rights_amount": Decimal("2809000000")},
               findings={"three_cares.rights_amount": ["平均每起案件超过100万元"]})  # fmt: skip
    segments = sections.fill("涉及金额{three_cares.rights_amount|万元}；培训{three_cares.nothing}次。", ctx)
    notes = [s.text for s in segments if s.note]
    assert len(notes) == 2 and "平均每起案件超过100万元" in notes[0] and "three_cares.nothing" in notes[1]
    assert "280900" not in _text(segments)


def test_a_sentence_about_a_unit_outside_the_subtree_drops_out():
    ctx = _ctx({"assistance.amount": 1000}, units={"教育工会": {"assistance.amount": 60500}})
    text = _text(sections.fill("共发放{assistance.amount|元}。教育工会出资{assistance.amount@教育工会|万余元}。"
                               "乡镇出资{assistance.amount@风水乡|元}。", ctx))  # fmt: skip
    assert text == "共发放1000元。教育工会出资6万余元。"


def test_an_edited_template_with_an_unknown_format_is_refused():
    assert sections.template_problems("{org.new_unions|万万}") != []
    assert sections.template_problems("{org.new_unions|任务:个}{assistance.amount|万余元}") == []
    assert sections.template_problems("{org.new_unions") != []
