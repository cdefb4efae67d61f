"""People found or created by ledger imports, in one query or one bulk write per batch.

The ID number's keyed hash is the natural key: a person already registered anywhere in the
county is linked, never copied.
"""

from gonghui.people import idnumbers
from gonghui.people.models import Person

from .bulk import fast_initials as name_initials  # the same letters as Person.save, faster
from .bulk import insert_dicts
from .registry import Row

INSERT_BATCH = 500


def people_by_id_number(numbers, *, only=None, hashes=None):
    """{number: Person} for the registered people among `numbers` (one query per 500 numbers).

    ``hashes``: {number: lookup hash} already computed."""
    known = hashes or {}
    hashes = {known.get(n) or idnumbers.lookup_hash(n): n for n in set(numbers)}
    found = {}
    keys = list(hashes)
    people = Person.objects.only(*only) if only else Person.objects.all()
    for start in range(0, len(keys), INSERT_BATCH):
        for person in people.filter(id_number_hash__in=keys[start : start + INSERT_BATCH]):
            found[hashes[person.id_number_hash]] = person
    return found


def person_values(*, name, id_number, id_hash=None, id_cipher=None, **fields):
    """The columns of a new Person as ``Person.set_id_number`` and ``save`` would fill them.

    ``id_hash``, ``id_cipher``: the number's lookup hash and ciphertext when already computed."""
    values = {key: value for key, value in fields.items() if value is not None}
    if values.get("village") is not None and values.get("township") is None:
        values["township"] = values["village"].parent_id
    name = (name or "").strip()
    fact = idnumbers.facts(id_number)
    values.update(
        name=name, name_initials=name_initials(name), id_number_cipher=id_cipher or idnumbers.encrypt(id_number),
        id_number_hash=id_hash or idnumbers.lookup_hash(id_number), id_number_masked=idnumbers.mask(id_number),
        gender=fact.gender, birth_date=fact.birth_date,  # the number decides, as in set_id_number
    )  # fmt: skip
    return values


def ensure_people(rows, *, id_key="id_number", name_key="name", known=None, hashes=None, ciphers=None,
                  ids_only=False, **field_keys):  # fmt: skip
    """{number: Person} for the ID numbers of `rows`; the missing ones are created in bulk.

    ``known``: {number: Person or None} already looked up (the engine's match of each row; None:
    nobody is registered under that number), so only the other numbers are looked up here;
    ``hashes``, ``ciphers``: {number: lookup hash, ciphertext} already computed; ``ids_only``:
    {number: person id}, without model instances. The new people are written without model instances (``insert_dicts``);
    their keys come from the sequence on PostgreSQL, elsewhere they are read back: the county's
    90,000 out-migrants are mostly people registered for the first time.
    """
    known = known or {}
    hashes = hashes or {}
    ciphers = ciphers or {}
    found = {number: person for number, person in known.items() if person is not None}
    rows = [row.values if isinstance(row, Row) else row for row in rows]  # {column key: value}
    found.update(people_by_id_number([row[id_key] for row in rows if row.get(id_key) and row[id_key] not in known],
                                     hashes=hashes))  # fmt: skip
    if ids_only:
        found = {number: person.pk for number, person in found.items()}
    new = {}
    fields = list(field_keys.items())
    for row in rows:
        number = row.get(id_key)
        if not number or number in found or number in new:
            continue
        new[number] = person_values(name=row.get(name_key) or "", id_number=number, id_hash=hashes.get(number),
                                    id_cipher=ciphers.get(number), **{attr: row.get(key) for attr, key in fields})  # fmt: skip
    if not new:
        return found
    keys = insert_dicts(Person, list(new.values()), ids=True)
    if keys is not None:
        if ids_only:
            found.update(zip(new, keys, strict=True))
        else:  # the same partial instances reading back gives (id, name and hash loaded)
            fields = ["id", "name", "id_number_hash"]
            for key, (number, values) in zip(keys, new.items(), strict=True):
                found[number] = Person.from_db(Person.objects.db, fields, (key, values["name"],
                                                                           values["id_number_hash"]))  # fmt: skip
    elif ids_only:
        numbers = {values["id_number_hash"]: number for number, values in new.items()}
        keys = list(numbers)
        for start in range(0, len(keys), INSERT_BATCH):
            chunk = keys[start : start + INSERT_BATCH]
            for key, pk in Person.objects.filter(id_number_hash__in=chunk).values_list("id_number_hash", "id"):
                found[numbers[key]] = pk
    else:
        hashed = {number: values["id_number_hash"] for number, values in new.items()}
        found.update(people_by_id_number(list(new), only=("id", "name", "id_number_hash"), hashes=hashed))
    return found
