from django.core.management.base import BaseCommand

from gonghui.ledgers.exports import delete_old_exports


class Command(BaseCommand):
    help = "Delete export files older than EXPORT_RETENTION_HOURS (every new export does it too)."

    def handle(self, *args, **options):
        deleted = delete_old_exports()
        self.stdout.write(f"Deleted {deleted} export file(s) older than the retention period.")
