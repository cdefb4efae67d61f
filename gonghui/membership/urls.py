from django.urls import path

from . import views

app_name = "membership"
urlpatterns = [
    path("", views.index, name="index"),
    path("unions/", views.unions, name="unions"),
    path("congresses/<int:pk>/hold/", views.congress_hold, name="congress-hold"),
    path("export/<slug:what>/", views.list_export, name="export"),
    path("members/", views.members, name="members"),
    path("members/export/", views.members_export, name="members-export"),
    path("members/<int:pk>/", views.member_detail, name="member-detail"),
    path("members/<int:pk>/transfer/", views.member_transfer, name="member-transfer"),
    path("members/<int:pk>/leave/", views.member_leave, name="member-leave"),
    path("democracy/", views.democracy, name="democracy"),
    path("women/", views.women, name="women"),
    path("women/rule/", views.women_rule, name="women-rule"),
    path("events/", views.events, name="events"),
    path("documents/", views.documents, name="documents"),
    path("new/<slug:key>/", views.record_create, name="record-create"),
]
