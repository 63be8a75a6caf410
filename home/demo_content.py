"""The demo site's content: the seed page's facts (names, numbers, dates, labels), our own words."""

import datetime

SITE_NAME = "China Post"

HOTLINES = [
    ("Postal Business", "8610 11185"),
    ("Postal Savings", "8610 95580"),
    ("Logistics and EMS", "8610 11183"),
    ("China Post Life", "8610 4008909999"),
]

FOOTER = {
    "icp_number": "京ICP备15035540号",
    "public_security_number": "京公网安备110401400185号",
    "powered_by": "Powered by CHINA POST",
}
FOOTER_LINKS = ["about-us", "sitemap", "contact-us"]
# A home page child's slug, or (label, path below home) for a page deeper down.
NAVIGATION = ["postman-story", "postal-equipments", ("2021 Stamps", "stamps/2021"), "news"]

SOURCES = ["China Post News", "China Post"]


def p(*sentences):
    return {"type": "paragraph", "value": "<p>" + " ".join(sentences) + "</p>"}


def h(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level}}


HOME_INTRO = [
    p(
        "China Post Group serves every city, county and village in the country: letters and",
        "parcels, savings and insurance, logistics and EMS. Here you find our news, our stamp",
        "issues and the numbers to call.",
    )
]

# (slug, title, summary, in menus, body)
CONTENT_PAGES = [
    (
        "about-us",
        "About Us",
        "China Post Group runs the national postal network, a savings bank, logistics "
        "and insurance.",
        False,
        [
            p(
                "China Post Group Corporation Limited is the state-owned postal operator. Its",
                "branches deliver mail and parcels, run post offices in towns and villages, and",
                "offer banking through Postal Savings Bank of China (PSBC).",
            ),
            h("What we do"),
            p(
                "Postal business, postal savings, logistics and EMS, and life insurance each have",
                "their own hotline, listed at the top of every page.",
            ),
        ],
    ),
    (
        "postman-story",
        "Postman Story",
        "The people who carry the mail, in their own words and ours.",
        True,
        [
            p(
                "Behind every delivered letter is a postman or postwoman who knows the road. This",
                "section tells some of their stories: mountain routes, island crossings and the",
                "everyday work of keeping a village connected.",
            ),
        ],
    ),
    (
        "postal-equipments",
        "Postal Equipments",
        "From sorting centres to delivery bikes: the tools that move the mail.",
        True,
        [
            p(
                "Mail moves through sorting centres, trucks, trains and aircraft before it reaches",
                "a letterbox. Here we describe the equipment that makes each step faster and",
                "safer.",
            ),
        ],
    ),
]

SEED_ARTICLE_TITLE = "China Post Group commends model units for serving rural vitalization in 2020"

