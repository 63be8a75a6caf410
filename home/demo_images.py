"""Pictures for the demo content, drawn here so that the repository ships no binary files."""

import io

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
