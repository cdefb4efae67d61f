"""Forms parse and normalise input; services decide whether the change is allowed."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.formfields import ModelMultipleChoiceField
from gonghui.orgs.models import Organization, Place
from gonghui.people import idnumbers
from gonghui.people.models import Person
from gonghui.people.picker import PICKED, PersonPicker, picked_id
from gonghui.people.services import match_person
from gonghui.widgets import DateInput, DateTimeInput, MonthInput

from . import crypto, services
from .models import (
    ArchiveStatus,
    ArchiveTransition,
    BeneficiaryKind,
    CaseDocument,
    CasePerson,
    CaseStatus,
    EligibilityLine,
    FundSource,
    HardshipArchive,
    HardshipCause,
    HotlineCall,
    HouseholdMember,
    ModelWorker,
    PaymentStatus,
    Programme,
    RightsCase,
)

DATE = DateInput()


def _today():
    return timezone.localdate()


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


class ScopedForm(forms.Form):
    """Gives every PersonByIdNumber field and organisation choice the user's scope."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        _scope_fields(self, user)


class ScopedModelForm(forms.ModelForm):
    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        _scope_fields(self, user)


def _scope_fields(form, user):
    for field in form.fields.values():
        if isinstance(field, PersonByIdNumber):
            field.user = user
    if "organization" in form.fields:
        form.fields["organization"].queryset = Organization.objects.visible_to(user).order_by("path")
        if not form.is_bound and not form.initial.get("organization") and user.organization_id:
            form.initial["organization"] = user.organization_id


