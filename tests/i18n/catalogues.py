"""The interface's catalogues, as the checks read them: extracted afresh, and parsed.

`extract` runs `makemessages` as /work/notes/i18n-extract.sh does (both domains, the same
ignores) in a copy of the project, so the working tree and its locale/ stay as they are:
the copy's locale/ starts as the committed one and ends as the committed one merged with
every message the sources mark now. `read_po` parses a .po file (gettext's tools read them
too, but the checks need the entries themselves to name what is missing).
"""

import ast
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# The languages the project ships complete (English is the source: it has no catalogue).
SHIPPED = ("de", "fr", "es", "ar", "ko")
DOMAINS = ("django", "djangojs")
# As in i18n-extract.sh: what is never the interface's text.
IGNORED = [
    ".venv/*",
    ".venv",
    "node_modules/*",
    "tools/*",
    "tests/*",
    "bench/*",
    "deploy/*",
    "staticfiles/*",
    "docs/*",
    "var/*",
    "mutants/*",
]
JS_IGNORED = ["*.min.js"]
# Not copied: never read by makemessages, or large, or this machine's own.
NOT_COPIED = shutil.ignore_patterns(
    ".git",
    ".venv",
    "node_modules",
    "staticfiles",
    "var",
    "mutants",
    "media",
    "sent-mail",
    "__pycache__",
    ".pytest_cache",
    ".ruff_cache",
    "*.mo",
    "db.sqlite3*",
)


def extract(folder):
    """Copy the project into `folder`, extract every marked message there; return its locale/.

    Each shipped language's django.po and djangojs.po is the committed one merged with the
    sources' messages (a new one has an empty msgstr), and locale/django.pot and
    locale/djangojs.pot hold every message once (--keep-pot).
    """
    copy = Path(folder) / "project"
    shutil.copytree(ROOT, copy, ignore=NOT_COPIED, symlinks=True)
    languages = [option for code in SHIPPED for option in ("-l", code)]
    ignored = [option for pattern in IGNORED for option in ("-i", pattern)]
    js_ignored = [option for pattern in JS_IGNORED for option in ("-i", pattern)]
    for domain, extra in (("django", []), ("djangojs", js_ignored)):
        command = [sys.executable, "manage.py", "makemessages", "-d", domain, *languages]
        command += ["--no-obsolete", "--keep-pot", *ignored, *extra, "-v", "0"]
        done = subprocess.run(command, cwd=copy, capture_output=True, text=True)  # noqa: S603
        if done.returncode:
            raise RuntimeError(f"makemessages -d {domain} failed:\n{done.stderr}")
    return copy / "locale"


@dataclass
class Entry:
    """One message of a catalogue."""

    msgid: str = ""
    context: str | None = None
    plural: str | None = None
    msgstrs: dict = field(default_factory=dict)  # plural form (0 when not plural) -> text
    flags: set = field(default_factory=set)
    line: int = 0

    @property
    def key(self):
        return (self.context, self.msgid)

    @property
    def is_header(self):
        return self.msgid == "" and self.context is None

    def label(self):
        """Return how a report names the message: its context, its words, its plural."""
        text = repr(self.msgid)
        if self.plural is not None:
            text += f" / {self.plural!r}"
        return f"[{self.context}] {text}" if self.context is not None else text


_KEYWORD = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(\".*\")\s*$")


def read_po(path):
    """Return the entries of the .po file at `path` (obsolete `#~` entries left out)."""
    entries, entry, current = [], None, None
    for number, raw in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if line.startswith("#~"):
            continue
        match = _KEYWORD.match(line)
        keyword = match.group(1) if match else None
        # An entry ends at a blank line, a comment or a msgctxt/msgid after its keywords.
        ends = (not line or line.startswith("#") or keyword == "msgctxt") and current is not None
        ends = ends or (keyword == "msgid" and current not in (None, "msgctxt"))
        if ends:
            entries.append(entry)
            entry, current = None, None
        if not line:
            continue
        entry = entry or Entry(line=number)
        if line.startswith("#"):
            if line.startswith("#,"):
                entry.flags |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith('"') and current is not None:
            _append(entry, current, ast.literal_eval(line))
        elif match:
            form = int(match.group(2) or 0)
            current = ("msgstr", form) if keyword.startswith("msgstr") else keyword
            _append(entry, current, ast.literal_eval(match.group(3)))
        else:
            raise ValueError(f"{path}:{number}: cannot read {raw!r}")
    if current is not None:
        entries.append(entry)
    return entries


def _append(entry, current, text):
    if current == "msgctxt":
        entry.context = (entry.context or "") + text
    elif current == "msgid":
        entry.msgid += text
    elif current == "msgid_plural":
        entry.plural = (entry.plural or "") + text
    else:
        form = current[1]
        entry.msgstrs[form] = entry.msgstrs.get(form, "") + text


def header_fields(entries):
    """Return the header's fields ({"Language": "de", ...}) of a catalogue's entries."""
    header = next((e for e in entries if e.is_header), None)
    text = header.msgstrs.get(0, "") if header else ""
    pairs = (line.partition(":") for line in text.splitlines() if ":" in line)
    return {name.strip(): value.strip() for name, _, value in pairs}


def plural_count(entries):
    """Return the number of plural forms the catalogue's header declares (nplurals)."""
    found = re.search(r"nplurals\s*=\s*(\d+)", header_fields(entries).get("Plural-Forms", ""))
    return int(found.group(1)) if found else None


def msgfmt_check(path):
    """Return msgfmt --check's complaints about the .po at `path` ("" when it compiles)."""
    done = subprocess.run(  # noqa: S603
        ["msgfmt", "--check", "-o", "/dev/null", str(path)],  # noqa: S607
        capture_output=True,
        text=True,
    )
    return done.stderr.strip() if done.returncode else ""


def compile_po(text, folder, language, domain="django"):
    """Write `text` as `language`'s catalogue under `folder` (a LOCALE_PATHS entry), compiled."""
    messages = Path(folder) / language / "LC_MESSAGES"
    messages.mkdir(parents=True, exist_ok=True)
    po = messages / f"{domain}.po"
    po.write_text(text, encoding="utf-8")
    done = subprocess.run(  # noqa: S603
        ["msgfmt", "--check", "-o", str(po.with_suffix(".mo")), str(po)],  # noqa: S607
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise RuntimeError(f"msgfmt refused {po}:\n{done.stderr}")
    return Path(folder)


def quote(text):
    """Return `text` as a PO string."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
    return '"' + escaped.replace("\n", "\\n") + '"'
