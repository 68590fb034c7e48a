"""Preview images (Open Graph / Twitter cards): 1200×630 PNGs drawn with Pillow.

An image is identified by a hash of what it shows (kind, headline, quote, counts, site
name). The hash is the ETag and the cache key, so a changed headline or comment count
gives a new image, and any process can rebuild an image it has never seen: the shared
cache only saves work, correctness never depends on it.
"""

import hashlib
import io
import json
from functools import cache
from pathlib import Path

from django.core.cache import cache as django_cache
from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
MARGIN = 80
VERSION = 1  # bump when the drawing changes, so cached images are redrawn
CACHE_SECONDS = 60 * 60 * 24 * 30

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONTS = {
    "serif-bold": "DejaVuSerif-Bold.ttf",
    "serif-italic": "DejaVuSerif-Italic.ttf",
    "sans": "DejaVuSans.ttf",
    "sans-bold": "DejaVuSans-Bold.ttf",
}

PAPER = (251, 250, 247)
INK = (29, 28, 26)
MUTED = (92, 88, 80)
ACCENT = (155, 28, 28)


@cache
def font(name, size):
    """Return a DejaVu face when installed, else Pillow's built-in scalable font."""
    path = FONT_DIR / FONTS[name]
    if path.exists():
        return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size=size)


def wrap(text, face, width):
    """Split text into lines no wider than `width` pixels, breaking over-long words."""
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if face.getlength(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        while face.getlength(word) > width:  # a word wider than the line: cut it
            cut = len(word)
            while cut > 1 and face.getlength(word[:cut]) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    if line:
        lines.append(line)
    return lines


def fit(text, name, *, width, max_lines, sizes):
    """Return (face, lines) with the largest size whose wrapped text fits in `max_lines`."""
    for size in sizes:
        face = font(name, size)
        lines = wrap(text, face, width)
        if len(lines) <= max_lines:
            return face, lines
    lines = lines[:max_lines]
    last = lines[-1]
    while last and face.getlength(last + "…") > width:
        last = last[:-1]
    lines[-1] = last.rstrip() + "…"
    return face, lines


def _draw_lines(draw, lines, face, *, top, fill, spacing=1.18):
    size = face.size if hasattr(face, "size") else 40
    for i, line in enumerate(lines):
        draw.text((MARGIN, top + i * size * spacing), line, font=face, fill=fill)
    return top + len(lines) * size * spacing


def _footer(draw, *, site_name, note):
    draw.line(
        [(MARGIN, HEIGHT - 120), (WIDTH - MARGIN, HEIGHT - 120)], fill=(222, 218, 210), width=2
    )
    draw.text((MARGIN, HEIGHT - 92), site_name, font=font("sans-bold", 34), fill=INK)
    if note:
        face = font("sans", 30)
        draw.text((WIDTH - MARGIN - face.getlength(note), HEIGHT - 88), note, font=face, fill=MUTED)


def _canvas():
    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    draw = ImageDraw.Draw(image)
    draw.rectangle([(0, 0), (WIDTH, 14)], fill=ACCENT)
    return image, draw


def _png(image):
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _comments_note(count):
    if count is None:
        return ""
    if count == 0:
        return "Join the discussion"
    return f"{count:,} comment{'s' if count != 1 else ''}"


def draw_article(*, headline, site_name, comment_count):
    """Return the PNG bytes of an article's card: headline, site name, comment count."""
    image, draw = _canvas()
    draw.text((MARGIN, 70), "INVITATION FOR DISCUSSION", font=font("sans-bold", 24), fill=ACCENT)
    face, lines = fit(
        headline, "serif-bold", width=WIDTH - 2 * MARGIN, max_lines=4, sizes=(76, 68, 60, 54, 48)
    )
    _draw_lines(draw, lines, face, top=125, fill=INK)
    _footer(draw, site_name=site_name, note=_comments_note(comment_count))
    return _png(image)


def draw_comment(*, quote, author, headline, site_name, score):
    """Return the PNG bytes of a comment's card: the quote, its author and the article."""
    image, draw = _canvas()
    draw.text((MARGIN - 8, 20), "“", font=font("serif-bold", 150), fill=ACCENT)
    face, lines = fit(
        quote, "serif-italic", width=WIDTH - 2 * MARGIN, max_lines=4, sizes=(52, 46, 42, 38)
    )
    bottom = _draw_lines(draw, lines, face, top=150, fill=INK, spacing=1.3)
    who = f"— {author}, on “{headline}”"
    face, lines = fit(who, "sans", width=WIDTH - 2 * MARGIN, max_lines=1, sizes=(28,))
    draw.text((MARGIN, min(bottom + 24, HEIGHT - 175)), lines[0], font=face, fill=MUTED)
    note = f"▲ {score:,}" if score else ""
    _footer(draw, site_name=site_name, note=note)
    return _png(image)


def fingerprint(kind, **content):
    """Return the hash identifying an image by everything it shows."""
    data = json.dumps([VERSION, kind, content], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(data.encode()).hexdigest()


def preview_png(kind, **content):
    """Return (png_bytes, fingerprint) for an "article" or "comment" card, cached."""
    key = fingerprint(kind, **content)
    cache_key = f"og-image:{key}"
    png = django_cache.get(cache_key)
    if png is None:
        png = (draw_article if kind == "article" else draw_comment)(**content)
        django_cache.set(cache_key, png, CACHE_SECONDS)
    return png, key
