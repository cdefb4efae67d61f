"""The one way area apps put a model under audit."""

from auditlog.registry import auditlog


def audit(model, *, exclude=(), m2m_fields=None):
    """Audit a model's own columns, minus `exclude` (ciphertext, hashes, passwords).

    django-auditlog would also diff reverse relations, which shows a new row's every related
    registry as "x.None → x.None" noise; naming the concrete columns keeps the trail readable.
    """
    fields = [f.name for f in model._meta.concrete_fields if f.name not in set(exclude)]
    auditlog.register(model, include_fields=fields, m2m_fields=set(m2m_fields or ()))


_exempt = {}  # model label → why it is not audited


def exempt(model, *, reason):
    """Declare that a model is deliberately not audited, and why (tests/audit checks every model is one or the other).

    Fit for rows that are themselves a history (dated steps written once by a service), access
    logs, and counts the database derives; never for something an officer enters or edits.
    """
    if not str(reason).strip():
        raise ValueError(f"{model._meta.label}: say why it is not audited")
    _exempt[model._meta.label] = str(reason)


def exemptions():
    return dict(_exempt)
