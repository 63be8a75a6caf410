"""Turns the stamp-issue blocks that articles and content pages held (the issue's facts typed
into the article) into stamp issues of the catalogue, and each block into a chooser of its issue.

For each old block: the catalogue under the page's site root (made, as /stamps/, if there is
none), the year page of the issue's number (made if missing) and the issue itself (reused if the
year already has one with that number). The set gets one stamp per piece, with the face values
read from the denomination ("1.20 yuan × 2"); the block's picture goes to the first stamp. A
denomination that cannot be read is kept word for word in the issue's story. The page's live
content and every revision are converted, so the editor opens the chooser too. The new pages
are live when the page holding the block was; run `manage.py update_index` afterwards to add
them to search.

This is the host's migration, not a plugin's: only the host knows both the news plugin and the
catalogue, and neither plugin's migrations may depend on the other.
"""

import datetime
import decimal
import json
import re
import uuid

from django.db import migrations
from django.utils import timezone

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 4
NUMBER = re.compile(r"^\s*(\d{4})\s*-\s*(\d{1,3})\s*$")
VALUE = re.compile(
    r"(\d+(?:[.,]\d+)?)\s*(yuan|元|cny|rmb|fen|分)?\s*(?:[×x*]\s*(\d+))?", re.IGNORECASE
)
# (app, model, StreamField) of every field that holds news.blocks.ArticleBodyBlock.
FIELDS = [
    ("news", "NewsArticlePage", "body"),
    ("home", "ContentPage", "body"),
    ("home", "HomePage", "intro"),
]


def parse_face_values(text, pieces):
    """[(Decimal, "CNY"), ...] for one stamp each, from "1.20 yuan × 2" or "0.80, 1.20 yuan";
    None when the text cannot be read."""
    values = []
    for part in re.split(r"[,;+/]|\band\b", text or ""):
        part = part.strip()
        if not part:
            continue
        match = VALUE.fullmatch(part)
        if not match:
            return None
        amount = decimal.Decimal(match[1].replace(",", "."))
        if (match[2] or "").lower() in ("fen", "分"):
            amount = amount / 100
        values += [(amount.quantize(decimal.Decimal("0.01")), "CNY")] * int(match[3] or 1)
    if not values:
        return None
    if len(values) == 1 and pieces and pieces > 1:
        values = values * pieces
    return values


def _child_path(Page, parent):
    last = (
        Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    number = 0
    if last:
        for char in last[-STEPLEN:]:
            number = number * len(ALPHABET) + ALPHABET.index(char)
    number += 1
    step = ""
    while number:
        number, digit = divmod(number, len(ALPHABET))
        step = ALPHABET[digit] + step
    return parent.path + step.rjust(STEPLEN, "0")


def _add_child(apps, parent, model, live, **fields):
    """A page of `model` (a historical model) below `parent`, as Wagtail's tree keeps it."""
    Page = apps.get_model("wagtailcore", "Page")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(
        app_label=model._meta.app_label, model=model._meta.model_name
    )
    now = timezone.now()
    page = model.objects.create(
        path=_child_path(Page, parent),
        depth=parent.depth + 1,
        numchild=0,
        draft_title=fields["title"],
        url_path=f"{parent.url_path}{fields['slug']}/",
        content_type=content_type,
        locale_id=parent.locale_id,
        translation_key=uuid.uuid4(),
        live=live,
        has_unpublished_changes=not live,
        first_published_at=now if live else None,
        last_published_at=now if live else None,
        **fields,
    )
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + 1)
    parent.numchild += 1
    return page


def _root_for(apps, page):
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    for site in Site.objects.select_related("root_page"):
        if page.path.startswith(site.root_page.path):
            return site.root_page
    return Page.objects.get(path=page.path[: 2 * STEPLEN])


def _catalogue(apps, root):
    Page = apps.get_model("wagtailcore", "Page")
    Catalogue = apps.get_model("stamps", "StampCataloguePage")
    found = Catalogue.objects.filter(path__startswith=root.path).order_by("path").first()
    if found:
        return found
    taken = set(Page.objects.filter(path__startswith=root.path, depth=root.depth + 1).values_list("slug", flat=True))
    slug = "stamps" if "stamps" not in taken else "stamp-catalogue"
    return _add_child(apps, root, Catalogue, True, title="Stamps", slug=slug, intro="")


def _year(apps, catalogue, year):
    Year = apps.get_model("stamps", "StampYearPage")
    found = Year.objects.filter(path__startswith=catalogue.path, depth=catalogue.depth + 1, year=year).first()
    if found:
        return found
    return _add_child(apps, catalogue, Year, True, title=str(year), slug=str(year), year=year, intro="")


def _paragraph(text):
    return {"type": "paragraph", "value": f"<p>{text}</p>", "id": str(uuid.uuid4())}


