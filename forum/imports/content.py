"""An archived message's HTML as the Markdown our one renderer (forum.markdown) stores.

Disqus keeps HTML; WordPress keeps text with some HTML whose blank lines are paragraphs.
Both become Markdown with markdownify, which escapes what Markdown would read as markup,
and then go through forum.comments.transitions.clean_body like a typed comment, so an
archived script or event handler is as harmless as one typed in the composer.
"""

import html
import re

from markdownify import MarkdownConverter

_CONVERTER = MarkdownConverter(
    heading_style="ATX",
    bullets="-",
    escape_misc=True,  # "[a](b)" written as text stays text
    strip=["img"],  # a picture of the old site would be a request to it on every page view
)
# Most archived comments are paragraphs of plain text: markdownify's escaping without its
# HTML parser gives the same Markdown (a test compares both) at a tenth of the cost.
_PLAIN_PARAGRAPHS = re.compile(r"\s*(?:<p>[^<>\n\r\t]*</p>\s*)+")
_PARAGRAPH = re.compile(r"<p>([^<>]*)</p>")
_SPACES = re.compile(r"[ \t\r\n]+")
_BLOCK_TAG = re.compile(r"<(p|div|ul|ol|blockquote|pre|table|h[1-6])\b", re.IGNORECASE)


def _plain_paragraph(text):
    text = _SPACES.sub(" ", html.unescape(text)).strip()
    return _CONVERTER.escape(text, set())


def html_to_markdown(message):
    """Return the Markdown of an archived HTML message."""
    message = (message or "").strip()
    if not message:
        return ""
    if _PLAIN_PARAGRAPHS.fullmatch(message):
        paragraphs = (_plain_paragraph(p) for p in _PARAGRAPH.findall(message))
        return "\n\n".join(p for p in paragraphs if p)
    return _CONVERTER.convert(message).strip()


def text_to_markdown(message):
    """Return the Markdown of a WordPress comment: text whose blank lines part paragraphs."""
    message = (message or "").replace("\r\n", "\n").strip()
    if not message:
        return ""
    if not _BLOCK_TAG.search(message):
        # WordPress's own display (wpautop): a blank line parts paragraphs, a newline breaks.
        paragraphs = re.split(r"\n\s*\n", message)
        message = "".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in paragraphs)
    return html_to_markdown(message)
