# The pseudo-locale's dates in the site's English formats: month names come from the
# catalogue (wrapped like every message), so a date reads "7 ⟦December⟧ 2026".
from django.conf.locale.en.formats import *  # noqa: F403

from forum.formats.en.formats import *  # noqa: F403
