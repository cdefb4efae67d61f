"""The person page's donations section: gifts the person gave, in the user's scope."""

from .models import Donation


def load_person_section(person, user):
    gifts = list(
        Donation.objects.visible_to(user)
        .filter(donor_person=person)
        .select_related("campaign")
        .order_by("-received_on", "-pk")[:50]
    )
    return {"gifts": gifts} if gifts else None
