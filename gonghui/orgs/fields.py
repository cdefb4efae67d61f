from django.db import models
from django.utils.translation import gettext_lazy as _

# Money in yuan, to the fen, in every area: DecimalField(_("amount"), **MONEY).
MONEY = {"max_digits": 12, "decimal_places": 2}


def owned_by(verbose_name=None, *, related_name="+", db_index=True):
    """The organisation a record belongs to: the column ``scoping.restrict`` filters on.

    Required and protected: every scoped row has an owner, and an organisation with records
    cannot be deleted from under them (it is merged or renamed instead).
    """
    return models.ForeignKey(
        "orgs.Organization",
        verbose_name=verbose_name or _("organisation"),
        on_delete=models.PROTECT,
        related_name=related_name,
        db_index=db_index,  # False where a composite index leads with the organisation
    )
