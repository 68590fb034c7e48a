"""A page rendered once for every ordinary member, with the places that differ per member marked.

A signed-in member's page of a busy thread is mostly what every other member sees: the same
article, comments, forms and links. What is theirs alone is small: their name in the header,
their CSRF token, a fresh idempotency key in the composer, whether they follow the thread,
and the reader's part of the few cards they voted on or wrote. So the page is rendered once
as a member with none of those ("generic"), its marked regions and per-request values cut
out, and kept in the shared cache as a Frame; each member's request then fills the frame in:
a list copy, a few small renders, a join and two replacements instead of a page render.

Regions are marked in the rendered HTML with NUL characters, which no text a person wrote can
contain (Django's form fields refuse NUL, and templates never print one):
"\\x00name\\x01default content\\x00". `frame_region` and `end_frame_region` (template tags in
forum/templatetags/frames.py) and `mark` emit them only while a frame is being built.
"""

import re
import secrets
from dataclasses import dataclass, field

from django.utils.html import escape

BUILDING = "frame_building"  # the context variable (and request attribute) that turns marks on
START, NAME_END, END = "\x00", "\x01", "\x00"
CSRF_STAND_IN = "\x02csrf\x02"
KEY_REGION = "idempotency-key"
_CSRF_VALUE = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")')
_KEY_VALUE = re.compile(r'(name="idempotency_key"[^>]*? value=")[^"]*(")')


def mark(name, content):
    """Return `content` marked as the region `name` (only while building a frame)."""
    return f"{START}{name}{NAME_END}{content}{END}"


def is_building(request):
    return getattr(request, BUILDING, False)


@dataclass
class Frame:
    """A page as UTF-8 pieces: fixed text, the CSRF token's places (None) and regions' defaults.

    `regions` maps a region's name to the (start, end) spans of `pieces` its default takes
    (a region may be on the page twice).
    """

    pieces: list
    regions: dict
    data: dict = field(default_factory=dict)  # what filling it in needs (thread, cards, ids)

    @classmethod
    def cut(cls, html, **data):
        """Return the Frame of `html`, rendered with marked regions for a generic member."""
        html = _CSRF_VALUE.sub(lambda m: m[1] + CSRF_STAND_IN + m[2], html)
        html = _KEY_VALUE.sub(lambda m: m[1] + mark(KEY_REGION, "") + m[2], html)
        parts = html.encode().split(START.encode())
        if len(parts) % 2 != 1:
            raise ValueError("unbalanced frame regions")
        pieces, regions = [], {}

        def add(text):
            # Cut at each place of the CSRF token: joining is cheaper than replacing text.
            for i, run in enumerate(text.split(CSRF_STAND_IN.encode())):
                if i:
                    pieces.append(None)
                pieces.append(run)

        add(parts[0])
        for i in range(1, len(parts), 2):
            name, _, default = parts[i].partition(NAME_END.encode())
            begin = len(pieces)
            add(default)
            regions.setdefault(name.decode(), []).append((begin, len(pieces)))
            add(parts[i + 1])
        return cls(pieces, regions, data)

    def fill(self, regions, *, csrf_token):
        """Return the page (UTF-8) with `regions` ({name: html}) in place and this request's
        CSRF token in each form of the frame's own."""
        pieces = list(self.pieces)
        # A new key per page view, as the composer's form gets (posting it twice is one post).
        regions = {**regions, KEY_REGION: secrets.token_urlsafe(16)}
        for name, content in regions.items():
            for begin, end in self.regions.get(name, ()):
                pieces[begin:end] = [content.encode()] + [b""] * (end - begin - 1)
        token = escape(csrf_token).encode()
        return b"".join([token if piece is None else piece for piece in pieces])
