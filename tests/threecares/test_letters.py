import io

from django.urls import reverse
from docx import Document

from gonghui.threecares import letters
from gonghui.threecares import models as m

from .factories import entry


def _migrants(cast):
    entry(cast, "out_migrants", name="有址甲", mailing_address="广东省东莞市长安镇1号", postcode="523000")
    entry(cast, "out_migrants", name="有址乙", mailing_address="浙江省宁波市2号")
    entry(cast, "out_migrants", name="无址丙")


def test_letters_skip_workers_without_a_mailing_address(cast):
    _migrants(cast)
    rows = m.OutMigrant.objects.exclude(mailing_address="").select_related("person", "township", "village")
    text = "\n".join(p.text for p in Document(io.BytesIO(letters.greeting_letters(rows))).paragraphs)
    assert "有址甲同志：" in text and "有址乙同志：" in text and "无址丙" not in text


def test_labels_have_one_cell_per_addressed_worker(cast):
    _migrants(cast)
    rows = m.OutMigrant.objects.exclude(mailing_address="").select_related("person")
    cells = [
        c.text for row in Document(io.BytesIO(letters.address_labels(rows))).tables[0].rows for c in row.cells
    ]
    assert sum("收" in c for c in cells) == 2 and any("523000" in c for c in cells)


def test_mailing_page_says_how_many_letters_and_how_many_skipped(client, cast):
    _migrants(cast)
    client.force_login(cast.township_a_officer)
    response = client.get(reverse("threecares:mailing"))
    assert response.context["counts"] == {"total": 3, "addressable": 2, "skipped": 1}


def test_letters_download_is_a_docx_with_the_count(client, cast):
    _migrants(cast)
    client.force_login(cast.township_a_officer)
    response = client.get(reverse("threecares:mailing") + "?make=letters")
    assert response["X-Letters-Count"] == "2"
    assert Document(io.BytesIO(response.content)).paragraphs


def test_another_townships_officer_makes_no_letters_for_our_workers(client, cast):
    _migrants(cast)
    client.force_login(cast.township_b_officer)
    assert client.get(reverse("threecares:mailing")).context["counts"]["total"] == 0


def test_recording_a_mailing_from_the_form_parses_sponsor_lines(client, cast):
    client.force_login(cast.county_admin)
    data = {
        "title": "贺年卡",
        "sent_on": "2008-01-18",
        "cards": 100,
        "sponsors": "县总工会 2500\n县邮政局，400元",
    }
    assert client.post(reverse("threecares:mailing-create"), data).status_code == 302
    assert m.GreetingMailing.objects.get().cost == 2900


def test_a_sponsor_line_without_an_amount_is_named_in_the_error(client, cast):
    client.force_login(cast.county_admin)
    data = {"title": "贺年卡", "sent_on": "2008-01-18", "cards": 100, "sponsors": "县总工会 2500\n县邮政局"}
    response = client.post(reverse("threecares:mailing-create"), data)
    assert "县邮政局" in str(response.context["form"].errors["sponsors"])
