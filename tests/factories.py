"""Shared factories: every test builds its records through these."""

import datetime
import itertools

import factory

from gonghui.orgs.demo import credit_code
from gonghui.orgs.models import Enterprise, Organization, Place, Role, User
from gonghui.people import idnumbers
from gonghui.people.models import Person

_serial = itertools.count(1)


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"测试工会{n}")
    code = factory.Sequence(lambda n: f"T{n:05d}")
    level = Organization.Level.GRASSROOTS
    category = Organization.Category.ENTERPRISE


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place

    name = factory.Sequence(lambda n: f"测试村{n}")
    kind = Place.Kind.VILLAGE
    division_code = factory.Sequence(lambda n: f"520199{n:06d}")


class EnterpriseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enterprise

    name = factory.Sequence(lambda n: f"测试企业{n}")
    credit_code = factory.LazyFunction(lambda: credit_code(900000 + next(_serial)))
    staff_count = 50
    women_staff_count = 20


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    role = Role.COMMITTEE_OFFICER
    password = factory.PostGenerationMethodCall("set_password", "Test#Pass2008")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def id_number(n, birth=datetime.date(1975, 3, 8), prefix="520199"):
    return idnumbers.make_valid(prefix, birth, n % 1000)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"测试人{n}")

    @factory.post_generation
    def id_no(obj, create, extracted, **kwargs):
        if extracted:
            obj.set_id_number(extracted)
        if create:
            obj.save()
