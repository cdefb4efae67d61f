"""The annual summary is written from the records: every printed figure is the registry's, no blank."""

import random
import shutil
import subprocess

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from docx import Document
from docx.oxml.ns import qn

from gonghui.assistance import demo as assistance_demo
from gonghui.assistance.models import Payment
from gonghui.orgs import demo as orgs_demo
from gonghui.orgs.models import Organization, User
from gonghui.people import demo as people_demo
from gonghui.reporting import indicators
from gonghui.summary import demo as summary_demo
from gonghui.summary import sections, services
from gonghui.summary.models import SectionText


@pytest.fixture(scope="module")
def demo_county(django_db_setup, django_db_blocker):
    """Built once for the module inside a transaction rolled back at its end; each test's own
    changes roll back to a savepoint inside it (the ``db`` fixture), so tests share it read-only."""
    with django_db_blocker.unblock(), transaction.atomic():
        orgs_demo.build(random.Random("gonghui-demo-orgs"))
        people_demo.build(random.Random("gonghui-demo-people"))
        assistance_demo.build(random.Random("gonghui-demo-assistance"))
        summary_demo.build()
        yield Organization.objects.get(name="黔山县总工会")
        transaction.set_rollback(True)


@pytest.fixture
def county(demo_county, db):
    return demo_county


def _text(summary):
    return "\n".join("".join(s.text for s in p) for b in summary.blocks for p in b.paragraphs)


def test_every_printed_figure_equals_the_registry_and_missing_ones_are_notes(county):
    summary = services.build_summary(org=county, year=2008)
    period = indicators.Period.year(2008)
    assert summary.used, "the summary printed no figure at all"
    for use in summary.used:
        org = Organization.objects.get(name=use.org_name)
        assert use.value == indicators.get(use.code).value(org, period), use.code
        assert use.printed == sections.format_value(use.value, use.printed and _fmt_of(use, summary))
    text = _text(summary)
    values = indicators.compute(county, period, ["assistance.amount", "assistance.person_times"])
    # The seed's way of writing more than 150,000 yuan and more than 900 person-times.
    assert f"发放帮扶资金{sections.format_value(values['assistance.amount'], '万余元')}" in text
    assert f"{sections.format_value(values['assistance.person_times'], '多')}人次" in text
    assert "教育工会出资6万余元" in text
    assert "现将年度工作完成情况和主要做法总结如下" in text  # the office's own opening
    assert " 份" not in text and "{" not in text  # never a blank, never a raw placeholder
    codes_with_notes = [s for b in summary.blocks for p in b.paragraphs for s in p if s.note]
    assert summary.notes == len(codes_with_notes)


def _fmt_of(use, summary):
    # The format is the one the template used: find it back from the printed text.
    for fmt in ("万余元", "万元", "元", "多", "余", "%", ""):
        if sections.format_value(use.value, fmt) == use.printed:
            return fmt
    return ""


def test_blanking_an_area_turns_its_figures_into_highlighted_notes(county):
    Payment.objects.filter(reverses__isnull=False).delete()
    Payment.objects.all().delete()
    summary = services.build_summary(org=county, year=2008)
    block = next(b for b in summary.blocks if b.section == "assistance")
    notes = [s for p in block.paragraphs for s in p if s.note]
    assert notes and all(n.url for n in notes)
    assert not any(u.code == "assistance.amount" for u in summary.used)


def test_a_township_writes_its_own_year_from_its_subtree(county):
    township = Organization.objects.get(name="高桥镇工会工委")
    summary = services.build_summary(org=township, year=2008)
    assert summary.title.startswith("高桥镇工会工委")
    assert "教育工会" not in _text(summary)  # a sentence about a unit outside the subtree drops out


def test_the_office_edits_a_template_and_a_bad_template_is_refused(county):
    from django.core.exceptions import ValidationError

    user = User.objects.get(username="county_admin")
    services.save_section_text(org=county, year=2008, section="organisation", kind="template",
                               text="今年新建工会{org.unions}个。", user=user)  # fmt: skip
    assert SectionText.objects.filter(organization=county, section="organisation").exists()
    with pytest.raises(ValidationError) as e:
        services.save_section_text(org=county, year=2008, section="organisation", kind="template",
                                   text="{org.unions|万万}", user=user)  # fmt: skip
    assert e.value.error_dict["text"][0].code == "bad_template"


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_the_docx_has_the_official_layout_and_renders(county, tmp_path):
    target = tmp_path / "总结.docx"
    call_command("summary", "--org", "黔山县总工会", "--year", "2008", "-o", str(target))
    document = Document(target)
    section = document.sections[0]
    assert [round(x.mm) for x in (section.top_margin, section.bottom_margin, section.left_margin,
                                  section.right_margin)] == [37, 35, 28, 26]  # fmt: skip
    title = document.paragraphs[0]
    assert (
        "2008" in title.text
        and title.runs[0]._element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "方正小标宋简体"
    )
    assert any(r.font.highlight_color for p in document.paragraphs for r in p.runs)  # areas not landed: notes
    assert document.tables and document.tables[-1].rows[0].cells[2].text == "代码"
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(target)], check=True, capture_output=True, timeout=180)  # fmt: skip
    pdf = target.with_suffix(".pdf")
    assert pdf.exists()
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
                       check=True, timeout=60)  # fmt: skip
        assert (tmp_path / "page-1.png").stat().st_size > 5000


def test_the_pages_show_the_summary_the_editor_and_the_download(county, client):
    client.force_login(User.objects.get(username="county_admin"))
    page = client.get(reverse("summary:summary") + "?year=2008")
    assert page.status_code == 200 and "annual work summary for 2008" in page.content.decode()
    response = client.get(reverse("summary:summary-docx") + "?year=2008")
    assert response.status_code == 200
    assert "filename*=utf-8''" in response["Content-Disposition"]
    edit = client.get(reverse("summary:summary-edit") + "?year=2008")
    assert edit.status_code == 200
    saved = client.post(reverse("summary:section-save", args=["problems"]) + "?year=2008",
                        {"paragraph": "下步打算：加强培训。"})  # fmt: skip
    assert saved.status_code == 200
    assert "下步打算：加强培训。" in client.get(reverse("summary:summary") + "?year=2008").content.decode()
    bad = client.post(reverse("summary:section-save", args=["organisation"]) + "?year=2008",
                      {"template": "{org.unions|万万}"})  # fmt: skip
    assert bad.status_code == 400


@pytest.mark.parametrize(
    "query", ["?year=0", "?year=99999", "?year=abc", "?org=99999999999999999999", "?org=x"]
)
def test_bad_query_values_never_give_a_500(county, client, query):
    client.force_login(User.objects.get(username="gaoqiao"))
    for name in ("home", "summary:summary", "summary:summary-docx"):
        assert client.get(reverse(name) + query).status_code in (200, 404)


def test_the_leader_reads_but_cannot_edit_and_a_township_cannot_open_the_county(county, client):
    client.force_login(User.objects.get(username="leader"))
    assert client.get(reverse("summary:summary") + "?year=2008").status_code == 200
    assert client.get(reverse("summary:summary-edit") + "?year=2008").status_code == 404
    client.force_login(User.objects.get(username="gaoqiao"))
    assert client.get(reverse("summary:summary") + f"?year=2008&org={county.pk}").status_code == 404
