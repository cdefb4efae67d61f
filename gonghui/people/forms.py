from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from gonghui.orgs.models import Place
from gonghui.widgets import DateInput

from . import idnumbers
from .models import Person


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
        places = Place.objects.visible_to(user).select_related("parent")
        self.fields["township"].queryset = places.townships()
        self.fields["village"].queryset = places.villages()
        self.fields["township"].required = True

    def clean_id_number(self):
        value = self.cleaned_data.get("id_number")
        if not value:
            return ""
        number = idnumbers.validate(value)
        clash = Person.objects.with_id_number(number)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise ValidationError(_("A person with this ID number is already registered."), code="duplicate")
        return number

    def save(self, commit=True):
        person = super().save(commit=False)
        if self.cleaned_data.get("id_number"):
            person.set_id_number(self.cleaned_data["id_number"])
        if commit:
            person.save()
        return person
