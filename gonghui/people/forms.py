from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from gonghui.orgs.models import Place
from gonghui.widgets import DateInput

from . import idnumbers
from .models import Person
from .picker import PICKED, PersonPicker, picked_id
from .services import match_person


class PersonForm(forms.ModelForm):
    id_number = forms.CharField(
        label=_("ID number"),
        required=False,
        max_length=30,
        help_text=_("18 characters; the last may be X. Gender and birth date are taken from it."),
    )

    class Meta:
        model = Person
        fields = [
            "name",
            "id_number",
            "gender",
            "birth_date",
            "ethnicity",
            "phone",
            "township",
            "village",
            "address",
        ]
        widgets = {"birth_date": DateInput()}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        places = Place.objects.visible_to(user).select_related("parent")
        self.fields["township"].queryset = places.townships()
        self.fields["village"].queryset = places.villages()
        self.fields["township"].required = True

    def clean_id_number(self):
        value = self.cleaned_data.get("id_number")
        if not value:
            return ""
        number = idnumbers.validate(value)
        # The one rule for finding a person (services.match_people); anyone found, or refused
        # because they live elsewhere under another name, is a clash, and is not named.
        match = match_person(self.user, id_number=number, name=self.data.get(self.add_prefix("name"), ""))
        if (match.person is not None and match.person.pk != self.instance.pk) or match.refused:
            raise ValidationError(_("A person with this ID number is already registered."), code="duplicate")
        return number

    def save(self, commit=True):
        person = super().save(commit=False)
        if self.cleaned_data.get("id_number"):
            person.set_id_number(self.cleaned_data["id_number"])
        if commit:
            person.save()
        return person


class PersonByIdNumber(forms.CharField):
    """A person the user may see, chosen with the person picker (or an ID number typed without it)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 30)
        kwargs.setdefault("help_text", _("Search by name, pinyin initials, ID number or phone; the person must be "
                                         "registered in People first."))  # fmt: skip
        kwargs.setdefault("widget", PersonPicker())
        super().__init__(*args, **kwargs)
        self.user = None

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        if value.startswith(PICKED):
            person = Person.objects.visible_to(self.user).filter(pk=picked_id(value) or 0).first()
            if person is None:
                raise ValidationError(_("Choose the person again from the search results."), code="unknown_person")
            return person
        number = idnumbers.validate(value)
        # The one rule (people.services.match_people): with no name typed, only a person the user
        # already sees is found; anyone else reads as not registered, naming nobody.
        person = match_person(self.user, id_number=number).person
        if person is None:
            raise ValidationError(
                _(
                    "No person with ID number %(value)s is registered in your area; register them in People first."
                ),
                code="unknown_person",
                params={"value": idnumbers.mask(number)},
            )
        return person
