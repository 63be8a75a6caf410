"""How a query is answered, on PostgreSQL and on SQLite alike:

1. The candidates: the newest `CANDIDATES` entries that match every word and belong to a page
   the caller's scope allows, read in date order. The scope decides what may be found; the
   index only says what matches. A `Scope` is a queryset (live, public, of this type...:
   each candidate's page is probed in it) or sections of the tree (a site's search, an API
   search with no other filter: the entry's own copy of its page's tree path says).
   PostgreSQL reads a year at a time, newest first, and stops at the bound: within a year it
   walks the date index and checks each entry's vector when a word is common, or reads the
   GIN index of (year, vector) and sorts when it is not, so even a word in one entry of
   eight reads about a thousand rows, not every entry that holds it.
2. Ranked: ts_rank (PostgreSQL) or bm25 (SQLite), title before summary before body, over the
   candidates only, so a word that every one of 100,000 articles holds costs what a word of
   300 articles does. Or, with `sort="date"`, the candidates as read, newest first.
3. One page of results is loaded through the scope's queryset (its `pages`), in
   that order, and its snippets highlighted by the database (ts_headline, FTS5 highlight and
   snippet).

Counts up to `CANDIDATES` are exact; beyond it a result says it has more (`capped`)."""

import datetime
from operator import itemgetter

from django.db import connection, transaction
from django.db.models import F, OuterRef, Subquery
from django.db.models.expressions import RawSQL
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.safestring import mark_safe

from wagtail.models import Page
from wagtail.search import index

from ..wagtail_patches import all_restrictions
from .models import SearchEntry
from .text import START, STOP, ZWSP, plain, query_words

# Thirty pages of ten results: more than readers page through, few enough to rank in a
# millisecond. Each is a row read and ranked, and PostgreSQL reads a year's matches at a time:
# at 1,000, a word one article in eight holds read 1,331 rows at 100,000 articles and was
# 1.5-2.1 times slower than at 100; at 300 it reads 330. A count past it shows as "more than".
CANDIDATES = 300
SORTS = ("relevance", "date")
OPERATORS = ("and", "or")
# Page fields whose text counts as the summary (weight B); other search fields are the body.
SUMMARY_FIELDS = ("summary", "intro")
DATE_FIELDS = ("date", "date_of_issue")
# bm25 weights of the FTS5 columns title, summary and body (PostgreSQL: A 1.0, B 0.4, C 0.2).
FTS_WEIGHTS = "10.0, 4.0, 1.0"
HEADLINE = f"StartSel={START}, StopSel={STOP}"
SUMMARY_HEADLINE = f"{HEADLINE}, HighlightAll=true"
BODY_HEADLINE = f'{HEADLINE}, MaxFragments=2, MaxWords=24, MinWords=12, FragmentDelimiter=" … "'
# The window of a long body that its headline is made from (PostgreSQL): characters before
# the first match, and in all. Two fragments of 24 words fit.
BODY_LEAD, BODY_WINDOW = 160, 600
# What is cut from either edge of a window: a word that may be a part of one (words end at
# spaces or, in Chinese, at the zero-width spaces between them).
CUT_LEAD, CUT_TAIL = r"^[^\s\u200b]*[\s\u200b]", r"[\s\u200b][^\s\u200b]*$"


# Indexing ------------------------------------------------------------------------------------


def _flatten(value):
    if isinstance(value, list | tuple):
        return " ".join(_flatten(item) for item in value)
    if isinstance(value, dict):
        return " ".join(_flatten(item) for item in value.values())
    return "" if value is None else str(value)


def _date(page):
    for name in DATE_FIELDS:
        value = getattr(page, name, None)
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
    moment = page.last_published_at or page.first_published_at
    return moment.date() if moment else datetime.date.today()


def _related_text(page, field):
    related = getattr(page, field.field_name, None)
    objects = related.all() if hasattr(related, "all") else [related] if related else []
    return [
        plain(_flatten(sub.get_value(obj)))
        for obj in objects
        for sub in field.fields
        if isinstance(sub, index.SearchField)
    ]


