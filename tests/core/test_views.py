"""The shared form plumbing: a service's refusal lands beside its field, success goes back."""

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404
from django.test import RequestFactory

from gonghui.core.views import add_service_error, back_url, carry_out, require_editor


class AmountForm(forms.Form):
    amount = forms.IntegerField()


class Editor:
    is_authenticated = True
    is_active = True

    def __init__(self, can_edit=True, organization="union"):
        self.can_edit = can_edit
        self.organization = organization


def test_errors_go_beside_their_field_or_on_top():
    form = AmountForm({"amount": "5"})
    form.is_valid()
    add_service_error(
        form,
        ValidationError(
            {
                "amount": ValidationError("too much", code="cap"),
                "person": ValidationError("not yours", code="scope"),
            }
        ),
    )
    assert form.errors["amount"] == ["too much"]
    assert form.non_field_errors() == ["not yours"]
    form = AmountForm({"amount": "5"})
    form.is_valid()
    add_service_error(form, ValidationError("closed", code="closed"))
    assert form.non_field_errors() == ["closed"]


@pytest.mark.parametrize("user", [Editor(can_edit=False), Editor(organization=None)])
def test_only_an_editor_with_an_organisation_writes(user):
    request = RequestFactory().get("/")
    request.user = user
    with pytest.raises(Http404):
        require_editor(request)


def test_back_accepts_a_record_a_path_or_a_url_name():
    class Record:
        def get_absolute_url(self):
            return "/r/1/"

    assert back_url(Record()) == "/r/1/"
    assert back_url("/x/") == "/x/"
    assert back_url("home") == "/"
    assert back_url("no-such-name") == ""
    assert back_url(None) == ""


@pytest.mark.django_db
def test_carry_out_redirects_on_success_and_shows_the_refusal(rf, admin_user):
    def refuse(data):
        raise ValidationError({"amount": ValidationError("over the cap", code="cap")})

    request = rf.post("/", {"amount": "9"})
    request.user = admin_user
    response = carry_out(request, AmountForm(request.POST), refuse, title="T", back="/back/")
    assert response.status_code == 200
    assert "over the cap" in response.content.decode()

    response = carry_out(request, AmountForm(request.POST), lambda data: "/made/", title="T", back="/back/")
    assert response.status_code == 302 and response["Location"] == "/back/"
    response = carry_out(
        request, AmountForm(request.POST), lambda data: "/made/", title="T", back="/back/", go_to_result=True
    )
    assert response["Location"] == "/made/"
