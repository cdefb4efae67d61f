from django import forms
from django.utils.translation import gettext_lazy as _

from gonghui.widgets import DateInput

from .selectors import audited_models


class AuditFilterForm(forms.Form):
    actor = forms.CharField(label=_("User"), required=False)
    model = forms.ChoiceField(label=_("Kind of record"), required=False)
    object_pk = forms.CharField(label=_("Record number"), required=False)
    text = forms.CharField(label=_("Record name contains"), required=False)
    date_from = forms.DateField(
        label=_("From"), required=False, widget=DateInput()
    )
    date_to = forms.DateField(label=_("To"), required=False, widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["model"].choices = [("", _("All"))] + [(key, name) for key, name in audited_models()]
