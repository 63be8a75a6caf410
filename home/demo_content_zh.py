"""The Chinese (zh-hans) demo site's text: `home.demo_content` in Simplified Chinese.

`load_demo_content` builds the zh-hans page tree from this module, each page as the translation
of its English counterpart. Every name of `home.demo_content` is here with the same structure:
the same dict keys, the same list lengths and order, so an entry pairs with the English entry in
the same place (MORE_ARTICLES, STAMP_ISSUES, HOTLINES and SOURCES pair by position). What is the
same in both languages (slugs, dates, hotline and register numbers, stamp numbers and face
values, image keys, the e-mail address) is taken from the English module, not typed again, so
it is entered once. Every string a reader sees is written here in Chinese, in our own words,
from the seed page's facts; dates in text read as 2021年6月10日 (`zh_date`).

Below the English names are a few the English module does not have because the command keeps
their English in its own code (the news index, the sitemap, the stamp year's title, the stamp
pictures' alt text), and the slugs of the pages whose English slug comes from the English title.
"""

from django.utils.text import slugify

from home import demo_content as en
from home.demo_content import h


def p(*parts):
    """A paragraph block, as `home.demo_content.p` makes it; Chinese runs on without spaces."""
    return {"type": "paragraph", "value": "<p>" + "".join(parts) + "</p>"}


def zh_date(date):
    """A date as Chinese readers write it: 2021年6月10日."""
    return f"{date.year}年{date.month}月{date.day}日"


SITE_NAME = "中国邮政"

_HOTLINE_LABELS = ["邮政业务", "邮政储蓄", "速递物流", "中邮人寿"]
HOTLINES = [
    (label, number) for label, (_, number) in zip(_HOTLINE_LABELS, en.HOTLINES, strict=True)
]

FOOTER = {
    "icp_number": en.FOOTER["icp_number"],
    "public_security_number": en.FOOTER["public_security_number"],
    "powered_by": "技术支持：中国邮政",
}
FOOTER_LINKS = list(en.FOOTER_LINKS)
# The English entries, with the one label the English gives in Chinese.
_NAVIGATION_LABELS = {"stamps/2021": "2021年邮票"}
NAVIGATION = [
    (_NAVIGATION_LABELS[entry[1]], entry[1]) if isinstance(entry, tuple) else entry
    for entry in en.NAVIGATION
]

# "China Post News" is the group's newspaper, 中国邮政报.
SOURCES = ["中国邮政报", "中国邮政"]
_SOURCE = dict(zip(en.SOURCES, SOURCES, strict=True))


HOME_INTRO = [
    p(
        "中国邮政集团的服务覆盖全国每一座城市、每一个县城和村庄：寄递信件和包裹，",
        "办理储蓄和保险，承接物流和速递业务。在这里，您可以看到我们的最新动态、",
        "邮票发行信息和各项业务的服务热线。",
    )
]

# (slug, title, summary, in menus, body), in the English order.
_CONTENT_PAGES = [
    (
        "关于我们",
        "中国邮政集团经营着全国的邮政网络，同时开展储蓄银行、物流和保险业务。",
        [
            p(
                "中国邮政集团有限公司是国有邮政企业。各地分支机构负责信件和包裹的投递，",
                "在城镇和乡村开设邮政营业网点，并通过中国邮政储蓄银行（邮储银行）提供金融服务。",
            ),
            h("我们的业务"),
            p(
                "邮政业务、邮政储蓄、速递物流和人寿保险各有一条服务热线，",
                "号码列在每个页面的顶部。",
            ),
        ],
    ),
    (
        "邮递员的故事",
        "走近投递一线的邮递员，听他们讲自己的故事，也听我们讲他们的故事。",
        [
            p(
                "每一封送达的信件背后，都有一位熟悉道路的邮递员。本栏目讲述他们的故事：",
                "翻山越岭的邮路，往返海岛的航程，还有让一个个村庄与外界保持联系的日常工作。",
            ),
        ],
    ),
    (
        "邮政装备",
        "从分拣中心到投递车辆：让邮件流转起来的各种装备。",
        [
            p(
                "一封邮件投进信箱之前，要经过分拣中心、卡车、火车和飞机的层层转运。",
                "这里介绍让每一个环节更快捷、更安全的各类装备。",
            ),
        ],
    ),
]
CONTENT_PAGES = [
    (slug, title, summary, in_menus, body)
    for (title, summary, body), (slug, _, _, in_menus, _) in zip(
        _CONTENT_PAGES, en.CONTENT_PAGES, strict=True
    )
]

