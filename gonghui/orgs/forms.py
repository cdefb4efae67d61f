from django import forms
from django.utils.translation import gettext_lazy as _

from gonghui.widgets import DateInput

from .codes import validate_credit_code
from .models import Enterprise, Organization, Place


class OrganizationForm(forms.ModelForm):
    class Meta:
        model = Organization
        fields = ["name", "short_name", "code", "level", "category", "place", "enterprise", "chair", "phone",
                  "established_on", "is_active"]  # fmt: skip
        widgets = {"established_on": DateInput()}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = Place.objects.visible_to(user)
        self.fields["enterprise"].queryset = Enterprise.objects.visible_to(user)
        # Units are added below committees or grassroots unions; federations are set up by superusers.
        self.fields["level"].choices = [
            (v, label)
            for v, label in Organization.Level.choices
            if v in {Organization.Level.COMMITTEE, Organization.Level.GRASSROOTS}
        ]


class EnterpriseForm(forms.ModelForm):
    class Meta:
        model = Enterprise
        fields = ["name", "credit_code", "ownership", "township", "staff_count", "women_staff_count",
                  "is_coal_mine", "coal_mine_pairs"]  # fmt: skip

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["township"].queryset = Place.objects.visible_to(user).townships()
        self.fields["credit_code"].help_text = _("18 characters; the last is a check character.")

    def clean_credit_code(self):
        value = self.cleaned_data.get("credit_code")
        return validate_credit_code(value) if value else None
