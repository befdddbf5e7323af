"""Saved web pages (.html, .htm): the article's text, or with ``--whole-page`` all the page's
text, so that its chrome (navigation, breadcrumbs, 浏览次数, 【打印本页】…) is reported as
TX002 the way a copied page is.

The article is found with lxml and rules of our own, measured against trafilatura and
readability-lxml on government pages (``bench/html_extractors.py``, docs/formats.md): the
container whose paragraphs hold the most Chinese text, with the page's title (``h1`` or the
``ArticleTitle`` meta of Chinese government sites) above it when the container lacks it.
Block elements (p, div, li, td, h1–h6, br …) start lines; places are paragraphs (第12段).
"""
from __future__ import annotations

import codecs
import re

from lawlint.document.document import Document
from lawlint.document.formats import require
from lawlint.document.loaders import InputError, decode
from lawlint.document.places import Places

_DROPPED = {"script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas", "select",
            "option", "textarea", "button", "input", "head", "map", "audio", "video"}
_CHROME = {"nav", "header", "footer", "aside", "form", "menu"}
_BLOCKS = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl",
           "dt", "dd", "table", "tbody", "thead", "tfoot", "tr", "td", "th", "blockquote", "pre", "center",
           "address", "figure", "figcaption", "caption", "hr", "br", "body", "html", "font-block"}
_HAN = re.compile(r"[\u3400-\u9fff]")
_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_-]{2,20})""", re.I)
_SPACES = re.compile(r"[ \t\r\n\f]+")
_LINK_HEAVY = 0.5  # a container whose text is mostly links is a menu


def _text(data: bytes) -> str:
    """The page's characters: its BOM, its declared charset, else as lawlint reads text."""
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    m = _CHARSET.search(data[:4096])
    if m:
        name = m[1].decode("ascii").lower()
        name = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030"}.get(name, name)
        try:
            return data.decode(name)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return decode(data)[0]
    except InputError:
        return data.decode("utf-8", errors="replace")


def parse(data: bytes):
    lxml = require("html")  # noqa: F841 - the extra's library, or the line naming it
    from lxml import html as lxml_html

    text = _text(data)
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)  # lxml refuses a declaration in a str
    try:
        root = lxml_html.document_fromstring(text)
    except Exception as exc:
        raise InputError(f"无法作为网页读取（{type(exc).__name__}: {exc}）") from None
    for element in list(root.iter()):
        if not isinstance(element.tag, str):  # comments, processing instructions
            if element.getparent() is not None:
                element.drop_tree()
    return root


def _tag(element) -> str:
    return element.tag.lower() if isinstance(element.tag, str) else ""


def lines_of(element, skip_chrome: bool = False, document: tuple = ()) -> list[tuple[str, bool]]:
    """The text of ``element`` as a reader sees it: a line per block, inline text joined; with
    each line, whether it lies inside one of the ``document`` elements (the article, its title)."""
    lines: list[tuple[str, bool]] = []
    current: list[str] = []
    depth = [0]

    def flush() -> None:
        line = _SPACES.sub(" ", "".join(current)).strip(" ")
        if line.strip(" \u3000\u00a0"):
            lines.append((line.replace("\u00a0", " "), depth[0] > 0))
        current.clear()

    def walk(node) -> None:
        tag = _tag(node)
        if tag in _DROPPED or (skip_chrome and tag in _CHROME) or _hidden(node):
            if node.tail:
                current.append(node.tail)
            return
        block = tag in _BLOCKS or node in document
        if block:
            flush()
        inside = node in document
        depth[0] += inside
        if node.text:
            current.append(node.text)
        for child in node:
            walk(child)
        if block:
            flush()
        depth[0] -= inside
        if node.tail:
            current.append(node.tail)

    walk(element)
    flush()
    return lines