# The counts of model units as text, from the English article's table (its rows, in order).
_TABLE = next(b for b in en.SEED_ARTICLE["body"] if b["type"] == "table")["value"]
_PROVINCIAL, _FIRST_GRADE, _COUNTY_POSTAL, _COUNTY_PSBC = (row[1] for row in _TABLE["data"][1:])
_COUNTY = int(_COUNTY_POSTAL) + int(_COUNTY_PSBC)
_INDICATORS = 13  # In the English prose only: "exceeded 13 indicators in five categories".

SEED_ARTICLE_TITLE = "中国邮政集团表彰2020年服务乡村振兴示范单位"

SEED_ARTICLE = {
    "slug": en.SEED_ARTICLE["slug"],
    "title": SEED_ARTICLE_TITLE,
    "date": en.SEED_ARTICLE["date"],
    "source": _SOURCE[en.SEED_ARTICLE["source"]],
    "summary": (
        f"{_PROVINCIAL}个省级邮政分公司、{_FIRST_GRADE}个邮储银行一级分行和{_COUNTY}个县级"
        "分支机构，因2020年在农村的出色工作被评为示范单位。"
    ),
    "image": en.SEED_ARTICLE["image"],
    "image_alt": "田野和农舍之间的乡间公路上，一辆绿色邮政车正在行驶",
    "body": [
        p(
            "中国邮政集团有限公司（以下简称集团公司）日前印发通报，",
            f"对{_PROVINCIAL}个省级邮政分公司、{_FIRST_GRADE}个中国邮政储蓄银行一级分行、",
            f"{_COUNTY_POSTAL}个县级邮政分公司和{_COUNTY_PSBC}个邮储银行县级支行予以表彰，",
            "授予“2020年服务乡村振兴示范单位”称号。河北省邮政分公司、邮储银行河南省分行、",
            "北京市平谷区邮政分公司和邮储银行北京房山支行都在其中。",
            "集团公司希望大家看到榜样、学习榜样，让邮政为农村做更多的事。",
        ),
        {
            "type": "table",
            "value": {
                "first_row_is_table_header": _TABLE["first_row_is_table_header"],
                "first_col_is_header": _TABLE["first_col_is_header"],
                "table_caption": "2020年受表彰的示范单位",
                "data": [
                    ["单位类别", "数量"],
                    ["省级邮政分公司", _PROVINCIAL],
                    ["邮储银行一级分行", _FIRST_GRADE],
                    ["县级邮政分公司", _COUNTY_POSTAL],
                    ["邮储银行县级支行", _COUNTY_PSBC],
                ],
            },
        },
        h("全年目标全部完成"),
        p(
            "2020年，各级邮政企业按照国家乡村振兴战略和集团公司服务农村振兴的要求，",
            "完成了全年的各项目标任务。到年底，产业兴旺、生态宜居、乡风文明、治理有效、",
            f"生活富裕五大类共{_INDICATORS}项指标全部超额完成，脱贫攻坚取得的成果",
            "得到巩固，并在此基础上继续向前推进。",
        ),
        {
            "type": "image",
            "value": {
                "image": {
                    "image": en.SEED_ARTICLE["image"],
                    "decorative": False,
                    "alt_text": "乡间公路上的绿色邮政车",
                },
                "caption": "邮政服务通达全国各地的村庄。",
                "credit": "中国邮政（示意图）",
            },
        },
        p(
            "在农村，公共服务更快捷、质量更高，农村电商的销售渠道越来越宽，",
            "金融服务不断加强，农村物流网络建设也开始见到成效。",
        ),
        h("下一步工作"),
        p(
            "集团公司要求示范单位珍惜荣誉、再接再厉，当好排头兵，",
            "在服务农村的工作中一以贯之、开拓创新。各地邮政企业要向示范单位看齐，",
            "推广行之有效的做法，让更多人了解农村振兴。",
        ),
    ],
}

# The catalogue's issue 2021-1, chosen in the English article by its number.
_ISSUE_BLOCK = next(b for b in en.STAMP_ARTICLE["body"] if b["type"] == "stamp_issue")

STAMP_ARTICLE = {
    "slug": en.STAMP_ARTICLE["slug"],
    "title": "《辛丑年》牛年特种邮票发行",
    "date": en.STAMP_ARTICLE["date"],
    "source": _SOURCE[en.STAMP_ARTICLE["source"]],
    "summary": "一套两枚特种邮票，喜迎辛丑牛年。",
    "image": en.STAMP_ARTICLE["image"],
    "image_alt": "并排的两枚红色邮票，每枚上都有一头牛",
    "body": [
        p(
            "中国邮政发行一套两枚特种邮票，迎接农历新年。第一枚是一头蓄势待发、",
            "准备开始新一年劳作的壮牛；第二枚是一家老小悠闲休憩的牛群。",
        ),
        dict(_ISSUE_BLOCK),
        p(
            f"邮票于{zh_date(en.STAMP_ARTICLE['date'])}发行，",
            "当天起在全国各邮政营业网点发售。",
        ),
    ],
}

