"""A morning of the county office's work, done through the forms and services users use, so an
auditor trying the demo finds the operation log and the ID-number reveals filled.

The other areas write their thousands of records in bulk, which the log does not see (it records
what people do, not how the demo was loaded). This runs last, after 2008 is closed: it changes
only what stays open (people's phone numbers) and reveals numbers with a stated purpose.
"""

from auditlog.context import set_actor
from django.forms import model_to_dict

from gonghui.orgs.models import User
from gonghui.people.forms import PersonForm
from gonghui.people.models import IdNumberAccess, Person
from gonghui.people.privacy import BulkReveal, reveal_id_number

LAST = True  # after every area has built its records (see the demo command)

# Who reveals whose number and why: (username, how many adults of their subtree, purpose).
REVEALS = [
    ("bangfu", 3, "核对困难职工档案身份信息"),
    ("gaoqiao", 2, "为外出务工人员办理工伤维权委托"),
]
# A township officer corrects the phone numbers a village reported wrongly.
PHONE_FIXES = [("gaoqiao", 2)]
EXPORT_PURPOSE = "向银行报送救助资金发放名册"


def _adults(user, count):
    people = (Person.objects.visible_to(user).filter(id_number_hash__isnull=False).filter(birth_date__year__lte=1985)
              .order_by("pk"))  # fmt: skip
    return list(people[:count])


def build(rng):
    users = {u.username: u for u in User.objects.filter(username__in={"bangfu", "gaoqiao", "county_admin"})}
    if len(users) < 3:
        return {"skipped": "no demo users"}
    if IdNumberAccess.objects.filter(purpose=EXPORT_PURPOSE, user=users["county_admin"]).exists():
        return {"already done": 1}  # rebuilt in place: the morning happened once
    revealed = 0
    for username, count, purpose in REVEALS:
        for person in _adults(users[username], count):
            revealed += bool(reveal_id_number(person, users[username], purpose=purpose, ip_address="10.52.1.23"))
    corrected = 0
    for username, count in PHONE_FIXES:
        user = users[username]
        for person in _adults(user, count + 5)[5:]:
            data = {k: v for k, v in model_to_dict(person, fields=PersonForm.Meta.fields).items() if v is not None}
            data["id_number"] = person.clear_id_number()
            data["phone"] = f"139{rng.randrange(10**8):08d}"
            form = PersonForm(data, instance=person, user=user)
            if form.is_valid():
                with set_actor(user):
                    form.save()
                corrected += 1
    # The county exports the hardship roster with clear numbers for the bank, stating why.
    export = BulkReveal(users["county_admin"], purpose=EXPORT_PURPOSE, what="困难职工档案")
    export.numbers(_adults(users["county_admin"], 86))
    export.finish()
    return {"reveals": revealed, "phone corrections": corrected, "exports with clear numbers": 1}