def entry_for(page):
    """The index entry of a page (its specific instance) as readers see it now."""
    summary, body = [], []
    for field in page.get_search_fields():
        if isinstance(field, index.SearchField) and field.field_name != "title":
            text = plain(_flatten(field.get_value(page)))
            (summary if field.field_name in SUMMARY_FIELDS else body).append(text)
        elif isinstance(field, index.RelatedFields):  # e.g. a stamp issue's stamps' names
            body.extend(_related_text(page, field))
    if not any(summary) and page.search_description:
        summary = [plain(page.search_description)]
    return SearchEntry(
        page_id=page.pk,
        path=page.path,
        title=plain(page.title),
        summary=" ".join(t for t in summary if t),
        body=" ".join(t for t in body if t),
        date=_date(page),
    )


ENTRY_FIELDS = ("path", "title", "summary", "body", "date")


def index_page(page):
    """Indexes a live page's current content, writing only what changed: Wagtail saves a page
    on every move and publish, and rewriting unchanged text would have the database parse it
    into the index again."""
    entry = entry_for(page.specific)
    now = {f: getattr(entry, f) for f in ENTRY_FIELDS}
    stored = SearchEntry.objects.filter(page_id=entry.page_id).values(*ENTRY_FIELDS).first()
    if stored is None:
        SearchEntry.objects.update_or_create(page_id=entry.page_id, defaults=now)
        return
    changed = {f: value for f, value in now.items() if stored[f] != value}
    if changed:
        SearchEntry.objects.filter(page_id=entry.page_id).update(**changed)


# Saves that change none of these leave readers' text as it was (a draft's save_revision
# writes only the draft title and revision fields).
ALWAYS_RELEVANT = {"title", "live", "search_description", "first_published_at", *DATE_FIELDS}


def on_page_saved(sender, instance, update_fields=None, raw=False, **kwargs):
    """After any save of a page: its entry from the page's row as stored, which holds the
    live content (a draft's lives in its revision), or no entry when it is not live."""
    if raw or not isinstance(instance, Page):
        return
    if update_fields is not None:
        relevant = ALWAYS_RELEVANT | {f.field_name for f in instance.get_search_fields()}
        if not relevant & set(update_fields):
            return
    if not instance.live:
        SearchEntry.objects.filter(page_id=instance.pk).delete()
        return
    stored = Page.objects.filter(pk=instance.pk, live=True).first()
    if stored is None:
        SearchEntry.objects.filter(page_id=instance.pk).delete()
    else:
        index_page(stored)


def on_published(sender, instance, **kwargs):
    """After publishing, once the page's child objects (a stamp issue's stamps) are saved too:
    its post_save came before them."""
    if isinstance(instance, Page):
        index_page(instance)


def on_unpublished(sender, instance, **kwargs):
    SearchEntry.objects.filter(page_id=instance.pk).delete()


def on_moved(sender, instance, parent_page_after=None, **kwargs):
    """After a move, every entry under the page's new parent whose path is no longer its
    page's takes the page's: the move rewrote the paths of the moved subtree and, when it
    put the page before other children (menu ordering does), treebeard shifted theirs too,
    saving none of them. Paths changed by other means (`fixtree`) need `rebuild()`."""
    parent = parent_page_after if parent_page_after is not None else instance.get_parent()
    stale = SearchEntry.objects.filter(page__path__startswith=parent.path).exclude(
        path=F("page__path")
    )
    stale.update(path=Subquery(Page.objects.filter(pk=OuterRef("page_id")).values("path")))


@transaction.atomic
def rebuild(batch=500):
    """Indexes every live page afresh; returns how many."""
    SearchEntry.objects.all().delete()
    entries = []
    done = 0
    pages = Page.objects.live().filter(depth__gt=1).specific().order_by("path")
    for page in pages.iterator(chunk_size=batch):
        entries.append(entry_for(page))
        if len(entries) == batch:
            SearchEntry.objects.bulk_create(entries)
            done, entries = done + len(entries), []
    SearchEntry.objects.bulk_create(entries)
    return done + len(entries)


# Searching -----------------------------------------------------------------------------------


# The commonest of PostgreSQL's English stop words, which its `english` configuration leaves
# out of queries and headlines: left out of SQLite's queries too, so that "Year of the Ox"
# finds and highlights the same words on both.
STOP_WORDS = frozenset({
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "has", "have", "in",
    "into", "is", "it", "its", "of", "on", "or", "that", "the", "their", "this", "to", "was",
    "were", "will", "with",
})  # fmt: skip


