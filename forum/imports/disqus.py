"""Read a Disqus XML export: <disqus> with its <thread dsq:id> and <post dsq:id> elements.

The format, as Disqus documents it (help.disqus.com, "Custom XML Import Format") and
exports it: threads first (link, title, identifier), then posts, each naming its thread
and, for a reply, its parent by dsq:id; a post's message is HTML; isDeleted and isSpam
say what became of it; an author has a name, a username unless isAnonymous, an e-mail.
IP addresses are in the file and are never read.
"""

from forum.imports.records import (
    ImportFileError,
    SourceComment,
    SourceThread,
    parse_time,
)
from forum.imports.xmlstream import local, top_level_elements

NS = "{http://disqus.com}"
DSQ_ID = "{http://disqus.com/disqus-internals}id"
ROOT = "disqus"
COUNT_MARK = b"<post "  # counted in the file for the progress bar's total


def _text(element, name):
    child = element.find(NS + name)
    if child is None:
        child = element.find(name)  # a file written without the default namespace
    return (child.text or "").strip() if child is not None else ""


def _ref(element, name):
    child = element.find(NS + name)
    if child is None:
        child = element.find(name)
    return (child.get(DSQ_ID) or "").strip() if child is not None else ""


def _true(value):
    return value.strip().lower() == "true"


def _thread(element):
    key = element.get(DSQ_ID, "").strip()
    if not key:
        raise ImportFileError("A <thread> has no dsq:id attribute: each thread needs one.")
    return SourceThread(
        key=key,
        url=_text(element, "link"),
        title=_text(element, "title"),
        identifier=_text(element, "id"),
        closed=_true(_text(element, "isClosed")),
    )


def _author(element):
    author = element.find(NS + "author")
    if author is None:
        author = element.find("author")
    if author is None:
        return "", "", ""
    name, username = _text(author, "name"), _text(author, "username")
    email = _text(author, "email").lower()
    anonymous = _true(_text(author, "isAnonymous"))
    key = (f"user:{username}" if username and not anonymous else "") or (
        f"email:{email}" if email else ""
    )
    return key, name or username, email


def _post(element, number):
    key = element.get(DSQ_ID, "").strip()
    where = f"Post number {number} (dsq:id {key or 'missing'})"
    thread_key = _ref(element, "thread")
    if not key or not thread_key:
        raise ImportFileError(f"{where}: a <post> needs a dsq:id and a <thread dsq:id=…/>.")
    if _true(_text(element, "isSpam")):
        state = "spam"
    elif _true(_text(element, "isDeleted")):
        state = "deleted"
    elif _text(element, "isApproved").lower() == "false":
        state = "pending"
    else:
        state = "published"
    author_key, name, email = _author(element)
    return SourceComment(
        key=key,
        thread_key=thread_key,
        parent_key=_ref(element, "parent"),
        created_at=parse_time(_text(element, "createdAt"), where),
        message=_text(element, "message"),
        state=state,
        author_key=author_key,
        author_name=name,
        author_email=email,
    )


def read(path):
    """Yield the SourceThread and SourceComment records of a Disqus export, in file order."""
    posts = 0
    for element in top_level_elements(path, ROOT):
        name = local(element.tag)
        if name == "thread":
            yield _thread(element)
        elif name == "post":
            posts += 1
            yield _post(element, posts)
