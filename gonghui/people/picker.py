"""The person picker: one widget for every form field that names a person.

The officer types a name, pinyin initials (zs → 张三), an ID number or a phone; htmx asks
``people:person-pick`` (the people search, within the user's scope) and lists who matches with
their village, birth year and masked ID number, so two 张伟 can be told apart. Choosing one puts
``#<id>`` in the field; nothing is typed to 18 digits. Without JavaScript the search box itself
is sent, and the field reads it as before (an ID number, or for some fields a name).

Areas add to a result what their form needs (the payment form fills in the household archive)
through ``pick_results(request, extra=…)``.
"""

from django import forms
from django.shortcuts import render
from django.urls import reverse

from gonghui.paging import page_of
from gonghui.querystring import parse_id

PICKED = "#"
LIMIT = 10


class PersonPicker(forms.Widget):
    template_name = "people/widgets/person_picker.html"

    def __init__(self, attrs=None, *, url="people:person-pick", fills=None):
        super().__init__(attrs)
        self.url = url
        self.fills = fills  # the name of a field filled in from the chosen person (``data-fill``)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        picked, text = "", ""
        if hasattr(value, "pk"):  # a Person as the initial value
            picked, text = f"{PICKED}{value.pk}", label(value)
        elif isinstance(value, str) and value.startswith(PICKED):
            picked = value
        elif value not in (None, ""):
            text = str(value)
        context["widget"].update(
            {"picked": picked, "text": text, "url": reverse(self.url), "fills": self.fills or ""}
        )
        return context

    def value_from_datadict(self, data, files, name):
        picked = data.get(name, "")
        if picked.startswith(PICKED):
            return picked
        return data.get(f"{name}_search", picked) or picked

    def value_omitted_from_data(self, data, files, name):
        return name not in data and f"{name}_search" not in data


def picked_id(value):
    """The person id a picker sent ("#123"), or None when the officer typed something instead."""
    if isinstance(value, str) and value.startswith(PICKED):
        return parse_id(value[len(PICKED) :])
    return None


def label(person):
    """张伟 · 高桥村 · 1975年生 · 520199********1234: enough to tell two 张伟 apart."""
    parts = [person.name]
    place = person.village if person.village_id else person.township if person.township_id else None
    if place is not None:
        parts.append(place.name)
    if person.birth_date:
        parts.append(f"{person.birth_date.year}年生")
    if person.id_number_masked:
        parts.append(person.id_number_masked)
    return " · ".join(parts)


def pick_results(request, *, extra=None):
    """The people matching what was typed in a picker, within the user's scope (htmx partial)."""
    from .models import Person

    field = request.GET.get("field", "")
    text = request.GET.get(f"{field}_search", "") if field.isidentifier() else ""
    text = text.strip()
    people = []
    if len(text) >= 1:
        rows = Person.objects.visible_to(request.user).search(text).in_name_order(text)
        # The ids from the indexes first, then ten people with their places (``page_of``): "x"
        # matches 75,000 of a county's million people, which a sort of whole rows read from the table.
        people = page_of(rows, 1, per_page=LIMIT, related=("village", "township"), counted=False).object_list
    more = extra(request, people) if extra and people else {}
    results = [{"person": p, "label": label(p), "data": more.get(p.pk, {})} for p in people]
    return render(request, "people/partials/pick_results.html", {"results": results, "text": text})
