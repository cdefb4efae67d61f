import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gonghui.people.picker import PersonPicker
from gonghui.widgets import DateInput

DATE = DateInput()


class PlacesMixin:
    """Township and village among the places the user sees.

    A village's union sees its village but not the township around it, so its township is
    offered too; without a village, though, a record would belong to the township's committee,
    outside the union's own records, and the form asks for the village instead.
    """

    def limit_places(self, places):
        from django.db.models import Q

        from gonghui.orgs.models import Place

        self._own_townships = places.townships()
        townships = Q(pk__in=self._own_townships.values("pk")) | Q(
            pk__in=places.villages().values("parent_id")
        )
        self.fields["township"].queryset = Place.objects.filter(townships).order_by("division_code")
        self.fields["village"].queryset = places.villages().select_related("parent").order_by("division_code")

    def clean(self):
        cleaned = super().clean()
        township, village = cleaned.get("township"), cleaned.get("village")
        if (
            township is not None
            and village is None
            and not self._own_townships.filter(pk=township.pk).exists()
        ):
            self.add_error("village", _("Choose your village or community: records of the whole township are "
                                        "kept by its committee."))  # fmt: skip
        return cleaned


class _RegistrationForm(PlacesMixin, forms.ModelForm):
    pass


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


TEXT = forms.Textarea(attrs={"rows": 5})


class JointMeetingForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=100)
    held_on = forms.DateField(label=_("Held on"), widget=DATE)
    attendees = forms.CharField(label=_("Attendees"), widget=TEXT, help_text=_("One name and unit a line"))
    minutes = forms.CharField(label=_("Minutes"), widget=TEXT)


class HalfYearReviewForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    half = forms.TypedChoiceField(
        label=_("Half"), coerce=int, choices=[(1, _("First half")), (2, _("Second half"))]
    )
    held_on = forms.DateField(label=_("Held on"), widget=DATE)
    summary = forms.CharField(label=_("Summary"), widget=TEXT)


class InfoReportForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("Township committee"), queryset=None)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    month = forms.IntegerField(label=_("Month"), min_value=1, max_value=12)
    submitted_on = forms.DateField(label=_("Submitted on"), widget=DATE)
    content = forms.CharField(label=_("Content"), widget=TEXT)

    def __init__(self, *args, townships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = townships


class InspectionForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    team = forms.CharField(label=_("Team"), max_length=60, help_text=_("e.g. 第一督导组"))
    leader = forms.CharField(label=_("Team leader"), max_length=60)
    members = forms.CharField(label=_("Members"), max_length=200, required=False)
    township = forms.ModelChoiceField(label=_("Township visited"), queryset=None)
    visited_on = forms.DateField(label=_("Visited on"), widget=DATE)
    findings = forms.CharField(label=_("Findings"), widget=TEXT, required=False)
    score = forms.DecimalField(label=_("Score (of 100)"), min_value=0, max_value=100, decimal_places=1)

    def __init__(self, *args, townships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["township"].queryset = townships


def registration_form(registry, *, places, data=None):
    """A form for putting one person on a registry (what it asks: its declaration's ``fields``);
    places are those the user sees."""
    model = registry.model
    fields = ["township", "village", "registered_on", *registry.fields, "note"]
    dates = {
        f.name: DATE for f in model._meta.fields if f.name in fields and f.get_internal_type() == "DateField"
    }
    form_class = forms.modelform_factory(model, form=_RegistrationForm, fields=fields, widgets=dates)
    form = form_class(data)
    form.limit_places(places)
    return form


class LinesField(forms.CharField):
    """A list typed one item a line (names or ID numbers), cleaned to the non-blank lines."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 6}))
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        return [line.strip() for line in value.splitlines() if line.strip()]


class PlaceForm(PlacesMixin, forms.Form):
    """Township and, optionally, village among the places the user sees."""

    township = forms.ModelChoiceField(label=_("Township"), queryset=None)
    village = forms.ModelChoiceField(label=_("Village or community"), queryset=None, required=False)

    def __init__(self, *args, places, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_places(places)


class WaiverForm(forms.Form):
    granted_on = forms.DateField(label=_("Granted on"), widget=DATE)
    amount = forms.DecimalField(
        label=_("Amount waived (yuan)"), min_value=Decimal("0.01"), max_digits=12, decimal_places=2
    )
    provider = forms.CharField(label=_("Clinic or hospital"), max_length=100)


class PhoneForm(PlaceForm):
    location = forms.CharField(label=_("Where"), max_length=100, help_text=_("e.g. the village school"))
    number = forms.CharField(label=_("Number"), max_length=30, required=False)
    installed_on = forms.DateField(label=_("Installed on"), widget=DATE)


class MailboxForm(PlaceForm):
    location = forms.CharField(label=_("Where"), max_length=100, help_text=_("e.g. the village school"))
    installed_on = forms.DateField(label=_("Installed on"), widget=DATE)


class SocietyForm(PlaceForm):
    name = forms.CharField(label=pgettext_lazy("of a thing", "Name"), max_length=100)
    founded_on = forms.DateField(label=_("Founded on"), widget=DATE)
    leader_name = forms.CharField(label=_("Leader"), max_length=50, required=False)
    members = LinesField(
        label=_("Members"),
        help_text=_("One elder of the township a line: name, or ID number when names repeat"),
    )


class TrainingForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=100)
    trade = forms.CharField(label=_("Trade"), max_length=40, required=False)
    held_on = forms.DateField(label=_("Held on"), widget=DATE)
    venue = forms.CharField(label=_("Venue"), max_length=100, required=False)
    trainee_count = forms.IntegerField(label=_("Trainees"), min_value=1)
    funds = forms.DecimalField(label=_("Funds (yuan)"), min_value=0, max_digits=12, decimal_places=2)
    attendees = LinesField(
        label=_("Attendance list"),
        help_text=_("Optional. One trainee a line: name, or ID number when names repeat"),
    )


class ReferralEventForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=100)
    held_on = forms.DateField(label=_("Held on"), widget=DATE)
    venue = forms.CharField(label=_("Venue"), max_length=100, required=False)
    referred_count = forms.IntegerField(label=_("People referred"), min_value=0)
    employed_count = forms.IntegerField(label=_("People employed"), min_value=0)


class SymposiumForm(forms.Form):
    held_on = forms.DateField(label=_("Held on"), widget=DATE)
    venue = forms.CharField(label=_("Venue"), max_length=100, required=False)
    attendees = forms.IntegerField(label=_("Attendees"), min_value=1)
    notes = forms.CharField(label=_("Notes"), widget=TEXT, required=False)


# ---- the record pages: links from a record, ends, corrections --------------------------------------

PERSON_HELP = _("Search by name, pinyin initials, ID number or phone and choose; leave blank for nobody")


class ChildGuardiansForm(forms.Form):
    """Guardian, father and mother are people on file, chosen with the person picker (or typed by name)."""

    guardian = forms.CharField(label=_("Guardian"), max_length=50, required=False, help_text=PERSON_HELP,
                           widget=PersonPicker())
    guardian_relation = forms.ChoiceField(label=_("Guardian's relation"), required=False, choices=[])
    father = forms.CharField(label=_("Father"), max_length=50, required=False, help_text=PERSON_HELP,
                           widget=PersonPicker())
    father_works_in = forms.CharField(label=_("Where the father works"), max_length=60, required=False)
    mother = forms.CharField(label=_("Mother"), max_length=50, required=False, help_text=PERSON_HELP,
                           widget=PersonPicker())
    mother_works_in = forms.CharField(label=_("Where the mother works"), max_length=60, required=False)

    def __init__(self, *args, **kwargs):
        from .models import LeftBehindChild

        super().__init__(*args, **kwargs)
        self.fields["guardian_relation"].choices = [("", "—"), *LeftBehindChild.Relation.choices]


class ProxyParentChoiceForm(forms.Form):
    proxy_parent = forms.ModelChoiceField(
        label=_("Proxy parent"), queryset=None, required=False, empty_label=_("None"),
        help_text=_("Active proxy parents of the child's township"),
    )  # fmt: skip

    def __init__(self, *args, proxies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proxy_parent"].queryset = proxies
        self.fields["proxy_parent"].label_from_instance = lambda p: " · ".join(
            x for x in (p.person.name, p.village.name if p.village_id else "", p.workplace) if x
        )


class EndForm(forms.Form):
    ended_on = forms.DateField(label=_("Ended on"), widget=DATE)


class PairingEditForm(PairingForm):
    ended_on = forms.DateField(label=_("Ended on"), widget=DATE, required=False)


class SocietyEditForm(PlaceForm):
    name = forms.CharField(label=pgettext_lazy("of a thing", "Name"), max_length=100)
    founded_on = forms.DateField(label=_("Founded on"), widget=DATE)
    leader_name = forms.CharField(label=_("Leader"), max_length=50, required=False)


class SocietyMembersForm(forms.Form):
    members = LinesField(
        label=_("Elders joining"), required=True,
        help_text=_("One elder of the township a line: name, or ID number when names repeat"),
    )  # fmt: skip
    joined_on = forms.DateField(label=_("Joined on"), widget=DATE)


class ReferralPeopleForm(forms.Form):
    people = LinesField(
        label=_("Who was referred"), required=True,
        help_text=_("One person a line: name, or ID number when names repeat"),
    )  # fmt: skip
    employed = forms.BooleanField(label=_("Employed"), required=False)
    employer = forms.CharField(label=_("Employer"), max_length=100, required=False)


class ReferralMarkForm(forms.Form):
    employed = forms.BooleanField(label=_("Employed"), required=False)
    employer = forms.CharField(label=_("Employer"), max_length=100, required=False)
