from django.urls import path

from . import views

app_name = "safety"

urlpatterns = [
    path("", views.index, name="index"),
    path("board/", views.board, name="board"),
    path("reports/new/", views.report_create, name="report-create"),
    path("reports/export/", views.report_export, name="report-export"),
    path("reports/<int:pk>/", views.report_detail, name="report-detail"),
    path("reports/<int:pk>/resubmit/", views.report_resubmit, name="report-resubmit"),
    path("reports/<int:pk>/<str:move>/", views.report_move, name="report-move"),
    path("workplaces/", views.workplace_list, name="workplace-list"),
    path("workplaces/export/", views.workplace_export, name="workplace-export"),
    path("workplaces/<int:pk>/", views.workplace_detail, name="workplace-detail"),
    path("workplaces/<int:pk>/status/", views.workplace_status, name="workplace-status"),
    path("inspections/", views.inspection_list, name="inspection-list"),
    path("inspections/new/", views.inspection_create, name="inspection-create"),
    path("inspections/<int:pk>/", views.inspection_detail, name="inspection-detail"),
    path("supervisors/", views.supervisor_list, name="supervisor-list"),
    path("supervisors/export/", views.supervisor_export, name="supervisor-export"),
    path("supervisors/new/", views.supervisor_create, name="supervisor-create"),
    path("supervisors/certificates/new/", views.certificate_create, name="certificate-create"),
    path("hazards/", views.hazard_list, name="hazard-list"),
    path("hazards/new/", views.hazard_create, name="hazard-create"),
    path("hazards/export/", views.hazard_export, name="hazard-export"),
    path("hazards/<int:pk>/", views.hazard_detail, name="hazard-detail"),
    path("hazards/<int:pk>/rectify/", views.hazard_rectify, name="hazard-rectify"),
    path("accidents/", views.accident_list, name="accident-list"),
    path("accidents/new/", views.accident_create, name="accident-create"),
    path("accidents/export/", views.accident_export, name="accident-export"),
    path("accidents/<int:pk>/", views.accident_detail, name="accident-detail"),
    path("documents/", views.document_list, name="document-list"),
    path("documents/new/", views.document_create, name="document-create"),
    path("documents/<int:pk>/", views.document_detail, name="document-detail"),
    path("documents/<int:pk>/word/", views.document_word, name="document-word"),
]
