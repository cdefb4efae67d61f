"""The person page's assistance section: archives, payments and cases the user may see."""

from django.db.models import Q

from .models import HardshipArchive, ModelWorker, Payment, RightsCase


def load_person_section(person, user):
    archives = list(
        HardshipArchive.objects.visible_to(user)
        .filter(Q(head=person) | Q(members__person=person))
        .distinct()
        .select_related("main_cause")
    )
    payments = list(
        Payment.objects.visible_to(user)
        .filter(person=person)
        .select_related("programme")
        .order_by("-applied_on")[:50]
    )
    cases = list(RightsCase.objects.visible_to(user).filter(people__person=person).distinct())
    honours = list(ModelWorker.objects.visible_to(user).filter(person=person))
    if not (archives or payments or cases or honours):
        return None
    return {"archives": archives, "payments": payments, "cases": cases, "honours": honours}
