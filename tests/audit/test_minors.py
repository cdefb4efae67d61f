"""The audit search tells a role without access to minors' records nothing about a minor: no row, not
even a concealed one, and no count; the page, its filters and its export agree. Other roles see all."""

import datetime
import io

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone
from python_calamine import CalamineWorkbook

from gonghui.assistance.models import HotlineCall
from gonghui.audit.selectors import entries_about_minors
from gonghui.people.privacy import CONCEALED_NAME, is_minor, reveal_id_number
from tests.factories import PersonFactory, id_number

pytestmark = pytest.mark.django_db

KID, ADULT = "王小丫", "李大山"


@pytest.fixture
def trail(cast):
    """The township's officer records a child, calls about the child (one deleted since, one moved to an
    adult) and an adult with a call of his own; the county's administrator looks up the child's number."""
    ten = timezone.localdate() - datetime.timedelta(days=365 * 10)
    with set_actor(cast.township_a_officer):
        kid = PersonFactory(
            name=KID, township=cast.place_a, village=cast.village_a, id_no=id_number(9001, ten)
        )
        adult = PersonFactory(name=ADULT, township=cast.place_a, village=cast.village_a,
                              birth_date=datetime.date(1970, 1, 1))  # fmt: skip

        def call(person, caller):
            return HotlineCall.objects.create(organization=cast.township_a, caller_name=caller, person=person,
                                              called_at=timezone.now(), topic="wages", summary="咨询",
                                              answered_by="热线")  # fmt: skip

        call(kid, "孩子的母亲")
        call(kid, "孩子的父亲").delete()  # gone: only the entry remembers whom it was about
        moved = call(kid, "邻居")
        moved.person = adult
        moved.save()
        call(adult, ADULT)
    reveal_id_number(kid, cast.county_admin, purpose="核对")
    assert is_minor(kid) and not is_minor(adult)
    return kid, adult


def _page(client, user, **filters):
    client.force_login(user)
    response = client.get(reverse("audit:entry-list"), filters)
    assert response.status_code == 200
    return response


def _export_rows(client, user, **filters):
    client.force_login(user)
    data = b"".join(client.get(reverse("audit:entry-export"), filters).streaming_content)
    return CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()


def test_an_auditor_finds_no_entry_about_a_child_not_even_a_concealed_one_or_a_count(client, cast, trail):
    kid, adult = trail
    about = set(entries_about_minors().values_list("pk", flat=True))
    # The child's record, the three calls about the child (one deleted, one moved to an adult since).
    assert len(about) == 1 + 3 + 1 + 2
    others = LogEntry.objects.exclude(pk__in=about).filter(actor__isnull=False).count()
    response = _page(client, cast.auditor)
    page = response.context["page"]
    assert page.paginator.count == others
    assert not {e.pk for e in page} & about
    assert not any(getattr(e, "concealed", False) for e in page)
    body = response.content.decode()
    assert KID not in body and f"#{kid.pk}<" not in body  # (the reveals below list "(minor)": see the next test)
    assert ADULT in body  # the adult's own records are there

    # Asking for the child's record by kind and number finds nothing at all.
    by_number = _page(client, cast.auditor, model="people.person", object_pk=kid.pk).context["page"]
    assert by_number.paginator.count == 0
    assert _page(client, cast.auditor, text="孩子").context["page"].paginator.count == 0

    rows = _export_rows(client, cast.auditor)
    text = str(rows)
    assert KID not in text and str(CONCEALED_NAME) not in text and "孩子" not in text
    assert sum(1 for r in rows if r and isinstance(r[0], datetime.datetime)) == others


def test_the_reveal_of_a_childs_number_is_listed_to_an_auditor_without_naming_the_child(client, cast, trail):
    kid, _adult = trail
    response = _page(client, cast.auditor)
    reveals = list(response.context["reveals"])
    assert [r.person.pk for r in reveals] == [kid.pk]  # the reveal is accountable ...
    assert reveals[0].person.name == str(CONCEALED_NAME)  # ... the child is not named
    assert KID not in response.content.decode()
    admin_reveals = list(_page(client, cast.county_admin).context["reveals"])
    assert [r.person for r in admin_reveals] == [kid]


def test_the_federation_administrator_still_reads_every_entry_about_the_child(client, cast, trail):
    kid, _adult = trail
    about = set(entries_about_minors().values_list("pk", flat=True))
    page = _page(client, cast.county_admin).context["page"]
    assert page.paginator.count == LogEntry.objects.filter(actor__isnull=False).count()
    assert about <= {e.pk for e in page}
    assert KID in _page(client, cast.county_admin, model="people.person", object_pk=kid.pk).content.decode()
