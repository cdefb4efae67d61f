"""Forms parse and validate input; each hands the cleaned values to one service (services.py).

Organisations, workplaces and people are offered only within the user's scope, so a form can
never write a record outside it. No rule lives here: the services call rules.py.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from gonghui.orgs.models import Enterprise, Organization, Place
from gonghui.people.forms import PersonByIdNumber
from gonghui.people.models import Person
from gonghui.widgets import DateInput

from . import models as m
from . import services

DATE = DateInput()
ATTACHMENT_LIMIT = 20 * 1024 * 1024
ATTACHMENT_TYPES = (".pdf", ".doc", ".docx", ".wps", ".jpg", ".jpeg", ".png", ".tif", ".tiff")


def _dates(form):
    """ISO date inputs (the shared widget), and the user's scope for every person field."""
    for field in form.fields.values():
        if isinstance(field, forms.DateField):
            field.widget = DATE
        if isinstance(field, PersonByIdNumber):
            field.user = form.user


class ScopedForm(forms.Form):
    """Choices of organisations and workplaces limited to what the user sees."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        for name, field in self.fields.items():
            if isinstance(field, forms.ModelChoiceField):
                model = field.queryset.model
                if model is Organization:
                    rows = Organization.objects.visible_to(user)
                    field.queryset = rows.grassroots() if name in ("union", "to_union") else rows
                elif model is Enterprise:
                    field.queryset = Enterprise.objects.visible_to(user).order_by("name")
                elif model is Place:
                    field.queryset = Place.objects.visible_to(user).townships()
                elif hasattr(field.queryset, "visible_to"):
                    field.queryset = field.queryset.visible_to(user)  # keeps the field's select_related
        _dates(self)


def _unions():
    return forms.ModelChoiceField(label=_("Union"), queryset=Organization.objects.all())


class UnionEventForm(ScopedForm):
    union = _unions()
    kind = forms.ChoiceField(label=_("Event"), choices=m.UnionEvent.Kind.choices)
    on = forms.DateField(widget=DATE, label=_("Date"))
    chair = forms.CharField(label=_("Chair"), max_length=50, required=False)
    form = forms.ChoiceField(label=_("Form"), choices=[("", "---")] + m.UnionEvent.Form.choices, required=False)
    members_at_founding = forms.IntegerField(label=_("Members at founding"), min_value=0, required=False)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def submit(self):
        data = self.cleaned_data
        union = data["union"]
        return services.record_union_event(union=union, kind=data["kind"], on=data["on"], chair=data["chair"],
                                           form=data["form"], members_at_founding=data["members_at_founding"],
                                           note=data["note"], workplace=union.enterprise, area=union.place)  # fmt: skip


class FoundUnionForm(ScopedForm):
    parent = forms.ModelChoiceField(label=_("Under"), queryset=Organization.objects.all())
    name = forms.CharField(label=_("Name of the union"), max_length=100)
    category = forms.ChoiceField(label=_("Category"), choices=Organization.Category.choices[4:])
    workplace = forms.ModelChoiceField(label=_("Workplace"), queryset=Enterprise.objects.all(), required=False)
    founded_on = forms.DateField(widget=DATE, label=_("Founded on"))
    form = forms.ChoiceField(label=_("Form"), choices=m.UnionEvent.Form.choices)
    chair = forms.CharField(label=_("Chair"), max_length=50)
    members_at_founding = forms.IntegerField(label=_("Members at founding"), min_value=1)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["parent"].queryset = Organization.objects.visible_to(user).exclude(level="grassroots")

    def submit(self):
        d = self.cleaned_data
        return services.found_union(parent=d["parent"], name=d["name"], category=d["category"],
                                    founded_on=d["founded_on"], form=d["form"], chair=d["chair"],
                                    members_at_founding=d["members_at_founding"], workplace=d["workplace"],
                                    area=d["workplace"].township if d["workplace"] else d["parent"].place)  # fmt: skip


class LegalRegistrationForm(ScopedForm):
    union = _unions()
    status = forms.ChoiceField(label=_("Status"), choices=m.LegalRegistration.Status.choices)
    applied_on = forms.DateField(widget=DATE, label=_("Applied on"), required=False)
    certificate_number = forms.CharField(label=_("Certificate number"), max_length=40, required=False)
    registered_on = forms.DateField(widget=DATE, label=_("Registered on"), required=False)

    def submit(self):
        return services.set_legal_registration(**self.cleaned_data)


class TermForm(ScopedForm):
    union = forms.ModelChoiceField(label=_("Union"), queryset=Organization.objects.all())
    number = forms.IntegerField(label=_("Term number"), min_value=1)
    starts_on = forms.DateField(widget=DATE, label=_("Starts on"))
    ends_on = forms.DateField(widget=DATE, label=_("Ends on"))

    def submit(self):
        return services.start_term(**self.cleaned_data)


class CongressForm(ScopedForm):
    term = forms.ModelChoiceField(
        label=_("Term it ends"), queryset=m.CommitteeTerm.objects.select_related("organization")
    )
    title = forms.CharField(label=_("Title"), max_length=100)
    preparation_from = forms.DateField(widget=DATE, label=_("Preparation from"))
    delegates = forms.IntegerField(label=_("Delegates"), min_value=1, required=False)

    def submit(self):
        return services.prepare_congress(**self.cleaned_data)


class HoldCongressForm(forms.Form):
    held_on = forms.DateField(label=_("Held on"), widget=DATE)
    delegates = forms.IntegerField(label=_("Delegates"), min_value=1)
    committee_elected = forms.CharField(label=_("Committee elected"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, congress, **kwargs):
        super().__init__(*args, **kwargs)
        self.congress = congress

    def submit(self):
        return services.hold_congress(congress=self.congress, **self.cleaned_data)


class JoinForm(ScopedForm):
    person = PersonByIdNumber(label=_("ID number"), max_length=20)
    union = _unions()
    joined_on = forms.DateField(widget=DATE, label=_("Joined on"))
    card_number = forms.CharField(label=_("Member card number"), max_length=30, required=False)
    is_migrant_worker = forms.BooleanField(label=_("Migrant worker"), required=False)
    joined_at_source = forms.BooleanField(label=_("Joined at source"), required=False)

    def submit(self):
        return services.join_member(**self.cleaned_data)


class TransferForm(ScopedForm):
    to_union = forms.ModelChoiceField(label=_("To union"), queryset=Organization.objects.all())
    on = forms.DateField(widget=DATE, label=_("Date"))
    note = forms.CharField(label=_("Reason"), max_length=200, required=False)

    def __init__(self, *args, membership, **kwargs):
        super().__init__(*args, **kwargs)
        self.membership = membership

    def submit(self):
        return services.transfer_member(membership=self.membership, **self.cleaned_data)


class LeaveForm(forms.Form):
    on = forms.DateField(label=_("Left on"), widget=DATE)
    reason = forms.ChoiceField(label=_("Reason"), choices=[c for c in m.Membership.LeaveReason.choices
                                                           if c[0] != "transferred"])  # fmt: skip
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args, membership, **kwargs):
        super().__init__(*args, **kwargs)
        self.membership = membership

    def submit(self):
        return services.leave_member(membership=self.membership, **self.cleaned_data)


class ContractForm(ScopedForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=m.CollectiveContract.Kind.choices)
    workplace = forms.ModelChoiceField(label=_("Workplace"), queryset=Enterprise.objects.all(), required=False)
    organization = forms.ModelChoiceField(label=_("Signing union (regional or sectoral)"),
                                          queryset=Organization.objects.all(), required=False)  # fmt: skip
    scope = forms.CharField(label=_("Region or sector"), max_length=100, required=False)
    signed_on = forms.DateField(widget=DATE, label=_("Signed on"))
    starts_on = forms.DateField(widget=DATE, label=_("In force from"))
    ends_on = forms.DateField(widget=DATE, label=_("In force until"))
    workers_covered = forms.IntegerField(label=_("Workers covered"), min_value=0)
    women_covered = forms.IntegerField(label=_("Women covered"), min_value=0, required=False)

    def clean(self):
        data = super().clean()
        if not data.get("workplace") and not data.get("organization"):
            self.add_error("organization", _("Choose the workplace, or the union that signed for a region or sector."))
        return data

    def submit(self):
        d = dict(self.cleaned_data)
        d["women_covered"] = d["women_covered"] or 0
        return services.record_contract(**d)


class LabourContractsForm(ScopedForm):
    workplace = forms.ModelChoiceField(label=_("Workplace"), queryset=Enterprise.objects.all())
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    signed = forms.IntegerField(label=_("Labour contracts signed in the year"), min_value=0)
    workers_with_contract = forms.IntegerField(label=_("Workers with a labour contract at year end"), min_value=0)

    def submit(self):
        return services.record_labour_contracts(**self.cleaned_data)


class WorkersCongressForm(ScopedForm):
    workplace = forms.ModelChoiceField(label=_("Workplace"), queryset=Enterprise.objects.all())
    established_on = forms.DateField(widget=DATE, label=_("In place since"))
    last_session_on = forms.DateField(widget=DATE, label=_("Last session"), required=False)
    delegates = forms.IntegerField(label=_("Delegates"), min_value=1, required=False)

    def submit(self):
        return services.record_workers_congress(**self.cleaned_data)


class OpenAffairsForm(ScopedForm):
    workplace = forms.ModelChoiceField(label=_("Workplace"), queryset=Enterprise.objects.all())
    checked_on = forms.DateField(widget=DATE, label=_("Checked on"))
    practised = forms.BooleanField(label=_("Open factory affairs practised"), required=False)
    inspection = forms.ModelChoiceField(label=_("Inspection"), queryset=m.DemocracyInspection.objects.all(),
                                        required=False)  # fmt: skip
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def submit(self):
        return services.record_open_affairs(**self.cleaned_data)


class RuleForm(forms.ModelForm):
    class Meta:
        model = m.SpecialContractRule
        fields = ["needs_union", "min_women_staff", "min_staff"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def submit(self):
        self.instance.organization = self.user.organization
        return services.record_rule(rule=self.instance)


class _RecordForm(forms.ModelForm):
    """A record with no rule beyond its fields: its organisation is the user's own or one below."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        for _name, field in self.fields.items():
            if isinstance(field, forms.ModelChoiceField):
                model = field.queryset.model
                if model is Organization:
                    field.queryset = Organization.objects.visible_to(user)
                elif model is Person:
                    field.queryset = Person.objects.none()
                elif hasattr(field.queryset, "visible_to"):
                    field.queryset = field.queryset.visible_to(user)  # keeps the field's select_related
        _dates(self)

    def submit(self):
        fields = {f: self.cleaned_data[f] for f in self._meta.fields if f in self.cleaned_data}
        return services.record(self._meta.model, **fields)


