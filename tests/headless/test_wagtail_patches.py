"""The replacements of Wagtail internals (headless/wagtail_patches.py) answer as Wagtail does,
and the suite fails when a Wagtail upgrade changes the code they replace."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page, PageViewRestriction

from headless import wagtail_patches


def test_replaced_wagtail_code_is_the_code_the_replacements_were_written_for():
    """A new Wagtail that changes `private_q` or `get_view_restrictions` fails here: read its
    code, bring headless/wagtail_patches.py in line, then record the new digests."""
    assert wagtail_patches.changed_wagtail_sources() == []


def test_public_pages_match_wagtail_and_cost_one_query_per_content_version(db):
    """`.public()` leaves out a restricted section exactly as Wagtail's own code does, and
    reads the restrictions once while the content is unchanged."""
    root = Page.get_first_root_node()
    open_page = root.add_child(instance=Page(title="Open", slug="open"))
    closed = root.add_child(instance=Page(title="Closed", slug="closed"))
    inside = closed.add_child(instance=Page(title="Inside", slug="inside"))
    PageViewRestriction.objects.create(page=closed, restriction_type="login")
    original = wagtail_patches._ORIGINALS["wagtail.query.PageQuerySet.private_q"]
    queryset = Page.objects.all()
    wagtail_ids = set(queryset.exclude(original(queryset)).values_list("pk", flat=True))
    assert open_page.pk in wagtail_ids and {closed.pk, inside.pk}.isdisjoint(wagtail_ids)
    assert set(Page.objects.public().values_list("pk", flat=True)) == wagtail_ids
    with CaptureQueriesContext(connection) as queries:
        list(Page.objects.public()), list(Page.objects.public())
    assert len(queries) == 2  # the two listings; the restrictions come from the memo
