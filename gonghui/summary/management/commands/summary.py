from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from gonghui.orgs.services import resolve_organization
from gonghui.summary import services


class Command(BaseCommand):
    help = "Write an organisation's annual work summary (.docx, official layout) from its records."

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="organisation name or code")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument(
            "-o", "--output", help="the .docx to write (default: the Chinese title in this folder)"
        )

    def handle(self, *args, **options):
        translation.activate("zh-hans")
        try:
            org = resolve_organization(options["org"])
        except ValidationError as e:
            raise CommandError(" ".join(e.messages))
        if not 1949 <= options["year"] <= 2100:
            raise CommandError("年份应在1949至2100之间。")
        summary = services.build_summary(org=org, year=options["year"])
        target = options["output"] or services.file_name(summary)
        services.write_docx(summary).save(target)
        self.stdout.write(f"{target}: {len(summary.used)} 个数据，{summary.notes} 处待补或待核")
