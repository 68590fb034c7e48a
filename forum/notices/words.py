"""The fixed lists a notifier and a moderator choose from, with their words.

The kinds of illegality with a short explanation each, the countries whose law a notice
names, the numbered rules of the community guidelines (the guidelines page gives each an
anchor, #rule-N) and the DSA Transparency Database's names for our categories.
"""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from forum.models import IllegalCategory

# Shown under each choice of the notice form.
CATEGORY_HELP = {
    IllegalCategory.HATE: _(
        "Content that incites violence or hatred against people for who they are."
    ),
    IllegalCategory.TERRORISM: _("Content that praises, supports or recruits for terrorism."),
    IllegalCategory.CSAM: _(
        "Sexual images or descriptions of children. You may send this notice without your "
        "name or e-mail address."
    ),
    IllegalCategory.DEFAMATION: _("False statements of fact that harm someone’s reputation."),
    IllegalCategory.PRIVACY: _(
        "Someone’s personal data published without a lawful reason: an address, a phone "
        "number, health details."
    ),
    IllegalCategory.INTELLECTUAL_PROPERTY: _(
        "Text or images copied without the right holder’s permission."
    ),
    IllegalCategory.SCAMS: _("Attempts to cheat people out of money or personal data."),
    IllegalCategory.OTHER: _("Any other content you believe breaks the law."),
}

# The categories that need no name or e-mail address (Art. 16(2)(c)).
ANONYMOUS_CATEGORIES = frozenset({IllegalCategory.CSAM})

# The DSA Transparency Database's category of each of ours (its STATEMENT_CATEGORY_* values).
DATABASE_CATEGORY = {
    IllegalCategory.HATE: "STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH",
    IllegalCategory.TERRORISM: "STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY",
    IllegalCategory.CSAM: "STATEMENT_CATEGORY_PROTECTION_OF_MINORS",
    IllegalCategory.DEFAMATION: "STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH",
    IllegalCategory.PRIVACY: "STATEMENT_CATEGORY_DATA_PROTECTION_AND_PRIVACY_VIOLATIONS",
    IllegalCategory.INTELLECTUAL_PROPERTY: "STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS",
    IllegalCategory.SCAMS: "STATEMENT_CATEGORY_SCAMS_AND_FRAUD",
    IllegalCategory.OTHER: "STATEMENT_CATEGORY_OTHER_VIOLATION_TC",
}

# The numbered rules of the community guidelines (articles/content/pages/community-guidelines.md
# gives each its heading "N. Title", anchored #rule-N; a test keeps the two in step).
GUIDELINE_RULES = {
    1: _("Be respectful"),
    2: _("No harassment or hate"),
    3: _("Stay on topic"),
    4: _("No spam or self-promotion"),
    5: _("Back up factual claims"),
    6: _("Respect privacy"),
}

# The Member States of the EU and the EEA, whose law a notice can name (ISO 3166-1, "EL" is
# Greece as the EU writes it).
COUNTRIES = {
    "AT": _("Austria"),
    "BE": _("Belgium"),
    "BG": _("Bulgaria"),
    "HR": _("Croatia"),
    "CY": _("Cyprus"),
    "CZ": _("Czechia"),
    "DK": _("Denmark"),
    "EE": _("Estonia"),
    "FI": _("Finland"),
    "FR": _("France"),
    "DE": _("Germany"),
    "EL": _("Greece"),
    "HU": _("Hungary"),
    "IE": _("Ireland"),
    "IT": _("Italy"),
    "LV": _("Latvia"),
    "LT": _("Lithuania"),
    "LU": _("Luxembourg"),
    "MT": _("Malta"),
    "NL": _("Netherlands"),
    "PL": _("Poland"),
    "PT": _("Portugal"),
    "RO": _("Romania"),
    "SK": _("Slovakia"),
    "SI": _("Slovenia"),
    "ES": _("Spain"),
    "SE": _("Sweden"),
    "IS": _("Iceland"),
    "LI": _("Liechtenstein"),
    "NO": _("Norway"),
}


def rule_label(number):
    """Return "Rule N: title" for a rule of the guidelines, or "" for none."""
    if number not in GUIDELINE_RULES:
        return ""
    # Lazy: an e-mail renders it in its reader's language, not the moderator's.
    return format_lazy(_("Rule {number}: {title}"), number=number, title=GUIDELINE_RULES[number])
