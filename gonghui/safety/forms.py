"""Forms parse and offer only what the user may see; the rules are the services' (rules.py)."""

import datetime
import re

from django import forms
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gonghui.formfields import ModelMultipleChoiceField
from gonghui.orgs.models import Organization, Place
from gonghui.people import idnumbers
from gonghui.people.forms import PersonByIdNumber
from gonghui.people.models import Person
from gonghui.widgets import DateInput, MonthInput

from .models import (
    AccidentKind,
    DocumentKind,
    HazardGrade,
    HazardSource,
    Inspection,
    InspectionKind,
    InspectionLeader,
    Supervisor,
    Workplace,
    WorkplaceKind,
    WorkplaceStatusKind,
)

DATE = DateInput()
MONTH_RE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?\s*$")


class MonthField(forms.CharField):
    """A month as 2008-05 (the phone's month picker), 2008/5 or 2008年5月: its first day."""

    widget = MonthInput(attrs={"placeholder": "2008-05"})

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        match = MONTH_RE.match(value)
        if not match or not 1 <= int(match.group(2)) <= 12 or not 2000 <= int(match.group(1)) <= 2100:
            raise forms.ValidationError(_("Give the month as 2008-05."), code="bad_month")
        return datetime.date(int(match.group(1)), int(match.group(2)), 1)


