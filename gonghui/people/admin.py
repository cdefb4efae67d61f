from django.contrib import admin

from .models import IdNumberAccess, Person


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    # Only the masked number is ever shown here; the cipher and hash are not fields of the form.
    list_display = ["name", "id_number_masked", "gender", "township", "village", "phone"]
    search_fields = ["name", "name_initials", "phone"]
    readonly_fields = ["id_number_masked", "gender", "birth_date"]
    exclude = ["id_number_cipher", "id_number_hash", "name_initials"]
    raw_id_fields = ["township", "village"]


@admin.register(IdNumberAccess)
class IdNumberAccessAdmin(admin.ModelAdmin):
    list_display = ["at", "user", "person", "purpose", "ip_address"]
    readonly_fields = ["at", "user", "person", "purpose", "ip_address"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
