"""The Chinese demo text (`home.demo_content_zh`) against the English (`home.demo_content`).

`load_demo_content` builds the zh-hans tree from the Chinese module as translations of the
English pages, pairing entries by name and position, so the two modules must have the same
shape: the same names, dict keys and list lengths, the same slugs, numbers and dates, and in
every place where the English has words a reader sees, Chinese. No database is needed.
"""

import datetime
import re

import pytest

from home import demo_content as en
from home import demo_content_zh as zh

ENGLISH_NAMES = [name for name in vars(en) if name.isupper()]

CJK = re.compile(r"[\u4e00-\u9fff]")
# Values that are codes rather than words: slugs and block types, numbers, e-mail addresses.
SLUG = re.compile(r"[a-z0-9_]+(?:[-/][a-z0-9_]+)*")
NUMBER = re.compile(r"[0-9][0-9 .×]*")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Chinese characters and full-width punctuation, between which Chinese puts no space.
HAN_OR_PUNCTUATION = r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”]"
THREE_ENGLISH_WORDS = re.compile(r"[A-Za-z]{2,}(?:[ ,'’-]+[A-Za-z]{2,}){2,}")


def leaves(english, chinese, path):
    """(path, English value, Chinese value) for every string, number, date and flag, after
    checking that the containers on the way have the same type, keys and length."""
    assert type(chinese) is type(english), path
    if isinstance(english, dict):
        assert list(chinese) == list(english), path
        for key in english:
            yield from leaves(english[key], chinese[key], (*path, key))
    elif isinstance(english, list | tuple):
        assert len(chinese) == len(english), path
        for index, (e, c) in enumerate(zip(english, chinese, strict=True)):
            yield from leaves(e, c, (*path, index))
    else:
        yield path, english, chinese


def all_leaves():
    for name in ENGLISH_NAMES:
        yield from leaves(getattr(en, name), getattr(zh, name), (name,))


def interned(value):
    """Whether Python keeps a single copy of this value, so that retyping it would still give
    the same object: flags, small integers and ASCII words (CPython interns those). Anything
    else retyped, a date or a string such as "8610 11185", is a second object."""
    return (
        isinstance(value, bool)
        or (isinstance(value, int) and -5 <= value <= 256)
        or (isinstance(value, str) and re.fullmatch(r"\w+", value, re.ASCII) is not None)
    )


def is_shared(path, english):
    """A string both languages show alike: a slug, number, address, image key or register
    number (the English footer's are already Chinese)."""
    return bool(
        SLUG.fullmatch(english)
        or NUMBER.fullmatch(english)
        or EMAIL.fullmatch(english)
        or path[-1] == "image"
        or CJK.search(english)
    )


def reader_strings():
    """(path, English, Chinese) for every string a reader sees."""
    return [
        (path, e, c)
        for path, e, c in all_leaves()
        if isinstance(e, str) and e and not is_shared(path, e)
    ]


def text_of(value):
    """All the strings inside a value, joined."""
    if isinstance(value, dict):
        return " ".join(text_of(v) for v in value.values())
    if isinstance(value, list | tuple):
        return " ".join(text_of(v) for v in value)
    return value if isinstance(value, str) else ""


def test_every_english_name_is_in_chinese_with_the_same_shape():
    """Same names, same dict keys in the same order, same list lengths, all the way down."""
    assert len(ENGLISH_NAMES) >= 16
    missing = [name for name in ENGLISH_NAMES if not hasattr(zh, name)]
    assert not missing
    assert len(list(all_leaves())) > 250


def test_slugs_numbers_and_dates_are_the_english_values_entered_once():
    """Every value that is not words (slug, date, number, flag, image key, register number) is
    the English module's own object, imported rather than typed again."""
    shared = [
        (path, e, c)
        for path, e, c in all_leaves()
        if not isinstance(e, str) or not e or is_shared(path, e)
    ]
    kinds = {type(e) for _, e, _ in shared}
    assert {str, int, bool, datetime.date} <= kinds
    for path, e, c in shared:
        assert c == e, path
        if not interned(e):
            assert c is e, path
    numbers = {c for path, _, c in shared if path[0] == "HOTLINES"}
    assert numbers == {number for _, number in en.HOTLINES}


def test_every_reader_visible_string_is_chinese_and_not_the_english():
    strings = reader_strings()
    assert len(strings) > 150
    for path, e, c in strings:
        assert c.strip(), path
        assert CJK.search(c), (path, c)
        assert c != e, path
        assert not THREE_ENGLISH_WORDS.search(c), (path, c)


def test_the_chinese_strings_are_distinct_where_the_english_are():
    """No Chinese title or sentence repeated where the English has different ones (a sign of
    a text pasted into the wrong place)."""
    english = {}
    for _, e, c in reader_strings():
        english.setdefault(c, set()).add(e)
    repeated = {c: es for c, es in english.items() if len(es) > 1 and len(c) > 6}
    assert not repeated


