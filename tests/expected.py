"""What the demo site shows readers, written out by hand from the seed page.

Kept apart from `home/demo_content.py` on purpose: if the demo data drifts from the seed page's
facts, the tests fail instead of following along.
"""

SEED_ARTICLE_TITLE = "China Post Group commends model units for serving rural vitalization in 2020"
SEED_ARTICLE_URL = "/en/news/china-post-group-commends-model-units-rural-vitalization-2020/"
SEED_LEAD_IMAGE_ALT = "A green postal van on a country road between fields and a village house"
STAMP_ARTICLE_URL = "/en/news/year-of-the-ox-special-stamps/"

# As the header shows them: "Service: number", with the number's `tel:` link.
HEADER_HOTLINES = [
    ("Postal Business: 8610 11185", "tel:+861011185"),
    ("Postal Savings: 8610 95580", "tel:+861095580"),
    ("Logistics and EMS: 8610 11183", "tel:+861011183"),
    ("China Post Life: 8610 4008909999", "tel:+86104008909999"),
]

MAIN_NAVIGATION = [
    ("Postman Story", "/en/postman-story/"),
    ("Postal Equipments", "/en/postal-equipments/"),
    ("2021 Stamps", "/en/stamps/2021/"),
    ("News", "/en/news/"),
]

FOOTER_LINKS = [
    ("About Us", "/en/about-us/"),
    ("Sitemap", "/en/sitemap/"),
    ("Contact Us", "/en/contact-us/"),
]
FOOTER_REGISTER = "Register number: 京ICP备15035540号 京公网安备110401400185号"
FOOTER_POWERED_BY = "Powered by CHINA POST"

ARTICLE_COUNT = 14

# The stamp catalogue (/stamps/, one of the home page's seven children): the 2021 year page
# and its issues, 2021-1 to 2021-8.
STAMP_YEAR_URL = "/en/stamps/2021/"
STAMP_ISSUE_COUNT = 8
CATALOGUE_PAGES = 1 + STAMP_ISSUE_COUNT
# One drawn picture per stamp of those issues, in the image library beside the two pictures.
STAMP_PICTURE_COUNT = 23
# Every article has its own drawn picture: the seed article's, the stamp article's and one for
# each of the twelve shorter articles.
ARTICLE_PICTURE_COUNT = ARTICLE_COUNT
# The home page's section links: its children shown in menus.
HOME_SECTIONS = [
    ("Postman Story", "/en/postman-story/"),
    ("Postal Equipments", "/en/postal-equipments/"),
    ("Stamps", "/en/stamps/"),
    ("News", "/en/news/"),
]
