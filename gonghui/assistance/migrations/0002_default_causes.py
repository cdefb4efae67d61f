from django.db import migrations

from gonghui.assistance.defaults import ensure_causes


def add_causes(apps, schema_editor):
    ensure_causes(apps.get_model("assistance", "HardshipCause"))


class Migration(migrations.Migration):
    dependencies = [("assistance", "0001_initial")]
    operations = [migrations.RunPython(add_causes, migrations.RunPython.noop)]
