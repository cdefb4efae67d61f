from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from gonghui.summary import views as summary_views

urlpatterns = [
    path("", summary_views.home, name="home"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password/",
        auth_views.PasswordChangeView.as_view(success_url="/"),
        name="password_change",
    ),
    path("orgs/", include("gonghui.orgs.urls")),
    path("people/", include("gonghui.people.urls")),
    path("figures/", include("gonghui.reporting.urls")),
    path("audit/", include("gonghui.audit.urls")),
    path("ledgers/", include("gonghui.ledgers.urls")),
    path("assistance/", include("gonghui.assistance.urls")),
    path("threecares/", include("gonghui.threecares.urls")),
    path("relief/", include("gonghui.relief.urls")),
    path("safety/", include("gonghui.safety.urls")),
    path("membership/", include("gonghui.membership.urls")),
    path("summary/", include("gonghui.summary.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

handler400 = "gonghui.errors.bad_request"
handler403 = "gonghui.errors.permission_denied"
handler404 = "gonghui.errors.page_not_found"
handler500 = "gonghui.errors.server_error"
