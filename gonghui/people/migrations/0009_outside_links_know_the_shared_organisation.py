"""Each outside link knows the length of the path its organisation shares with the person's home.

The column is added with ALTER TABLE (on SQLite Django would copy the table, which the outside-link
triggers on the record tables refuse while they name it); every migrate then rebuilds the table
(people.outside.install), which fills it.
"""

from django.db import migrations, models


def drop_triggers(apps, schema_editor):
    """Going back: the triggers name the column, which cannot go while they do (migrate reinstalls them)."""
    db = schema_editor.connection
    with db.cursor() as cursor:
        if db.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'gonghui_outside_%'")
            for (name,) in cursor.fetchall():
                cursor.execute(f"DROP TRIGGER {name}")
        elif db.vendor == "postgresql":
            cursor.execute("SELECT tgname, tgrelid::regclass::text FROM pg_trigger WHERE tgname LIKE 'gonghui_outside_%%'")
            for name, table in cursor.fetchall():
                cursor.execute(f"DROP TRIGGER {name} ON {table}")


class Migration(migrations.Migration):
    dependencies = [
        ("orgs", "0002_tally"),
        ("people", "0008_outside_links_township_indexes"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="outsidelink", name="outside_link_org_idx"),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="outsidelink", name="shared", field=models.IntegerField(default=0)
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    "ALTER TABLE people_outsidelink ADD COLUMN shared integer DEFAULT 0 NOT NULL",
                    "ALTER TABLE people_outsidelink DROP COLUMN shared",
                ),
            ],
        ),
        migrations.RunPython(migrations.RunPython.noop, drop_triggers),
        migrations.AddIndex(
            model_name="outsidelink",
            index=models.Index(fields=["organization", "shared", "person"], name="outside_link_org_shared_idx"),
        ),
    ]
