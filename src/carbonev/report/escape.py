"""One escaping function per output language; every field a renderer prints passes through it.

Text from input files (product, plant and pack names, descriptions, notes, citations) may hold
raw HTML, Markdown syntax, ``|`` or newlines. Renderers never paste such text into markup:

- HTML: :func:`html` escapes anything that is not already :class:`Html`; :func:`tag` builds
  elements whose children and attributes pass through :func:`html`. Only :func:`tag`,
  :func:`raw` (for carbonev's own SVG and CSS) and :func:`join` make :class:`Html`.
- Markdown: :func:`md` escapes anything that is not already :class:`Markdown` (HTML, emphasis,
  links, code, ``|``, line breaks); :func:`table`, :func:`bold` and :func:`code` build
  Markdown from escaped parts.

A new field printed the ordinary way is therefore escaped; only markup built here is not.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape as _html_escape
from typing import Any


class Html(str):
    """HTML built by this module (safe to insert as is)."""


class Markdown(str):
    """Markdown built by this module (safe to insert as is)."""


def _text(value: Any) -> str:
    return "–" if value is None else str(value)


def html(value: Any) -> Html:
    """``value`` as HTML text: escaped unless it is already :class:`Html`; None → '–'."""
    if isinstance(value, Html):
        return value
    return Html(_html_escape(_text(value), quote=True))


def raw(markup: str) -> Html:
    """carbonev's own markup (SVG charts, CSS) as :class:`Html`: never for text from a file."""
    return Html(markup)


def join(parts: Iterable[Any], sep: str = "") -> Html:
    """Parts (each through :func:`html`) joined by ``sep`` (markup, e.g. '<br>')."""
    return Html(sep.join(html(p) for p in parts))


def tag(name: str, /, *children: Any, **attrs: Any) -> Html:
    """``<name attr="...">children</name>``; children and attribute values are escaped;
    an attribute ``cls`` is written ``class``; a value None leaves the attribute out."""
    shown = "".join(f' {("class" if k == "cls" else k).replace("_", "-")}="{html(v)}"'
                    for k, v in attrs.items() if v is not None)
    return Html(f"<{name}{shown}>{join(children)}</{name}>")


def void(name: str, /, **attrs: Any) -> Html:
    """An element without content (``<meta charset="utf-8">``); attribute values are escaped."""
    shown = "".join(f' {("class" if k == "cls" else k).replace("_", "-")}="{html(v)}"'
                    for k, v in attrs.items() if v is not None)
    return Html(f"<{name}{shown}>")


_MD = str.maketrans({"\\": "\\\\", "`": "\\`", "*": "\\*", "_": "\\_", "[": "\\[", "]": "\\]", "|": "\\|",
                     "#": "\\#", "~": "\\~", "<": "&lt;", ">": "&gt;", "&": "&amp;", "\r": " ", "\n": " "})


def md(value: Any) -> Markdown:
    """``value`` as one line of Markdown text: raw HTML, emphasis, links, code, table pipes and
    line breaks escaped, unless it is already :class:`Markdown`; None → '–'."""
    if isinstance(value, Markdown):
        return value
    return Markdown(_text(value).translate(_MD))


def bold(value: Any) -> Markdown:
    return Markdown(f"**{md(value)}**")


def code(value: Any) -> Markdown:
    """``value`` as inline code (a key or file name); text with backticks or line breaks is
    written escaped instead."""
    text = _text(value)
    if any(c in text for c in "`\r\n|") or not text.strip():
        return md(text)
    return Markdown(f"`{text}`")


def line(*parts: Any) -> Markdown:
    """Parts (each through :func:`md`) joined into one line."""
    return Markdown("".join(md(p) for p in parts))


def table(header: list[Any], rows: Iterable[list[Any]], align: str | None = None) -> Markdown:
    """A Markdown table; every cell passes through :func:`md`. ``align``: one letter per
    column, 'l' or 'r' (default: all left)."""
    head = "| " + " | ".join(md(h) for h in header) + " |"
    marks = align or "l" * len(header)
    rule = "|" + "|".join("---:" if a == "r" else "---" for a in marks) + "|"
    body = ["| " + " | ".join(md(c) for c in r) + " |" for r in rows]
    return Markdown("\n".join([head, rule, *body]))
