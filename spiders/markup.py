"""HTML (from APIs and feeds) reduced to plain text for the call record's `description` and `eligibility_text`.

Pure functions. Block elements become line breaks so paragraphs and list items stay apart; inline markup
joins its words; scripts and styles are dropped. Used by the SEDIA and feed spiders, whose HTML arrives as
strings inside JSON or XML rather than as pages.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from spiders.czech import clean_text

_BLOCK_TAGS = (
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section",
    "article", "blockquote", "dd", "dt", "pre", "hr",
)  # fmt: skip
_WORDPRESS_TRAILER = re.compile(r"\s*The post .{1,400}? appeared first on .{1,200}?\.?\s*$", re.DOTALL)


def html_to_text(html: str | None) -> str:
    """Plain text of an HTML fragment or document, one paragraph per line; '' for nothing."""
    if not html or not html.strip():
        return ""
    if "<" not in html:
        return "\n".join(line for line in (clean_text(part) for part in html.splitlines()) if line)
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return clean_text(html)
    for node in root.xpath("//script|//style|//head"):
        node.drop_tree()
    for node in root.iter(*_BLOCK_TAGS):
        # Break before and after every block so "<p>a</p><p>b</p>" does not read "ab".
        node.tail = "\n" + (node.tail or "")
        node.text = "\n" + (node.text or "")
    lines = (clean_text(line) for line in root.text_content().split("\n"))
    return "\n".join(line for line in lines if line)


def strip_feed_trailer(text: str) -> str:
    """Drop WordPress's "The post … appeared first on …" line that ends every feed item."""
    return _WORDPRESS_TRAILER.sub("", text).rstrip()
