"""The one shape of a refusal: a ValidationError keyed by field, with a code and parameters."""

from django.core.exceptions import ValidationError


def _error(field, message, code, /, **params):
    return ValidationError({field: ValidationError(message, code=code, params=params or None)})
