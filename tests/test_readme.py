"""The README stays a short front page, and every link in it and in docs/ leads somewhere.

The README holds what a newcomer needs (the two commands, the map, the links); each
subject has its own file in docs/, linked from the README.
"""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
DOCS = sorted((ROOT / "docs").glob("*.md"))
MAX_README_LINES = 150

FENCE = re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.MULTILINE | re.DOTALL)
INLINE_CODE = re.compile(r"`[^`\n]*`")
# [text](target) and ![alt](target); the target ends at a space (a title) or the bracket.
LINK = re.compile(r"!?\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?(?:\s+[^)]*)?\)")
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|#)", re.IGNORECASE)


def first_code_block(text):
    """Return the non-blank lines of the text's first fenced code block."""
    match = FENCE.search(text)
    assert match, "no fenced code block"
    return [line for line in match.group(0).splitlines()[1:-1] if line.strip()]


def relative_links(path):
    """Return the relative link targets of a Markdown file, outside code, without anchors."""
    text = INLINE_CODE.sub("", FENCE.sub("", path.read_text(encoding="utf-8")))
    targets = (target for target in LINK.findall(text) if not EXTERNAL.match(target))
    return [target.split("#", 1)[0].split("?", 1)[0] for target in targets]


def test_the_readme_is_at_most_150_lines():
    lines = README.read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_README_LINES, f"README.md has {lines} lines; move a subject to docs/"


def test_the_readme_starts_with_the_two_commands():
    block = first_code_block(README.read_text(encoding="utf-8"))
    assert len(block) == 2, block
    assert block[0].startswith("make run"), block
    assert block[1].startswith("make test"), block


def test_there_are_docs():
    assert DOCS, "docs/ has no Markdown file"


@pytest.mark.parametrize(
    "path", [README, *DOCS], ids=lambda path: path.relative_to(ROOT).as_posix()
)
def test_every_relative_link_leads_to_a_file(path):
    missing = [target for target in relative_links(path) if not (path.parent / target).exists()]
    assert not missing, f"{path.relative_to(ROOT)} links to missing files: {missing}"


def test_the_readme_links_every_doc():
    linked = {(ROOT / target).resolve() for target in relative_links(README)}
    unlinked = [doc.relative_to(ROOT).as_posix() for doc in DOCS if doc.resolve() not in linked]
    assert not unlinked, f"README.md does not link {unlinked}"
