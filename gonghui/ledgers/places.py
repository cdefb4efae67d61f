"""Township and village names in ledgers, resolved to Places inside the importer's subtree.

The county has a few hundred places, so they are loaded once per import and matched in memory.
Offices write 高桥 for 高桥镇 and 新寨 for 新寨村: a name matches with or without its suffix.
"""

from django.utils.translation import gettext as _

from gonghui.orgs.models import Place

_TOWNSHIP_SUFFIXES = ("镇", "乡", "街道", "街道办事处", "民族乡", "办事处")
_VILLAGE_SUFFIXES = ("村", "社区", "居委会", "村委会", "社区居委会", "居民委员会", "村民委员会")


def _bare(name, suffixes):
    for suffix in sorted(suffixes, key=len, reverse=True):
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


class PlaceResolver:
    def __init__(self, organization):
        self.organization = organization
        self.root = organization.path
        places = list(
            Place.objects.select_related("organization").only(
                "id", "name", "kind", "parent_id", "organization__path"
            )
        )
        self.townships = {}
        self.villages_by_township = {}
        self.villages = {}
        self.inside = set()
        for place in places:
            if place.organization.path.startswith(self.root):
                self.inside.add(place.pk)
            if place.kind == Place.Kind.TOWNSHIP:
                for key in {place.name, _bare(place.name, _TOWNSHIP_SUFFIXES)}:
                    self.townships.setdefault(key, []).append(place)
        for place in places:
            if place.kind in (Place.Kind.VILLAGE, Place.Kind.COMMUNITY):
                for key in {place.name, _bare(place.name, _VILLAGE_SUFFIXES)}:
                    self.villages_by_township.setdefault((place.parent_id, key), []).append(place)
                    self.villages.setdefault(key, []).append(place)

    @staticmethod
    def _one(found, name):
        exact = [p for p in found if p.name == name]
        return exact or found

    def township(self, name):
        """(place, reason): the township named `name`, or None and why not."""
        found = self._one(self.townships.get(name) or self.townships.get(_bare(name, _TOWNSHIP_SUFFIXES)) or [],
                          name)  # fmt: skip
        if not found:
            return None, _("There is no township named %(name)s in the county.") % {"name": name}
        if len(found) > 1:
            return None, _("More than one township is named %(name)s; write its full name.") % {"name": name}
        return found[0], None

    def village(self, name, township=None):
        key_name = _bare(name, _VILLAGE_SUFFIXES)
        if township is not None:
            found = self.villages_by_township.get((township.pk, name)) or self.villages_by_township.get(
                (township.pk, key_name)
            )
            found = self._one(found or [], name)
            if not found:
                return None, _("There is no village or community named %(name)s in %(township)s.") % {
                    "name": name,
                    "township": township.name,
                }
        else:
            found = self._one(self.villages.get(name) or self.villages.get(key_name) or [], name)
            if not found:
                return None, _("There is no village or community named %(name)s in the county.") % {
                    "name": name
                }
            inside = [p for p in found if p.pk in self.inside]
            found = inside or found
            if len(found) > 1:
                return None, _("More than one village is named %(name)s; fill in the township column.") % {
                    "name": name
                }
        if len(found) > 1:
            return None, _("More than one village is named %(name)s; write its full name.") % {"name": name}
        return found[0], None

    def is_inside(self, place):
        # Only the most specific place of a row is checked, so a village union may still name
        # the township its village lies in.
        return place.pk in self.inside

    def outside_reason(self, place):
        return _("%(place)s is outside %(org)s; the unit responsible for it must import this row.") % {
            "place": place.name,
            "org": self.organization.name,
        }