# The pictures of the shorter articles, keyed like the English (by the English title):
# (picture title, its description, read out as the Chinese article's alternative text).
MORE_ARTICLE_PICTURES = dict(
    zip(
        en.MORE_ARTICLE_PICTURES,
        [
            ("智能快递柜", "乡镇邮政所旁边的一排绿色快递柜"),
            ("流动银行服务车", "车身印着元硬币图案的绿色银行服务车，旁边是集市摊位和一摞摞硬币"),
            ("夜间线路", "夜色中的飞机和EMS卡车，一条线路连起四座城市"),
            ("山区邮路", "背着邮包的投递员走在通往山村的小路上"),
            ("绿色包装", "印着树叶的纸箱，四周是循环箭头"),
            ("农村家庭保障", "一把绿伞撑在农家房屋上方"),
            ("农产品网上销售", "几筐橙子和青菜，旁边的手机上开着网店"),
            ("分拣中心", "分拣中心传送带上的包裹"),
            ("写给未来的信", "一封信、一支铅笔和一只钟"),
            ("春节投递", "红灯笼下的礼品包裹和邮袋"),
            ("跨境包裹", "地球仪和环绕它的线路，一个包裹和一个箭头"),
            ("包裹业务量新高", "逐年升高的柱状图，每根柱子上放着一个包裹"),
        ],
        strict=True,
    )
)

# (title, text) of the English MORE_ARTICLES, in their order; dates and sources are theirs.
_MORE_ARTICLES = [
    (
        "智能快递柜进驻更多农村乡镇",
        "乡镇邮政所旁边新添了自助快递柜，村民下班以后也能取到网购的包裹。",
    ),
    (
        "邮政储蓄在农业县开设流动服务点",
        "改装成小型银行网点的服务车赶着农业县的集市日下乡，"
        "为远离城镇的群众办理存款、转账，并提供咨询。",
    ),
    (
        "EMS新增省会城市之间的夜间线路",
        "新开通的夜航班机和干线卡车，让EMS在更多省会城市之间实现次日送达。",
    ),
    (
        "山区邮路上的投递员受到表彰",
        "常年步行或骑车走过漫长山路、把邮件送到偏远村庄的投递员，因多年如一日的坚守受到感谢。",
    ),
    (
        "绿色包装试点减少胶带和填充物",
        "分拣中心试用可以循环使用的包装箱和更窄的胶带，每件包裹用的包装材料少了。",
    ),
    (
        "中邮人寿为农村家庭扩大保障",
        "新推出的低保费保险产品，面向过去很少买保险的农村家庭。",
    ),
    (
        "乡村邮政网点帮农产品上网销售",
        "邮政网点帮农民给农产品拍照、打包、上架，再通过邮政网络把订单寄出去。",
    ),
    (
        "西北分拣中心处理能力翻一番",
        "一条更大的自动化分拣线投入使用，中心每天能处理的包裹增加了一倍。",
    ),
    (
        "写给未来的信：小学生书信日",
        "小学生们给自己写了信，这些信将在十年以后送到他们手中。",
    ),
    (
        "春节期间邮政员工坚守岗位",
        "许多投递员假期照常上班，让礼物和药品按时送到。",
    ),
    (
        "新的国际邮件互换局启用，跨境包裹通关更快",
        "新设立的国际邮件互换局加快了寄往境外包裹的海关查验。",
    ),
    (
        "中国邮政2020年包裹业务量创历史新高",
        "网上购物让邮政网络全年忙个不停，包裹业务量达到新的高点。",
    ),
]
MORE_ARTICLES = [
    (title, date, _SOURCE[source], text)
    for (title, text), (_, date, source, _) in zip(_MORE_ARTICLES, en.MORE_ARTICLES, strict=True)
]

CONTACTS_PAGE = {
    "slug": en.CONTACTS_PAGE["slug"],
    "title": "联系我们",
    "intro": "<p>请拨打您所需业务的服务热线，也欢迎给我们来信。</p>",
    "address": ("中国邮政集团有限公司总部", "北京市西城区\n金融大街3号"),
    "email": ("网站意见与咨询", en.CONTACTS_PAGE["email"][1]),
    "hours": (
        "服务时间",
        [
            ("服务热线", "全年无休，24小时服务"),
            ("总部", "周一至周五 08:30–17:30"),
        ],
    ),
}

STAMP_CATALOGUE = {
    "slug": en.STAMP_CATALOGUE["slug"],
    "title": "邮票",
    "intro": "<p>历年发行的纪念邮票和特种邮票，按年份排列，"
    "每套邮票都有图案、面值、设计者和印制信息。</p>",
}
STAMP_YEAR_INTRO = "<p>2021年发行的各套邮票，按志号顺序排列。</p>"

