"""Pictures for the demo content, drawn here in code: each demo article and each stamp gets its
own picture that fits its story (a delivery van in the fields, a bank van with coins, a sorting
hub, an ox...). The drawing is deterministic: the same title always gives the same bytes."""

import io
import math

from PIL import Image, ImageDraw, ImageFont

GREEN = (0, 105, 60)
DARK_GREEN = (0, 80, 46)
YELLOW = (255, 194, 14)
RED = (196, 30, 36)
WHITE = (255, 255, 255)
CREAM = (250, 246, 232)
SKY = (150, 205, 235)
NIGHT = (20, 32, 70)
GREY = (120, 120, 120)
BROWN = (150, 95, 45)
FIELD = (110, 170, 70)


def _sky_and_ground(draw, width, height, sky=SKY, ground=FIELD, horizon=0.62):
    draw.rectangle([0, 0, width, height], fill=sky)
    draw.rectangle([0, int(height * horizon), width, height], fill=ground)
    return int(height * horizon)


def _sun(draw, x, y, r=70, fill=YELLOW):
    draw.ellipse([x - r, y - r, x + r, y + r], fill=fill)


def _envelope(draw, x, y, w, h, paper=WHITE, line=RED, width=8):
    draw.rectangle([x, y, x + w, y + h], fill=paper, outline=line, width=width)
    draw.line([(x, y), (x + w // 2, y + h * 3 // 5), (x + w, y)], fill=line, width=width)


def _parcel(draw, x, y, w, h, fill=(205, 160, 100), tape=(170, 120, 60)):
    draw.rectangle([x, y, x + w, y + h], fill=fill, outline=tape, width=4)
    draw.rectangle([x + w // 2 - w // 12, y, x + w // 2 + w // 12, y + h], fill=tape)


def _van(draw, x, y, scale=1.0, body=GREEN, badge="envelope"):
    """A delivery van facing right, its wheels' bottom at y."""

    def s(v):
        return int(v * scale)

    draw.rounded_rectangle([x, y - s(260), x + s(420), y - s(50)], radius=s(20), fill=body)
    draw.polygon(
        [
            (x + s(420), y - s(200)),
            (x + s(520), y - s(200)),
            (x + s(580), y - s(110)),
            (x + s(580), y - s(50)),
            (x + s(420), y - s(50)),
        ],
        fill=body,
    )
    draw.polygon(
        [
            (x + s(440), y - s(185)),
            (x + s(510), y - s(185)),
            (x + s(555), y - s(120)),
            (x + s(440), y - s(120)),
        ],
        fill=(200, 230, 245),
    )
    draw.rectangle([x, y - s(95), x + s(580), y - s(75)], fill=YELLOW)
    for wx in (x + s(110), x + s(460)):
        draw.ellipse([wx - s(55), y - s(110), wx + s(55), y], fill=(40, 40, 40))
        draw.ellipse([wx - s(22), y - s(77), wx + s(22), y - s(33)], fill=(190, 190, 190))
    if badge == "envelope":
        _envelope(draw, x + s(120), y - s(225), s(170), s(105), line=YELLOW, width=s(8))
    elif badge == "coin":
        draw.ellipse([x + s(140), y - s(240), x + s(280), y - s(100)], fill=YELLOW)
        draw.text(
            (x + s(210), y - s(170)),
            "¥",
            fill=body,
            anchor="mm",
            font=ImageFont.load_default(size=s(100)),
        )


def _hills(draw, width, base, colours=((80, 150, 60), (60, 130, 50))):
    for i, colour in enumerate(colours):
        offset = i * 260
        points = [(0, base)]
        for x in range(0, width + 200, 200):
            points.append((x, base - 90 - 60 * math.sin((x + offset) / 230)))
        points.append((width, base))
        draw.polygon(points, fill=colour)


def _rural_delivery(draw, w, h):
    ground = _sky_and_ground(draw, w, h)
    _sun(draw, 1320, 170, 90)
    _hills(draw, w, ground)
    # Rows of crops towards the horizon, and the road the van drives on.
    for i in range(9):
        y = ground + 20 + i * 34
        draw.line([(0, y), (w, y)], fill=(90, 150, 55), width=8)
    draw.polygon([(0, h - 150), (w, h - 230), (w, h - 90), (0, h)], fill=(170, 160, 140))
    _van(draw, 520, h - 110, 1.2)
    # A village house on the left.
    draw.rectangle([120, ground - 150, 360, ground + 30], fill=CREAM)
    draw.polygon([(90, ground - 150), (240, ground - 260), (390, ground - 150)], fill=RED)
    draw.rectangle([210, ground - 70, 270, ground + 30], fill=BROWN)


def _ox_stamps(draw, w, h):
    draw.rectangle([0, 0, w, h], fill=RED)
    for x in range(-h, w, 140):
        draw.line([(x, 0), (x + h, h)], fill=(176, 24, 30), width=30)
    for i, (x, ink) in enumerate(((330, (178, 34, 34)), (870, (120, 50, 20)))):
        y = 150
        draw.rectangle([x - 16, y - 16, x + 416, y + 616], fill=WHITE)
        for px in range(x, x + 401, 25):
            draw.ellipse([px - 7, y - 23, px + 7, y - 9], fill=RED)
            draw.ellipse([px - 7, y + 609, px + 7, y + 623], fill=RED)
        draw.rectangle([x + 20, y + 20, x + 380, y + 580], fill=ink)
        _ox(draw, x + 200, y + 280, 1.0 - 0.25 * i, YELLOW)
        draw.text(
            (x + 360, y + 560),
            "1.20",
            fill=YELLOW,
            anchor="rd",
            font=ImageFont.load_default(size=54),
        )


def _ox(draw, cx, cy, scale, colour):
    """An ox's head from the front: horns, face, ears and a nose ring."""

    def s(v):
        return int(v * scale)

    draw.arc(
        [cx - s(170), cy - s(200), cx + s(170), cy + s(20)], 190, 350, fill=colour, width=s(26)
    )
    draw.ellipse([cx - s(170), cy - s(70), cx - s(80), cy - s(20)], fill=colour)
    draw.ellipse([cx + s(80), cy - s(70), cx + s(170), cy - s(20)], fill=colour)
    draw.rounded_rectangle(
        [cx - s(90), cy - s(90), cx + s(90), cy + s(150)], radius=s(60), fill=colour
    )
    draw.ellipse([cx - s(70), cy + s(80), cx + s(70), cy + s(170)], fill=CREAM)
    draw.ellipse([cx - s(45), cy - s(30), cx - s(20), cy - s(5)], fill=(40, 20, 10))
    draw.ellipse([cx + s(20), cy - s(30), cx + s(45), cy - s(5)], fill=(40, 20, 10))
    draw.arc([cx - s(30), cy + s(130), cx + s(30), cy + s(200)], 0, 180, fill=YELLOW, width=s(8))


def _parcel_lockers(draw, w, h):
    ground = _sky_and_ground(draw, w, h, ground=(200, 195, 185), horizon=0.8)
    # The township post office behind, the locker bank in front of it.
    draw.rectangle([100, 200, 700, ground], fill=CREAM)
    draw.rectangle([100, 160, 700, 220], fill=GREEN)
    draw.rectangle([330, ground - 200, 470, ground], fill=(90, 140, 180))
    draw.rectangle([820, 150, 1500, ground], fill=GREEN)
    for row in range(4):
        for col in range(5):
            x, y = 850 + col * 128, 180 + row * 135
            draw.rectangle(
                [x, y, x + 112, y + 118], fill=(225, 235, 228), outline=DARK_GREEN, width=4
            )
            draw.rectangle([x + 86, y + 50, x + 98, y + 70], fill=GREY)
    draw.rectangle([1110, 720 - 180, 1210, 720 - 110], fill=(30, 30, 30))
    _parcel(draw, 1360, ground - 110, 130, 110)
    _sun(draw, 1450, 100, 50)


def _savings_van(draw, w, h):
    ground = _sky_and_ground(draw, w, h, sky=(190, 225, 210))
    _hills(draw, w, ground, ((150, 190, 90), (120, 175, 80)))
    # A market-day awning and stacks of coins beside the bank van.
    draw.polygon([(1050, 380), (1500, 380), (1540, 460), (1010, 460)], fill=YELLOW)
    for i in range(6):
        draw.rectangle([1010 + i * 88, 460, 1054 + i * 88, 490], fill=RED)
    draw.rectangle([1040, 490, 1050, ground + 120], fill=GREY)
    draw.rectangle([1490, 490, 1500, ground + 120], fill=GREY)
    for stack, (x, n) in enumerate(((1150, 5), (1270, 8), (1390, 11))):
        for i in range(n):
            y = ground + 150 - i * 24
            draw.ellipse(
                [x - 50, y - 14, x + 50, y + 14], fill=YELLOW, outline=(200, 150, 0), width=3
            )
        del stack
    _van(draw, 200, h - 80, 1.3, body=GREEN, badge="coin")


def _overnight_routes(draw, w, h):
    draw.rectangle([0, 0, w, h], fill=NIGHT)
    for i in range(60):
        x, y = (i * 397) % w, (i * 151) % (h // 2)
        draw.ellipse([x, y, x + 4, y + 4], fill=WHITE)
    draw.ellipse([1300, 80, 1420, 200], fill=CREAM)
    draw.ellipse([1330, 70, 1450, 190], fill=NIGHT)
    # Cities joined by a dashed route; a plane above, a truck on the road.
    cities = [(180, 520), (560, 430), (960, 500), (1380, 400)]
    for (x1, y1), (x2, y2) in zip(cities, cities[1:], strict=False):
        for t in range(0, 20, 2):
            a, b = t / 20, (t + 1) / 20
            draw.line(
                [
                    (x1 + (x2 - x1) * a, y1 + (y2 - y1) * a),
                    (x1 + (x2 - x1) * b, y1 + (y2 - y1) * b),
                ],
                fill=YELLOW,
                width=8,
            )
    for x, y in cities:
        draw.ellipse([x - 22, y - 22, x + 22, y + 22], fill=YELLOW)
    px, py = 760, 230
    draw.polygon(
        [(px - 160, py), (px + 160, py - 20), (px + 190, py), (px + 160, py + 20)], fill=WHITE
    )
    draw.polygon(
        [(px - 20, py), (px + 60, py - 120), (px + 100, py - 120), (px + 60, py)], fill=WHITE
    )
    draw.polygon(
        [(px - 20, py), (px + 60, py + 110), (px + 100, py + 110), (px + 60, py)], fill=WHITE
    )
    draw.polygon(
        [(px - 160, py), (px - 190, py - 70), (px - 150, py - 70), (px - 110, py)], fill=WHITE
    )
    draw.rectangle([0, 700, w, h], fill=(50, 50, 60))
    for x in range(0, w, 160):
        draw.rectangle([x, 790, x + 80, 802], fill=YELLOW)
    draw.rectangle([900, 560, 1300, 740], fill=(0, 90, 160))
    draw.text((1100, 650), "EMS", fill=WHITE, anchor="mm", font=ImageFont.load_default(size=90))
    draw.rectangle([1300, 610, 1420, 740], fill=(0, 70, 130))
    for wx in (980, 1220, 1370):
        draw.ellipse([wx - 40, 700, wx + 40, 780], fill=(20, 20, 20))


def _mountain_route(draw, w, h):
    draw.rectangle([0, 0, w, h], fill=(200, 225, 240))
    draw.polygon([(0, h), (380, 180), (760, h)], fill=(110, 130, 150))
    draw.polygon([(300, 290), (380, 180), (460, 290)], fill=WHITE)
    draw.polygon([(500, h), (980, 120), (1460, h)], fill=(90, 115, 135))
    draw.polygon([(880, 240), (980, 120), (1080, 240)], fill=WHITE)
    draw.polygon([(1100, h), (1400, 330), (1700, h)], fill=(120, 140, 160))
    draw.polygon([(0, h), (0, 700), (w, 620), (w, h)], fill=(80, 140, 70))
    path = [(230, h), (560, 760), (820, 700), (1000, 560), (1150, 500)]
    draw.line(path, fill=(220, 200, 160), width=34, joint="curve")
    # The postman with his green bag, walking up.
    x, y = 640, 690
    draw.ellipse([x - 26, y - 190, x + 26, y - 138], fill=(230, 190, 150))
    draw.rectangle([x - 34, y - 200, x + 34, y - 180], fill=GREEN)
    draw.rounded_rectangle([x - 40, y - 140, x + 40, y - 40], radius=16, fill=GREEN)
    draw.line([(x - 20, y - 40), (x - 40, y + 20)], fill=DARK_GREEN, width=22)
    draw.line([(x + 20, y - 40), (x + 50, y + 15)], fill=DARK_GREEN, width=22)
    draw.rectangle([x + 35, y - 110, x + 105, y - 50], fill=YELLOW)
    draw.line([(x - 30, y - 135), (x + 70, y - 110)], fill=BROWN, width=8)
    # The village he is going to.
    for i, vx in enumerate((1120, 1220)):
        draw.rectangle([vx, 460 - i * 20, vx + 80, 520 - i * 20], fill=CREAM)
        draw.polygon(
            [(vx - 10, 460 - i * 20), (vx + 40, 420 - i * 20), (vx + 90, 460 - i * 20)], fill=RED
        )


def _green_packaging(draw, w, h):
    draw.rectangle([0, 0, w, h], fill=(225, 240, 220))
    # A reusable box with a leaf, and circling arrows around it.
    cx, cy = 800, 470
    for a in (0, 120, 240):
        draw.arc([cx - 330, cy - 330, cx + 330, cy + 330], a + 10, a + 100, fill=GREEN, width=40)
        tip = math.radians(a + 100)
        tx, ty = cx + 330 * math.cos(tip), cy + 330 * math.sin(tip)
        nx, ny = -math.sin(tip), math.cos(tip)
        draw.polygon(
            [
                (tx + nx * 60, ty + ny * 60),
                (tx - 45 * math.cos(tip), ty - 45 * math.sin(tip)),
                (tx + 45 * math.cos(tip), ty + 45 * math.sin(tip)),
            ],
            fill=GREEN,
        )
    draw.polygon(
        [(cx - 190, cy - 60), (cx, cy - 140), (cx + 190, cy - 60), (cx, cy + 20)],
        fill=(220, 180, 120),
    )
    draw.polygon(
        [(cx - 190, cy - 60), (cx, cy + 20), (cx, cy + 220), (cx - 190, cy + 130)],
        fill=(195, 150, 95),
    )
    draw.polygon(
        [(cx + 190, cy - 60), (cx, cy + 20), (cx, cy + 220), (cx + 190, cy + 130)],
        fill=(175, 130, 80),
    )
    draw.ellipse([cx + 20, cy + 30, cx + 160, cy + 120], fill=(60, 160, 70))
    draw.line([(cx + 30, cy + 110), (cx + 150, cy + 40)], fill=DARK_GREEN, width=6)


def _life_cover(draw, w, h):
    ground = _sky_and_ground(draw, w, h, sky=(255, 236, 200), ground=(150, 195, 100), horizon=0.75)
    # An umbrella over a family's house: cover for rural households.
    cx = 800
    draw.pieslice([cx - 420, 90, cx + 420, 690], 180, 360, fill=GREEN)
    for i in range(1, 6):
        x = cx - 420 + i * 140
        draw.arc([x - 70, 350, x + 70, 430], 180, 360, fill=(255, 236, 200), width=14)
    draw.line([(cx, 90), (cx, 390)], fill=DARK_GREEN, width=12)
    draw.rectangle([cx - 200, 470, cx + 200, ground + 20], fill=CREAM)
    draw.polygon([(cx - 240, 470), (cx, 390), (cx + 240, 470)], fill=RED)
    draw.rectangle([cx - 40, 560, cx + 40, ground + 20], fill=BROWN)
    draw.rectangle([cx - 160, 510, cx - 80, 580], fill=SKY)
    draw.rectangle([cx + 80, 510, cx + 160, 580], fill=SKY)
    for x, size in ((300, 1.0), (380, 0.7), (1240, 1.0)):
        hgt = int(170 * size)
        draw.ellipse([x - 22, ground - hgt - 44, x + 22, ground - hgt], fill=(120, 80, 50))
        draw.rounded_rectangle(
            [x - 30, ground - hgt, x + 30, ground], radius=12, fill=(40, 90, 160)
        )


def _produce_online(draw, w, h):
    draw.rectangle([0, 0, w, h], fill=(255, 244, 225))
    draw.rectangle([0, 640, w, h], fill=(190, 150, 100))
    # Crates of oranges and greens on the counter, a phone showing the shop.
    for cx, fruit in ((330, (245, 140, 30)), (720, (120, 180, 60))):
        draw.rectangle(
            [cx - 180, 520, cx + 180, 700], fill=(170, 110, 60), outline=(120, 75, 35), width=6
        )
        for row in range(2):
            for col in range(5):
                x, y = cx - 140 + col * 70, 470 + row * 45
                draw.ellipse([x - 32, y - 32, x + 32, y + 32], fill=fruit)
    draw.rounded_rectangle([1050, 130, 1400, 780], radius=40, fill=(30, 30, 30))
    draw.rectangle([1080, 200, 1370, 700], fill=WHITE)
    for i in range(3):
        y = 220 + i * 160
        draw.rectangle([1100, y, 1220, y + 120], fill=((245, 140, 30), (120, 180, 60), RED)[i])
        draw.rectangle([1240, y + 20, 1350, y + 40], fill=GREY)
        draw.rounded_rectangle([1240, y + 70, 1330, y + 110], radius=10, fill=GREEN)
    _parcel(draw, 860, 560, 150, 110)


def _sorting_centre(draw, w, h):
    draw.rectangle([0, 0, w, h], fill=(225, 230, 235))
    # A conveyor in perspective, parcels on it, chutes branching off.
    draw.rectangle([0, 0, w, 120], fill=(150, 160, 170))
    for x in range(0, w, 200):
        draw.rectangle([x + 60, 20, x + 140, 100], fill=(240, 245, 200))
    draw.polygon([(0, 560), (w, 470), (w, 570), (0, 700)], fill=(60, 60, 70))
    for i in range(17):
        x = i * 100
        draw.line([(x, 560 - x * 0.056), (x, 700 - x * 0.08)], fill=(100, 100, 110), width=4)
    for i, x in enumerate(range(100, 1500, 230)):
        size = 120 - i * 6
        top = 560 - x * 0.056 - size + 20
        _parcel(draw, x, int(top), size + 30, size)
    for x in (300, 800, 1300):
        draw.polygon(
            [(x, 700 - x * 0.08), (x + 130, 700 - x * 0.08), (x + 200, h), (x - 60, h)],
            fill=(170, 175, 185),
        )
    draw.rectangle([1200, 180, 1520, 360], fill=GREEN)
    draw.polygon([(1300, 230), (1440, 270), (1300, 310)], fill=YELLOW)
    draw.rectangle([1240, 250, 1300, 290], fill=YELLOW)


def _letters_future(draw, w, h):
    draw.rectangle([0, 0, w, h], fill=(235, 245, 255))
    # An envelope, a pencil and a clock: a letter to be opened in ten years.
    _envelope(draw, 200, 300, 640, 400, paper=CREAM, line=GREEN, width=12)
    for i in range(3):
        draw.line(
            [(280, 560 + i * 40), (560 + i * 60, 560 + i * 40)], fill=(110, 110, 140), width=10
        )
    draw.rectangle([700, 340, 790, 450], fill=RED)
    cx, cy, r = 1200, 420, 230
    draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=WHITE, outline=GREEN, width=22)
    for i in range(12):
        a = math.radians(i * 30)
        draw.line(
            [
                (cx + math.cos(a) * (r - 50), cy + math.sin(a) * (r - 50)),
                (cx + math.cos(a) * (r - 25), cy + math.sin(a) * (r - 25)),
            ],
            fill=GREEN,
            width=10,
        )
    draw.line([(cx, cy), (cx, cy - 150)], fill=(40, 40, 40), width=16)
    draw.line([(cx, cy), (cx + 110, cy + 60)], fill=(40, 40, 40), width=16)
    draw.polygon([(250, 820), (900, 720), (915, 760), (265, 860)], fill=YELLOW)
    draw.polygon([(900, 720), (980, 728), (915, 760)], fill=(230, 190, 150))


def _spring_festival(draw, w, h):
    draw.rectangle([0, 0, w, h], fill=(150, 20, 28))
    for i in range(40):
        x, y = (i * 173) % w, (i * 97) % h
        draw.ellipse([x, y, x + 10, y + 10], fill=(255, 230, 230))
    # Lanterns above, gift parcels and a postal bag below.
    for x in (250, 620, 980, 1350):
        draw.line([(x, 0), (x, 90)], fill=YELLOW, width=6)
        draw.ellipse([x - 110, 90, x + 110, 290], fill=RED, outline=YELLOW, width=6)
        draw.rectangle([x - 50, 80, x + 50, 100], fill=YELLOW)
        draw.rectangle([x - 50, 280, x + 50, 300], fill=YELLOW)
        for t in range(-30, 31, 15):
            draw.line([(x + t, 300), (x + t, 370)], fill=YELLOW, width=4)
    for x, size, colour in (
        (300, 200, YELLOW),
        (560, 150, (230, 60, 60)),
        (1080, 180, (255, 160, 40)),
    ):
        draw.rectangle([x, 800 - size, x + size, 800], fill=colour)
        draw.rectangle(
            [x + size // 2 - 12, 800 - size, x + size // 2 + 12, 800],
            fill=RED if colour != RED else YELLOW,
        )
    draw.rounded_rectangle([760, 520, 1000, 800], radius=50, fill=GREEN)
    _envelope(draw, 820, 600, 120, 80, line=YELLOW, width=6)


def _cross_border(draw, w, h):
    draw.rectangle([0, 0, w, h], fill=(220, 235, 250))
    cx, cy, r = 560, 450, 320
    draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=(70, 140, 200))
    for blob in (
        (-160, -120, 120, 90),
        (40, -200, 150, 110),
        (-40, 60, 110, 150),
        (150, 40, 90, 70),
    ):
        bx, by, bw, bh = blob
        draw.ellipse([cx + bx - bw, cy + by - bh, cx + bx + bw, cy + by + bh], fill=(110, 180, 90))
    for k in range(-2, 3):
        draw.arc(
            [cx - r + abs(k) * 0 - 60 * k * k, cy - r, cx + r + 60 * k * k, cy + r],
            0,
            360,
            fill=(200, 225, 245),
            width=4,
        )
        draw.line([(cx - r, cy + k * 110), (cx + r, cy + k * 110)], fill=(200, 225, 245), width=4)
    draw.arc([cx - 450, cy - 420, cx + 750, cy + 300], 200, 330, fill=YELLOW, width=18)
    _parcel(draw, 1050, 330, 300, 230)
    draw.rectangle([1080, 360, 1200, 420], fill=WHITE)
    draw.polygon(
        [(1300, 640), (1500, 640), (1500, 600), (1560, 670), (1500, 740), (1500, 700), (1300, 700)],
        fill=GREEN,
    )


def _record_volumes(draw, w, h):
    draw.rectangle([0, 0, w, h], fill=(245, 248, 245))
    draw.line([(180, 780), (1450, 780)], fill=(60, 60, 60), width=8)
    draw.line([(180, 780), (180, 120)], fill=(60, 60, 60), width=8)
    # Bars that rise year by year, each topped with a parcel; the last one in the group's green.
    for i, value in enumerate((180, 250, 330, 420, 540)):
        x = 270 + i * 230
        draw.rectangle([x, 780 - value, x + 150, 776], fill=GREEN if i == 4 else (150, 190, 170))
        _parcel(draw, x + 25, 780 - value - 100, 100, 90)
    draw.line([(345, 560), (575, 490), (805, 410), (1035, 320), (1265, 200)], fill=RED, width=12)
    draw.polygon([(1265, 200), (1210, 205), (1250, 250)], fill=RED)


def _envelope_picture(draw, w, h, caption):
    """A postal-green picture with an envelope and a caption, for any other title."""
    draw.rectangle([0, 0, w, h], fill=GREEN)
    for x in range(-h, w, 120):
        draw.polygon([(x, 0), (x + 60, 0), (x + 60 + h, h), (x + h, h)], fill=(0, 92, 52))
    ex, ey, ew, eh = w // 2 - 260, h // 2 - 230, 520, 320
    _envelope(draw, ex, ey, ew, eh, paper=(250, 250, 245), line=YELLOW, width=10)
    font = ImageFont.load_default(size=64)
    box = draw.textbbox((0, 0), caption, font=font)
    draw.text(((w - (box[2] - box[0])) // 2, ey + eh + 60), caption, font=font, fill="white")


# Picture title: the scene drawn for it. The titles are the demo content's (demo_content.py).
SCENES = {
    "Rural delivery": _rural_delivery,
    "Year of the Ox stamps": _ox_stamps,
    "Parcel lockers": _parcel_lockers,
    "Mobile bank van": _savings_van,
    "Overnight routes": _overnight_routes,
    "Mountain route": _mountain_route,
    "Green packaging": _green_packaging,
    "Cover for rural families": _life_cover,
    "Produce sold online": _produce_online,
    "Sorting centre": _sorting_centre,
    "Letters to the future": _letters_future,
    "Spring Festival deliveries": _spring_festival,
    "Cross-border parcels": _cross_border,
    "Record parcel volumes": _record_volumes,
}


def draw_picture(caption, size=(1600, 900)):
    """The picture for a demo title, as JPEG bytes: its own scene, or an envelope and the
    caption for a title without one. The scenes are drawn on a 1600 × 900 canvas and scaled."""
    picture = Image.new("RGB", (1600, 900), GREEN)
    draw = ImageDraw.Draw(picture)
    scene = SCENES.get(caption)
    if scene is None:
        _envelope_picture(draw, 1600, 900, caption)
    else:
        scene(draw, 1600, 900)
    if size != (1600, 900):
        picture = picture.resize(size, Image.Resampling.LANCZOS)
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


def _stamp_motif(draw, name, index, cx, cy, ink, light, box):
    """The picture in a stamp's panel, chosen from the words of its name; `index` varies it."""
    left, top, right, bottom = box
    word = name.lower()
    if "ox" in word.split() or "oxen" in word:
        if "family" in word:
            _ox(draw, cx - 90, cy + 10, 0.5, light)
            _ox(draw, cx + 90, cy + 10, 0.5, light)
            _ox(draw, cx, cy + 70, 0.35, WHITE)
        else:
            _ox(draw, cx, cy - 10, 0.85, light)
    elif "lantern" in word:
        for dx in (-90, 90) if "riddles" in word else (0,):
            x = cx + dx
            draw.line([(x, cy - 190), (x, cy - 130)], fill=light, width=6)
            draw.ellipse([x - 90, cy - 130, x + 90, cy + 60], fill=RED, outline=light, width=6)
            draw.rectangle([x - 40, cy + 55, x + 40, cy + 70], fill=light)
            for t in range(-20, 21, 10):
                draw.line([(x + t, cy + 70), (x + t, cy + 130)], fill=light, width=3)
        if "riddles" in word:
            draw.rectangle([cx - 30, cy + 90, cx + 30, cy + 170], fill=WHITE)
    elif "dumpling" in word:
        draw.ellipse([cx - 170, cy - 20, cx + 170, cy + 150], fill=light)
        draw.ellipse([cx - 150, cy - 10, cx + 150, cy + 110], fill=ink)
        for dx, dy in ((-70, 40), (0, 20), (70, 40), (-35, 70), (35, 70)):
            draw.ellipse([cx + dx - 38, cy + dy - 38, cx + dx + 38, cy + dy + 38], fill=WHITE)
        draw.line([(cx + 60, cy - 160), (cx + 170, cy - 20)], fill=light, width=10)
    elif "bridge" in word:
        draw.rectangle([left, cy + 60, right, cy + 200], fill=(120, 170, 220))
        if "arch" in word:
            draw.arc([cx - 200, cy - 120, cx + 200, cy + 280], 180, 360, fill=light, width=26)
            draw.line([(left, cy - 20), (right, cy - 20)], fill=light, width=14)
        elif "corridor" in word:
            draw.rectangle([cx - 210, cy - 20, cx + 210, cy + 10], fill=light)
            draw.polygon([(cx - 230, cy - 100), (cx, cy - 170), (cx + 230, cy - 100)], fill=light)
            for x in range(cx - 200, cx + 201, 80):
                draw.line([(x, cy - 100), (x, cy - 20)], fill=light, width=10)
            for x in (cx - 150, cx + 150):
                draw.rectangle([x - 15, cy + 10, x + 15, cy + 80], fill=light)
        elif "zigzag" in word:
            draw.line(
                [
                    (left + 20, cy + 20),
                    (cx - 100, cy - 60),
                    (cx, cy + 40),
                    (cx + 100, cy - 60),
                    (right - 20, cy + 20),
                ],
                fill=light,
                width=26,
            )
        else:  # chain
            draw.rectangle([cx - 170, cy - 160, cx - 140, cy + 60], fill=light)
            draw.rectangle([cx + 140, cy - 160, cx + 170, cy + 60], fill=light)
            draw.arc([cx - 155, cy - 200, cx + 155, cy + 40], 20, 160, fill=light, width=10)
            draw.line([(left, cy + 30), (right, cy + 30)], fill=light, width=14)
    elif "tea" in word or "leaves" in word:
        if "cup" in word:
            draw.chord([cx - 140, cy - 100, cx + 140, cy + 140], 0, 180, fill=light)
            draw.ellipse([cx - 190, cy + 100, cx + 190, cy + 150], fill=light)
            for dx in (-50, 0, 50):
                draw.arc(
                    [cx + dx - 20, cy - 160, cx + dx + 20, cy - 40], 90, 270, fill=WHITE, width=6
                )
        else:
            for i in range(5):
                a = math.radians(-150 + i * 30)
                x, y = cx + math.cos(a) * 120, cy + 60 + math.sin(a) * 120
                draw.ellipse([x - 45, y - 25, x + 45, y + 25], fill=light)
            draw.line([(cx, cy + 60), (cx, cy + 180)], fill=light, width=10)
    elif "panda" in word:
        if "climbing" in word:
            draw.rectangle([cx + 60, cy - 200, cx + 100, cy + 200], fill=(150, 200, 120))
        else:
            for x in (cx - 150, cx + 150):
                draw.line([(x, cy - 200), (x + 20, cy + 200)], fill=(150, 200, 120), width=18)
        draw.ellipse([cx - 110, cy - 40, cx + 110, cy + 170], fill=WHITE)
        draw.ellipse([cx - 90, cy - 160, cx + 90, cy + 10], fill=WHITE)
        for dx in (-80, 80):
            draw.ellipse([cx + dx - 35, cy - 185, cx + dx + 35, cy - 115], fill=(20, 20, 20))
        for dx in (-40, 40):
            draw.ellipse([cx + dx - 25, cy - 110, cx + dx + 25, cy - 60], fill=(20, 20, 20))
        draw.ellipse([cx - 110, cy + 20, cx - 50, cy + 120], fill=(20, 20, 20))
        draw.ellipse([cx + 50, cy + 20, cx + 110, cy + 120], fill=(20, 20, 20))
    elif "mountain" in word:
        draw.polygon([(left, cy + 180), (cx - 60, cy - 170), (cx + 120, cy + 180)], fill=light)
        draw.polygon([(cx - 40, cy + 180), (cx + 110, cy - 80), (right, cy + 180)], fill=WHITE)
        draw.line(
            [(cx - 200, cy + 170), (cx - 40, cy + 60), (cx + 40, cy + 100), (cx + 120, cy - 10)],
            fill=ink,
            width=10,
        )
    elif "river" in word:
        for row in range(4):
            y = cy + row * 50
            for x in range(left, right, 80):
                draw.arc([x, y, x + 80, y + 50], 180, 360, fill=light, width=8)
        draw.polygon(
            [(cx - 160, cy - 20), (cx + 160, cy - 20), (cx + 110, cy + 30), (cx - 110, cy + 30)],
            fill=light,
        )
        draw.line([(cx, cy - 20), (cx, cy - 180)], fill=light, width=8)
        draw.polygon([(cx, cy - 180), (cx + 110, cy - 40), (cx, cy - 40)], fill=WHITE)
    elif "letterbox" in word:
        draw.rounded_rectangle([cx - 100, cy - 170, cx + 100, cy + 160], radius=60, fill=GREEN)
        draw.rectangle([cx - 70, cy - 90, cx + 70, cy - 70], fill=(20, 20, 20))
        draw.rectangle([cx - 30, cy + 160, cx + 30, cy + 200], fill=GREEN)
        _envelope(draw, cx - 60, cy - 20, 120, 80, line=YELLOW, width=6)
    elif any(bird in word for bird in ("crane", "goose", "swan")):
        body = WHITE if "swan" in word or "crane" in word else (165, 135, 100)
        if "swan" in word:  # swimming, its neck curved, on water
            draw.rectangle([left, cy + 80, right, cy + 240], fill=(120, 170, 220))
            draw.ellipse([cx - 170, cy - 10, cx + 110, cy + 130], fill=body)
            draw.arc([cx + 40, cy - 190, cx + 200, cy + 60], 180, 300, fill=body, width=26)
            draw.ellipse([cx + 20, cy - 110, cx + 80, cy - 60], fill=body)
            draw.polygon([(cx + 20, cy - 90), (cx - 40, cy - 70), (cx + 20, cy - 70)], fill=YELLOW)
            return
        draw.ellipse([cx - 130, cy - 10, cx + 110, cy + 110], fill=body)
        draw.line([(cx + 80, cy + 20), (cx + 130, cy - 150)], fill=body, width=24)
        draw.ellipse([cx + 105, cy - 185, cx + 165, cy - 135], fill=body)
        if "crane" in word:
            draw.ellipse([cx + 120, cy - 190, cx + 150, cy - 165], fill=RED)
            draw.line([(cx - 20, cy + 100), (cx - 40, cy + 220)], fill=(20, 20, 20), width=8)
            draw.line([(cx + 20, cy + 100), (cx + 30, cy + 220)], fill=(20, 20, 20), width=8)
        draw.polygon(
            [(cx + 160, cy - 165), (cx + 215, cy - 150), (cx + 160, cy - 145)], fill=YELLOW
        )
        draw.polygon(
            [(cx - 120, cy + 20), (cx - 200, cy - 60), (cx - 20, cy + 10)],
            fill=ink if body == WHITE else WHITE,
        )
    elif "lattice" in word:
        if "plum" in word:
            for a in range(0, 360, 72):
                dx, dy = math.cos(math.radians(a)) * 70, math.sin(math.radians(a)) * 70
                draw.ellipse(
                    [cx + dx - 60, cy + dy - 60, cx + dx + 60, cy + dy + 60],
                    outline=light,
                    width=10,
                )
        elif "cloud" in word:
            for r in range(60, 200, 45):
                draw.arc([cx - r, cy - r, cx + r, cy + r], 180, 450, fill=light, width=10)
        elif "coin" in word:
            for dx in (-110, 0, 110):
                for dy in (-110, 0, 110):
                    draw.ellipse(
                        [cx + dx - 60, cy + dy - 60, cx + dx + 60, cy + dy + 60],
                        outline=light,
                        width=10,
                    )
                    draw.rectangle(
                        [cx + dx - 18, cy + dy - 18, cx + dx + 18, cy + dy + 18],
                        outline=light,
                        width=8,
                    )
        else:  # ice-crack
            points = [
                (cx - 180, cy - 180),
                (cx + 40, cy - 60),
                (cx - 60, cy + 80),
                (cx + 180, cy + 180),
            ]
            draw.line(points, fill=light, width=10)
            for x, y in points[1:3]:
                draw.line([(x, y), (x + 160, y - 120)], fill=light, width=8)
                draw.line([(x, y), (x - 170, y + 60)], fill=light, width=8)
        draw.rectangle([cx - 200, cy - 200, cx + 200, cy + 200], outline=light, width=12)
    else:  # anything else: a sun with rays
        for angle in range(0, 360, 20):
            dx, dy = math.cos(math.radians(angle)), math.sin(math.radians(angle))
            draw.line(
                [(cx + dx * 90, cy + dy * 90), (cx + dx * 170, cy + dy * 170)], fill=light, width=8
            )
        draw.ellipse([cx - 80, cy - 80, cx + 80, cy + 80], fill=light)
    del index


def draw_stamp(name, value, number, index, size=(600, 720)):
    """A postage stamp drawn in code, as PNG bytes: a perforated white border, an ink panel with
    a picture that fits the stamp's name (an ox, lanterns, a bridge, a panda, a crane...), the
    name, its face value and the issue number. `index` chooses the inks, so that neighbours in
    a set differ in colour as well as in picture."""
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
    cx, cy = width // 2, top + (bottom - top) * 2 // 5 + 20
    _stamp_motif(draw, name, index, cx, cy, ink, light, (left, top, right, bottom))
    small, large = ImageFont.load_default(size=30), ImageFont.load_default(size=56)
    draw.text((left + 20, top + 16), "CHINA", font=small, fill=light)
    draw.text((right - 20, top + 16), number, font=small, fill=light, anchor="ra")
    draw.text((right - 20, bottom - 20), value, font=large, fill=light, anchor="rd")
    draw.text((left + 20, bottom - 90), name[:28], font=small, fill=(255, 255, 255), anchor="ld")
    buffer = io.BytesIO()
    # zlib's default level: 8% larger than optimize=True and four times faster to write, which
    # counts where every browser test builds the demo site again.
    picture.save(buffer, "PNG")
    return buffer.getvalue()
