"""Word matching for the word lists: which listed phrases a text uses.

A phrase matches when it appears in the text with no letter or digit
directly before or after it ("ass" matches "Ass!" and "my_ass" but not "class" or
"assistant"). Both sides are compared after Unicode NFKC normalisation and case folding,
so "ＡＳＳ" (full-width) and "ÉCOLE" match "ass" and "école"; whitespace inside a phrase
matches any run of whitespace, and every other character is taken literally (a phrase
may contain `.`, `*`, `(` or `$` without them acting as regular-expression syntax). The text
is also read undisguised (forum/comments/disguise.py), so "sh1ll" matches "shill".
"""

import re
import unicodedata

from forum.comments.disguise import undisguise
from forum.models import WordRule

# A "word character" for phrase boundaries: a letter or digit of any script. The underscore
# is left out on purpose, so Markdown emphasis (_word_) and snake_case can't hide a word.
_WORD_CHAR = r"[^\W_]"


def normalize_text(text):
    """Return text as word matching sees it: NFKC-normalised and case-folded."""
    return unicodedata.normalize("NFKC", text or "").casefold()


def phrase_pattern(phrase):
    """Return the compiled pattern that finds `phrase` as whole words in normalised text."""
    words = normalize_text(phrase).split()
    if not words:
        return None
    body = r"\s+".join(re.escape(word) for word in words)
    return re.compile(rf"(?<!{_WORD_CHAR}){body}(?!{_WORD_CHAR})")


def phrases_in(text, phrases):
    """Return the phrases (as given) that occur in `text` as whole words, disguised or not."""
    if not phrases:
        return []
    normalized = normalize_text(text)
    # "sh1ll" or "s.h.i.l.l" is the listed "shill" as a reader reads it.
    plain = undisguise(text)
    found = []
    for phrase in phrases:
        pattern = phrase_pattern(phrase)
        if pattern is not None and (pattern.search(normalized) or pattern.search(plain)):
            found.append(phrase)
    return found


def word_lists(text):
    """Return (banned, suspect) phrases found in `text`, reading the word lists once."""
    rules = list(WordRule.objects.values_list("phrase", "kind"))
    banned = phrases_in(text, [p for p, kind in rules if kind == WordRule.Kind.BANNED])
    suspect = phrases_in(text, [p for p, kind in rules if kind == WordRule.Kind.SUSPECT])
    return banned, suspect
