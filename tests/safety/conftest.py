"""The demo county is built once per module that asks for it (in a transaction rolled back after)."""

import random
import time

import pytest
from django.db import transaction


@pytest.fixture(scope="module")
def demo_county(django_db_setup, django_db_blocker):
    from gonghui.orgs import demo as orgs_demo
    from gonghui.people import demo as people_demo
    from gonghui.safety import demo as safety_demo

    with django_db_blocker.unblock(), transaction.atomic():
        orgs_demo.build(random.Random("gonghui-demo-orgs"))
        people_demo.build(random.Random("gonghui-demo-people"))
        start = time.perf_counter()
        summary = safety_demo.build(random.Random("gonghui-demo-safety"))
        seconds = time.perf_counter() - start
        yield {"summary": summary, "seconds": seconds}
        transaction.set_rollback(True)
