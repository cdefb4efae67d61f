"""The Holiday model joins core from the assistance app: state only, the table stays as it is.

A new database gets the table from assistance's 0005_holidays (and 2008's rows from its 0006);
assistance's 0007 then drops the model from its own state, after this one and after every
migration that read it as assistance.Holiday.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    # The table and 2008's rows exist once assistance's 0006 has run: from here on, a migration that
    # reads the calendar as core.Holiday finds them.
    dependencies = [("assistance", "0006_holidays_2008")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Holiday",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False,
                                                   verbose_name="ID")),
                        ("date", models.DateField(unique=True, verbose_name="date")),
                        ("name", models.CharField(max_length=40, verbose_name="name")),
                        ("is_workday", models.BooleanField(
                            default=False, help_text="A weekend day worked in exchange for a longer holiday.",
                            verbose_name="make-up working day")),
                    ],
                    options={
                        "verbose_name": "public holiday or make-up working day",
                        "verbose_name_plural": "public holidays and make-up working days",
                        "ordering": ["date"],
                        "db_table": "assistance_holiday",
                    },
                ),
            ],
            database_operations=[],
        ),
    ]  # fmt: skip
