"""What is indexed and searched: plain text, with Chinese (and Japanese and Korean) split into
words, since neither PostgreSQL's parser nor SQLite's unicode61 tokenizer finds word boundaries
in text written without spaces.

rjieba cuts a run of Han characters into dictionary words; a long word is cut further into
the shorter dictionary words it is made of (中国邮政 into 中国 and 邮政), so that a reader
searching for 邮政 finds a page about 中国邮政集团. The words are joined by zero-width
spaces: both databases take one for a word boundary, and the text still displays as written,
so the same column is indexed, ranked and shown in a highlighted snippet. A query is cut the
same way."""

import html
import re

import rjieba

from django.utils.html import strip_tags

# Hiragana, katakana, CJK ideographs (with extension A and compatibility), Hangul syllables.
CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]+")
ZWSP = "\u200b"
# Snippets mark matches with these two control characters, which stored text never holds.
START, STOP = "\x02", "\x03"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b]")
_SPACES = re.compile(r"\s+")


def _tiles(run):
    """The words of a Han run, each word longer than two characters cut into the shorter
    words rjieba's search mode finds inside it, left to right (the shortest at each place)."""
    inside = {}
    for _word, start, end in rjieba.tokenize(run, mode="search"):
        inside.setdefault(start, []).append(end)
    pieces = []
    for word, start, end in rjieba.tokenize(run):
        position = start
        while position < end:
            stop = end
            if len(word) > 2:
                shorter = [
                    e for e in inside.get(position, ()) if e <= end and e - start < len(word)
                ]
                later = [p for p in inside if position < p < end]
                stop = min(shorter) if shorter else min(later, default=end)
            pieces.append(run[position:stop])
            position = stop
    return pieces


def segment(text):
    """`text` with every CJK run cut into words by zero-width spaces, and each run set apart
    from the letters and digits around it (邮政Post is two words)."""
    return CJK_RUN.sub(lambda m: ZWSP + ZWSP.join(_tiles(m.group())) + ZWSP, text)


def plain(value):
    """Stored HTML or text as one line of plain text, segmented: tags dropped, entities
    read, control characters (and so the snippet markers) removed."""
    text = html.unescape(strip_tags(str(value or "")))
    text = _CONTROL.sub(" ", text)
    return segment(_SPACES.sub(" ", text).strip())


def query_words(query):
    """The words of a reader's query, segmented as the index is. Quotes, operators and other
    punctuation are left out: FTS5 and tsquery each read some of them as syntax."""
    return re.findall(r"\w+", segment(_CONTROL.sub(" ", query or "")))
