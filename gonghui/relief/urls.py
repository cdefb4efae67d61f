from django.urls import path

from . import views

app_name = "relief"
urlpatterns = [
    path("", views.index, name="index"),
    path("campaigns/new/", views.campaign_create, name="campaign-create"),
    path("campaigns/<int:pk>/", views.campaign_detail, name="campaign-detail"),
    path("campaigns/<int:pk>/edit/", views.campaign_edit, name="campaign-edit"),
    path("campaigns/<int:pk>/events/new/", views.event_create, name="event-create"),
    path("campaigns/<int:pk>/gifts/", views.donation_list, name="donation-list"),
    path("campaigns/<int:pk>/gifts/export/", views.donation_export, name="donation-export"),
    path("campaigns/<int:pk>/gifts/new/", views.donation_create, name="donation-create"),
    path("campaigns/<int:pk>/live/", views.live, name="live"),
    path("campaigns/<int:pk>/live/entry/", views.live_entry, name="live-entry"),
    path("campaigns/<int:pk>/live/undo/", views.live_undo, name="live-undo"),
    path("campaigns/<int:pk>/live/totals/", views.live_totals, name="live-totals"),
    path("campaigns/<int:pk>/donors/", views.donors, name="donors"),
    path("campaigns/<int:pk>/screen/", views.screen, name="screen"),
    path("campaigns/<int:pk>/screen/panel/", views.screen_panel, name="screen-panel"),
    path("campaigns/<int:pk>/receipts/", views.receipt_list, name="receipt-list"),
    path("campaigns/<int:pk>/handovers/", views.handover_list, name="handover-list"),
    path("campaigns/<int:pk>/handovers/new/", views.handover_create, name="handover-create"),
    path("campaigns/<int:pk>/handovers/export/", views.handover_export, name="handover-export"),
    path("campaigns/<int:pk>/thanks/", views.thanks, name="thanks"),
    path("campaigns/<int:pk>/thanks.docx", views.thanks_docx, name="thanks-docx"),
    path("gifts/<int:pk>/", views.donation_detail, name="donation-detail"),
    path("gifts/<int:pk>/edit/", views.donation_edit, name="donation-edit"),
    path("gifts/<int:pk>/void/", views.donation_void, name="donation-void"),
    path("handovers/<int:pk>/void/", views.handover_void, name="handover-void"),
    path("receipts/print/", views.receipt_print, name="receipt-print"),
    path("receipts/docx/", views.receipt_docx, name="receipt-docx"),
    path("receipts/<int:pk>/", views.receipt_detail, name="receipt-detail"),
    path("receipts/<int:pk>/void/", views.receipt_void, name="receipt-void"),
]
