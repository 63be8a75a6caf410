"""`make screenshots`: docs/screenshots/ from the screenshots the browser tests saved.

test_page_types.py saves every kind of page at 375 and 1280 px, full length, as PNG in
test-artifacts/screenshots/ (about 16 MB). The documentation keeps a smaller copy of each
reader-facing kind: WebP, desktop pages at half size, each cut after its first screens, and
docs/screenshots.md, which shows them side by side.
"""

import sys
from pathlib import Path

from PIL import Image

from tests.reader_page_types import PAGE_TYPES

REPO = Path(__file__).resolve().parents[2]
SOURCE = REPO / "test-artifacts" / "screenshots"
TARGET = REPO / "docs" / "screenshots"
PAGE = REPO / "docs" / "screenshots.md"

ENGLISH = [
    ("home", "Home"),
    ("news-index", "News index"),
    ("article", "Article (the seed article)"),
    ("stamp-article", "Article with a stamp issue"),
    ("stamp-catalogue", "Stamp catalogue"),
    ("stamp-year", "Stamps of a year"),
    ("stamp-issue", "Stamp issue"),
    ("contacts", "Contacts"),
    ("content-page", "Content page"),
    ("search-results", "Search results"),
    ("not-found", "Page not found"),
]
CHINESE = [
    ("zh-home", "首页"),
    ("zh-news-index", "新闻"),
    ("zh-article", "新闻文章"),
    ("zh-contacts", "联系我们"),
]
# (width the test used, width kept, height kept in the kept width's pixels)
SIZES = {375: (375, 1600), 1280: (640, 900)}


def convert(name, width):
    source = SOURCE / f"{name}-{width}.png"
    if not source.is_file():
        sys.exit(f"{source} is missing: run `make test-browser` first")
    kept_width, kept_height = SIZES[width]
    image = Image.open(source).convert("RGB")
    image = image.resize((kept_width, round(image.height * kept_width / image.width)))
    image = image.crop((0, 0, kept_width, min(image.height, kept_height)))
    target = TARGET / f"{name}-{width}.webp"
    image.save(target, "WEBP", quality=72, method=6)
    return target.name


def main():
    TARGET.mkdir(parents=True, exist_ok=True)
    lines = [
        "# What readers see",
        "",
        "Every kind of page readers land on, on a phone (375 px) and a desktop (1280 px, shown",
        "at half size), each cut after its first screens. The browser tests take these",
        "(tests/browser/test_page_types.py); `make screenshots` runs them and remakes this page.",
        "",
    ]
    for heading, pages in (("English", ENGLISH), ("Chinese (中文)", CHINESE)):
        lines += [f"## {heading}", ""]
        for name, label in pages:
            phone, desktop = convert(name, 375), convert(name, 1280)
            lines += [
                f"### {label}: `{PAGE_TYPES[name]}`",
                "",
                f'<img src="screenshots/{phone}" width="375" alt="{label} on a phone"> '
                f'<img src="screenshots/{desktop}" width="640" alt="{label} on a desktop">',
                "",
            ]
    PAGE.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {PAGE.relative_to(REPO)} and {len(list(TARGET.glob('*.webp')))} pictures")


if __name__ == "__main__":
    main()
