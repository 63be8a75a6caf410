from django.contrib.contenttypes.models import ContentType
from django.db import models


class ContentChange(models.Model):
    """One change to something the API serves. The id is the change feed's cursor, and the
    newest change in a response's scope gives its ETag and Last-Modified.

    `site` is the site chrome (navigation, footer, hotlines: whatever `CHROME_MODELS` names)."""

    PAGE, SITE, IMAGE, DOCUMENT, REDIRECT = "page", "site", "image", "document", "redirect"
    KINDS = [(k, k) for k in (PAGE, SITE, IMAGE, DOCUMENT, REDIRECT)]

    kind = models.CharField(max_length=16, choices=KINDS)
    object_id = models.BigIntegerField(null=True)
    # For pages, the specific page type, so listings of one type have their own validators.
    content_type = models.ForeignKey(ContentType, null=True, on_delete=models.SET_NULL)
    action = models.CharField(max_length=24)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [
            models.Index(fields=["kind", "object_id"], name="headless_change_object_idx"),
            models.Index(fields=["kind", "content_type"], name="headless_change_type_idx"),
        ]

    def __str__(self):
        return f"#{self.pk} {self.kind} {self.object_id} {self.action}"
