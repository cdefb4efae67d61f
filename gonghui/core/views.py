"""The plumbing every area's pages share: who may write, one form page, a service's refusals.

An area's view validates its form, hands the cleaned data to one service function and shows
the service's refusals beside their fields. The rules live in the service; this module only
carries the answer back to the officer, the same way in every area.
"""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse

FORM_TEMPLATE = "components/form_page.html"


def require_editor(request):
    """Writing needs an editing role and an organisation; anyone else finds no such page (404)."""
    user = request.user
    if not getattr(user, "can_edit", False) or getattr(user, "organization", None) is None:
        raise Http404("not found")


def add_service_error(form, error):
    """Each message of a service's ValidationError beside its field; one about a field the form
    lacks (the person, the organisation) goes above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def back_url(back):
    """Where "Back" goes: a record (its page), a path, or a URL name."""
    if not back:
        return ""
    if hasattr(back, "get_absolute_url"):
        return back.get_absolute_url()
    back = str(back)
    if "/" in back:
        return back
    try:
        return reverse(back)
    except NoReverseMatch:
        return ""


def form_page(request, form, title, *, back=None, subnav=None, intro="", template=FORM_TEMPLATE, **context):
    """Render a form on the one form page: title, the area's sub-navigation, fields, Save."""
    context.update(form=form, title=title, back_url=back_url(back), subnav=subnav, intro=intro,
                   multipart=form.is_multipart())  # fmt: skip
    return render(request, template, context)


def carry_out(request, form, action, *, title, back=None, go_to_result=False, **page):
    """Validate the form, then run the service on its cleaned data; a refusal shows beside the fields.

    Afterwards the officer is back on `back`, or on what the service returned (`go_to_result`).
    """
    if request.method == "POST" and form.is_valid():
        try:
            result = action(form.cleaned_data)
        except ValidationError as e:
            add_service_error(form, e)
        else:
            return redirect(result if go_to_result else (back_url(back) or result))
    return form_page(request, form, title, back=back, **page)