def record_form(model_class, field_names):
    meta = type("Meta", (), {"model": model_class, "fields": field_names})
    return type(f"{model_class.__name__}Form", (_RecordForm,), {"Meta": meta})


class HonourForm(_RecordForm):
    person = PersonByIdNumber(label=_("ID number (a person)"), max_length=20, required=False)

    class Meta:
        model = m.Honour
        fields = ["organization", "kind", "person", "team", "awarded_on", "awarded_by", "note"]
        widgets = {"awarded_on": DATE}


class MeetingForm(ScopedForm):
    organization = forms.ModelChoiceField(label=_("Held by"), queryset=Organization.objects.all())
    kind = forms.ChoiceField(label=_("Kind"), choices=m.Meeting.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=150)
    held_on = forms.DateField(widget=DATE, label=_("Held on"))
    place = forms.CharField(label=_("Place"), max_length=100, required=False)
    attendees = forms.IntegerField(label=_("Attendees"), min_value=0, required=False)
    follows = forms.ModelChoiceField(label=_("Follows the plenary"), required=False,
                                     queryset=m.Meeting.objects.filter(kind="plenary"))  # fmt: skip
    report = forms.CharField(label=_("Report"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    resolutions = forms.CharField(label=_("Resolutions"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        # A committee follows the plenary held above it, which it does not "see" as its own record.
        org = user.organization
        meetings = m.Meeting.objects.applying_to(org) if org else m.Meeting.objects.none()
        self.fields["follows"].queryset = meetings.filter(kind="plenary")

    def submit(self):
        d = dict(self.cleaned_data)
        d["attendees"] = d["attendees"] or 0
        return services.record_meeting(**d)


class DocumentForm(ScopedForm):
    organization = forms.ModelChoiceField(label=_("Issued by"), queryset=Organization.objects.all())
    number = forms.CharField(label=_("Document number"), max_length=40, required=False,
                             help_text=_("Like 县工发〔2008〕3号"))  # fmt: skip
    title = forms.CharField(label=_("Title"), max_length=200)
    issued_on = forms.DateField(widget=DATE, label=_("Issued on"))
    recipients = forms.CharField(label=_("Recipients"), max_length=200, required=False)
    volume = forms.ModelChoiceField(label=_("Compiled in"), queryset=m.DocumentVolume.objects.all(), required=False)
    attachment = forms.FileField(label=_("Attachment"), required=False,
                                 help_text=_("PDF, Word or a scan, up to 20 MB."))  # fmt: skip

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload and upload.size > ATTACHMENT_LIMIT:
            raise forms.ValidationError(_("%(name)s is larger than 20 MB."), code="too_large",
                                        params={"name": upload.name})  # fmt: skip
        if upload and not upload.name.lower().endswith(ATTACHMENT_TYPES):
            raise forms.ValidationError(_("%(name)s is not a PDF, Word, WPS or image file."), code="file_type",
                                        params={"name": upload.name})  # fmt: skip
        return upload

    def submit(self):
        return services.record_document(**self.cleaned_data)


EventForm = record_form(m.Event, ["organization", "kind", "role", "title", "held_on", "place", "organisers",
                                  "participants", "results"])  # fmt: skip
HomeRatingForm = record_form(m.HomeRating, ["organization", "rating", "rated_on", "rated_by"])
CampaignForm = record_form(m.WomenCampaign, ["organization", "kind", "title", "held_on", "place", "leaflets",
                                             "consultations", "programme"])  # fmt: skip
WomenCommitteeForm = record_form(m.WomenCommittee, ["organization", "established_on", "chair", "members"])
AssignmentForm = record_form(m.Assignment, ["organization", "township", "assignee", "task", "starts_on", "ends_on"])
InspectionForm = record_form(m.DemocracyInspection, ["organization", "title", "started_on", "ended_on", "team"])


class AssignmentVisitForm(ScopedForm):
    assignment = forms.ModelChoiceField(label=_("Assignment"), queryset=m.Assignment.objects.select_related("township"))
    visited_on = forms.DateField(widget=DATE, label=_("Visited on"))
    note = forms.CharField(label=_("What was done"), max_length=200)

    def submit(self):
        d = self.cleaned_data
        return services.record(m.AssignmentVisit, organization=d["assignment"].organization, **d)