def _match(words, operator):
    """(SQL, params) of the match condition on the entry `e` (and the FTS table `f`)."""
    if connection.vendor == "postgresql":
        tsquery = _tsquery(words, operator)
        return f"e.vector @@ {tsquery[0]}", tsquery[1]
    words = [w for w in words if w.lower() not in STOP_WORDS] or words
    quoted = [f'"{w}"' for w in words]  # words are \w+: no quote to escape
    return "headless_search_fts MATCH %s", [(" OR " if operator == "or" else " ").join(quoted)]


def _tsquery(words, operator):
    if operator == "or":
        either = " || ".join(["plainto_tsquery('english', %s)"] * len(words))
        return f"({either})", list(words)
    return "plainto_tsquery('english', %s)", [" ".join(words)]


class Scope:
    """What a search may find: a condition (SQL and its params) on the index entry `e`, and
    the same pages as a queryset (`pages`), through which results are loaded, so a page never
    shows unless the page table agrees. Functions here take a Scope or a queryset."""

    def __init__(self, condition, params, pages):
        self.condition, self.params, self.pages = condition, params, pages

    @classmethod
    def of(cls, scope):
        return scope if isinstance(scope, Scope) else cls.probe(scope)

    @classmethod
    def probe(cls, queryset):
        """Any queryset of pages (live, of this type, ...): each candidate's page is probed in
        it as it is read."""
        visible, params = queryset.order_by().values("pk").query.sql_with_params()
        if connection.vendor == "postgresql":
            # Written as a join, the planner may hash every visible page once per year
            # instead (at 10,000 articles it read all of them six times, 21 ms); OFFSET 0
            # keeps the probe a probe.
            sql = f"EXISTS (SELECT 1 FROM ({visible}) AS v(id) WHERE v.id = e.page_id OFFSET 0)"  # noqa: S608
        else:
            sql = f"e.page_id IN ({visible})"
        return cls(sql, list(params), queryset)

    @classmethod
    def tree(cls, roots, hidden, pages):
        """The live pages under one of `roots` (tree paths) and under none of `hidden` (the
        paths of the view restrictions the reader does not pass), checked on the entries
        themselves: each keeps its page's tree path (updated on moves), and probing each
        candidate's page was a third of a common word's query at 100,000 articles. `pages`
        must be the same set. Build one per content version."""
        # A restriction hides its page and the pages under it: all of a root if above it.
        hidden = [h for h in hidden if any(h.startswith(r) or r.startswith(h) for r in roots)]
        within = " OR ".join(["e.path LIKE %s"] * len(roots)) or "false"
        # Tree paths are digits and capitals: nothing in them for LIKE to read as a pattern.
        condition = " AND ".join([f"({within})", *["e.path NOT LIKE %s"] * len(hidden)])
        return cls(condition, [*(f"{r}%" for r in roots), *(f"{h}%" for h in hidden)], pages)

    @classmethod
    def public(cls, root=None):
        """The live, public pages under `root` (inclusive; None: the whole tree): what a
        site's search may find."""
        pages = Page.objects.live().public()
        if root is not None:
            pages = pages.descendant_of(root, inclusive=True)
        hidden = [r.page.path for r in all_restrictions()]
        return cls.tree([root.path if root is not None else ""], hidden, pages)


