"""Holiday moves to the core app (the working-day calendar is every area's): state only.

The table ``assistance_holiday`` and its rows stay where they are; core's model uses it by name.
The content type follows the model, so the audit history of holidays stays attached to them.
"""

from django.db import migrations


def content_type_to_core(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    if not content_type.objects.filter(app_label="core", model="holiday").exists():
        content_type.objects.filter(app_label="assistance", model="holiday").update(app_label="core")


def content_type_to_assistance(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    if not content_type.objects.filter(app_label="assistance", model="holiday").exists():
        content_type.objects.filter(app_label="core", model="holiday").update(app_label="assistance")


class Migration(migrations.Migration):
    dependencies = [
        ("assistance", "0006_holidays_2008"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0001_holiday_from_assistance"),
        # Read the calendar as assistance.Holiday: it must run while the model is still here.
        ("threecares", "0005_info_reports_move_to_periodic_reports"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Holiday")],
            database_operations=[],
        ),
        migrations.RunPython(content_type_to_core, content_type_to_assistance),
    ]
