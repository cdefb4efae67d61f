import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

DATE = forms.DateInput(attrs={"type": "date"})


class VisitForm(forms.Form):
    visited_on = forms.DateField(label=_("Visited on"), widget=DATE)
    amount = forms.DecimalField(label=_("Amount (yuan)"), min_value=0, max_digits=12, decimal_places=2)
    visited_by = forms.CharField(label=_("Visited by"), max_length=100, required=False)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class PairingForm(forms.Form):
    helper_name = forms.CharField(label=_("Helper's name"), max_length=50)
    helper_unit = forms.CharField(label=_("Helper's unit"), max_length=100, required=False)
    helper_phone = forms.CharField(label=_("Helper's phone"), max_length=30, required=False)
    paired_on = forms.DateField(label=_("Paired on"), widget=DATE)


class MailingForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=100)
    sent_on = forms.DateField(label=_("Sent on"), widget=DATE)
    cards = forms.IntegerField(label=_("Cards"), min_value=1)
    sponsors = forms.CharField(
        label=_("Sponsors and their shares"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One sponsor a line: name, then the amount in yuan, e.g. 县邮政局 4000"),
    )
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def clean_sponsors(self):
        result = []
        for number, line in enumerate(self.cleaned_data["sponsors"].splitlines(), start=1):
            line = line.strip()
            if not line:
                continue
            match = re.fullmatch(r"(.+?)[\s,，:：]+([\d,，.]+)\s*元?", line)
            try:
                amount = Decimal(match.group(2).replace(",", "").replace("，", "")) if match else None
            except InvalidOperation:
                amount = None
            if amount is None:
                raise ValidationError(
                    _("Line %(n)d (%(line)s) needs a sponsor's name and then an amount in yuan."),
                    code="sponsor_line",
                    params={"n": number, "line": line},
                )
            result.append((match.group(1).strip(), amount))
        return result
