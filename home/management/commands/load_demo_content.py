"""Builds the demo site once, on a site that has no home page yet, and its Chinese edition once,
on a site whose home page has no Chinese translation yet.

`make run` calls it on every start; once the site (and its Chinese edition) exists it does
nothing, so editors' changes, including pages or hotlines they deleted, survive a restart.

The Chinese edition is the English tree translated: each page, hotline and news source gets
its zh-hans copy (`copy_for_translation`, so both share a `translation_key` and the language
switch, the API's translations and wagtail-localize link them), filled with the Chinese text of
home/demo_content_zh.py, which has the names and structure of home/demo_content.py."""

import datetime
import decimal
import json

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.text import slugify

from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from contacts.models import ContactsPage, Hotline
from home import demo_content as demo
from home import demo_content_zh as demo_zh
from home.demo_images import draw_picture, draw_stamp
from home.models import (
    ContentPage,
    FooterLink,
    FooterSettings,
    HomePage,
    NavigationItem,
    NavigationSettings,
    SitemapPage,
)
from news.models import NewsArticlePage, NewsIndexPage, NewsSource
from stamps.models import StampCataloguePage, StampIssuePage, StampItem, StampYearPage


class Command(BaseCommand):
    help = "Create the demo pages, images, hotlines, navigation and footer if they are missing."

    @transaction.atomic
    def handle(self, *args, **options):
        self.created = 0
        english = Locale.get_default()
        if HomePage.objects.filter(locale=english).exists():
            home = HomePage.objects.get(locale=english)
        else:
            home = self.english_site()
        chinese = Locale.objects.get_or_create(language_code="zh-hans")[0]
        if home.get_translation_or_none(chinese) is None:
            self.chinese_edition(home, chinese)
        self.stdout.write(f"Demo content: {self.created} items created.")

    def english_site(self):
        home = self.home_page()
        site = Site.objects.get(is_default_site=True)

        images = {title: self.image(title) for title in ("Rural delivery", "Year of the Ox stamps")}
        sources = {name: NewsSource.objects.get_or_create(name=name)[0] for name in demo.SOURCES}
        hotlines = self.hotlines()

        for slug, title, summary, in_menus, body in demo.CONTENT_PAGES:
            self.page(
                home,
                ContentPage,
                slug,
                title=title,
                summary=summary,
                show_in_menus=in_menus,
                body=self.stream(body, images),
            )
        issues = self.stamp_catalogue(home)
        news = self.page(
            home,
            NewsIndexPage,
            "news",
            title="News",
            show_in_menus=True,
            intro="<p>News from China Post Group and its branches.</p>",
        )
        for article in (demo.SEED_ARTICLE, demo.STAMP_ARTICLE):
            self.page(
                news,
                NewsArticlePage,
                article["slug"],
                title=article["title"],
                date=article["date"],
                source=sources[article["source"]],
                summary=article["summary"],
                lead_image=images[article["image"]],
                lead_image_alt=article["image_alt"],
                body=self.stream(self.with_issues(article["body"], issues), images),
            )
        document = self.document()
        for title, (y, m, d), source, text in demo.MORE_ARTICLES:
            body = [demo.p(text)]
            if title.startswith("China Post reports record"):
                body.append({"type": "document", "value": {"document": document.pk, "label": ""}})
            self.page(
                news,
                NewsArticlePage,
                slugify(title),
                title=title,
                date=datetime.date(y, m, d),
                source=sources[source],
                summary=text,
                lead_image=self.image(*demo.MORE_ARTICLE_PICTURES[title]),
                # Also on the page, so that the translation has a text to translate.
                lead_image_alt=demo.MORE_ARTICLE_PICTURES[title][1],
                body=self.stream(body, images),
            )
        contacts = self.contacts_page(home, hotlines)
        self.page(home, SitemapPage, "sitemap", title="Sitemap")

        self.navigation(site, home)
        self.footer(site, home)
        self.roles(home, [news, contacts])
        return home

    def chinese_edition(self, home, chinese):
        """The zh-hans tree, hotlines and sources as translations of the English ones."""
        zh = demo_zh
        hotlines = {}
        for position, hotline in enumerate(Hotline.objects.filter(locale=home.locale)):
            copy = hotline.get_translation_or_none(chinese) or hotline.copy_for_translation(chinese)
            if position < len(zh.HOTLINES):
                copy.service = zh.HOTLINES[position][0]
            copy.save()
            hotlines[hotline.pk] = copy
            self.created += 1
        sources = {}
        for source in NewsSource.objects.filter(locale=home.locale):
            copy = source.get_translation_or_none(chinese) or source.copy_for_translation(chinese)
            if source.name in demo.SOURCES:
                copy.name = zh.SOURCES[demo.SOURCES.index(source.name)]
            copy.save()
            sources[source.pk] = copy
            self.created += 1
        images = {title: self.image(title) for title in ("Rural delivery", "Year of the Ox stamps")}
        articles = {article["slug"]: article for article in (zh.SEED_ARTICLE, zh.STAMP_ARTICLE)}
        more = {
            slugify(en[0]): (en, zh_article)
            for en, zh_article in zip(demo.MORE_ARTICLES, zh.MORE_ARTICLES, strict=True)
        }
        content = {entry[0]: entry for entry in zh.CONTENT_PAGES}
        issues = {entry[0]: entry for entry in zh.STAMP_ISSUES}
        translated_issues = {}
        document = self.document()
        # Parents before children, so each copy goes below its parent's translation.
        for page in home.get_descendants(inclusive=True).specific().order_by("path"):
            if page.get_translation_or_none(chinese) is not None:
                continue
            copy = page.copy_for_translation(chinese)
            if isinstance(page, HomePage):
                copy.title = zh.SITE_NAME
                copy.intro = self.stream(zh.HOME_INTRO, {})
            elif isinstance(page, ContentPage) and page.slug in content:
                _slug, copy.title, copy.summary, _menus, body = content[page.slug]
                copy.body = self.stream(body, images)
            elif isinstance(page, StampCataloguePage):
                copy.title, copy.intro = zh.STAMP_CATALOGUE["title"], zh.STAMP_CATALOGUE["intro"]
            elif isinstance(page, StampYearPage):
                # The title stays the year's four digits, as the year page's editor requires
                # (its heading reads "2021年邮票" in Chinese).
                copy.intro = zh.STAMP_YEAR_INTRO
            elif isinstance(page, StampIssuePage) and page.issue_number in issues:
                _number, copy.title, _date, copy.summary, stamps, facts, story = issues[
                    page.issue_number
                ]
                for name, value in facts.items():
                    setattr(copy, name, value)
                copy.story = json.dumps([{"type": "paragraph", "value": f"<p>{story}</p>"}])
                for item, (name, value) in zip(copy.stamps.all(), stamps, strict=False):
                    item.name = name
                    item.alt_text = zh.STAMP_ALT_TEXT.format(name=name, value=value)
                    item.save(update_fields=["name", "alt_text"])
                translated_issues[page.issue_number] = copy
            elif isinstance(page, NewsIndexPage):
                copy.title, copy.intro = zh.NEWS_INDEX["title"], zh.NEWS_INDEX["intro"]
            elif isinstance(page, NewsArticlePage):
                copy.source = sources.get(page.source_id, page.source)
                if page.slug in articles:
                    article = articles[page.slug]
                    copy.title, copy.summary = article["title"], article["summary"]
                    copy.lead_image_alt = article["image_alt"]
                    blocks = self.with_issues(article["body"], translated_issues)
                    copy.body = self.stream(blocks, images)
                elif page.slug in more:
                    (en_title, *_), (copy.title, _date, _source, text) = more[page.slug]
                    copy.lead_image_alt = zh.MORE_ARTICLE_PICTURES[en_title][1]
                    body = [demo.p(text)]
                    if en_title.startswith("China Post reports record"):
                        body.append(
                            {"type": "document", "value": {"document": document.pk, "label": ""}}
                        )
                    copy.summary = text
                    copy.body = self.stream(body, images)
            elif isinstance(page, ContactsPage):
                copy.title, copy.intro = zh.CONTACTS_PAGE["title"], zh.CONTACTS_PAGE["intro"]
                copy.body = self.contacts_body(zh.CONTACTS_PAGE, list(hotlines.values()))
            elif isinstance(page, SitemapPage):
                copy.title = zh.SITEMAP["title"]
            copy.save()
            copy.save_revision().publish()
            self.created += 1

        site = Site.objects.get(is_default_site=True)
        navigation = NavigationSettings.for_site(site)
        for item, entry in zip(navigation.items.all(), zh.NAVIGATION, strict=False):
            if isinstance(entry, tuple) and not item.label_zh:
                item.label_zh = entry[0]
                item.save(update_fields=["label_zh"])
        footer = FooterSettings.for_site(site)
        if not footer.powered_by_zh:
            footer.powered_by_zh = zh.FOOTER.get("powered_by", "")
            footer.save(update_fields=["powered_by_zh"])
        self.chinese_roles(home.get_translation(chinese))

    def stamp_catalogue(self, home):
        """The catalogue at /stamps/ with the 2021 year and its issues, each stamp with a
        picture drawn in code; {issue number: issue page}."""
        c = demo.STAMP_CATALOGUE
        catalogue = self.page(
            home,
            StampCataloguePage,
            c["slug"],
            title=c["title"],
            intro=c["intro"],
            show_in_menus=True,
        )
        year = self.page(
            catalogue, StampYearPage, "2021", title="2021", intro=demo.STAMP_YEAR_INTRO
        )
        issues = {}
        drawn = 0
        for number, title, date, summary, stamps, facts, story in demo.STAMP_ISSUES:
            items = []
            for position, (name, value) in enumerate(stamps, start=1):
                picture = self.stamp_image(
                    f"Stamp {number} ({position}): {name}", name, f"{value} yuan", number, drawn
                )
                drawn += 1
                items.append(
                    StampItem(
                        name=name,
                        face_value=decimal.Decimal(value),
                        currency="CNY",
                        image=picture,
                        alt_text=f"Illustrative drawing of the stamp “{name}”, {value} yuan",
                        sort_order=position - 1,
                    )
                )
            issues[number] = self.page(
                year,
                StampIssuePage,
                slugify(f"{number} {title}"),
                title=title,
                issue_number=number,
                date_of_issue=date,
                summary=summary,
                illustrative=True,
                stamps=items,
                story=json.dumps([{"type": "paragraph", "value": f"<p>{story}</p>"}]),
                **facts,
            )
        return issues

    def stamp_image(self, title, name, value, number, index):
        image = Image.objects.filter(title=title).first()
        if image is None:
            data = draw_stamp(name, value, number, index)
            image = Image.objects.create(
                title=title,
                file=ImageFile(ContentFile(data, name=f"{slugify(title)}.png")),
                description=f"Illustrative drawing of the stamp “{name}”",
            )
            self.created += 1
        return image

    @staticmethod
    def with_issues(blocks, issues):
        """Stamp-issue blocks name their issue by number in demo_content: its page id here."""
        return [
            {**b, "value": issues[b["value"]].pk} if b["type"] == "stamp_issue" else b
            for b in blocks
        ]

    def home_page(self):
        """The site's root HomePage; replaces Wagtail's placeholder welcome page on a new site."""
        site = Site.objects.filter(is_default_site=True).first()
        home = HomePage.objects.first()
        if home is None:
            root = Page.get_first_root_node()
            placeholder = site.root_page if site else None
            # Wagtail's welcome page is a plain Page below the tree root, never the root itself.
            if not (placeholder and placeholder.depth > 1 and placeholder.specific_class is Page):
                placeholder = None
            # The placeholder holds the slug "home" until it is gone.
            if placeholder:
                placeholder.slug = "welcome-placeholder"
                placeholder.save(update_fields=["slug"])
            home = root.add_child(
                instance=HomePage(
                    title="China Post", slug="home", intro=self.stream(demo.HOME_INTRO, {})
                )
            )
            home.save_revision().publish()
            self.created += 1
            if site is None:
                site = Site.objects.create(
                    hostname="localhost", root_page=home, is_default_site=True
                )
            site.root_page = home
            site.save()
            if placeholder and not Page.objects.child_of(placeholder).exists():
                placeholder.delete()
        if not site.site_name:
            site.site_name = demo.SITE_NAME
            site.save(update_fields=["site_name"])
        return home

    def page(self, parent, model, slug, **fields):
        existing = parent.get_children().filter(slug=slug).first()
        if existing:
            return existing.specific
        page = parent.add_child(instance=model(slug=slug, **fields))
        page.save_revision().publish()
        self.created += 1
        return page

    def stream(self, blocks, images):
        """StreamField JSON with image titles replaced by the images' ids."""

        def resolve(value):
            if isinstance(value, dict):
                return {
                    k: images[v].pk if k == "image" and isinstance(v, str) else resolve(v)
                    for k, v in value.items()
                }
            if isinstance(value, list):
                return [resolve(v) for v in value]
            return value

        return json.dumps(resolve(blocks))

    def image(self, title, description=None):
        """The picture drawn for `title` (home.demo_images.SCENES); `description`, its
        alternative text, is the title itself when not given."""
        image = Image.objects.filter(title=title).first()
        if image is None:
            data = ImageFile(ContentFile(draw_picture(title), name=f"{slugify(title)}.jpg"))
            image = Image.objects.create(title=title, file=data, description=description or title)
            self.created += 1
        return image

    def document(self):
        title = "Postal statistics 2020 (summary)"
        document = Document.objects.filter(title=title).first()
        if document is None:
            text = (
                "China Post Group: model units for serving rural vitalization in 2020\n"
                "Provincial postal branches: 7\nFirst-grade PSBC branches: 6\n"
                "County-level postal branches: 31\nCounty-level PSBC branches: 36\n"
            )
            document = Document.objects.create(
                title=title, file=ContentFile(text.encode(), name="postal-statistics-2020.txt")
            )
            self.created += 1
        return document

    def hotlines(self):
        if not Hotline.objects.exists():
            for order, (service, number) in enumerate(demo.HOTLINES):
                Hotline.objects.create(service=service, number=number, sort_order=order)
                self.created += 1
        return list(Hotline.objects.all())

    def contacts_page(self, home, hotlines):
        c = demo.CONTACTS_PAGE
        return self.page(
            home,
            ContactsPage,
            c["slug"],
            title=c["title"],
            intro=c["intro"],
            body=self.contacts_body(c, hotlines),
        )

    def contacts_body(self, c, hotlines):
        body = [{"type": "hotline", "value": {"hotline": h.pk}} for h in hotlines] + [
            {"type": "address", "value": {"label": c["address"][0], "address": c["address"][1]}},
            {"type": "email", "value": {"label": c["email"][0], "email": c["email"][1]}},
            {
                "type": "opening_hours",
                "value": {
                    "label": c["hours"][0],
                    "rows": [{"days": d, "hours": t} for d, t in c["hours"][1]],
                },
            },
        ]
        return self.stream(body, {})

    def navigation(self, site, home):
        nav = NavigationSettings.for_site(site)
        if not nav.items.exists():
            for order, entry in enumerate(demo.NAVIGATION):
                label, path = entry if isinstance(entry, tuple) else ("", entry)
                page = home
                for slug in path.split("/"):
                    page = page.get_children().get(slug=slug)
                NavigationItem.objects.create(
                    settings=nav, sort_order=order, label=label, link_page=page
                )
                self.created += 1

    def footer(self, site, home):
        footer = FooterSettings.for_site(site)
        if not footer.icp_number and not footer.links.exists():
            for name, value in demo.FOOTER.items():
                setattr(footer, name, value)
            footer.save()
            for order, slug in enumerate(demo.FOOTER_LINKS):
                FooterLink.objects.create(
                    settings=footer, sort_order=order, link_page=home.get_children().get(slug=slug)
                )
            self.created += 1

    def roles(self, home, editable_pages):
        """The Editors and Moderators groups, and the workflow an editor's submission goes through.

        Editors write and submit pages under the news index and the contacts page, and upload
        images and documents; they cannot publish, nor change settings, hotlines or users.
        Moderators edit and publish the whole site and approve submissions. Wagtail's migrations
        make both groups with rights over every page; here Editors get just those pages.
        """
        editors = Group.objects.get_or_create(name="Editors")[0]
        moderators = Group.objects.get_or_create(name="Moderators")[0]
        access_admin = Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
        snippets_to_choose = Permission.objects.filter(
            content_type__app_label__in=["news", "contacts"],
            codename__in=["view_newssource", "view_hotline"],
        )
        for group in (editors, moderators):
            group.permissions.add(access_admin, *snippets_to_choose)

        def page_permissions(group, pages, codenames):
            GroupPagePermission.objects.filter(group=group).delete()
            for page in pages:
                for codename in codenames:
                    GroupPagePermission.objects.create(
                        group=group,
                        page=page,
                        permission=Permission.objects.get(
                            content_type__app_label="wagtailcore", codename=codename
                        ),
                    )

        page_permissions(editors, editable_pages, ["add_page", "change_page"])
        page_permissions(
            moderators,
            [home],
            ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
        )

        for group in (editors, moderators):
            grant_media(group)

        workflow, made = Workflow.objects.get_or_create(name="News and contacts moderation")
        if made:
            task = GroupApprovalTask.objects.create(name="Moderators approve")
            task.groups.set([moderators])
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
            self.created += 1
        for page in editable_pages:
            WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})

    def chinese_roles(self, zh_home):
        """Chinese editors: write, translate and submit pages of the Chinese tree only (every
        page below its home), through the same moderation as the English editors' pages;
        Moderators publish and approve in both trees."""
        editors = Group.objects.get_or_create(name="Chinese editors")[0]
        moderators = Group.objects.get_or_create(name="Moderators")[0]
        editors.permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
            *Permission.objects.filter(
                content_type__app_label__in=["news", "contacts"],
                codename__in=["view_newssource", "view_hotline"],
            ),
            # wagtail-localize's "Translate this page" and its translation editor (its
            # migration makes the permission; made again here on a flushed database).
            Permission.objects.get_or_create(
                content_type=ContentType.objects.get_or_create(
                    app_label="wagtail_localize", model="translation"
                )[0],
                codename="submit_translation",
                defaults={"name": "Can submit translations"},
            )[0],
        )
        wagtailcore = {
            codename: Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            )
            for codename in ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
        }
        for codename in ("add_page", "change_page"):
            GroupPagePermission.objects.get_or_create(
                group=editors, page=zh_home, permission=wagtailcore[codename]
            )
        for codename in ("add_page", "change_page", "publish_page", "lock_page", "unlock_page"):
            GroupPagePermission.objects.get_or_create(
                group=moderators, page=zh_home, permission=wagtailcore[codename]
            )
        grant_media(editors)
        workflow = Workflow.objects.filter(name="News and contacts moderation").first()
        if workflow is not None:
            WorkflowPage.objects.update_or_create(page=zh_home, defaults={"workflow": workflow})


def grant_media(group):
    """Let a group add, change and choose images and documents in the root collection."""
    collection = Collection.get_first_root_node()
    for app, model in (("wagtailimages", "image"), ("wagtaildocs", "document")):
        for action in ("add", "change", "choose"):
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=collection,
                permission=Permission.objects.get(
                    content_type__app_label=app, codename=f"{action}_{model}"
                ),
            )