def ranked_ids(scope, words, sort="relevance", operator="and", limit=None):
    """The ids of up to `limit` (CANDIDATES + 1) pages that `scope` allows and that match
    `words`, in result order."""
    limit = CANDIDATES + 1 if limit is None else limit
    match, match_params = _match(words, operator)
    scope = Scope.of(scope)
    visible, visible_params = scope.condition, scope.params
    if connection.vendor == "postgresql":
        # A year at a time, newest first, until the bound is reached (migration 0002): each
        # year's matches come from the GIN index of (year, vector), or, for a word most
        # entries hold, from a walk of that year's newest entries. The rank is computed as
        # the rows are read, for the candidates only.
        tsquery, score_params = _tsquery(words, operator)
        ranked = sort != "date"
        score = f", ts_rank(e.vector, {tsquery}, 1) AS score" if ranked else ""
        newest = "(SELECT max(year) FROM headless_search_entry)"
        oldest = "(SELECT min(year) FROM headless_search_entry)"
        candidates = (
            f"SELECT c.* FROM generate_series({newest}, {oldest}, -1) AS y(year), "  # noqa: S608 (no input in the SQL)
            f"LATERAL (SELECT e.page_id, e.date{score} FROM headless_search_entry e "
            f"WHERE e.year = y.year AND {match} AND {visible} "
            "ORDER BY e.date DESC, e.page_id DESC LIMIT %s) c LIMIT %s"
        )
        params = [*(score_params if ranked else []), *match_params, *visible_params, limit, limit]
        best = "c.score DESC"
    else:
        candidates = (
            f"SELECT e.page_id, e.date, bm25(headless_search_fts, {FTS_WEIGHTS}) AS score "  # noqa: S608
            "FROM headless_search_fts f JOIN headless_search_entry e ON e.page_id = f.rowid "
            f"WHERE {match} AND {visible} "
            "ORDER BY e.date DESC, e.page_id DESC LIMIT %s"
        )
        params = [*match_params, *visible_params, limit]
        best = "c.score"  # bm25: lower is better
    newest_first = "c.date DESC, c.page_id DESC"
    order = newest_first if sort == "date" else f"{best}, {newest_first}"
    sql = f"SELECT c.page_id, c.date FROM ({candidates}) c ORDER BY {order}"  # noqa: S608 (no input in the SQL)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if len(rows) == limit and sort != "date":
        # The oldest candidate is past the bound and only says there are more: ranked last,
        # so that it is never shown.
        past = min(rows, key=itemgetter(1, 0))
        rows.remove(past)
        rows.append(past)
    return [row[0] for row in rows]


class Results:
    """The pages `scope` allows that match a query, in result order: a sequence that Django's
    and the API's paginators slice. Its length is exact up to CANDIDATES (`capped` past it);
    each slice is loaded through the scope's queryset (`load`), one page of pages at a
    time."""

    def __init__(self, scope, words, sort="relevance", operator="and"):
        self.scope = Scope.of(scope)
        self.words, self.sort, self.operator = words, sort, operator
        self.load = self.scope.pages

    @cached_property
    def ids(self):
        if not self.words:
            return []
        return ranked_ids(self.scope, self.words, self.sort, self.operator)

    @property
    def capped(self):
        return len(self.ids) > CANDIDATES

    def __len__(self):
        return min(len(self.ids), CANDIDATES)

    def count(self):
        return len(self)

    def __iter__(self):
        return iter(self[:])

    def __getitem__(self, item):
        if not isinstance(item, slice):
            return self[item : item + 1][0] if item >= 0 else self[len(self) + item]
        ids = self.ids[:CANDIDATES][item]
        if not ids:
            return []
        pages = {page.pk: page for page in self.load.filter(pk__in=ids)}
        return [pages[pk] for pk in ids if pk in pages]

    @property
    def ranked(self):
        """The same results as ids, for a caller that loads (or remembers) pages itself."""
        return _Ids(self)

    def snippets(self, pages):
        """{page id: highlighted snippet} for `pages` of these results."""
        return snippets([p.pk for p in pages], self.words, self.operator)


class _Ids:
    def __init__(self, results):
        self.results = results

    def __len__(self):
        return len(self.results)

    def count(self):
        return len(self.results)

    def __getitem__(self, item):
        return self.results.ids[:CANDIDATES][item]


def search(scope, query, sort="relevance", operator="and"):
    """The pages `scope` allows that match the reader's `query`
    (see Results)."""
    return Results(scope, query_words(query), sort=sort, operator=operator)


def matching(queryset, query, operator="and"):
    """`queryset` narrowed to every page that matches `query`, in its own order: for an API
    listing with `order`. Unbounded, so not ranked."""
    words = query_words(query)
    if not words:
        return queryset.none()
    match, params = _match(words, operator)
    source = "headless_search_entry e"
    if connection.vendor != "postgresql":
        source = "headless_search_fts f JOIN headless_search_entry e ON e.page_id = f.rowid"
    sql = f"SELECT e.page_id FROM {source} WHERE {match}"  # noqa: S608 (no input in the SQL)
    return queryset.filter(pk__in=RawSQL(sql, params))  # noqa: S611 (parameters bound)


