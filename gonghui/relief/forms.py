"""Forms parse and normalise input; the services decide whether the change is allowed."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.assistance.models import Programme
from gonghui.formfields import ModelMultipleChoiceField
from gonghui.orgs.fields import MONEY
from gonghui.orgs.models import Enterprise, Organization
from gonghui.orgs.scoping import applying_or_visible
from gonghui.people.forms import PersonByIdNumber
from gonghui.widgets import DateInput

from .models import Campaign, Channel, CollectionEvent, Donation, DonorKind, HandOver

DATE = DateInput()


class CampaignForm(forms.ModelForm):
    class Meta:
        model = Campaign
        fields = ["organization", "name", "code", "cause", "starts_on", "ends_on", "joint_organisers", "appeal_title",
                  "appeal_issued_on", "appeal_text", "appeal_file", "asked_unions", "relief_programme"]  # fmt: skip
        field_classes = {
            "asked_unions": ModelMultipleChoiceField
        }  # ids beyond the database are refused, not a 500
        widgets = {"starts_on": DATE, "ends_on": DATE, "appeal_issued_on": DATE,
                   "appeal_text": forms.Textarea(attrs={"rows": 6})}  # fmt: skip

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        subtree = Organization.objects.visible_to(user)
        self.fields["organization"].queryset = subtree
        self.fields["organization"].initial = user.organization_id
        self.fields["asked_unions"].queryset = subtree.exclude(level=Organization.Level.GRASSROOTS)
        self.fields["asked_unions"].widget.attrs["size"] = 8
        org = user.organization
        programmes = Programme.objects.all() if org is None else Programme.objects.open_to(org)
        self.fields["relief_programme"].queryset = programmes.order_by("-year", "name")

    def clean_appeal_file(self):
        file = self.cleaned_data.get("appeal_file")
        if file and hasattr(file, "name") and not file.name.lower().endswith((".pdf", ".doc", ".docx", ".wps", ".jpg",
                                                                                ".jpeg", ".png")):  # fmt: skip
            raise forms.ValidationError(_("Attach the appeal as PDF, Word, WPS or a photo (jpg, png)."))
        if file and getattr(file, "size", 0) > 20 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        return file


class EventForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("organising union"), queryset=Organization.objects.none())
    name = forms.CharField(label=_("name"), max_length=120)
    kind = forms.ChoiceField(label=_("kind"), choices=CollectionEvent.Kind.choices)
    held_on = forms.DateField(label=_("held on"), widget=DATE)
    place = forms.CharField(label=_("place"), max_length=120, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.visible_to(user)
        self.fields["organization"].initial = user.organization_id


class DonationForm(forms.Form):
    """The full form: every kind of donor and gifts in kind (the live page covers the quick case)."""

    organization = forms.ModelChoiceField(label=_("collecting union"), queryset=Organization.objects.none())
    event = forms.ModelChoiceField(label=_("event"), queryset=CollectionEvent.objects.none(), required=False)
    received_on = forms.DateField(label=_("received on"), widget=DATE)
    kind = forms.ChoiceField(label=_("kind"), choices=Donation.Kind.choices)
    donor_kind = forms.ChoiceField(label=_("donor is"), choices=DonorKind.choices)
    donor_name = forms.CharField(label=_("donor"), max_length=120, required=False,
                                 help_text=_("The name of the organisation or person (filled from the registry when one "
                                             "is chosen below)."))  # fmt: skip
    donor_union = forms.ModelChoiceField(
        label=_("donating union"), queryset=Organization.objects.none(), required=False
    )
    donor_enterprise = forms.ModelChoiceField(label=_("donating workplace"), queryset=Enterprise.objects.none(),
                                              required=False)  # fmt: skip
    donor_person = PersonByIdNumber(label=_("donating person's ID number"), required=False)
    on_behalf_of = forms.CharField(label=_("on behalf of"), max_length=120, required=False)
    display_name = forms.CharField(label=_("name shown"), max_length=120, required=False,
                                   help_text=_("Leave empty to show the donor's name."))  # fmt: skip
    anonymous = forms.BooleanField(label=_("show as anonymous (热心人士)"), required=False)
    item = forms.CharField(label=_("item given"), max_length=80, required=False)
    quantity = forms.DecimalField(label=_("quantity"), max_digits=12, decimal_places=2, required=False)
    unit = forms.CharField(label=_("unit"), max_length=10, required=False)
    amount = forms.DecimalField(label=_("amount (yuan)"), **MONEY, required=False,
                                help_text=_("For a gift in kind, its value in yuan."))  # fmt: skip
    channel = forms.ChoiceField(label=_("channel"), choices=Channel.choices)
    note = forms.CharField(label=_("note"), max_length=200, required=False)

    def __init__(self, *args, user, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        subtree = Organization.objects.visible_to(user)
        self.fields["organization"].queryset = subtree
        self.fields["organization"].initial = user.organization_id
        self.fields["event"].queryset = campaign.events.all()
        self.fields["donor_union"].queryset = subtree
        self.fields["donor_enterprise"].queryset = Enterprise.objects.visible_to(user).order_by("name")
        self.fields["donor_person"].user = user
        self.fields["received_on"].initial = timezone.localdate()


class CorrectionForm(forms.Form):
    """Corrections of a gift; with a printed receipt they come with the reason for voiding it."""

    amount = forms.DecimalField(label=_("amount (yuan)"), **MONEY)
    donor_name = forms.CharField(label=_("donor"), max_length=120)
    display_name = forms.CharField(label=_("name shown"), max_length=120, required=False)
    anonymous = forms.BooleanField(label=_("show as anonymous (热心人士)"), required=False)
    received_on = forms.DateField(label=_("received on"), widget=DATE)
    reason = forms.CharField(
        label=_("reason for voiding the printed receipt"), max_length=200, required=False
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("reason"), max_length=200, required=False,
                             widget=forms.TextInput(attrs={"autocomplete": "off"}))  # fmt: skip


class HandOverForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("handing union"), queryset=Organization.objects.none())
    amount = forms.DecimalField(label=_("amount (yuan)"), **MONEY)
    handed_on = forms.DateField(label=_("handed over on"), widget=DATE)
    recipient_kind = forms.ChoiceField(label=_("handed to"), choices=HandOver.Recipient.choices)
    recipient_union = forms.ModelChoiceField(label=_("receiving union"), queryset=Organization.objects.none(),
                                             required=False)  # fmt: skip
    recipient_name = forms.CharField(label=_("recipient"), max_length=120, required=False)
    their_receipt = forms.CharField(label=_("recipient's receipt number"), max_length=60, required=False)
    event = forms.ModelChoiceField(
        label=_("at the event"), queryset=CollectionEvent.objects.none(), required=False
    )
    note = forms.CharField(label=_("note"), max_length=200, required=False)

    def __init__(self, *args, user, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.visible_to(user)
        self.fields["organization"].initial = user.organization_id
        # Money goes up: to the unions above the user's, or (from a union below) inside the user's subtree.
        above = applying_or_visible(Organization.objects.all(), user, via="")
        self.fields["recipient_union"].queryset = above.exclude(level=Organization.Level.GRASSROOTS).order_by(
            "path"
        )
        self.fields["event"].queryset = campaign.events.all()
        self.fields["handed_on"].initial = timezone.localdate()
