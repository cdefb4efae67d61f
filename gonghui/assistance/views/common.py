"""What the assistance pages share: the sub-navigation, today, the federation-office check."""

from django.http import Http404
from django.urls import reverse
from django.utils import timezone

SUBNAV = "assistance/partials/subnav.html"


def _today():
    return timezone.localdate()


def _federation_admin(request):
    # The configurable lists are the federation office's: other roles find no such pages.
    if not request.user.can_configure:
        raise Http404("not found")


def _url(name, *args):
    return reverse(name, args=args)
