import datetime

import pytest
from django.utils import translation

from gonghui.ledgers.importer import run_import
from gonghui.ledgers.registry import get_kind
from gonghui.people import idnumbers

HEADER = ["姓名", "身份证号", "性别", "民族", "联系电话", "乡镇", "村(社区)", "住址"]


def number(n, birth=datetime.date(1975, 3, 8)):
    return idnumbers.make_valid("520199", birth, n % 1000)


def person_row(n, *, name=None, township="高桥镇", village="高桥村", phone=None, id_no=None):
    return [name or f"测试{chr(0x4E00 + n)}", id_no if id_no is not None else number(n), "", "汉族",
            phone or f"1380000{n:04d}", township, village, f"{township}{village}1组"]  # fmt: skip


@pytest.fixture
def people_kind():
    return get_kind("people")


@pytest.fixture
def enterprises_kind():
    return get_kind("enterprises")


@pytest.fixture
def do_import(cast):
    def run(kind, path, org=None, **options):
        return run_import(get_kind(kind) if isinstance(kind, str) else kind, path,
                          organization=org or cast.township_a, **options)  # fmt: skip

    return run


@pytest.fixture(autouse=True)
def english():
    # Messages are asserted on their English source; the zh_Hans catalog is tested on its own.
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    # Uploaded ledgers and progress files go to the test's own directory.
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return settings.MEDIA_ROOT
