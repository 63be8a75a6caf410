import base64
import secrets
import uuid

from standardwebhooks import Webhook

from django.core.exceptions import ValidationError
from django.db import models

from . import addresses

EVENTS = [
    ("published", "Published (or changed, or visible again)"),
    ("unpublished", "Unpublished (or hidden from readers)"),
    ("deleted", "Deleted"),
    ("moved", "Moved"),
]
KINDS = [
    ("page", "Pages"),
    ("image", "Images"),
    ("document", "Documents"),
    ("site", "Site chrome (navigation, footer, hotlines)"),
    ("redirect", "Redirects"),
]


def new_secret():
    """A Standard Webhooks secret: `whsec_` and 32 random bytes in base64."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


def validate_secret(value):
    try:
        Webhook(value)
    except Exception as error:
        raise ValidationError(
            "Expected a Standard Webhooks secret: whsec_ followed by base64, as generated."
        ) from error
    if len(base64.b64decode(value.removeprefix("whsec_") + "==")) < 24:
        raise ValidationError("The secret must hold at least 24 random bytes.")


class Endpoint(models.Model):
    """An app's address that is told, signed, about changes readers can see."""

    name = models.CharField(max_length=100, help_text="Who receives it, e.g. “iOS app”.")
    url = models.URLField(
        "URL",
        max_length=500,
        help_text="Where each event is POSTed. Addresses inside private networks are refused.",
    )
    events = models.JSONField(
        default=list, help_text="Which events to send. None ticked: every event."
    )
    kinds = models.JSONField(
        "objects", default=list, help_text="Which objects to send. None ticked: all of them."
    )
    locales = models.JSONField(
        default=list,
        help_text="Pages in these locales only (language codes). None ticked: every locale. "
        "Images, "
        "documents and the site chrome belong to every language.",
    )
    secret = models.CharField(
        max_length=100,
        default=new_secret,
        validators=[validate_secret],
        help_text="Give it to the receiver to verify the webhook-signature header.",
    )
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        refusal = addresses.refusal(self.url) if self.url else None
        if refusal:
            raise ValidationError({"url": refusal})

    def wants(self, event, kind, language):
        """Whether this endpoint subscribed to this event of this kind of object, of this
        language (a locale's language code; None for objects of every language)."""
        return (
            (not self.events or event in self.events)
            and (not self.kinds or kind in self.kinds)
            and (not self.locales or language is None or language in self.locales)
        )


def message_id():
    return f"msg_{uuid.uuid4().hex}"


class Delivery(models.Model):
    """One event for one endpoint: what was sent and how the receiver answered. The body and
    `message_id` stay the same through retries and resends, so receivers can drop repeats."""

    PENDING, SUCCEEDED, RETRYING, FAILED, REFUSED = (
        "pending",
        "succeeded",
        "retrying",
        "failed",
        "refused",
    )
    STATUSES = [
        (PENDING, "Pending"),
        (SUCCEEDED, "Delivered"),
        (RETRYING, "Retrying"),
        (FAILED, "Failed"),
        (REFUSED, "Refused (private address)"),
    ]

    endpoint = models.ForeignKey(Endpoint, on_delete=models.CASCADE, related_name="deliveries")
    message_id = models.CharField(max_length=40, default=message_id, unique=True)
    event_type = models.CharField(max_length=40)
    body = models.TextField(help_text="The JSON that was signed and sent.")
    status = models.CharField(max_length=16, choices=STATUSES, default=PENDING)
    attempts = models.PositiveIntegerField(default=0)
    # The current series of attempts (the first one, or a resend) and its backoff position.
    series_started_at = models.DateTimeField(null=True, blank=True)
    series_attempts = models.PositiveIntegerField(default=0)
    response_code = models.PositiveSmallIntegerField(null=True, blank=True)
    duration_ms = models.PositiveIntegerField("duration (ms)", null=True, blank=True)
    error = models.CharField(max_length=255, blank=True)
    log = models.JSONField(default=list, help_text="Every attempt: time, code, ms, error.")
    created_at = models.DateTimeField(auto_now_add=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "deliveries"
        indexes = [models.Index(fields=["endpoint", "-created_at"], name="webhook_delivery_idx")]

    def __str__(self):
        return f"{self.event_type} to {self.endpoint}"
