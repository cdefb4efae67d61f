import importlib
import random

from django.apps import apps
from django.core.management.base import BaseCommand

from gonghui.orgs.tally import refresh_statistics


def demo_modules():
    """Each area app's demo.py, in INSTALLED_APPS order (later areas build on earlier ones)."""
    for config in apps.get_app_configs():
        if not config.name.startswith("gonghui."):
            continue
        try:
            yield config.label, importlib.import_module(f"{config.name}.demo")
        except ModuleNotFoundError as e:
            if e.name != f"{config.name}.demo":
                raise


class Command(BaseCommand):
    help = "Build (or rebuild in place) the deterministic demo county 黔山县."

    def handle(self, *args, **options):
        for label, module in demo_modules():
            # Each area has its own fixed seed, so adding an area never shifts another's data.
            summary = module.build(rng=random.Random(f"gonghui-demo-{label}"))
            self.stdout.write(f"{label}: {summary}")
        # The tables were filled after migrate analysed them empty: plan with what they now hold.
        refresh_statistics()
