"""POST data for the Wagtail page editor, as an editor's browser sends it, for each page type.

Built with Wagtail's own form-data helpers (`nested_form_data`, `streamfield`, `rich_text`),
so the tests go through the same forms, validation and StreamField parsing as the admin.
"""

from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield


def image_value(image, alt_text="", decorative=False):
    """An ImageBlock's form fields: the chosen image, its alt text and the decorative box."""
    return {"image": image.pk, "alt_text": alt_text, "decorative": "on" if decorative else ""}


def stamp_issue_value(image=None, alt_text=None):
    """The stamp-issue block's chooser: the demo catalogue's issue 2021-1 (its facts and stamps
    come from the catalogue, so the article holds only the choice)."""
    from stamps.models import StampIssuePage

    return StampIssuePage.objects.filter(locale__language_code="en").get(issue_number="2021-1").pk


def article_body(image, alt_text="A postman on a bicycle"):
    """A body with every everyday block: paragraph, heading, image, quote, table, stamp issue."""
    return streamfield(
        [
            ("paragraph", rich_text("<p>Parcels reached every village in the county.</p>")),
            ("heading", {"text": "Delivery by bicycle", "level": "h2"}),
            (
                "image",
                {"image": image_value(image, alt_text), "caption": "On the road", "credit": ""},
            ),
            ("quote", {"quote": "Every letter matters.", "attribution": "A rural postman"}),
            ("stamp_issue", stamp_issue_value(image)),
        ]
    )


def article_data(image, title="Parcels reach every village", **overrides):
    data = {
        "title": title,
        "slug": "parcels-reach-every-village",
        "date": "2026-11-20",
        "summary": "Parcels now reach every village in the county.",
        "body": article_body(image),
    }
    data.update(overrides)
    return nested_form_data(data)


def content_page_data(image, title="Postal museums"):
    return nested_form_data(
        {
            "title": title,
            "slug": "postal-museums",
            "summary": "Where to see the history of the post.",
            "body": article_body(image),
        }
    )


def news_index_data(title="Stamp news"):
    return nested_form_data(
        {"title": title, "slug": "stamp-news", "intro": rich_text("<p>New issues.</p>")}
    )


def contacts_page_data(hotline, title="Contact the museum"):
    return nested_form_data(
        {
            "title": title,
            "slug": "contact-the-museum",
            "intro": rich_text("<p>Call or write.</p>"),
            "body": streamfield(
                [
                    ("hotline", {"hotline": hotline.pk}),
                    ("address", {"label": "Museum", "address": "1 Post Street\nBeijing"}),
                    ("email", {"label": "Visits", "email": "visits@example.com"}),
                    (
                        "opening_hours",
                        {
                            "label": "Museum",
                            "rows": streamfield(
                                [("item", {"days": "Tuesday to Sunday", "hours": "09:00–17:00"})]
                            ),
                        },
                    ),
                ]
            ),
        }
    )


def home_page_data(title="China Post"):
    return nested_form_data(
        {
            "title": title,
            "slug": "home-2",
            "intro": streamfield([("paragraph", rich_text("<p>Welcome.</p>"))]),
        }
    )


def sitemap_page_data(title="Site map"):
    return nested_form_data({"title": title, "slug": "site-map"})
