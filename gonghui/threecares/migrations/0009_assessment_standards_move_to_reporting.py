"""The Three Cares assessment standards live on as reporting schemes (0008): their tables go."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("threecares", "0008_assessment_standards_become_schemes"),
    ]

    operations = [
        migrations.DeleteModel(name="AssessmentItem"),
        migrations.DeleteModel(name="AssessmentStandard"),
    ]