def test_markup_is_the_english_markup():
    """The same HTML tags in the same order in every string that has markup, and paragraph
    and heading blocks as `home.demo_content`'s p() and h() make them."""
    with_markup = [(path, e, c) for path, e, c in reader_strings() if "<" in e]
    assert len(with_markup) >= 10
    for path, e, c in with_markup:
        assert re.findall(r"</?\w+", c) == re.findall(r"</?\w+", e), path
    assert zh.p("邮政", "储蓄") == {"type": "paragraph", "value": "<p>邮政储蓄</p>"}
    assert list(zh.p("邮政")) == list(en.p("post"))
    assert zh.h("标题") == en.h("标题")


def test_chinese_runs_on_without_spaces():
    """Chinese puts no space between sentences or words: none left over from joining parts."""
    between_han = re.compile(f"{HAN_OR_PUNCTUATION} +{HAN_OR_PUNCTUATION}")
    for path, _, c in reader_strings():
        assert not between_han.search(c), (path, c)


def test_dates_in_the_text_read_the_chinese_way():
    assert zh.zh_date(datetime.date(2021, 6, 10)) == "2021年6月10日"
    body = text_of(zh.STAMP_ARTICLE["body"])
    assert zh.zh_date(en.STAMP_ARTICLE["date"]) in body
    for path, _, c in reader_strings():
        assert not re.search(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}/\d{4}", c), path


def test_the_seed_article_gives_the_seed_facts_in_chinese():
    """The counts of the English table, the branches the English names, and the words the
    Chinese search is tested with (issue 14: 邮政, 农村振兴, 储蓄)."""
    table = next(b for b in en.SEED_ARTICLE["body"] if b["type"] == "table")["value"]
    text = text_of(zh.SEED_ARTICLE)
    counts = [row[1] for row in table["data"][1:]]
    for count in [*counts, str(sum(map(int, counts[2:]))), "13"]:
        assert re.search(rf"(?<!\d){count}个|(?<!\d){count}项", text), count
    english = text_of(en.SEED_ARTICLE)
    for place, han in {
        "Hebei": "河北",
        "Henan": "河南",
        "Pinggu": "平谷",
        "Fangshan": "房山",
    }.items():
        assert place in english
        assert han in text
    for word in ("邮政", "农村振兴", "储蓄", "乡村振兴"):
        assert word in text, word
    assert zh.SEED_ARTICLE["title"] == zh.SEED_ARTICLE_TITLE


@pytest.mark.parametrize("name", ["SEED_ARTICLE", "STAMP_ARTICLE"])
def test_articles_name_their_source_in_chinese(name):
    english, chinese = getattr(en, name), getattr(zh, name)
    assert zh.SOURCES.index(chinese["source"]) == en.SOURCES.index(english["source"])


def test_more_articles_pair_with_the_english_by_position():
    """Same date and source (by its place in SOURCES) at each position, and the English slug
    for each, since a Chinese title makes no slug."""
    for english, chinese in zip(en.MORE_ARTICLES, zh.MORE_ARTICLES, strict=True):
        assert chinese[1] is english[1]
        assert zh.SOURCES.index(chinese[2]) == en.SOURCES.index(english[2])
    slugs = zh.MORE_ARTICLE_SLUGS
    assert len(slugs) == len(set(slugs)) == len(en.MORE_ARTICLES)
    assert all(re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug) for slug in slugs)
    assert en.SEED_ARTICLE["slug"] not in slugs
    issue_slugs = zh.STAMP_ISSUE_SLUGS
    assert len(issue_slugs) == len(set(issue_slugs)) == len(en.STAMP_ISSUES)
    for slug, (number, *_) in zip(issue_slugs, zh.STAMP_ISSUES, strict=True):
        assert slug.startswith(number + "-")


def test_page_titles_are_unique():
    titles = [
        *(title for _, title, *_ in zh.CONTENT_PAGES),
        zh.SEED_ARTICLE["title"],
        zh.STAMP_ARTICLE["title"],
        *(title for title, *_ in zh.MORE_ARTICLES),
        zh.CONTACTS_PAGE["title"],
        zh.STAMP_CATALOGUE["title"],
        *(title for _, title, *_ in zh.STAMP_ISSUES),
        zh.NEWS_INDEX["title"],
        zh.SITEMAP["title"],
        zh.STAMP_YEAR_TITLE,
    ]
    assert len(titles) == len(set(titles))
    assert all(CJK.search(title) for title in titles)


def test_the_pages_the_command_titles_in_its_own_code():
    """The news index, sitemap and stamp year are titled inside `load_demo_content`; their
    Chinese is here, for the pages the English navigation and footer link to."""
    assert zh.NEWS_INDEX["slug"] in en.NAVIGATION
    assert zh.SITEMAP["slug"] in en.FOOTER_LINKS
    stamp_year = next(path for _, path in (e for e in en.NAVIGATION if isinstance(e, tuple)))
    assert zh.STAMP_YEAR_TITLE.startswith(stamp_year.rsplit("/", 1)[1])
    for value in (zh.NEWS_INDEX["title"], zh.NEWS_INDEX["intro"], zh.SITEMAP["title"]):
        assert CJK.search(value)
    assert re.findall(r"</?\w+", zh.NEWS_INDEX["intro"]) == ["<p", "</p"]
    alt = zh.STAMP_ALT_TEXT.format(name="红灯笼", value="1.20")
    assert "红灯笼" in alt
    assert "1.20元" in alt
