import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from gonghui.orgs.services import resolve_organization
from gonghui.reporting import indicators


class Command(BaseCommand):
    help = "Print every registered figure for an organisation's subtree and a year."

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="organisation name or code")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--json", action="store_true", help="print one JSON object: code -> number")

    def handle(self, *args, **options):
        org, year = options["org"], options["year"]
        try:
            organization = resolve_organization(org)
        except ValidationError as e:
            raise CommandError(" ".join(e.messages))
        values = indicators.compute(organization, indicators.Period.year(year))
        if options["json"]:
            payload = {code: indicators.as_json_number(v) for code, v in values.items()}
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2, sort_keys=True))
            return
        self.stdout.write(f"{organization.name}  {year}")
        for ind in indicators.all_indicators():
            self.stdout.write(f"{ind.code:<45} {values[ind.code]!s:>14} {ind.unit}  {ind.name}")
