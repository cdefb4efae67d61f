from django.urls import path

from . import views

app_name = "reporting"
urlpatterns = [
    path("", views.figures, name="figures"),
    path("records/<str:code>/", views.records, name="records"),
    path("targets/", views.target_list, name="targets"),
    path("quality/", views.findings, name="findings"),
    path("closing/", views.close_year, name="closing"),
    path("reports/", views.report_list, name="reports"),
    path("reports/<int:pk>/", views.report_detail, name="report"),
    path("reports/<int:pk>/submit/", views.submission_edit, name="submit"),
    path("reports/submission/<int:pk>/", views.submission_detail, name="submission"),
    path("assessment/", views.scheme_list, name="schemes"),
    path("assessment/<int:pk>/", views.scheme_detail, name="scheme"),
]