def issue_for_block(apps, holder, value, live):
    """The catalogue issue for one old block's value (a dict), made if missing: its page id."""
    Issue = apps.get_model("stamps", "StampIssuePage")
    StampItem = apps.get_model("stamps", "StampItem")
    Image = apps.get_model("wagtailimages", "Image")

    title = (value.get("stamp_title") or "Stamp issue").strip()[:255]
    try:
        date = datetime.date.fromisoformat(str(value.get("date_of_issue") or ""))
    except ValueError:
        date = (holder.first_published_at or timezone.now()).date()
    story = []
    match = NUMBER.match(str(value.get("serial_number") or ""))
    catalogue = _catalogue(apps, _root_for(apps, holder))
    year_page = _year(apps, catalogue, int(match[1]) if match else date.year)
    siblings = Issue.objects.filter(path__startswith=year_page.path, depth=year_page.depth + 1)
    if match and int(match[2]) >= 1:
        sequence = int(match[2])
        found = siblings.filter(sequence=sequence).first()
        if found:
            return found.pk
    else:
        found = siblings.filter(title=title).first()
        if found:
            return found.pk
        sequence = max(siblings.values_list("sequence", flat=True), default=0) + 1
        if value.get("serial_number"):
            story.append(_paragraph(f"Serial number as first published: {value['serial_number']}."))
    number = f"{year_page.year}-{sequence}"
    pieces = value.get("pieces_in_set") or 1
    denomination = value.get("denomination") or ""
    face_values = parse_face_values(denomination, pieces)
    if face_values is None:
        face_values = [(None, "")] * pieces
        if denomination:
            story.append(_paragraph(f"Denomination: {denomination}."))
    slug = re.sub(r"[^a-z0-9]+", "-", f"{number} {title}".lower()).strip("-")[:80] or number
    issue = _add_child(
        apps,
        year_page,
        Issue,
        live,
        title=title,
        slug=slug,
        issue_number=number,
        issue_year=year_page.year,
        sequence=sequence,
        date_of_issue=date,
        summary="",
        illustrative=False,
        designer=value.get("designer") or "",
        engraver="",
        printer=value.get("printer") or "",
        printing_process=value.get("printing_technology") or "",
        size=value.get("size") or "",
        perforation=value.get("perforation") or "",
        sheet_composition=value.get("sheet_composition") or "",
        quantity_printed=None,
        products="[]",
        story=json.dumps(story),
    )
    picture = value.get("image")
    if isinstance(picture, int):
        picture = {"image": picture, "decorative": False, "alt_text": ""}
    picture = picture if isinstance(picture, dict) else {}
    image = Image.objects.filter(pk=picture.get("image")).first() if picture.get("image") else None
    alt = picture.get("alt_text") or ""
    if image is not None and not alt and not picture.get("decorative"):
        alt = getattr(image, "description", "") or image.title
    for position, (amount, currency) in enumerate(face_values):
        name = title if len(face_values) == 1 else f"{title} ({position + 1} of {len(face_values)})"
        StampItem.objects.create(
            issue_id=issue.pk,
            sort_order=position,
            name=name[:200],
            face_value=amount,
            currency=currency,
            image=image if position == 0 else None,
            alt_text=alt if position == 0 else "",
            decorative=bool(picture.get("decorative")) if position == 0 else False,
        )
    return issue.pk


def convert_stream(apps, holder, raw, live):
    """The stream's items with each old stamp-issue value replaced by its issue's id; and
    whether anything changed."""
    changed = False
    items = []
    for item in raw or []:
        if isinstance(item, dict) and item.get("type") == "stamp_issue" and isinstance(item.get("value"), dict):
            item = {**item, "value": issue_for_block(apps, holder, item["value"], live)}
            changed = True
        items.append(item)
    return items, changed


def convert(apps, schema_editor=None):
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for app_label, model_name, field in FIELDS:
        try:
            model = apps.get_model(app_label, model_name)
        except LookupError:
            continue
        content_type = ContentType.objects.filter(app_label=app_label, model=model_name.lower()).first()
        for page in model.objects.order_by("path"):
            raw = getattr(page, field).raw_data
            items, changed = convert_stream(apps, page, list(raw), page.live)
            if changed:
                model.objects.filter(pk=page.pk).update(**{field: json.dumps(items)})
            if content_type is None:
                continue
            revisions = Revision.objects.filter(
                base_content_type__isnull=False, object_id=str(page.pk), content_type=content_type
            )
            for revision in revisions:
                stored = revision.content.get(field)
                stream = json.loads(stored) if isinstance(stored, str) else stored
                items, changed = convert_stream(apps, page, stream, page.live)
                if changed:
                    revision.content[field] = json.dumps(items)
                    revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0004_stamp_issue_chooser"),
        ("news", "0005_stamp_issue_chooser"),
        ("stamps", "0001_initial"),
    ]

    operations = [migrations.RunPython(convert, migrations.RunPython.noop, elidable=True)]
