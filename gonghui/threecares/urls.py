from django.urls import path

from . import views

app_name = "threecares"
urlpatterns = [path("", views.index, name="index")]
