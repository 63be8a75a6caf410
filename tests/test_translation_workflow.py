"""wagtail-localize's translation workflow in the admin, as an editor meets it (issue 14).

A new English article is translated into Chinese: "Translate this page" makes the Chinese
draft, its texts go to a translator as a PO file and come back, and publishing puts the Chinese
article live under /zh/, linked to the English one. Then the English changes: "Sync translated
pages" brings the change over, the PO file marks the changed text as untranslated, and the
Chinese page keeps the translator's words until it is translated again.
"""

import polib
import pytest
from wagtail_localize.models import Translation, TranslationSource

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.models import Locale

from news.models import NewsArticlePage, NewsIndexPage
from tests.factories import NewsArticlePageFactory
from tests.markup import parse, text

pytestmark = pytest.mark.django_db

CHINESE = {
    "Parcel lockers open in ten Hebei townships": "河北十个乡镇开通快递柜",
    "Villagers can now collect parcels after work.": "村民下班后也能取包裹了。",
}


@pytest.fixture
def editor(client, demo_site, django_user_model):
    user = django_user_model.objects.create_superuser("translator-admin", "t@example.com", "pw-1")
    client.force_login(user)
    return client


@pytest.fixture
def english_article(demo_site):
    index = NewsIndexPage.objects.get(locale__language_code="en")
    return NewsArticlePageFactory(
        parent=index,
        title="Parcel lockers open in ten Hebei townships",
        slug="parcel-lockers-open-in-ten-hebei-townships",
        summary="Villagers can now collect parcels after work.",
    )


def translate_po(po_text, translations):
    """The translator's work: fill in the msgstr of every msgid they know."""
    po = polib.pofile(po_text)
    for entry in po:
        if entry.msgid in translations:
            entry.msgstr = translations[entry.msgid]
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
    return str(po).encode()


def upload(editor, translation, content, next_url):
    url = reverse("wagtail_localize:upload_pofile", args=[translation.pk])
    po_file = SimpleUploadedFile("article.po", content, content_type="text/x-gettext-translation")
    return editor.post(url, {"file": po_file, "next": next_url})


def test_translate_through_a_po_file_publish_then_sync_a_change(
    editor, english_article, django_capture_on_commit_callbacks
):
    chinese_locale = Locale.objects.get(language_code="zh-hans")
    english_edit = reverse("wagtailadmin_pages:edit", args=[english_article.pk])

    # "Translate this page" is offered on the English page, and makes the Chinese draft.
    response = editor.get(english_edit)
    submit = reverse("wagtail_localize:submit_page_translation", args=[english_article.pk])
    assert submit in response.content.decode()
    response = editor.post(submit, {"locales": [chinese_locale.pk]})
    assert response.status_code == 302
    chinese = english_article.get_translation(chinese_locale)
    assert not chinese.live
    translation = Translation.objects.get(
        source=TranslationSource.objects.get_for_instance(english_article),
        target_locale=chinese_locale,
    )

    # Opening the Chinese page opens the translation editor, with the PO download in it.
    chinese_edit = reverse("wagtailadmin_pages:edit", args=[chinese.pk])
    page = editor.get(chinese_edit).content.decode()
    download = reverse("wagtail_localize:download_pofile", args=[translation.pk])
    assert download in page

    # Out as a PO file, every text of the article waiting for its Chinese; back translated.
    po_text = editor.get(download).content.decode()
    msgids = {entry.msgid for entry in polib.pofile(po_text)}
    assert set(CHINESE) <= msgids
    response = upload(editor, translation, translate_po(po_text, CHINESE), chinese_edit)
    assert response.status_code == 302
    messages = [str(m).strip() for m in response.wsgi_request._messages]
    assert "Successfully imported translations from PO File." in messages

    # Publish from the translation editor: the Chinese article is live, in Chinese.
    # (wagtail-localize publishes once the transaction commits.)
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(chinese_edit, {"action": "publish"})
    assert response.status_code == 302
    chinese = NewsArticlePage.objects.get(pk=chinese.pk)
    assert chinese.live
    assert chinese.url.startswith("/zh/news/")
    reader = editor.__class__()
    soup = parse(reader.get(chinese.url))
    assert text(soup.select_one("main h1")) == "河北十个乡镇开通快递柜"
    assert text(soup.select_one("main .lead")) == "村民下班后也能取包裹了。"
    # The two versions are linked: the English page's language switch leads to this one.
    english_soup = parse(reader.get(english_article.url))
    assert english_soup.select_one(".language-switch a")["href"] == chinese.url

    # The English summary changes and is published; "Sync translated pages" is offered...
    english_article.summary = "Villagers can now collect parcels in the evening."
    with django_capture_on_commit_callbacks(execute=True):
        english_article.save_revision().publish()
    source = TranslationSource.objects.get_for_instance(english_article)
    sync = reverse("wagtail_localize:update_translations", args=[source.pk])
    assert sync in editor.get(english_edit).content.decode()
    # ...and brings the change over: the new text is the one left to translate.
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(sync, {})
    assert response.status_code == 302
    po = polib.pofile(editor.get(download).content.decode())
    untranslated = {entry.msgid for entry in po.untranslated_entries()}
    assert "Villagers can now collect parcels in the evening." in untranslated
    assert "Parcel lockers open in ten Hebei townships" not in untranslated
    # Readers still see the translator's published words until the Chinese is published again.
    soup = parse(reader.get(chinese.url))
    assert text(soup.select_one("main .lead")) == "村民下班后也能取包裹了。"
