"""Form fields every app uses where Django's own would let bad input reach the database."""

from django import forms
from django.core.exceptions import ValidationError

from gonghui.querystring import parse_id


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Checkboxes of records. A value that is no record id (a 23-digit number sent by hand, beyond
    what the database's integers hold) is refused as a wrong choice instead of crashing the query."""

    def _check_values(self, value):
        if (self.to_field_name or "pk") == "pk":
            for pk in value or ():
                if parse_id(pk) is None and str(pk).strip():
                    raise ValidationError(
                        self.error_messages["invalid_choice"], code="invalid_choice", params={"value": str(pk)[:24]}
                    )
        return super()._check_values(value)
