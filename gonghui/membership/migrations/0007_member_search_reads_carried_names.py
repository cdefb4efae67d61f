"""The member's name and initials carried on each membership, and the indexes the member search reads.

The columns are added with ALTER TABLE ... ADD COLUMN (on SQLite Django would copy the whole table
once per column: minutes at 1,000,000 members) and filled from the people before their indexes are
built; from then on the triggers of ``people.carried`` (installed after every migrate) keep them.
Last, (organization, id) is created again after the new indexes led by the organisation: SQLite
breaks a tie between equally selective indexes in favour of the one created last, and the member
list must walk (organization, id) (see 0004).
"""

from django.db import migrations, models

COLUMNS = [("member_name", 50), ("member_initials", 40)]
SEARCH_FILTERS = ["is_migrant_worker", "joined_at_source", "left_on"]
SEARCH_OPCLASSES = ["int8_ops", "varchar_pattern_ops", "bool_ops", "bool_ops", "date_ops", "int8_ops"]

FILL = (
    "UPDATE membership_membership SET member_name = p.name, member_initials = p.name_initials"
    " FROM people_person p WHERE p.id = membership_membership.person_id"
)


def drop_triggers(apps, schema_editor):
    """Going back: the triggers of people.carried read the columns, which cannot go while they do."""
    from gonghui.people import carried

    with schema_editor.connection.cursor() as cursor:
        carried.drop_triggers(cursor, schema_editor.connection.vendor)


class Migration(migrations.Migration):
    dependencies = [
        ("membership", "0006_member_search_reads_the_union_from_the_person_index"),
        ("people", "0008_outside_links_township_indexes"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="membership",
                    name=name,
                    field=models.CharField(
                        db_default="",
                        editable=False,
                        max_length=length,
                        verbose_name="pinyin initials" if name == "member_initials" else "name",
                    ),
                )
                for name, length in COLUMNS
            ],
            database_operations=[
                migrations.RunSQL(
                    f"ALTER TABLE membership_membership ADD COLUMN {name} varchar({length}) DEFAULT '' NOT NULL",
                    f"ALTER TABLE membership_membership DROP COLUMN {name}",
                )
                for name, length in COLUMNS
            ],
        ),
        migrations.RunPython(migrations.RunPython.noop, drop_triggers),
        migrations.RunSQL(FILL, migrations.RunSQL.noop),
        migrations.AddIndex(
            model_name="membership",
            index=models.Index(
                fields=["organization", "member_name", *SEARCH_FILTERS, "id"],
                name="membership_org_name_flags",
                opclasses=SEARCH_OPCLASSES,
            ),
        ),
        migrations.AddIndex(
            model_name="membership",
            index=models.Index(
                fields=["organization", "member_initials", *SEARCH_FILTERS, "id"],
                name="membership_org_initials_flags",
                opclasses=SEARCH_OPCLASSES,
            ),
        ),
        migrations.RemoveIndex(model_name="membership", name="membership_org_id"),
        migrations.AddIndex(
            model_name="membership",
            index=models.Index(fields=["organization", "id"], name="membership_org_id"),
        ),
    ]
