"""The site's icons as PNG and ICO, drawn with Pillow from the same shapes as
home/static/home/icons/favicon.svg (an envelope on postal green crossed by a yellow wing).

`manage.py draw_icons` writes them into home/static/home/icons/; they are committed, small, so
that a clean clone serves them without a build step. tests/test_icons.py checks that the
committed files are what this module draws.
"""

import io
from pathlib import Path

from PIL import Image, ImageDraw

GREEN = (0, 105, 60, 255)
WHITE = (255, 255, 255, 255)
YELLOW = (255, 194, 14, 255)
ICON_DIR = Path(__file__).resolve().parent / "static" / "home" / "icons"
# Drawn this many times larger, then scaled down: Pillow's shapes have no anti-aliasing.
SUPERSAMPLE = 8


def _bezier(p0, p1, p2, p3, steps=48):
    points = []
    for i in range(steps + 1):
        t = i / steps
        u = 1 - t
        points.append(
            tuple(
                u**3 * a + 3 * u * u * t * b + 3 * u * t * t * c + t**3 * d
                for a, b, c, d in zip(p0, p1, p2, p3, strict=True)
            )
        )
    return points


def _thick_line(draw, points, width, fill):
    draw.line(points, fill=fill, width=round(width), joint="curve")
    radius = width / 2
    for x, y in (points[0], points[-1]):
        draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=fill)


def draw_mark(size, *, rounded=True, padding=0.0):
    """The mark as an RGBA image `size` pixels square. `rounded`: the green tile's rounded
    corners (else a full square, as the apple-touch and maskable icons want); `padding`: the
    share of the size left around the mark (the maskable icon's safe zone)."""
    big = size * SUPERSAMPLE
    picture = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(picture)
    if rounded:
        draw.rounded_rectangle([0, 0, big - 1, big - 1], radius=big * 14 / 64, fill=GREEN)
    else:
        draw.rectangle([0, 0, big, big], fill=GREEN)
    scale = big * (1 - 2 * padding) / 64
    offset = big * padding

    def at(x, y):
        return (offset + x * scale, offset + y * scale)

    draw.rectangle([*at(11, 19), *at(53, 46)], fill=WHITE)
    draw.line(
        [at(11, 19), at(32, 35), at(53, 19)], fill=GREEN, width=round(4 * scale), joint="curve"
    )
    wing = _bezier(at(5, 53), at(21, 50), at(38, 44), at(59, 32))
    _thick_line(draw, wing, 6 * scale, YELLOW)
    return picture.resize((size, size), Image.Resampling.LANCZOS)


def _png(image, *, opaque=False):
    if opaque:
        image = image.convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def icon_files():
    """{file name: bytes} of every icon besides favicon.svg."""
    ico = io.BytesIO()
    draw_mark(48).save(ico, "ICO", sizes=[(16, 16), (32, 32), (48, 48)])
    return {
        "favicon.ico": ico.getvalue(),
        "favicon-32.png": _png(draw_mark(32)),
        "apple-touch-icon.png": _png(draw_mark(180, rounded=False, padding=0.06), opaque=True),
        "icon-192.png": _png(draw_mark(192)),
        "icon-512.png": _png(draw_mark(512)),
        "icon-maskable-512.png": _png(draw_mark(512, rounded=False, padding=0.12), opaque=True),
    }
