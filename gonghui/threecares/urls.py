from django.urls import path

from . import views

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
    path("elders/<int:pk>/waiver/", views.waiver_create, name="waiver-create"),
    path("mailing/", views.mailing_letters, name="mailing"),
    path("mailing/new/", views.mailing_create, name="mailing-create"),
    path("mechanisms/", views.mechanisms, name="mechanisms"),
    path("mechanisms/meetings/new/", views.meeting_create, name="meeting-create"),
    path("mechanisms/reviews/new/", views.review_create, name="review-create"),
    path("mechanisms/reports/new/", views.report_create, name="report-create"),
    path("mechanisms/inspections/new/", views.inspection_create, name="inspection-create"),
]
