"""The member export masks ID numbers unless full numbers are asked for with a purpose (logged once)."""

import io

from python_calamine import CalamineWorkbook

from gonghui.people.models import IdNumberAccess


def _ids(response):
    book = CalamineWorkbook.from_filelike(io.BytesIO(b"".join(response.streaming_content)))
    return [row[1] for row in book.get_sheet_by_index(0).to_python()[3:-1]]


def test_the_member_export_is_masked_unless_full_numbers_are_asked_for(client, cast, member_a):
    client.force_login(cast.township_a_officer)
    assert all("********" in n for n in _ids(client.get("/membership/members/export/")))
    assert not IdNumberAccess.objects.exists()
    clear = _ids(client.get("/membership/members/export/", {"ids": "clear", "purpose": "会员证换发核对"}))
    assert clear == [member_a.person.clear_id_number()]
    assert IdNumberAccess.objects.get().count == 1
