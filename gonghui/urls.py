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
    path("summary/", include("gonghui.summary.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
