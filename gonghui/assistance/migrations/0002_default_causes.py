from django.db import migrations

# The national hardship-archive form's causes; the county may add, rename or retire them as data.
CAUSES = [
    ("illness", "因病", False),
    ("disability", "因残", True),
    ("disaster", "因灾", False),
    ("education", "子女教育", False),
    ("single_parent", "单亲", False),
    ("unemployment", "下岗失业", False),
    ("zero_employment", "零就业家庭", False),
    ("accident", "意外事故", False),
    ("other", "其他", False),
]


def add_causes(apps, schema_editor):
    HardshipCause = apps.get_model("assistance", "HardshipCause")
    for order, (code, name, needs_disability) in enumerate(CAUSES, start=1):
        HardshipCause.objects.get_or_create(
            code=code, defaults={"name": name, "needs_disability": needs_disability, "order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("assistance", "0001_initial")]
    operations = [migrations.RunPython(add_causes, migrations.RunPython.noop)]
