"""China's 2008 public holidays and make-up working days, from gonghui.assistance.defaults."""

from django.db import migrations

from gonghui.assistance.defaults import ensure_holidays, holiday_rows


def add(apps, schema_editor):
    ensure_holidays(apps.get_model("assistance", "Holiday"))


def remove(apps, schema_editor):
    Holiday = apps.get_model("assistance", "Holiday")
    Holiday.objects.filter(date__in=[day for day, _name, _workday in holiday_rows()]).delete()


class Migration(migrations.Migration):
    dependencies = [("assistance", "0005_holidays")]

    operations = [migrations.RunPython(add, remove)]