SEED_ARTICLE = {
    "slug": "china-post-group-commends-model-units-rural-vitalization-2020",
    "title": SEED_ARTICLE_TITLE,
    "date": datetime.date(2021, 6, 10),
    "source": "China Post News",
    "summary": (
        "Seven provincial postal branches, six first-grade PSBC branches and 67 county-level "
        "branches are named model units for their work in the countryside during 2020."
    ),
    "image": "Rural delivery",
    "image_alt": "A green postal van on a country road between fields and a village house",
    "body": [
        p(
            "China Post Group Corporation Limited (China Post Group) has published a circular",
            "naming its “Model Units for Serving Rural Vitalization in 2020”. The title goes to",
            "7 provincial postal branches, 6 first-grade branches of Postal Savings Bank of China",
            "(PSBC), 31 county-level postal branches and 36 county-level PSBC branches. Hebei",
            "Postal Branch, PSBC Henan Branch, Beijing Pinggu Postal Branch and PSBC Beijing",
            "Fangshan Branch are among them. The group wants their example to be seen and",
            "followed, so that the postal service does still more for the countryside.",
        ),
        {
            "type": "table",
            "value": {
                "first_row_is_table_header": True,
                "first_col_is_header": True,
                "table_caption": "Model units named for 2020",
                "data": [
                    ["Kind of unit", "Number"],
                    ["Provincial postal branches", "7"],
                    ["First-grade PSBC branches", "6"],
                    ["County-level postal branches", "31"],
                    ["County-level PSBC branches", "36"],
                ],
            },
        },
        h("A year of targets met"),
        p(
            "Through 2020 postal companies at every level followed the national strategy for",
            "rural vitalization and the group's own requirements for it, and met every goal set",
            "for the year. By the end of 2020 they had exceeded 13 indicators in five categories:",
            "thriving businesses, an eco-friendly environment, social etiquette and civility,",
            "effective governance, and a prosperous rural population. The gains made against",
            "poverty were kept and built on.",
        ),
        {
            "type": "image",
            "value": {
                "image": {
                    "image": "Rural delivery",
                    "decorative": False,
                    "alt_text": "A green postal van on a country road",
                },
                "caption": "Postal services reach villages across the country.",
                "credit": "China Post (illustration)",
            },
        },
        p(
            "In the countryside, public services became quicker and better, rural e-commerce",
            "found more ways to sell, financial services were strengthened and the rural",
            "logistics network began to pay off.",
        ),
        h("What comes next"),
        p(
            "The group asks the model units to live up to the honour, keep working and lead the",
            "way, carrying their rural work forward with fresh ideas. Postal companies everywhere",
            "are asked to learn from them, spread what worked, and tell more people about rural",
            "vitalization.",
        ),
    ],
}

STAMP_ARTICLE = {
    "slug": "year-of-the-ox-special-stamps",
    "title": "Special stamps for the Year of the Ox",
    "date": datetime.date(2021, 1, 5),
    "source": "China Post",
    "summary": "A set of two special stamps welcomes the Year of the Ox (Xin Chou year).",
    "image": "Year of the Ox stamps",
    "image_alt": "Two red stamps side by side, each showing an ox",
    "body": [
        p(
            "China Post marks the lunar new year with a set of two special stamps. The first",
            "shows a strong ox ready for the year's work; the second, a family of oxen at rest.",
        ),
        # The catalogue's issue 2021-1 (STAMP_ISSUES), by its number.
        {"type": "stamp_issue", "value": "2021-1"},
        p("The stamps are on sale at post offices across the country from the day of issue."),
    ],
}

# The picture of each shorter article, drawn by home.demo_images (SCENES): {article title:
# (picture title, its description, read out as the picture's alternative text)}.
MORE_ARTICLE_PICTURES = {
    "Parcel lockers arrive in more rural townships": (
        "Parcel lockers",
        "A bank of green parcel lockers beside a township post office",
    ),
    "Postal Savings opens mobile service points in farming counties": (
        "Mobile bank van",
        "A green bank van with a yuan coin on its side, beside a market stall and stacks of coins",
    ),
    "EMS adds overnight routes between provincial capitals": (
        "Overnight routes",
        "A plane and an EMS truck at night, with a route joining four cities",
    ),
    "Postmen honoured for service on mountain routes": (
        "Mountain route",
        "A postman with his bag on a path up the mountains to a village",
    ),
    "Green packaging trial cuts tape and filler": (
        "Green packaging",
        "A cardboard box with a leaf, inside circling arrows",
    ),
    "China Post Life extends cover for rural families": (
        "Cover for rural families",
        "A green umbrella over a family's house",
    ),
    "Village post offices sell local produce online": (
        "Produce sold online",
        "Crates of oranges and greens beside a phone showing an online shop",
    ),
    "Sorting centre in the north-west doubles its capacity": (
        "Sorting centre",
        "Parcels on a conveyor belt in a sorting centre",
    ),
    "Letters to the future: a writing day for pupils": (
        "Letters to the future",
        "A letter, a pencil and a clock",
    ),
    "Postal workers keep deliveries going over the Spring Festival": (
        "Spring Festival deliveries",
        "Red lanterns above gift parcels and a postal bag",
    ),
    "Cross-border parcels cleared faster at new exchange office": (
        "Cross-border parcels",
        "A globe with a route around it, a parcel and an arrow",
    ),
    "China Post reports record parcel volumes for 2020": (
        "Record parcel volumes",
        "A bar chart rising year by year, a parcel on each bar",
    ),
}

