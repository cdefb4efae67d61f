from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Enterprise, Organization, Place, User

# The admin is for superusers only (site set-up); officers work in the app's own pages,
# where scoping applies.
admin.site.site_header = _("Gonghui administration")


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "level", "category", "parent"]
    list_filter = ["level", "category"]
    search_fields = ["name", "code", "short_name"]
    readonly_fields = ["path", "depth"]
    raw_id_fields = ["parent", "place", "enterprise"]


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "division_code", "parent", "organization"]
    list_filter = ["kind"]
    search_fields = ["name", "division_code"]
    raw_id_fields = ["parent", "organization"]


@admin.register(Enterprise)
class EnterpriseAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "credit_code",
        "ownership",
        "township",
        "staff_count",
        "is_coal_mine",
        "coal_mine_pairs",
    ]
    list_filter = ["ownership", "is_coal_mine"]
    search_fields = ["name", "credit_code"]
    raw_id_fields = ["township", "organization"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "full_name", "organization", "role", "is_active"]
    list_filter = ["role", "is_active"]
    search_fields = ["username", "full_name"]
    raw_id_fields = ["organization"]
    fieldsets = [
        *BaseUserAdmin.fieldsets,
        (_("Organisation and role"), {"fields": ["organization", "role", "full_name", "phone"]}),
    ]
