"""Pictures for the demo content, drawn here so that the repository ships no binary files."""

import io
import math

from PIL import Image, ImageDraw, ImageFont

GREEN = (0, 105, 60)
YELLOW = (255, 194, 14)


def draw_picture(caption, size=(1600, 900)):
    """A postal-green picture with an envelope and a caption, as JPEG bytes."""
    width, height = size
    picture = Image.new("RGB", size, GREEN)
    draw = ImageDraw.Draw(picture)
    # Diagonal stripes like an airmail envelope's border.
    for x in range(-height, width, 120):
        draw.polygon(
            [(x, 0), (x + 60, 0), (x + 60 + height, height), (x + height, height)], fill=(0, 92, 52)
        )
    # An envelope in the middle.
    ex, ey, ew, eh = width // 2 - 260, height // 2 - 230, 520, 320
    draw.rectangle([ex, ey, ex + ew, ey + eh], fill=(250, 250, 245), outline=YELLOW, width=10)
    draw.line([(ex, ey), (ex + ew // 2, ey + eh // 2), (ex + ew, ey)], fill=YELLOW, width=10)
    font = ImageFont.load_default(size=64)
    box = draw.textbbox((0, 0), caption, font=font)
    draw.text(((width - (box[2] - box[0])) // 2, ey + eh + 60), caption, font=font, fill="white")
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


# Ink colours of the drawn stamps; each stamp of the demo catalogue gets its own pair and motif.
STAMP_INKS = [
    ((178, 34, 34), (255, 215, 0)),
    ((0, 105, 60), (250, 240, 200)),
    ((25, 70, 150), (235, 235, 255)),
    ((120, 50, 130), (255, 220, 240)),
    ((200, 90, 20), (255, 245, 220)),
    ((30, 110, 120), (220, 255, 250)),
    ((90, 60, 30), (245, 225, 190)),
    ((20, 20, 20), (230, 230, 230)),
]


def draw_stamp(name, value, number, index, size=(600, 720)):
    """A postage stamp drawn in code, as PNG bytes: a perforated white border, an ink panel
    with a motif chosen by `index` (sun, hills, waves, flower, rings, lattice), the stamp's
    name, its face value and the issue number. Each `index` gives a different picture."""
    width, height = size
    ink, light = STAMP_INKS[index % len(STAMP_INKS)]
    picture = Image.new("RGB", size, (255, 255, 255))
    draw = ImageDraw.Draw(picture)
    # Perforations: half circles cut out of every edge.
    step, radius = 30, 9
    for x in range(step // 2, width, step):
        draw.ellipse([x - radius, -radius, x + radius, radius], fill=(70, 70, 70))
        draw.ellipse([x - radius, height - radius, x + radius, height + radius], fill=(70, 70, 70))
    for y in range(step // 2, height, step):
        draw.ellipse([-radius, y - radius, radius, y + radius], fill=(70, 70, 70))
        draw.ellipse([width - radius, y - radius, width + radius, y + radius], fill=(70, 70, 70))
    left, top, right, bottom = 40, 40, width - 40, height - 40
    draw.rectangle([left, top, right, bottom], fill=ink)
    cx, cy = width // 2, top + (bottom - top) * 2 // 5
    motif = index % 6
    if motif == 0:  # sun with rays
        for angle in range(0, 360, 20):
            dx, dy = math.cos(math.radians(angle)), math.sin(math.radians(angle))
            draw.line(
                [(cx + dx * 90, cy + dy * 90), (cx + dx * 170, cy + dy * 170)], fill=light, width=8
            )
        draw.ellipse([cx - 80, cy - 80, cx + 80, cy + 80], fill=light)
    elif motif == 1:  # hills
        for shift, shade in ((0, light), (120, (255, 255, 255))):
            draw.polygon(
                [(left, cy + 150), (cx - 120 + shift, cy - 120 + shift // 2), (right, cy + 150)],
                fill=shade,
            )
    elif motif == 2:  # waves
        for row in range(5):
            y = cy - 120 + row * 55
            for x in range(left, right, 80):
                draw.arc([x, y, x + 80, y + 60], 180, 360, fill=light, width=8)
    elif motif == 3:  # flower
        for angle in range(0, 360, 60):
            dx, dy = math.cos(math.radians(angle)) * 80, math.sin(math.radians(angle)) * 80
            draw.ellipse([cx + dx - 60, cy + dy - 60, cx + dx + 60, cy + dy + 60], fill=light)
        draw.ellipse([cx - 40, cy - 40, cx + 40, cy + 40], fill=ink)
    elif motif == 4:  # rings
        for r in range(170, 20, -35):
            draw.ellipse([cx - r, cy - r, cx + r, cy + r], outline=light, width=10)
    else:  # lattice window
        for offset in range(-160, 161, 40):
            draw.line([(cx + offset, cy - 160), (cx + offset, cy + 160)], fill=light, width=6)
            draw.line([(cx - 160, cy + offset), (cx + 160, cy + offset)], fill=light, width=6)
    small, large = ImageFont.load_default(size=30), ImageFont.load_default(size=56)
    draw.text((left + 20, top + 16), "CHINA", font=small, fill=light)
    draw.text((right - 20, top + 16), number, font=small, fill=light, anchor="ra")
    draw.text((right - 20, bottom - 20), value, font=large, fill=light, anchor="rd")
    draw.text((left + 20, bottom - 90), name[:28], font=small, fill=(255, 255, 255), anchor="ld")
    buffer = io.BytesIO()
    picture.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()
