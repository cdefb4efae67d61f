
from gonghui.orgs import scoping

ScopedQuerySet = scoping.ScopedQuerySet  # one definition, in the scoping module
