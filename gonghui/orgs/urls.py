from django.urls import path

from . import views

app_name = "orgs"
urlpatterns = [
    path("", views.organization_list, name="organization-list"),
    path("<int:pk>/", views.organization_detail, name="organization-detail"),
    path("<int:pk>/new/", views.organization_create, name="organization-create"),
    path("<int:pk>/edit/", views.organization_edit, name="organization-edit"),
    path("<int:pk>/enterprises/new/", views.enterprise_create, name="enterprise-create"),
    path("enterprises/", views.enterprise_list, name="enterprise-list"),
    path("enterprises/<int:pk>/", views.enterprise_detail, name="enterprise-detail"),
    path("enterprises/<int:pk>/edit/", views.enterprise_edit, name="enterprise-edit"),
]
