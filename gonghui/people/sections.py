"""What each registry knows about a person, shown together on the person page.

An area app registers a loader: ``register_section("assistance", _("Hardship archive"),
"assistance/partials/person_section.html", load)`` where ``load(person, user)`` returns the
context for that template, already restricted to what the user may see, or None to hide it.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    template: str
    load: object


_sections = {}


def register_section(key, title, template, load):
    _sections[key] = Section(key, title, template, load)


def sections_for(person, user):
    shown = []
    for section in _sections.values():
        context = section.load(person, user)
        if context is not None:
            shown.append({"section": section, "context": context})
    return shown
