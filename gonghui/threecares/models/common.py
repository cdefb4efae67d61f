"""What every Three Cares model shares."""

from decimal import Decimal

from gonghui.orgs import fields

MONEY = {**fields.MONEY, "default": Decimal("0")}  # Three Cares amounts start at nothing
