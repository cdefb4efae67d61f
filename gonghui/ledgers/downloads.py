"""The one way a view hands out a registered export: masked unless clear ID numbers are asked for
with a purpose, on the spot when small, by the background worker (with a progress page) when large."""

from django import forms
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from gonghui.people.privacy import clean_purpose

from . import exports
from .xlsx import ledger_response


class RevealForm(forms.Form):
    purpose = forms.CharField(label=_("What are the full ID numbers needed for?"), max_length=100,
                              help_text=_("Recorded with your name, the time and the number of ID numbers, and "
                                          "shown to the auditors."))  # fmt: skip

    def clean_purpose(self):
        try:
            return clean_purpose(self.cleaned_data["purpose"])
        except forms.ValidationError as e:
            raise forms.ValidationError(e.message_dict["purpose"])


def export_response(request, code, params, *, back=""):
    """Answer a request for the export `code` with the list page's filters `params`."""
    spec = exports.get_export(code)
    user = request.user
    purpose = ""
    if request.GET.get("ids") == "clear":
        if not spec.reveals or not getattr(user, "can_unmask_id_numbers", False):
            raise Http404("not found")
        form = RevealForm(request.GET if "purpose" in request.GET else None)
        if not form.is_valid():
            keep = [(k, v) for k, v in request.GET.items() if k not in ("purpose", "ids")]
            return render(request, "ledgers/reveal_form.html", {"form": form, "keep": keep, "back": back,
                                                                "action": request.path})  # fmt: skip
        purpose = form.cleaned_data["purpose"]
    exports.delete_old_exports()  # on every new export, so that no scheduler is needed
    export = spec.build(user, params, None)
    if export.count is not None and export.count > exports.BACKGROUND_ROWS:
        job = exports.queue_export(spec=spec, user=user, params=params, purpose=purpose, count=export.count,
                                   title=export.title)  # fmt: skip
        return redirect(job)
    reveal = exports.reveal_for(spec, user, purpose, ip_address=request.META.get("REMOTE_ADDR"))
    if reveal is not None:
        export = spec.build(user, params, reveal)
    response = ledger_response(title=str(export.title), unit=str(user.organization or ""),
                               headers=[str(h) for h in export.headers], rows=export.rows,
                               filename=exports.file_name(export.title), sum_columns=export.sum_columns)  # fmt: skip
    if reveal is not None:
        reveal.finish()
    return response
