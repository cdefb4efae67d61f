"""The person page's safety section: the mines a person supervises and the inspections they led."""

from .models import Certificate, Inspection, InspectionLeader, Supervisor


def load_person_section(person, user):
    posts = list(
        Supervisor.objects.visible_to(user).filter(person=person).select_related("workplace__enterprise")
    )
    certificates = list(Certificate.objects.visible_to(user).filter(supervisor__person=person))
    led = list(
        InspectionLeader.objects.filter(person=person, inspection__in=Inspection.objects.visible_to(user))
        .select_related("inspection")
        .order_by("-inspection__on")
    )
    if not (posts or certificates or led):
        return None
    return {"posts": posts, "certificates": certificates, "led": led}
