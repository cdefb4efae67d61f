import importlib
import random
import time

from django.apps import apps
from django.core.management.base import BaseCommand

from gonghui.orgs.tally import refresh_statistics


def demo_modules():
    """Each area app's demo.py, in INSTALLED_APPS order (later areas build on earlier ones); a module
    that says `LAST = True` (the audit log's morning of work) after every area."""
    modules = []
    for config in apps.get_app_configs():
        if not config.name.startswith("gonghui."):
            continue
        try:
            modules.append((config.label, importlib.import_module(f"{config.name}.demo")))
        except ModuleNotFoundError as e:
            if e.name != f"{config.name}.demo":
                raise
    return sorted(modules, key=lambda pair: getattr(pair[1], "LAST", False))


def describe(summary):
    """An area's summary as a line to read: "people 3,001, created 3,001"."""
    if not isinstance(summary, dict):
        return str(summary)
    return ", ".join(f"{key.replace('_', ' ')} {value:,}" if isinstance(value, int) else f"{key.replace('_', ' ')} {value}"
                     for key, value in summary.items())  # fmt: skip


class Command(BaseCommand):
    help = "Build (or rebuild in place) the deterministic demo county 黔山县."

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000", help="The address printed at the end.")

    def handle(self, *args, url, **options):
        started = time.monotonic()
        for _label, module in demo_modules():  # e.g. reporting reopens the year it closed, to rebuild it
            getattr(module, "prepare", lambda: None)()
        for label, module in demo_modules():
            self.stdout.write(f"  {label} …", ending="")
            self.stdout.flush()
            start, cpu = time.monotonic(), time.process_time()
            # Each area has its own fixed seed, so adding an area never shifts another's data.
            summary = module.build(rng=random.Random(f"gonghui-demo-{label}"))
            seconds = time.monotonic() - start
            self.stdout.write(f" {seconds:.1f} s (CPU {time.process_time() - cpu:.1f} s): {describe(summary)}")
        # The tables were filled after migrate analysed them empty: plan with what they now hold.
        refresh_statistics()
        self.stdout.write(self.style.SUCCESS(f"The demo county 黔山县 is built ({time.monotonic() - started:.0f} s)."))
        from .serve import print_logins

        print_logins(self.stdout, self.style, url)
