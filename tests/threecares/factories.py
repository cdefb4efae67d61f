"""Factories for the Three Cares records; places and organisations come from the shared cast."""

import datetime
import itertools

from gonghui.threecares import services
from tests.factories import PersonFactory, id_number

_n = itertools.count(500)


def person(cast, name="测试人", village=None, **fields):
    village = village or cast.village_a
    return PersonFactory(
        name=name, township=village.parent, village=village, id_no=id_number(next(_n)), **fields
    )


def entry(cast, registry, *, name="测试人", village=None, registered_on=datetime.date(2008, 3, 1), **fields):
    village = village or cast.village_a
    who = person(cast, name=name, village=village)
    return services.register_entry(
        registry=registry,
        person=who,
        township=village.parent,
        village=village,
        registered_on=registered_on,
        **fields,
    )


def child(cast, *, name="小明", village=None, kind="pupil", **fields):
    if kind == "pupil":
        fields.setdefault("school", "高桥村小学")
        fields.setdefault("grade", "三年级")
    return entry(cast, "children", name=name, village=village, kind=kind, **fields)
