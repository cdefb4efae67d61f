from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gonghui.orgs.models import Organization


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Ledger file (.xlsx, .xls or .csv)"))
    organization = forms.ModelChoiceField(
        label=_("Rows belong to"), queryset=Organization.objects.none(), empty_label=None
    )
    skip_invalid = forms.BooleanField(
        label=_("Import the valid rows and give back the invalid ones to correct"), required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # The user's own organisation and the committees under it; grassroots unions import for themselves.
        orgs = Organization.objects.visible_to(user).filter(
            ~Q(level=Organization.Level.GRASSROOTS) | Q(pk=user.organization_id)
        )
        self.fields["organization"].queryset = orgs.order_by("path")
        self.fields["organization"].initial = user.organization_id
