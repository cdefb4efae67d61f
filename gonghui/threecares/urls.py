from django.urls import path

from . import records, views

app_name = "threecares"
urlpatterns = [
    path("", views.index, name="index"),
    path("registry/<slug:kind>/", views.entry_list, name="entry-list"),
    path("registry/<slug:kind>/export/", views.entry_export, name="entry-export"),
    path("registry/<slug:kind>/register/", views.entry_register_pick, name="entry-register-pick"),
    path("registry/<slug:kind>/register/<int:person>/", views.entry_register, name="entry-register"),
    path("registry/<slug:kind>/<int:pk>/", views.entry_detail, name="entry-detail"),
    path("registry/<slug:kind>/<int:pk>/visit/", views.visit_create, name="visit-create"),
    path("elders/<int:pk>/pair/", views.pairing_create, name="pairing-create"),
    path("families/<int:pk>/", views.family_detail, name="family-detail"),
    path("services/<slug:what>/", views.service_list, name="service-list"),
    path("services/<slug:what>/new/", views.service_create, name="service-create"),
    path("services/<slug:what>/export/", views.service_export, name="service-export"),
    path("elders/<int:pk>/waiver/", views.waiver_create, name="waiver-create"),
    path("mailing/", views.mailing_letters, name="mailing"),
    path("mailing/new/", views.mailing_create, name="mailing-create"),
    path("mechanisms/", views.mechanisms, name="mechanisms"),
    path("mechanisms/meetings/new/", views.meeting_create, name="meeting-create"),
    path("mechanisms/reviews/new/", views.review_create, name="review-create"),
    path("mechanisms/reports/new/", views.report_create, name="report-create"),
    path("mechanisms/inspections/new/", views.inspection_create, name="inspection-create"),
    # Record pages (records.py): a service record, its correction and deletion; links between records.
    path("services/<slug:what>/<int:pk>/", records.record_detail, name="record-detail"),
    path("services/<slug:what>/<int:pk>/edit/", records.record_edit, name="record-edit"),
    path("services/<slug:what>/<int:pk>/delete/", records.record_delete, name="record-delete"),
    path("services/referrals/<int:pk>/people/", records.referral_people_add, name="referral-people-add"),
    path("services/referrals/<int:pk>/people/<int:referral>/", records.referral_person_update,
         name="referral-person-update"),
    path("services/referrals/<int:pk>/people/<int:referral>/remove/", records.referral_person_remove,
         name="referral-person-remove"),
    path("services/societies/<int:pk>/members/", records.society_members_add, name="society-members-add"),
    path("services/societies/<int:pk>/members/<int:membership>/remove/", records.society_member_remove,
         name="society-member-remove"),
    path("pairings/<int:pk>/end/", records.pairing_end, name="pairing-end"),
    path("proxy-parents/<int:pk>/end/", records.proxy_parent_end, name="proxy-parent-end"),
    path("children/<int:pk>/guardians/", records.child_guardians, name="child-guardians"),
    path("children/<int:pk>/proxy-parent/", records.child_proxy_parent, name="child-proxy-parent"),
]  # fmt: skip
