"""The configurable lists (causes, eligibility lines, programmes) for the county office's staff."""

from django.contrib import admin

from gonghui.core.models import Holiday

from .models import EligibilityLine, HardshipCause, Programme


@admin.register(HardshipCause)
class HardshipCauseAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "needs_disability", "is_active", "order"]
    list_editable = ["is_active", "order"]


@admin.register(EligibilityLine)
class EligibilityLineAdmin(admin.ModelAdmin):
    list_display = ["place", "year", "monthly_income_per_head", "household_year_cap"]
    list_filter = ["year"]
    autocomplete_fields = []


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "year",
        "kind",
        "festival",
        "organization",
        "per_payment_cap",
        "per_person_year_cap",
    ]
    list_filter = ["year", "kind"]


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    list_display = ["date", "name", "is_workday"]
    list_filter = ["is_workday", "name"]
    date_hierarchy = "date"
