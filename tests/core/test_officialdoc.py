"""Official documents follow GB/T 9704: page, margins, fonts and sizes, page numbers; they render."""

import datetime
import shutil
import subprocess

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from gonghui.core.officialdoc import OfficialDocument


def _document(tmp_path):
    doc = OfficialDocument(title="黔山县总工会2008年工作总结", number="县工发〔2008〕1号")
    doc.heading("一、全年工作回顾")
    doc.heading("（一）困难职工帮扶", level=2)
    paragraph = doc.paragraph("全年共发放帮扶资金15万余元。")
    doc.run(paragraph, "【缺数：集体合同无记录】", highlight=True)
    doc.table(["序号", "单位", "金额（元）"], [[1, "高桥镇", "1,000"]], total=["合计", "", "1,000"])
    doc.signature("黔山县总工会", datetime.date(2008, 12, 25))
    path = tmp_path / "总结.docx"
    doc.save(path)
    return path


def _east_asian(run):
    return run._element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))


def test_the_page_margins_and_fonts_are_those_of_the_standard(tmp_path):
    document = Document(_document(tmp_path))
    section = document.sections[0]
    mm = [
        round(length.mm, 1)
        for length in (
            section.page_width,
            section.page_height,
            section.top_margin,
            section.bottom_margin,
            section.left_margin,
            section.right_margin,
        )
    ]
    assert mm == [210, 297, 37, 35, 28, 26]  # A4; top, bottom, left, right
    title = next(p for p in document.paragraphs if "工作总结" in p.text)
    assert _east_asian(title.runs[0]) == "方正小标宋简体" and title.runs[0].font.size == Pt(22)
    heading1 = next(p for p in document.paragraphs if p.text.startswith("一、"))
    heading2 = next(p for p in document.paragraphs if p.text.startswith("（一）"))
    assert _east_asian(heading1.runs[0]) == "黑体" and _east_asian(heading2.runs[0]) == "楷体_GB2312"
    body = next(p for p in document.paragraphs if p.text.startswith("全年"))
    assert _east_asian(body.runs[0]) == "仿宋_GB2312" and body.runs[0].font.size == Pt(16)
    assert body.runs[1].font.highlight_color is not None
    assert "2008年12月25日" in [p.text for p in document.paragraphs]
    footer = section.footer.paragraphs[0]
    assert footer.text.startswith("— ") and footer.text.endswith(" —")
    assert footer.runs[0].font.size == Pt(14)


@pytest.mark.skipif(
    not shutil.which("soffice"), reason="LibreOffice (libreoffice-writer-nogui) is not installed"
)
def test_libreoffice_converts_it_to_pdf(tmp_path):
    path = _document(tmp_path)
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(path)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    pdf = path.with_suffix(".pdf")
    assert pdf.exists() and pdf.stat().st_size > 5000
