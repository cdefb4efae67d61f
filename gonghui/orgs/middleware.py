import time

# Sessions end after SESSION_COOKIE_AGE without a request. Saving the session on every request
# (SESSION_SAVE_EVERY_REQUEST) would keep that exact to the second but costs a write and a commit
# on every page view, several milliseconds on PostgreSQL; pushing the expiry on at most every few
# minutes keeps the idle limit within that margin for nothing on the other requests.
REFRESH_SECONDS = 300
SEEN_KEY = "_gonghui_seen"


class IdleSessionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            if now - request.session.get(SEEN_KEY, 0) >= REFRESH_SECONDS:
                request.session[SEEN_KEY] = now  # modified: SessionMiddleware saves it with a new expiry
        return response


def note_login(sender, request, user, **kwargs):
    """Logging in saves the session with a fresh expiry: count that as the latest refresh."""
    if request is not None and hasattr(request, "session"):
        request.session[SEEN_KEY] = int(time.time())