# Facts that are numbers and read the same in both languages; the English module's values.
_SHARED_FACTS = ("perforation", "quantity_printed")
_ILLUSTRATIVE_DESIGNER = "示例设计者"

# (title, summary, stamp names, facts in words, story) of the English STAMP_ISSUES, in order;
# issue numbers, dates, face values and the facts above are the English module's.
_STAMP_ISSUES = [
    (
        "辛丑年",
        "两枚特种邮票喜迎牛年：一头蓄势待发、准备开始新一年劳作的壮牛，和一家老小悠闲休憩的牛群。",
        ["奋蹄壮牛", "牛家团聚"],
        {
            "designer": "韩美林",
            "size": "36 × 36 毫米",
            "sheet_composition": "16枚",
            "printer": "北京邮票厂",
            "printing_process": "胶印",
        },
        "牛象征勤劳，也寄托着对来年五谷丰登的期盼。",
    ),
    (
        "元宵节",
        "三枚邮票画的是花灯、灯谜和汤圆，迎接新年的第一个月圆之夜。",
        ["红灯笼", "猜灯谜", "甜汤圆"],
        {"designer": _ILLUSTRATIVE_DESIGNER, "printing_process": "胶印", "size": "30 × 40 毫米"},
        "正月十五，家家户户挂花灯、猜灯谜。",
    ),
    (
        "古桥",
        "四座数百年来供行人往来的古老石桥。",
        ["拱桥", "廊桥", "九曲桥", "铁索桥"],
        {
            "designer": _ILLUSTRATIVE_DESIGNER,
            "engraver": "示例雕刻者",
            "printing_process": "雕刻版与胶印",
        },
        "早在公路修通以前，一座座桥就把隔河相望的村庄连在了一起。",
    ),
    (
        "采茶",
        "两枚邮票，展现春茶的采摘、揉捻和冲泡。",
        ["采摘新叶", "一杯春茶"],
        {"designer": _ILLUSTRATIVE_DESIGNER, "printing_process": "影写版"},
        "春天最早长出的嫩叶，制成一年里最珍贵的茶。",
    ),
    (
        "大熊猫",
        "在竹林里嬉戏的大熊猫。",
        ["爬树的熊猫", "吃竹子的熊猫"],
        {"designer": _ILLUSTRATIVE_DESIGNER, "sheet_composition": "20枚"},
        "大熊猫一天里的大部分时间都在吃竹子。",
    ),
    (
        "农村邮路",
        "献给把邮件送到每一个村庄的邮递员。",
        ["山区邮路", "渡河投递", "村口信箱"],
        {"designer": _ILLUSTRATIVE_DESIGNER, "printing_process": "胶印"},
        "一套向农村投递网络致敬的邮票。",
    ),
    (
        "候鸟",
        "踏上漫长旅程的鹤、雁和天鹅。",
        ["丹顶鹤", "鸿雁", "大天鹅"],
        {"designer": _ILLUSTRATIVE_DESIGNER},
        "沿海的湿地是候鸟歇脚的地方，它们要飞越几千公里。",
    ),
    (
        "花窗",
        "老四合院里雕花的木窗。",
        ["梅花格", "云纹格", "古钱格", "冰裂纹格"],
        {"designer": _ILLUSTRATIVE_DESIGNER, "printing_process": "胶印加压凸"},
        "每一种窗格图案，都寄托着对一家人的美好祝愿。",
    ),
]
STAMP_ISSUES = [
    (
        number,
        title,
        date,
        summary,
        [(name, value) for name, (_, value) in zip(names, stamps, strict=True)],
        # In the English order of the facts, so both read alike.
        {key: value if key in _SHARED_FACTS else facts[key] for key, value in en_facts.items()},
        story,
    )
    for (title, summary, names, facts, story), (
        number,
        _,
        date,
        _,
        stamps,
        en_facts,
        _,
    ) in zip(_STAMP_ISSUES, en.STAMP_ISSUES, strict=True)
]


# Not in the English module: load_demo_content keeps these pages' English in its own code.
NEWS_INDEX = {
    "slug": "news",
    "title": "新闻中心",
    "intro": "<p>中国邮政集团及各地分支机构的新闻动态。</p>",
}
SITEMAP = {"slug": "sitemap", "title": "网站地图"}
STAMP_YEAR_TITLE = "2021年"
# A stamp picture's alt text, for str.format(name=..., value=...) with the face value in yuan.
STAMP_ALT_TEXT = "示意图：“{name}”邮票，面值{value}元"

# The English slugs (made from the English titles) of the pages that pair by position.
MORE_ARTICLE_SLUGS = [slugify(title) for title, *_ in en.MORE_ARTICLES]
STAMP_ISSUE_SLUGS = [slugify(f"{number} {title}") for number, title, *_ in en.STAMP_ISSUES]