# Shorter articles, so that the news index has more than one page. (title, date, source, text)
MORE_ARTICLES = [
    (
        "Parcel lockers arrive in more rural townships",
        (2021, 6, 2),
        "China Post",
        "Self-service parcel lockers now stand beside township post offices, so villagers can "
        "collect online orders after working hours.",
    ),
    (
        "Postal Savings opens mobile service points in farming counties",
        (2021, 5, 26),
        "China Post News",
        "Vans equipped as small bank branches now visit market days in farming counties, bringing "
        "deposits, transfers and advice to people far from a town.",
    ),
    (
        "EMS adds overnight routes between provincial capitals",
        (2021, 5, 18),
        "China Post",
        "New night flights and trunk trucks let EMS deliver between more provincial capitals on "
        "the next day.",
    ),
    (
        "Postmen honoured for service on mountain routes",
        (2021, 5, 9),
        "China Post News",
        "Carriers who walk or ride long mountain routes to reach remote villages were thanked "
        "for years of steady work.",
    ),
    (
        "Green packaging trial cuts tape and filler",
        (2021, 4, 28),
        "China Post",
        "Sorting centres tested reusable boxes and narrower tape, cutting the packaging each "
        "parcel needs.",
    ),
    (
        "China Post Life extends cover for rural families",
        (2021, 4, 20),
        "China Post News",
        "New low-cost policies aim at households in the countryside who had little insurance "
        "before.",
    ),
    (
        "Village post offices sell local produce online",
        (2021, 4, 12),
        "China Post",
        "Post offices help farmers photograph, pack and list their produce, then ship the orders "
        "through the postal network.",
    ),
    (
        "Sorting centre in the north-west doubles its capacity",
        (2021, 3, 30),
        "China Post News",
        "A larger automated sorting line lets the centre handle twice as many parcels a day.",
    ),
    (
        "Letters to the future: a writing day for pupils",
        (2021, 3, 21),
        "China Post",
        "Schoolchildren wrote letters to themselves, to be delivered in ten years' time.",
    ),
    (
        "Postal workers keep deliveries going over the Spring Festival",
        (2021, 2, 17),
        "China Post News",
        "Many carriers worked through the holiday so that gifts and medicines arrived on time.",
    ),
    (
        "Cross-border parcels cleared faster at new exchange office",
        (2021, 1, 27),
        "China Post",
        "A new office of exchange speeds customs checks for parcels sent abroad.",
    ),
    (
        "China Post reports record parcel volumes for 2020",
        (2021, 1, 15),
        "China Post News",
        "Online shopping kept the network busy all year, and parcel volumes reached a new high.",
    ),
]

CONTACTS_PAGE = {
    "slug": "contact-us",
    "title": "Contact Us",
    "intro": "<p>Call the hotline for the service you need, or write to us.</p>",
    "address": ("China Post Group head office", "3 Financial Street\nXicheng District\nBeijing"),
    "email": ("Questions about this website", "english-site@example.com"),
    "hours": (
        "Opening hours",
        [
            ("Service hotlines", "Every day, around the clock"),
            ("Head office", "Monday to Friday, 08:30–17:30"),
        ],
    ),
}

# The stamp catalogue: the 2021 year. 2021-1's facts are the seed page's; the other issues, and
# every picture (drawn by home.demo_images.draw_stamp), are illustrative, and their pages say so.
STAMP_CATALOGUE = {
    "slug": "stamps",
    "title": "Stamps",
    "intro": "<p>Every special and commemorative stamp issue, year by year, with its stamps, "
    "face values, designer and printing.</p>",
}
STAMP_YEAR_INTRO = "<p>The stamp issues of 2021, in the order of their numbers.</p>"

