"""People found or created by ledger imports, in one query or one bulk write per batch.

The ID number's keyed hash is the natural key: a person already registered anywhere in the
county is linked, never copied.
"""

from gonghui.people import idnumbers
from gonghui.people.models import Person

from .bulk import fast_initials as name_initials  # the same letters as Person.save, faster

INSERT_BATCH = 500


def people_by_id_number(numbers):
    """{number: Person} for the registered people among `numbers` (one query per 500 numbers)."""
    hashes = {idnumbers.lookup_hash(n): n for n in set(numbers)}
    found = {}
    keys = list(hashes)
    for start in range(0, len(keys), INSERT_BATCH):
        for person in Person.objects.filter(id_number_hash__in=keys[start : start + INSERT_BATCH]):
            found[hashes[person.id_number_hash]] = person
    return found


def new_person(*, name, id_number="", **fields):
    """An unsaved Person with its ID number set (encrypted, hashed, masked) and pinyin initials."""
    person = Person(name=name, **{k: v for k, v in fields.items() if v is not None})
    person.name_initials = name_initials(person.name)
    if id_number:
        gender = fields.get("gender")
        person.set_id_number(id_number)
        if gender and not person.gender:
            person.gender = gender
    return person


def ensure_people(rows, *, id_key="id_number", name_key="name", **field_keys):
    """{number: Person} for the ID numbers of `rows`; the missing ones are created in bulk."""
    numbers = [row[id_key] for row in rows if row[id_key]]
    found = people_by_id_number(numbers)
    new = {}
    for row in rows:
        number = row[id_key]
        if not number or number in found or number in new:
            continue
        fields = {attr: row[key] for attr, key in field_keys.items()}
        new[number] = new_person(name=row[name_key] or "", id_number=number, **fields)
    if new:
        Person.objects.bulk_create(list(new.values()), batch_size=INSERT_BATCH)
        if any(p.pk is None for p in new.values()):  # backends that do not return keys
            found.update(people_by_id_number(list(new)))
        else:
            found.update(new)
    return found
