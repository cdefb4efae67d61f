"""gonghui import KIND FILE --org ORG [--sheet NAME] [--dry-run] [--skip-invalid] [--json]

Exit codes: 0 committed or a clean dry run, 1 rejected, 2 usage error.
"""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from gonghui.ledgers.importer import UsageError
from gonghui.ledgers.registry import all_kinds, get_kind
from gonghui.ledgers.services import import_from_command_line
from gonghui.ledgers.xlsx import write_rejected
from gonghui.orgs.models import Organization


class Command(BaseCommand):
    help = "Import a ledger file (.xlsx, .xls, .csv) of one kind for an organisation."

    def add_arguments(self, parser):
        parser.add_argument("kind", help="ledger kind: " + ", ".join(k.code for k in all_kinds()))
        parser.add_argument("file")
        parser.add_argument("--org", required=True, help="the organisation's name or code")
        parser.add_argument("--sheet", default=None, help="only this sheet")
        parser.add_argument("--dry-run", action="store_true", help="check everything, write nothing")
        parser.add_argument(
            "--skip-invalid", action="store_true", help="import the valid rows, give back the rest"
        )
        parser.add_argument("--rejected", default=None, help="where to write the rejected rows (.xlsx)")
        parser.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(self, *args, **options):
        try:
            kind = get_kind(options["kind"])
        except KeyError:
            raise CommandError(
                _("There is no ledger kind %(kind)s.") % {"kind": options["kind"]}, returncode=2
            )
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("There is no file %(path)s.") % {"path": path}, returncode=2)
        orgs = list(Organization.objects.lookup(options["org"])[:2])
        if len(orgs) != 1:
            raise CommandError(
                _("No single organisation has the name or code %(org)s.") % {"org": options["org"]},
                returncode=2,
            )
        try:
            _job, result = import_from_command_line(
                kind=kind, path=path, organization=orgs[0], dry_run=options["dry_run"],
                skip_invalid=options["skip_invalid"], sheet=options["sheet"],
            )  # fmt: skip
        except UsageError as e:
            raise CommandError(str(e), returncode=2)
        data = result.as_json()
        if options["skip_invalid"] and result.status == "committed" and result.rejected:
            target = Path(options["rejected"] or path.with_name(f"{path.stem}.错误行.xlsx"))
            write_rejected(str(target), result)
            data["rejected_file"] = str(target)
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False))
        else:
            self._print(data)
        clean = result.status == "committed" or (
            result.status == "dry_run"
            and (not result.errors or options["skip_invalid"])
            and not result.file_error
        )
        if not clean:
            sys.stdout.flush()
            raise CommandError(_("The file was rejected; nothing was saved."), returncode=1)

    def _print(self, data):
        for issue in data["errors"]:
            self.stdout.write(
                _("Error: sheet %(sheet)s row %(row)s column %(column)s (%(value)s): %(reason)s") % issue
            )
        for issue in data["warnings"]:
            self.stdout.write(
                _("Warning: sheet %(sheet)s row %(row)s column %(column)s (%(value)s): %(reason)s") % issue
            )
        self.stdout.write(
            _(
                "%(status)s: %(read)d rows read, %(new)d new, %(updated)d matched, %(blank)d blank or total rows."
            )
            % {
                "status": data["status"],
                "read": data["rows_read"],
                "new": data["rows_imported"],
                "updated": data["rows_updated"],
                "blank": data["rows_blank"],
            }  # fmt: skip
        )
        if data.get("rejected_file"):
            self.stdout.write(_("Rejected rows: %(path)s") % {"path": data["rejected_file"]})