class ArchiveForm(ScopedModelForm):
    head = PersonByIdNumber(label=_("head of household"))
    bank_account = forms.CharField(
        label=_("bank account"), required=False, max_length=40,
        help_text=_("Stored encrypted; lists show only the last four digits."),
    )  # fmt: skip

    class Meta:
        model = HardshipArchive
        fields = [
            "organization", "code", "head", "category", "is_extreme", "main_cause", "secondary_causes",
            "disability_kind", "disability_grade", "employment", "model_worker_level", "employer_name",
            "employer_type", "household_size", "monthly_income_per_head", "housing", "medical_insurance",
            "bank_name", "bank_account", "standard", "applied_on", "opinion_grassroots", "opinion_committee",
            "opinion_county",
        ]  # fmt: skip
        widgets = {"applied_on": DATE, "secondary_causes": forms.CheckboxSelectMultiple}
        field_classes = {"secondary_causes": ModelMultipleChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        causes = HardshipCause.objects.filter(is_active=True)
        self.fields["main_cause"].queryset = causes
        self.fields["secondary_causes"].queryset = causes
        if self.instance.pk:
            # The head and the filing date are facts of the application: edits keep them.
            for name in ("head", "applied_on", "code"):
                del self.fields[name]
        else:
            self.initial.setdefault("applied_on", _today())

    def clean_bank_account(self):
        value = self.cleaned_data.get("bank_account", "")
        problem = crypto.account_problem(value)
        if problem:
            raise ValidationError(problem, code="bank_account")
        return crypto.normalize_account(value)

    def clean(self):
        data = super().clean()
        try:
            services.check_disability(
                main_cause=data.get("main_cause"), disability_kind=data.get("disability_kind")
            )
        except ValidationError as e:
            self.add_error(None, e)
        return data


class CauseForm(forms.ModelForm):
    class Meta:
        model = HardshipCause
        fields = ["code", "name", "needs_disability", "is_active", "order"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # Archives and ledgers keep pointing at the cause; its code is its identity.
            del self.fields["code"]


class EligibilityLineForm(ScopedModelForm):
    class Meta:
        model = EligibilityLine
        fields = ["place", "year", "monthly_income_per_head", "household_year_cap"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The line of the nearest place upwards applies: county-wide, or a township or village of its own.
        places = Place.objects.visible_to(self.user).select_related("parent")
        self.fields["place"].queryset = places.order_by("division_code", "name")
        self.initial.setdefault("year", _today().year)


class ArchiveMoveForm(ScopedForm):
    to = forms.ChoiceField(label=_("new status"), choices=ArchiveStatus.choices)
    on = forms.DateField(label=_("date"), widget=DATE)
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea(attrs={"rows": 2}))
    cancel_reason = forms.ChoiceField(
        label=_("reason for cancelling"), required=False,
        choices=[("", "—"), *ArchiveTransition.CancelReason.choices],
    )  # fmt: skip


class MemberForm(ScopedForm):
    person = PersonByIdNumber(label=_("family member"))
    relation = forms.ChoiceField(label=_("relation to the head"), choices=HouseholdMember.Relation.choices)
    school = forms.CharField(label=_("school (if a student)"), required=False, max_length=80)


class IncomeForm(ScopedForm):
    month = forms.DateField(label=_("month"), input_formats=["%Y-%m", "%Y-%m-%d", "%Y/%m", "%Y.%m"],
                            widget=MonthInput())  # fmt: skip
    income_per_head = forms.DecimalField(label=_("monthly income per head (yuan)"), max_digits=12,
                                         decimal_places=2, min_value=0)  # fmt: skip
    source = forms.CharField(label=_("source"), required=False, max_length=80,
                             help_text=_("Wage slip, home visit, village statement, ..."))  # fmt: skip


class CheckForm(ScopedForm):
    checked_on = forms.DateField(label=_("checked on"), widget=DATE)
    visited = forms.BooleanField(label=_("visited in person"), required=False)
    still_eligible = forms.BooleanField(label=_("still eligible"), required=False)
    finding = forms.CharField(label=_("finding"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ProgrammeForm(ScopedModelForm):
    class Meta:
        model = Programme
        fields = [
            "organization",
            "year",
            "kind",
            "name",
            "festival",
            "per_payment_cap",
            "per_person_year_cap",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("year", _today().year)


class PaymentForm(ScopedForm):
    organization = forms.ModelChoiceField(label=_("paying union"), queryset=Organization.objects.none())
    programme = forms.ModelChoiceField(label=_("programme"), queryset=Programme.objects.none())
    # Choosing the beneficiary fills in their household's archive (assistance:person-pick adds it).
    person = PersonByIdNumber(label=_("beneficiary"), widget=PersonPicker(url="assistance:person-pick", fills="archive"))
    archive = forms.CharField(label=_("household archive number"), required=False, max_length=30,
                              help_text=_("For a household in the hardship archive: the head or a member is paid."))  # fmt: skip
    beneficiary_kind = forms.ChoiceField(label=_("beneficiary kind"), choices=BeneficiaryKind.choices)
    amount = forms.DecimalField(label=_("amount (yuan)"), max_digits=12, decimal_places=2, min_value=0.01)
    fund_source = forms.ChoiceField(label=_("fund source"), choices=FundSource.choices)
    applied_on = forms.DateField(label=_("applied on"), widget=DATE)
    note = forms.CharField(label=_("note"), required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        org = self.user.organization
        if org is not None:
            self.fields["programme"].queryset = Programme.objects.open_to(org).order_by("-year", "name")
        self.initial.setdefault("applied_on", _today())

    def clean_archive(self):
        code = (self.cleaned_data.get("archive") or "").strip()
        if not code:
            return None
        archive = HardshipArchive.objects.visible_to(self.user).filter(code=code).first()
        if archive is None:
            raise ValidationError(_("No hardship archive %(value)s in your area."), code="unknown_archive",
                                  params={"value": code})  # fmt: skip
        return archive


class PaymentEditForm(ScopedForm):
    programme = forms.ModelChoiceField(label=_("programme"), queryset=Programme.objects.none())
    amount = forms.DecimalField(label=_("amount (yuan)"), max_digits=12, decimal_places=2, min_value=0.01)
    fund_source = forms.ChoiceField(label=_("fund source"), choices=FundSource.choices)
    note = forms.CharField(label=_("note"), required=False, max_length=200)

    def __init__(self, *args, payment, **kwargs):
        kwargs.setdefault("initial", {"programme": payment.programme_id, "amount": payment.amount,
                                      "fund_source": payment.fund_source, "note": payment.note})  # fmt: skip
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = (
            Programme.objects.open_to(payment.organization)
            .filter(year=payment.applied_on.year)
            .order_by("name")
        )


class PaymentMoveForm(ScopedForm):
    to = forms.ChoiceField(label=_("step"), choices=[c for c in PaymentStatus.choices if c[0] != "noticed"])
    on = forms.DateField(label=_("date"), widget=DATE)
    note = forms.CharField(label=_("note"), required=False, max_length=200)


class ReverseForm(ScopedForm):
    on = forms.DateField(label=_("date"), widget=DATE)
    reason = forms.CharField(label=_("reason for the reversal"), widget=forms.Textarea(attrs={"rows": 2}))


class NoticeForm(ScopedForm):
    organization = forms.ModelChoiceField(label=_("posting union"), queryset=Organization.objects.none())
    title = forms.CharField(label=_("title"), max_length=120)
    posted_on = forms.DateField(label=_("posted on"), widget=DATE)
    place_posted = forms.CharField(label=_("where posted"), required=False, max_length=120)
    payments = ModelMultipleChoiceField(label=_("reviewed payments"), queryset=None,
                                              widget=forms.CheckboxSelectMultiple)  # fmt: skip

    def __init__(self, *args, payments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["payments"].queryset = payments
        self.fields["payments"].label_from_instance = lambda p: (
            f"{p.person.name} · {p.programme.name} · {p.amount}"
        )
        self.initial.setdefault("posted_on", _today())


class HotlineForm(ScopedModelForm):
    class Meta:
        model = HotlineCall
        fields = ["organization", "called_at", "caller_name", "caller_phone", "topic", "summary", "answered_by",
                  "outcome"]  # fmt: skip
        widgets = {"called_at": DateTimeInput()}


class CaseForm(ScopedModelForm):
    person = PersonByIdNumber(label=_("first person"), required=False)
    is_migrant_worker = forms.BooleanField(label=_("that person is a migrant worker"), required=False)

    class Meta:
        model = RightsCase
        fields = ["organization", "code", "title", "kind", "is_legal_aid", "opposing_party", "amount_claimed",
                  "officer_name", "received_on", "summary"]  # fmt: skip
        widgets = {"received_on": DATE}


class CaseMoveForm(ScopedForm):
    to = forms.ChoiceField(label=_("step"), choices=CaseStatus.choices)
    on = forms.DateField(label=_("date"), widget=DATE)
    amount_recovered = forms.DecimalField(label=_("amount recovered"), required=False, max_digits=12,
                                          decimal_places=2, min_value=0)  # fmt: skip
    note = forms.CharField(label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class CasePersonForm(ScopedForm):
    person = PersonByIdNumber(label=_("person"))
    role = forms.ChoiceField(label=_("role in the case"), choices=CasePerson.Role.choices)
    is_migrant_worker = forms.BooleanField(label=_("migrant worker"), required=False)


class DocumentForm(forms.ModelForm):
    # Scans, photos and office files of a case; nothing executable, nothing huge.
    EXTENSIONS = {"pdf", "jpg", "jpeg", "png", "doc", "docx", "xls", "xlsx", "wps", "txt"}
    MAX_BYTES = 20 * 1024 * 1024

    class Meta:
        model = CaseDocument
        fields = ["title", "file"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
        if extension not in self.EXTENSIONS:
            raise ValidationError(_("%(name)s is not a document or picture; attach PDF, pictures or office files."),
                                  code="file_type", params={"name": upload.name})  # fmt: skip
        if upload.size > self.MAX_BYTES:
            raise ValidationError(_("%(name)s is larger than 20 MB; scan it at a lower resolution."),
                                  code="file_size", params={"name": upload.name})  # fmt: skip
        return upload


class ModelWorkerForm(ScopedModelForm):
    person = PersonByIdNumber(label=_("person"))

    class Meta:
        model = ModelWorker
        fields = ["organization", "person", "level", "honour", "year_honoured", "situation", "in_hardship",
                  "in_countryside_survey", "note"]  # fmt: skip
