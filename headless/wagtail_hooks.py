"""Admin additions: "Preview in app" for pages an editor may edit."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.widgets.button import Button
from wagtail.models import Page

from .conf import headless_settings
from .preview import preview_url


def app_preview(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    revision = page.latest_revision or page.save_revision(user=request.user)
    return TemplateResponse(
        request,
        "headless/app_preview.html",
        {
            "page": page,
            "revision": revision,
            "preview_url": preview_url(request, revision),
            "minutes": headless_settings.PREVIEW_MAX_AGE // 60,
        },
    )


@hooks.register("register_admin_urls")
def admin_urls():
    return [path("app-preview/<int:page_id>/", app_preview, name="app_preview")]


@hooks.register("register_page_header_buttons")
def preview_in_app_button(page, user, view_name, next_url=None):
    if page.depth > 1 and page.permissions_for_user(user).can_edit():
        yield Button(
            "Preview in app",
            reverse("app_preview", args=[page.pk]),
            icon_name="mobile-alt",
            priority=60,
        )