class ReportFieldsForm(forms.Form):
    output = forms.DecimalField(label=_("output (tonnes)"), min_value=0, max_digits=12, decimal_places=1,
                                widget=forms.NumberInput(attrs={"inputmode": "decimal"}))  # fmt: skip
    people_underground = forms.IntegerField(label=_("people underground"), min_value=0,
                                            widget=forms.NumberInput(attrs={"inputmode": "numeric"}))  # fmt: skip
    supervisor_on_duty = forms.ModelChoiceField(label=_("supervisor on duty"), queryset=Supervisor.objects.none(),
                                                required=False)  # fmt: skip
    problems = forms.CharField(
        label=_("problems found"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    measures = forms.CharField(
        label=_("measures taken"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, user, workplace=None, **kwargs):
        super().__init__(*args, **kwargs)
        supervisors = Supervisor.objects.visible_to(user).select_related("person", "workplace__enterprise")
        if workplace is not None:
            supervisors = supervisors.filter(workplace=workplace)
        self.fields["supervisor_on_duty"].queryset = supervisors
        self.fields["supervisor_on_duty"].label_from_instance = lambda s: (
            s.person.name if workplace is not None else f"{s.person.name}（{s.workplace.name}）"
        )


class ReportForm(ReportFieldsForm):
    """The short monthly report a township officer files from a phone."""

    field_order = ["workplace", "month", "output", "people_underground", "supervisor_on_duty", "problems",
                   "measures"]  # fmt: skip
    workplace = forms.ModelChoiceField(label=_("mine"), queryset=Workplace.objects.none())
    month = MonthField(label=_("month"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        mines = (
            Workplace.objects.visible_to(user)
            .coal()
            .select_related("enterprise")
            .order_by("enterprise__name")
        )
        self.fields["workplace"].queryset = mines
        narrow_supervisors(self, "supervisor_on_duty", "safety:report-create")


def narrow_supervisors(form, field, url_name, args=()):
    """Choosing a workplace narrows `field`'s supervisors to that workplace's (htmx swaps the list in
    place); with none chosen each supervisor is shown with their mine."""
    target = f"#id_{field}"
    form.fields["workplace"].widget.attrs.update({
        "hx-get": reverse(url_name, args=args), "hx-target": target, "hx-select": target, "hx-swap": "outerHTML",
        "hx-trigger": "change",
    })  # fmt: skip
    supervisors = form.fields[field]
    supervisors.label_from_instance = lambda s: f"{s.person.name}（{s.workplace.name}）"
    chosen = str(form.data.get("workplace") or form.initial.get("workplace") or "")
    if chosen.isdigit() and form.fields["workplace"].queryset.filter(pk=int(chosen)).exists():
        supervisors.queryset = supervisors.queryset.filter(workplace_id=int(chosen))
        supervisors.label_from_instance = lambda s: s.person.name


class SupervisorForm(forms.Form):
    workplace = forms.ModelChoiceField(label=_("mine"), queryset=Workplace.objects.none())
    person = PersonByIdNumber(label=_("Person"))
    appointed_on = forms.DateField(label=_("appointed on"), required=False, widget=DATE)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["person"].user = user
        self.fields["workplace"].queryset = (
            Workplace.objects.visible_to(user)
            .coal()
            .select_related("enterprise")
            .order_by("enterprise__name")
        )


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=DocumentKind.choices)
    title = forms.CharField(label=_("title"), max_length=200)
    number = forms.CharField(label=_("document number"), max_length=50, required=False)
    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2100)
    issued_on = forms.DateField(label=_("issued on"), widget=DATE)
    body = forms.CharField(label=_("text"), required=False, widget=forms.Textarea(attrs={"rows": 8}))


class WorkplaceForm(forms.Form):
    """A workplace's supervision profile; the status has its own dated page."""

    kind = forms.ChoiceField(label=_("kind"), choices=WorkplaceKind.choices)
    pairs = forms.IntegerField(label=_("pairs of shafts"), min_value=0, max_value=99, required=False,
                               help_text=_("For a coal mine; the workplace register is updated."))  # fmt: skip
    township = forms.ModelChoiceField(label=_("township"), queryset=Place.objects.none(), required=False)
    owner = forms.CharField(label=_("owner"), max_length=50, required=False)
    union = forms.ModelChoiceField(label=_("workplace union"), queryset=Organization.objects.none(), required=False)
    chair = forms.CharField(label=_("union chair"), max_length=50, required=False)
    annual_output = forms.DecimalField(label=_("annual output (tonnes)"), min_value=0, max_digits=12,
                                       decimal_places=1, required=False)  # fmt: skip
    is_key = forms.BooleanField(label=_("key mine"), required=False)

    def __init__(self, *args, user, workplace, **kwargs):
        enterprise = workplace.enterprise
        union = workplace.union or enterprise.unions.order_by("pk").first()
        initial = {"kind": workplace.kind, "pairs": enterprise.coal_mine_pairs, "township": enterprise.township_id,
                   "owner": workplace.owner, "union": union.pk if union else None,
                   "chair": union.chair if union else "", "annual_output": workplace.annual_output,
                   "is_key": workplace.is_key}  # fmt: skip
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["township"].queryset = Place.objects.visible_to(user).townships().order_by("division_code")
        self.fields["union"].queryset = Organization.objects.visible_to(user).filter(
            Q(enterprise=enterprise) | Q(pk=enterprise.organization_id)
        )


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("status"), choices=WorkplaceStatusKind.choices)
    on = forms.DateField(label=_("since"), widget=DATE)
    note = forms.CharField(label=_("note"), max_length=200, required=False)


class InspectionForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=InspectionKind.choices)
    on = forms.DateField(label=_("date"), widget=DATE)
    team = forms.CharField(label=_("team"), max_length=200, required=False)
    leaders = ModelMultipleChoiceField(label=_("leaders present"), queryset=Person.objects.none(),
                                             required=False, widget=forms.CheckboxSelectMultiple)  # fmt: skip
    other_leader = forms.CharField(label=_("another leader's ID number"), max_length=20, required=False,
                                   help_text=_("A person already in the people registry."))  # fmt: skip
    workplaces = ModelMultipleChoiceField(label=_("workplaces visited"), queryset=Workplace.objects.none(),
                                                widget=forms.SelectMultiple(attrs={"size": 8}))  # fmt: skip
    findings = forms.CharField(label=_("findings"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        led = InspectionLeader.objects.filter(inspection__in=Inspection.objects.visible_to(user)).values(
            "person"
        )
        self.fields["leaders"].queryset = Person.objects.filter(pk__in=led).order_by("name")
        self.fields["workplaces"].queryset = (
            Workplace.objects.visible_to(user)
            .select_related("enterprise")
            .order_by("-kind", "enterprise__name")
        )

    def clean_other_leader(self):
        text = self.cleaned_data["other_leader"].strip()
        if not text:
            return None
        person = Person.objects.visible_to(self.user).with_id_number(idnumbers.normalize(text)).first()
        if person is None:
            raise forms.ValidationError(
                _("No person with this ID number is in your registry."), code="unknown"
            )
        return person


class ReturnForm(forms.Form):
    comment = forms.CharField(label=_("what is to be corrected"), widget=forms.Textarea(attrs={"rows": 2}))


class HazardForm(forms.Form):
    workplace = forms.ModelChoiceField(label=_("workplace"), queryset=Workplace.objects.none())
    found_on = forms.DateField(label=_("found on"), widget=DATE)
    source = forms.ChoiceField(label=_("found by"), choices=HazardSource.choices)
    supervisor = forms.ModelChoiceField(label=_("found by supervisor"), queryset=Supervisor.objects.none(),
                                        required=False, help_text=_("When a supervisor found it: which one."))  # fmt: skip
    description = forms.CharField(label=_("description"), widget=forms.Textarea(attrs={"rows": 2}))
    grade = forms.ChoiceField(label=_("hazard grade"), choices=HazardGrade.choices)
    deadline = forms.DateField(label=_("deadline"), widget=DATE)
    responsible = forms.CharField(label=_("person responsible"), max_length=50, required=False)
    rectified_on = forms.DateField(label=_("rectified on"), required=False, widget=DATE)
    rechecked_by = forms.CharField(label=_("re-checked by"), max_length=50, required=False)
    rechecked_on = forms.DateField(label=_("re-checked on"), required=False, widget=DATE)
    inspection = forms.ModelChoiceField(label=_("supervision inspection"), queryset=Inspection.objects.none(),
                                        required=False)  # fmt: skip

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workplace"].queryset = (
            Workplace.objects.visible_to(user).select_related("enterprise").order_by("enterprise__name")
        )
        self.fields["inspection"].queryset = Inspection.objects.visible_to(user).order_by("-on")
        self.fields["supervisor"].queryset = Supervisor.objects.visible_to(user).select_related(
            "person", "workplace__enterprise"
        )
        narrow_supervisors(self, "supervisor", "safety:hazard-create")


class RectifyForm(forms.Form):
    rectified_on = forms.DateField(label=_("rectified on"), widget=DATE)
    rechecked_by = forms.CharField(label=_("re-checked by"), max_length=50, required=False)
    rechecked_on = forms.DateField(label=_("re-checked on"), required=False, widget=DATE)


class AccidentForm(forms.Form):
    workplace = forms.ModelChoiceField(label=_("workplace"), queryset=Workplace.objects.none())
    occurred_on = forms.DateField(label=_("date"), widget=DATE)
    kind = forms.ChoiceField(label=_("kind"), choices=AccidentKind.choices)
    # Counts are checked by the service (rules.check_counts), so a negative number gets its reason.
    deaths = forms.IntegerField(label=_("deaths"), initial=0)
    serious_injuries = forms.IntegerField(label=_("serious injuries"), initial=0)
    minor_injuries = forms.IntegerField(label=_("minor injuries"), initial=0)
    cause = forms.CharField(label=_("cause"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    report = forms.CharField(label=_("report"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    follow_up = forms.CharField(
        label=_("follow-up"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workplace"].queryset = (
            Workplace.objects.visible_to(user).select_related("enterprise").order_by("enterprise__name")
        )


class CertificateForm(forms.Form):
    supervisor = forms.ModelChoiceField(label=_("supervisor"), queryset=Supervisor.objects.none())
    number = forms.CharField(label=_("certificate number"), max_length=40)
    issued_on = forms.DateField(label=_("issued on"), widget=DATE)
    expires_on = forms.DateField(label=_("expires on"), widget=DATE)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supervisor"].queryset = Supervisor.objects.visible_to(user).select_related(
            "person", "workplace__enterprise"
        )


def _supervisors(user):
    return Supervisor.objects.visible_to(user).select_related("person", "workplace__enterprise").order_by(
        "workplace__enterprise__name", "person__name"
    )


class BatchForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=100)
    started_on = forms.DateField(label=_("course started on"), widget=DATE)
    ended_on = forms.DateField(label=_("ended on"), widget=DATE)
    hours = forms.IntegerField(label=_("hours"), min_value=0, max_value=1000, initial=0)
    trainer = forms.CharField(label=_("trainer"), max_length=100, required=False)
    place = forms.CharField(label=_("training venue"), max_length=100, required=False)


class TraineesForm(forms.Form):
    """Trainees chosen from one mine's supervisors (choosing the mine narrows the list, by htmx)."""

    workplace = forms.ModelChoiceField(label=_("mine"), queryset=Workplace.objects.none(), required=False)
    trainees = ModelMultipleChoiceField(label=_("trainees"), queryset=Supervisor.objects.none(),
                                        widget=forms.CheckboxSelectMultiple)  # fmt: skip

    def __init__(self, *args, user, batch, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workplace"].queryset = (
            Workplace.objects.visible_to(user).coal().select_related("enterprise").order_by("enterprise__name")
        )
        self.fields["trainees"].queryset = _supervisors(user).exclude(exam_results__batch=batch)
        narrow_supervisors(self, "trainees", "safety:batch-trainees", args=[batch.pk])


class ExamForm(forms.Form):
    """One trainee's exam, then (having passed) the certificate."""

    examined_on = forms.DateField(label=_("examined on"), widget=DATE, required=False)
    score = forms.DecimalField(label=_("score"), max_digits=5, decimal_places=1, required=False,
                               widget=forms.NumberInput(attrs={"inputmode": "decimal"}))  # fmt: skip
    passed = forms.BooleanField(label=_("passed"), required=False)
    number = forms.CharField(label=_("certificate number"), max_length=40, required=False)
    issued_on = forms.DateField(label=_("issued on"), widget=DATE, required=False)
    expires_on = forms.DateField(label=_("expires on"), widget=DATE, required=False)
