from django.urls import path

from . import merge_views, views

app_name = "people"
urlpatterns = [
    path("", views.person_list, name="person-list"),
    path("new/", views.person_create, name="person-create"),
    path("merge/", merge_views.merge, name="person-merge"),
    path("pick/", views.person_pick, name="person-pick"),
    path("<int:pk>/", views.person_detail, name="person-detail"),
    path("<int:pk>/edit/", views.person_edit, name="person-edit"),
    path("<int:pk>/id-number/", views.person_reveal_id, name="person-reveal-id"),
]