def snippets(ids, words, operator="and"):
    """{page id: safe HTML} for each of `ids` whose summary or body holds a word of the
    query: the text escaped, the matched words in <mark>. Pages without one are left out."""
    if not ids or not words:
        return {}
    if connection.vendor == "postgresql":
        sql, params = _headline_sql(ids, words, operator)
    else:
        match, match_params = _match(words, operator)
        placeholders = ", ".join(["%s"] * len(ids))
        sql = (
            "SELECT rowid, highlight(headless_search_fts, 1, char(2), char(3)), "  # noqa: S608
            "snippet(headless_search_fts, 2, char(2), char(3), '…', 24), true "
            f"FROM headless_search_fts WHERE {match} AND rowid IN ({placeholders})"
        )
        params = [*match_params, *ids]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    found = {}
    for pk, summary, body, ellipsised in rows:
        if START in (summary or ""):
            found[pk] = _marked(summary)
        elif START in (body or ""):
            found[pk] = _marked(body if ellipsised else f"… {body} …")
    return found


def _headline_sql(ids, words, operator):
    """(SQL, params) of one headline per page of `ids` on PostgreSQL: of its summary, or
    else of its body."""
    placeholders = ", ".join(["%s"] * len(ids))
    # One headline per page: the body's only where the summary (weight B of the stored
    # vector) holds none of the words, since the summary's is shown when it has one. And
    # ts_headline parses all the text it is given, so a long body's is first made from a
    # window round the earliest query word found as written, a word cut at either edge
    # left out; where that shows no match (a stemmed form, a word inside another, both
    # words of an AND apart) it is made from the whole body after all.
    tsquery, tsparams = _tsquery(words, operator)
    either, either_params = _tsquery(words, "or")
    anchors = [w for w in words if w.lower() not in STOP_WORDS] or words
    found = ", ".join(["NULLIF(strpos(lower(e.body), lower(%s)), 0)"] * len(anchors))
    # w.start: where the window begins (before the body's first character when the
    # word is near it), NULL when no word is there as written.
    window = (
        "regexp_replace(substr(e.body, greatest(w.start, 1), %s), "
        "CASE WHEN w.start > 1 THEN %s ELSE '^$' END || '|' || "
        "CASE WHEN greatest(w.start, 1) + %s <= length(e.body) THEN %s ELSE '^$' END, "
        "'', 'g')"
    )
    # Each LATERAL ends in OFFSET 0 so that PostgreSQL computes it once a row instead of
    # inlining it at each use (the headline twice, 0.8 -> 3 ms for ten). A highlighted
    # word shows that a window holds one of several words asked for; when every word must
    # match, the window is parsed to ask whether it holds them all.
    whole, whole_params = "t.text IS NOT NULL", []
    if operator == "and" and len(words) > 1:
        whole, whole_params = f"to_tsvector('english', t.text) @@ {tsquery}", tsparams
    sql = (
        "SELECT e.page_id, "  # noqa: S608 (no input in the SQL)
        f"CASE WHEN b.in_summary THEN ts_headline('english', e.summary, {tsquery}, %s) END, "
        "CASE WHEN b.in_summary THEN NULL WHEN strpos(h.windowed, chr(2)) > 0 THEN h.windowed "
        f"ELSE ts_headline('english', e.body, {tsquery}, %s) END, "
        "false FROM headless_search_entry e, "
        f"LATERAL (SELECT ts_filter(e.vector, '{{b}}') @@ {either} AS in_summary OFFSET 0) b, "
        f"LATERAL (SELECT least({found}) - %s AS start OFFSET 0) w, "
        "LATERAL (SELECT CASE WHEN NOT b.in_summary AND w.start IS NOT NULL "
        f"AND length(e.body) > %s THEN {window} END AS text OFFSET 0) t, "
        f"LATERAL (SELECT CASE WHEN {whole} "
        f"THEN ts_headline('english', t.text, {tsquery}, %s) END AS windowed OFFSET 0) h "
        f"WHERE e.page_id IN ({placeholders})"
    )
    params = [
        *tsparams, SUMMARY_HEADLINE, *tsparams, BODY_HEADLINE,
        *either_params, *anchors, BODY_LEAD, BODY_WINDOW,
        BODY_WINDOW, CUT_LEAD, BODY_WINDOW, CUT_TAIL,
        *whole_params, *tsparams, BODY_HEADLINE, *ids,
    ]  # fmt: skip
    return sql, params


def _marked(text):
    """Snippet text from the database as safe HTML: everything escaped, then the markers the
    database put round matched words made <mark> elements."""
    escaped = escape(text.replace(ZWSP, ""))
    return mark_safe(escaped.replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S308 (escaped above)
