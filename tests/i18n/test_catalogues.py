"""Every shipped language's catalogues are complete: each marked message translated, none fuzzy.

The sources' messages are extracted afresh (makemessages, in a copy of the project:
tests/i18n/catalogues.py) and compared with the committed locale/<lang>/LC_MESSAGES/*.po.
A message the sources mark that a catalogue lacks, an empty msgstr (any plural form), a
fuzzy entry or a catalogue msgfmt --check refuses fails the language, naming each message.
"""

import shutil

import pytest

from tests.i18n.catalogues import (
    DOMAINS,
    ROOT,
    SHIPPED,
    header_fields,
    msgfmt_check,
    plural_count,
    read_po,
)


def test_gettext_tools_are_installed():
    # No skip: without msgfmt the catalogues can't be compiled (`make install` installs gettext).
    missing = [tool for tool in ("msgfmt", "msgmerge", "xgettext") if not shutil.which(tool)]
    assert not missing, f"gettext tools missing: {missing} (apt-get install gettext)"


def problems_of(committed_path, extracted_path, language):
    """Return {kind: [message labels]} of what the committed catalogue lacks or gets wrong."""
    # makemessages writes no catalogue for a domain with no marked message at all.
    found = read_po(extracted_path) if extracted_path.exists() else []
    sources = [e for e in found if not e.is_header]
    if not committed_path.exists():
        if not sources:
            return {}
        return {"catalogue missing, every message": [e.label() for e in sources]}
    committed = read_po(committed_path)
    problems = {}
    if checked := msgfmt_check(committed_path):
        problems["msgfmt --check"] = checked.splitlines()
    fields = header_fields(committed)
    if fields.get("Language") != language:
        problems["header"] = [
            f"Language: is {fields.get('Language')!r}: set it to {language!r} in the header"
        ]
    nplurals = plural_count(committed)
    have = {e.key: e for e in committed if not e.is_header}
    problems["missing"] = [e.label() for e in sources if e.key not in have]
    problems["fuzzy"] = [
        "(the header: remove its '#, fuzzy' line)" if e.is_header else e.label()
        for e in committed
        if "fuzzy" in e.flags
    ]
    forms = range(nplurals or 1)
    problems["untranslated"] = [
        e.label()
        for e in sources
        if e.key in have
        and any(not have[e.key].msgstrs.get(n) for n in (forms if e.plural is not None else [0]))
    ]
    problems["plural forms"] = [
        f"{e.label()}: {len(e.msgstrs)} forms, the header says {nplurals}"
        for e in have.values()
        if e.plural is not None and len(e.msgstrs) != nplurals
    ]
    return {kind: found for kind, found in problems.items() if found}


@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize("language", SHIPPED)
def test_catalogue_is_complete(extracted, language, domain):
    where = f"{language}/LC_MESSAGES/{domain}.po"
    problems = problems_of(ROOT / "locale" / where, extracted / where, language)
    report = "\n".join(
        f"  {kind} ({len(found)}):\n" + "\n".join(f"    {label}" for label in found)
        for kind, found in problems.items()
    )
    assert not problems, f"locale/{where} is not complete:\n{report}"


def test_extraction_finds_the_interface_messages(extracted):
    # The check above is only as good as the extraction: it must see templates and scripts.
    django = {e.msgid for e in read_po(extracted / "django.pot")}
    assert "Language" in django  # templates/includes/language_menu.html
    assert len(django) > 100
    javascript = extracted / "djangojs.pot"
    assert javascript.exists(), "no message of static/js/*.js extracted (gettext() in site.js)"


# The check itself, on small catalogues: it finds each kind of gap, and passes a whole one.
HEADER = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: ar\\n"
"Plural-Forms: nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : "
"n%100>=3 && n%100<=10 ? 3 : n%100>=11 && n%100<=99 ? 4 : 5;\\n"
"""
SOURCES = (
    HEADER
    + """
msgid "Reply"
msgstr ""

msgctxt "verb"
msgid "Report"
msgstr ""

#, python-format
msgid "%(n)s reply"
msgid_plural "%(n)s replies"
msgstr[0] ""
"""
)
WHOLE = (
    HEADER
    + """
msgid "Reply"
msgstr "رد"

msgctxt "verb"
msgid "Report"
msgstr "إبلاغ"

#, python-format
msgid "%(n)s reply"
msgid_plural "%(n)s replies"
"""
    + "".join(f'msgstr[{n}] "%(n)s ردود {n}"\n' for n in range(6))
)


def check(tmp_path, committed, sources=SOURCES):
    (tmp_path / "committed.po").write_text(committed)
    (tmp_path / "extracted.po").write_text(sources)
    return problems_of(tmp_path / "committed.po", tmp_path / "extracted.po", "ar")


def test_the_check_passes_a_whole_catalogue(tmp_path):
    assert check(tmp_path, WHOLE) == {}


def test_the_check_names_missing_untranslated_fuzzy_and_broken_messages(tmp_path):
    without_report = WHOLE.replace('msgctxt "verb"\nmsgid "Report"\nmsgstr "إبلاغ"\n', "")
    assert check(tmp_path, without_report) == {"missing": ["[verb] 'Report'"]}
    one_form_empty = WHOLE.replace('msgstr[4] "%(n)s ردود 4"', 'msgstr[4] ""')
    found = check(tmp_path, one_form_empty)  # msgfmt finds the placeholder missing too
    assert found["untranslated"] == ["'%(n)s reply' / '%(n)s replies'"]
    fuzzy = WHOLE.replace('msgid "Reply"', '#, fuzzy\nmsgid "Reply"')
    assert check(tmp_path, fuzzy) == {"fuzzy": ["'Reply'"]}
    fuzzy_header = check(tmp_path, "#, fuzzy\n" + WHOLE)
    assert fuzzy_header == {"fuzzy": ["(the header: remove its '#, fuzzy' line)"]}
    placeholder_lost = WHOLE.replace('msgstr[5] "%(n)s ردود 5"', 'msgstr[5] "ردود"')
    assert list(check(tmp_path, placeholder_lost)) == ["msgfmt --check"]
    five_forms = WHOLE.replace('msgstr[5] "%(n)s ردود 5"\n', "")
    assert "plural forms" in check(tmp_path, five_forms)
    assert "catalogue missing, every message" in problems_of(
        tmp_path / "none.po", tmp_path / "extracted.po", "ar"
    )
