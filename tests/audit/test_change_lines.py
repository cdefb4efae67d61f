"""The change history and the audit log read as an auditor reads: words, not Python."""

import io
import re

import pytest
from auditlog.context import set_actor
from django.urls import reverse
from django.utils import translation
from python_calamine import CalamineWorkbook

from gonghui.audit.selectors import audited_models, history_for
from tests.assistance.factories import ArchiveFactory, new_person
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def lines(obj):
    return dict(history_for(obj)[0].change_lines)


def test_a_new_record_shows_empty_to_value_yes_no_names_and_no_internal_fields(cast):
    with set_actor(cast.county_admin):
        union = OrganizationFactory(name="新厂工会", parent=cast.township_a, chair="王建国")
    shown = lines(union)
    text = " ".join(f"{k}: {v}" for k, v in shown.items())
    assert shown["chair"] == "empty → 王建国"
    assert "高桥镇工会工委" in text  # the parent by name, not by id
    assert "None" not in text and "True" not in text and "False" not in text
    assert not {"ID", "path", "depth"} & set(shown)


def test_a_yes_no_field_reads_yes_and_no_and_choices_read_their_labels(cast):
    head = new_person(cast.village_a, name="张元飞")
    with set_actor(cast.county_admin):
        archive = ArchiveFactory(organization=cast.village_union_a, head=head, is_extreme=False)
        archive.is_extreme = True
        archive.save()
    changed = lines(archive)
    assert changed["extreme hardship"] == "no → yes"
    created = dict(history_for(archive)[1].change_lines)
    assert not any(re.search(r"\b(None|True|False)\b", v) for v in created.values())


def test_a_many_to_many_change_lists_the_records_added(cast):
    from gonghui.assistance.models import HardshipCause

    head = new_person(cast.village_a, name="张元飞")
    archive = ArchiveFactory(organization=cast.village_union_a, head=head)
    cause = HardshipCause.objects.exclude(pk=archive.main_cause_id).first()
    with set_actor(cast.county_admin):
        archive.secondary_causes.add(cause)
    text = " ".join(v for e in history_for(archive) for _k, v in e.change_lines)
    assert f"added：{cause}" in text
    assert "type" not in text and "operation" not in text


def test_every_kind_of_record_in_the_filter_is_named_in_chinese():
    with translation.override("zh-hans"):
        names = [str(name) for _key, name in audited_models()]
    assert names and not [n for n in names if re.search(r"[A-Za-z]", n)]


def test_the_audit_page_and_its_export_show_the_same_words(client, cast):
    with set_actor(cast.county_admin):
        OrganizationFactory(name="新厂工会", parent=cast.township_a, chair="王建国")
    client.force_login(cast.auditor)
    body = client.get(reverse("audit:entry-list")).content.decode()
    assert "empty → 王建国" in body and "None" not in body
    data = b"".join(client.get(reverse("audit:entry-export")).streaming_content)
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
    cells = " ".join(str(c) for row in sheet for c in row)
    assert "empty → 王建国" in cells and "None" not in cells
