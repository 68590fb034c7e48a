"""The interface's languages: which ones the site offers, and which one it falls back to.

Content (articles, comments) is never translated; the words around it are, from the
catalogues in locale/ (`make install` compiles them). A newsroom offers only its own with
LANGUAGES=de,en; LANGUAGE_CODE is the one readers get when their browser asks for none of them.
"""

from django.core.exceptions import ImproperlyConfigured

# Each language the project ships complete, by its code, under its own name.
NAMES = {
    "en": "English",
    "de": "Deutsch",
    "fr": "Français",
    "es": "Español",
    "ar": "العربية",
    "ko": "한국어",
}


def offered(codes):
    """Return Django's LANGUAGES for `codes` (from the environment), in the order given."""
    unknown = [code for code in codes if code not in NAMES]
    if unknown or not codes:
        raise ImproperlyConfigured(
            f"LANGUAGES may hold only {', '.join(NAMES)}; got {', '.join(unknown) or 'none'}"
        )
    return [(code, NAMES[code]) for code in dict.fromkeys(codes)]


def default(code, languages):
    """Return LANGUAGE_CODE: `code`, which must be one of the offered `languages`."""
    if code not in dict(languages):
        raise ImproperlyConfigured(f"LANGUAGE_CODE={code} is not one of LANGUAGES")
    return code
