"""The admin of webhooks: endpoints (with the usual add, change, delete and view permissions
on "endpoint"), and the log of deliveries, which nobody edits: those who may view or change
endpoints see it, those who may change endpoints resend a delivery."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.views.generic import TemplateView

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button
from wagtail.models import Locale
from wagtail.permission_policies import ModelPermissionPolicy

from . import tasks
from .models import EVENTS, KINDS, Delivery, Endpoint


def locale_choices():
    return [(locale.language_code, locale.get_display_name()) for locale in Locale.objects.all()]


def _several(field_name, choices, **kwargs):
    """Ticked boxes for one of the endpoint's list fields, with the model's help text."""
    return forms.MultipleChoiceField(
        choices=choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=Endpoint._meta.get_field(field_name).help_text,
        **kwargs,
    )


class EndpointForm(WagtailAdminModelForm):
    url = forms.URLField(
        label="URL",
        max_length=500,
        assume_scheme="https",
        help_text=Endpoint._meta.get_field("url").help_text,
    )
    events = _several("events", EVENTS)
    kinds = _several("kinds", KINDS, label="Objects")
    locales = _several("locales", locale_choices)

    class Meta:
        model = Endpoint
        fields = ["name", "url", "events", "kinds", "locales", "secret", "active"]


class EndpointViewSet(ModelViewSet):
    model = Endpoint
    name = "webhooks"
    icon = "link-external"
    menu_label = "Webhooks"
    add_to_settings_menu = True
    copy_view_enabled = False
    list_display = ["name", "url", "active", "created_at"]
    search_fields = ["name", "url"]

    def get_form_class(self, for_update=False):
        return EndpointForm


class DeliveryPermissionPolicy(ModelPermissionPolicy):
    """Deliveries are written by the worker only; "resend" is the one thing people do."""

    def user_has_permission(self, user, action):
        may_change = user.has_perm("headless_webhooks.change_endpoint")
        if action == "view":
            return may_change or user.has_perm("headless_webhooks.view_endpoint")
        return action == "resend" and may_change

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        on_endpoints = {"view": {"change", "view"}, "resend": {"change"}}
        wanted = set().union(*(on_endpoints.get(action, set()) for action in actions))
        return ModelPermissionPolicy(Endpoint).users_with_any_permission(sorted(wanted))


class DeliveryIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.permission_policy.user_has_permission(self.request.user, "resend"):
            buttons.append(
                Button("Resend", url=reverse("webhook_deliveries:resend", args=[instance.pk]))
            )
        return buttons


class DeliveryInspectView(InspectView):
    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.permission_policy.user_has_permission(self.request.user, "resend"):
            url = reverse("webhook_deliveries:resend", args=[self.object.pk])
            buttons.append(Button("Resend", url=url, icon_name="redirect", priority=10))
        return buttons


class ResendView(WagtailAdminTemplateMixin, TemplateView):
    """GET asks to confirm; POST sends the delivery again (same body and webhook-id, a new
    timestamp and signature) as a new series of attempts."""

    template_name = "headless_webhooks/resend.html"
    page_title = "Resend webhook"
    header_icon = "redirect"

    def dispatch(self, request, pk):
        if not DeliveryPermissionPolicy(Delivery).user_has_permission(request.user, "resend"):
            raise PermissionDenied
        self.delivery = get_object_or_404(Delivery.objects.select_related("endpoint"), pk=pk)
        return super().dispatch(request, pk)

    def get_page_subtitle(self):
        return str(self.delivery)

    def get_context_data(self, **kwargs):
        inspect_url = reverse("webhook_deliveries:inspect", args=[self.delivery.pk])
        return super().get_context_data(delivery=self.delivery, inspect_url=inspect_url, **kwargs)

    def post(self, request, pk):
        tasks.resend(self.delivery)
        messages.success(request, f"“{self.delivery}” is being sent again.")
        return redirect("webhook_deliveries:inspect", self.delivery.pk)


class DeliveryViewSet(ModelViewSet):
    model = Delivery
    name = "webhook_deliveries"
    icon = "list-ul"
    menu_label = "Webhook deliveries"
    add_to_settings_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = DeliveryIndexView
    inspect_view_class = DeliveryInspectView
    list_display = [
        "event_type",
        "endpoint",
        "status",
        "response_code",
        "duration_ms",
        "attempts",
        "last_attempt_at",
        "created_at",
    ]
    list_filter = ["status", "endpoint", "event_type"]
    form_fields = []  # nobody adds or edits a delivery (the policy refuses it)
    inspect_view_fields = [
        "endpoint",
        "event_type",
        "message_id",
        "status",
        "response_code",
        "duration_ms",
        "attempts",
        "last_attempt_at",
        "next_attempt_at",
        "error",
        "log",
        "body",
        "created_at",
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("resend/<int:pk>/", ResendView.as_view(), name="resend"),
        ]
