from django.urls import path

from . import views

app_name = "summary"
urlpatterns = [
    path("", views.summary_page, name="summary"),
    path("docx/", views.summary_docx, name="summary-docx"),
    path("edit/", views.summary_edit, name="summary-edit"),
    path("edit/<slug:key>/", views.section_save, name="section-save"),
]