# (number, title, date, summary, stamps as (name, face value in yuan), facts, story)
STAMP_ISSUES = [
    (
        "2021-1",
        "Xin Chou Year (Year of the Ox)",
        datetime.date(2021, 1, 5),
        "Two special stamps welcome the Year of the Ox: a strong ox ready for the year's work, "
        "and a family of oxen at rest.",
        [("Strong ox", "1.20"), ("Family of oxen", "1.20")],
        {
            "designer": "Han Meilin",
            "size": "36 × 36 mm",
            "perforation": "13 × 13",
            "sheet_composition": "16 stamps",
            "printer": "Beijing Postage Stamp Printing Bureau",
            "printing_process": "Offset",
        },
        "The ox stands for hard work and a good harvest in the year ahead.",
    ),
    (
        "2021-2",
        "Lantern Festival",
        datetime.date(2021, 2, 26),
        "Three stamps of lanterns, riddles and sweet dumplings for the year's first full moon.",
        [("Red lanterns", "1.20"), ("Lantern riddles", "1.20"), ("Sweet dumplings", "1.20")],
        {"designer": "An illustrative designer", "printing_process": "Offset",
         "size": "30 × 40 mm"},
        "Families hang lanterns and guess riddles on the fifteenth day of the first month.",
    ),
    (
        "2021-3",
        "Ancient Bridges",
        datetime.date(2021, 3, 20),
        "Four stone bridges that have carried travellers for centuries.",
        [("Arch bridge", "1.20"), ("Corridor bridge", "1.20"), ("Zigzag bridge", "1.50"),
         ("Chain bridge", "1.50")],
        {"designer": "An illustrative designer", "engraver": "An illustrative engraver",
         "printing_process": "Engraving and offset", "perforation": "12"},
        "Bridges joined villages across rivers long before roads reached them.",
    ),
    (
        "2021-4",
        "Tea Harvest",
        datetime.date(2021, 4, 20),
        "Spring picking, rolling and brewing of green tea, in two stamps.",
        [("Picking the leaves", "1.20"), ("A cup of spring tea", "3.00")],
        {"designer": "An illustrative designer", "printing_process": "Gravure"},
        "The first leaves of spring make the most prized tea of the year.",
    ),
    (
        "2021-5",
        "Giant Pandas",
        datetime.date(2021, 5, 19),
        "Pandas at play in the bamboo forest.",
        [("Panda climbing", "1.20"), ("Panda eating bamboo", "1.20")],
        {"designer": "An illustrative designer", "sheet_composition": "20 stamps"},
        "Pandas spend most of the day eating bamboo.",
    ),
    (
        "2021-6",
        "Rural Post Roads",
        datetime.date(2021, 6, 10),
        "The postmen and postwomen who carry the mail to every village.",
        [("Mountain route", "1.20"), ("River crossing", "1.20"), ("Village letterbox", "1.20")],
        {"designer": "An illustrative designer", "printing_process": "Offset",
         "quantity_printed": 8000000},
        "A stamp set that honours the rural delivery network.",
    ),
    (
        "2021-7",
        "Migratory Birds",
        datetime.date(2021, 7, 16),
        "Cranes, geese and swans on their long journeys.",
        [("Red-crowned crane", "1.20"), ("Swan goose", "1.20"), ("Whooper swan", "1.50")],
        {"designer": "An illustrative designer", "perforation": "13.5 × 13"},
        "Wetlands along the coast are resting places for birds that fly thousands of kilometres.",
    ),
    (
        "2021-8",
        "Lattice Windows",
        datetime.date(2021, 8, 8),
        "The carved wooden windows of old courtyard houses.",
        [("Plum lattice", "0.80"), ("Cloud lattice", "1.20"), ("Coin lattice", "1.20"),
         ("Ice-crack lattice", "2.00")],
        {"designer": "An illustrative designer", "printing_process": "Offset and embossing"},
        "Each pattern of a lattice window carries a wish for the household.",
    ),
]  # fmt: skip
