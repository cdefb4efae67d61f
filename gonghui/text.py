"""Small text helpers shared by every app."""

from django.db import connection
from django.db.models import Q

# Above every character that can appear in a name, code or path.
_TOP = "\U0010ffff"


def prefix_q(field, prefix):
    """`field` starts with `prefix`, in a form both databases answer from an index.

    SQLite never uses an index for LIKE ... ESCAPE (what Django's startswith emits), but does for
    a range; on PostgreSQL a varchar_pattern_ops index (declare one: see people.Person's indexes)
    serves LIKE 'x%' under any collation, whereas a range is only right under the C collation.
    """
    if connection.vendor == "sqlite":
        return Q(**{f"{field}__gte": prefix, f"{field}__lt": prefix + _TOP})
    return Q(**{f"{field}__startswith": prefix})
