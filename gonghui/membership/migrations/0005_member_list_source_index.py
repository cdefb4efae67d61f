"""An index for the "joined at source" filter; then (organization, id) is created last again (see 0004)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("membership", "0004_member_list_walks_newest_rows")]

    operations = [
        migrations.AddIndex(
            model_name="membership",
            index=models.Index(fields=["organization", "joined_at_source", "id"], name="membership_org_source_id"),
        ),
        migrations.RemoveIndex(model_name="membership", name="membership_org_id"),
        migrations.AddIndex(
            model_name="membership",
            index=models.Index(fields=["organization", "id"], name="membership_org_id"),
        ),
    ]
