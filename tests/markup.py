"""Reading a response as a reader sees it: visible text, links, and the chrome of every page."""

import re

from bs4 import BeautifulSoup


def parse(response):
    """The response's HTML as a BeautifulSoup tree."""
    return BeautifulSoup(response.content, "html.parser")


def text(node):
    """A node's visible text with whitespace collapsed, as a reader would read it."""
    return re.sub(r"\s+", " ", node.get_text()).strip()


def links(node):
    """The (text, href) pairs of every link inside a node, in document order."""
    return [(text(a), a["href"]) for a in node.find_all("a")]


def header_hotlines(soup):
    """The hotlines in the page header, each as (visible text, `tel:` href)."""
    hotlines = soup.select_one("header ul.hotlines")
    if hotlines is None:
        return []
    return [(text(li), li.a["href"]) for li in hotlines.find_all("li")]


def main_navigation(soup):
    """The main navigation's links as (text, href)."""
    nav = soup.select_one('header nav[aria-label="Main"]')
    return links(nav) if nav else []


def footer(soup):
    """The footer's links, register numbers line and "Powered by" line."""
    node = soup.select_one("footer")
    register = node.select_one(".register-numbers")
    return {
        "links": links(node),
        "register": text(register) if register else "",
        "powered_by": text(node.select_one(".powered-by")),
    }


def main_text(soup):
    """The visible text of the page's main content, without the header and footer."""
    return text(soup.select_one("main"))
