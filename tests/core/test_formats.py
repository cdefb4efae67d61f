"""Amounts, dates and file names read the way Chinese offices write them."""

import datetime
from decimal import Decimal

from django.utils import translation

from gonghui.core import formats


def test_amounts_in_yuan_and_ten_thousand_yuan():
    with translation.override("zh-hans"):
        assert formats.yuan(12000) == "12,000元"
        assert formats.yuan(Decimal("1234.5")) == "1,234.50元"
        assert formats.wanyuan(1500000) == "150万元"
        assert formats.wanyuan(118600) == "11.86万元"
        assert formats.wanyuan("not a number") == ""


def test_dates_without_leading_zeros():
    with translation.override("zh-hans"):
        assert formats.cn_date(datetime.date(2008, 5, 12)) == "2008年5月12日"
        assert formats.cn_date(None) == ""


def test_download_names_are_the_chinese_title_with_an_optional_date_and_no_path_characters():
    assert formats.download_name("外出务工人员台账", "xlsx") == "外出务工人员台账.xlsx"
    assert (
        formats.download_name("捐款/收据", ".docx", day=datetime.date(2008, 5, 16))
        == "捐款收据-20080516.docx"
    )
