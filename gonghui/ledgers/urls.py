from django.urls import path

from . import views

app_name = "ledgers"
urlpatterns = [
    path("", views.index, name="index"),
    path("jobs/<int:pk>/", views.job_detail, name="job-detail"),
    path("jobs/<int:pk>/mapping/", views.job_remap, name="job-remap"),
    path("jobs/<int:pk>/commit/", views.job_commit, name="job-commit"),
    path("jobs/<int:pk>/rejected.xlsx", views.job_rejected, name="job-rejected"),
    path("export/people.xlsx", views.export_people, name="export-people"),
    path("export/enterprises.xlsx", views.export_enterprises, name="export-enterprises"),
    path("export/organizations.xlsx", views.export_organizations, name="export-organizations"),
    path("exports/<int:pk>/", views.export_job, name="export-job"),
    path("exports/<int:pk>/file.xlsx", views.export_file, name="export-file"),
    path("<slug:kind>/", views.upload, name="upload"),
    path("<slug:kind>/template.xlsx", views.template, name="template"),
]