def _hidden(node) -> bool:
    style = (node.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style or node.get("hidden") is not None


def _score(root) -> dict:
    """Chinese characters of the paragraphs under each element, readability's way: a text
    block gives its parent all of its weight and its grandparent half."""
    scores: dict = {}
    for node in root.iter():
        tag = _tag(node)
        if tag not in ("p", "div", "td", "section", "article", "span", "font", "li", "pre") or tag in _DROPPED:
            continue
        own = "".join(node.xpath("text()"))
        weight = len(_HAN.findall(own))
        if weight < 10:
            continue
        weight += own.count("，") + own.count("。")
        parent = node.getparent()
        if tag in ("div", "td", "section", "article"):  # text directly in a container counts for it
            scores[node] = scores.get(node, 0) + weight
        if parent is not None:
            scores[parent] = scores.get(parent, 0) + weight
            grand = parent.getparent()
            if grand is not None:
                scores[grand] = scores.get(grand, 0) + weight / 2
    return scores


def _link_density(node) -> float:
    text = len(_HAN.findall(node.text_content()))
    links = sum(len(_HAN.findall(a.text_content())) for a in node.iter("a"))
    return links / text if text else 1.0


def article(root):
    """The element holding the article: the best-scoring container that is not a menu.  A
    single paragraph that outweighs the rest (a short article with one long paragraph) stands
    for the container it is one paragraph of."""
    scores = _score(root)
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    for node, _ in ranked[:10]:
        if _tag(node) in ("body", "html"):
            continue
        if _link_density(node) < _LINK_HEAVY:
            parent = node.getparent()
            if (parent is not None and _tag(parent) not in ("body", "html")
                    and not any(_tag(d) in _BLOCKS for d in node.iterdescendants())
                    and sum(len(_HAN.findall(c.text_content())) >= 10 for c in parent) >= 2
                    and _link_density(parent) < _LINK_HEAVY):
                return parent
            return node
    return root.find("body") if root.find("body") is not None else root


def title_of(root) -> tuple[str, object]:
    """The article's title, and the element that shows it (None: only a meta has it): the
    ``ArticleTitle`` meta of Chinese government sites, else the first heading, else the part
    of the page's ``<title>`` that an element of the page shows (not the site's name alone)."""
    meta = ""
    for name in ("ArticleTitle", "articletitle"):
        found = root.xpath(f'//meta[@name="{name}"]/@content')
        if found and found[0].strip():
            meta = _SPACES.sub(" ", found[0]).strip()
            break
    for h in root.iter("h1", "h2", "h3"):  # a title, not a box's heading (政务公开, 相关链接)
        text = _SPACES.sub(" ", h.text_content()).strip()
        if len(_HAN.findall(text)) >= 8 and (not meta or _squeezed(text) == _squeezed(meta)):
            return text, h
    if meta:
        return meta, None
    page = root.find(".//title")
    if page is None:
        return "", None
    raw = re.split(r"\s*[_|｜—–-]{1,2}\s*", _SPACES.sub(" ", page.text_content()).strip())
    parts = [p for p in (raw[:-1] if len(raw) > 1 else raw) if len(_HAN.findall(p)) >= 4]  # the site's name is last
    body = root.find("body")
    for part in parts:
        wanted = _squeezed(part)
        for element in (body.iter("b", "strong", "td", "div", "p", "span", "font") if body is not None else ()):
            if len(element.text_content()) < 2 * len(part) + 20 and _squeezed(element.text_content()) == wanted:
                return part, element
    return "", None


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def extract(data: bytes, whole_page: bool = False) -> list[tuple[str, bool]]:
    """The lines of the article with its title; or of the whole page, each with whether it is
    the article's (the rest is the page's chrome)."""
    root = parse(data)
    node = article(root)
    title, heading = title_of(root)
    if whole_page:
        body = root.find("body")
        return lines_of(body if body is not None else root, document=(node, heading))
    lines = lines_of(node, skip_chrome=True, document=(node,))
    from lawlint.document.layout import is_chrome

    while lines and is_chrome(lines[-1][0]):  # 【打印】【关闭】 in the article's own box
        lines.pop()
    while lines and is_chrome(lines[0][0]):
        lines.pop(0)
    if title and _squeezed(title) not in [_squeezed(line) for line, _ in lines[:5]]:
        lines.insert(0, (title, True))
    return lines


def load(path: str, data: bytes, options: dict) -> Document:
    lines = extract(data, whole_page=bool(options.get("whole_page")))
    if not lines:
        raise InputError("网页中没有找到正文文字")
    places = Places()
    offset = 0
    roles = {}
    for number, (line, inside) in enumerate(lines, 1):
        places.add(offset, {"label": f"第{number}段", "paragraph": number})
        offset += len(line) + 1
        if not inside:
            roles[number] = "chrome"
    doc = Document("\n".join(line for line, _ in lines) + "\n", path, "utf-8", "html")
    doc.places = places
    doc.roles = roles
    return doc
