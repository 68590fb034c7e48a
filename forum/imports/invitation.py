"""Read this software's own export (forum.imports.export): JSON lines, described in
docs/import-export.md and its JSON Schema, docs/import-export.schema.json.

Each comment keeps its Markdown, status, history and place in the tree; its author comes
back as a guest author under their public name (members' accounts are not exported).
"""

import hashlib
import json

from forum.imports.records import ImportFileError, SourceComment, SourceNote, SourceThread
from forum.imports.records import parse_time as _time

FORMAT = "invitation-export"
COUNT_MARK = b'"type": "comment"'
_STATES = {"published": "published", "pending": "pending", "rejected": "spam", "removed": "deleted"}


def _lines(path):
    with open(path, encoding="utf-8") as stream:
        for number, line in enumerate(stream, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line.rstrip("\r\n"))
            except json.JSONDecodeError as error:
                raise ImportFileError(
                    f"Line {number}, column {error.colno}: not JSON ({error.msg})."
                ) from None
            if not isinstance(record, dict) or "type" not in record:
                raise ImportFileError(f"Line {number}: expected an object with a “type”.")
            yield number, record


def source_name(path):
    """Return the import's source: the exporting site, so two sites' ids never collide."""
    for number, record in _lines(path):
        if record["type"] != "site" or record.get("format") != FORMAT:
            raise ImportFileError(
                f"Line {number}: expected the export's first line, "
                f'{{"type": "site", "format": "{FORMAT}", …}}.'
            )
        site = str(record.get("site_url", ""))
        return "invitation:" + hashlib.sha256(site.encode()).hexdigest()[:8]
    raise ImportFileError("The file is empty: an export of this software was expected.")


def _time_or_none(value, where):
    return _time(value, where) if value else None


def _comment(record, number, authors):
    where = f"Line {number}"
    try:
        key, thread = str(record["id"]), str(record["thread"])
        status = _STATES[record["status"]]
        author = authors.get(record.get("author") or "", {})
        return SourceComment(
            key=key,
            thread_key=thread,
            parent_key=str(record["parent"]) if record.get("parent") else "",
            created_at=_time(record["created_at"], where),
            edited_at=_time_or_none(record.get("edited_at"), where),
            message=record["body"],
            message_format="markdown",
            state=status,
            author_key=record.get("author") or "",
            author_name=author.get("name", ""),
            has_author=bool(record.get("author")),
            rejection_reason=record.get("rejection_reason", ""),
            score=int(record.get("score", 0)),
            featured_at=_time_or_none(record.get("featured_at"), where),
            revisions=tuple(
                (r["body"], _time(r["created_at"], where), _time(r["replaced_at"], where))
                for r in record.get("revisions", ())
            ),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise ImportFileError(f"{where}: a comment without a valid {error}.") from None


def read(path):
    """Yield the records of an export of this software, in file order."""
    authors = {}  # "member:12" or "guest:3" -> the author's record (names are small)
    for number, record in _lines(path):
        kind = record["type"]
        if kind in ("member", "guest"):
            authors[f"{kind}:{record['id']}"] = record
        elif kind == "thread":
            yield SourceThread(
                key=str(record["key"]),
                url=record.get("url", ""),
                title=record.get("title", ""),
                identifier=str(record["key"]),
                closed=record.get("state") == "closed",
            )
        elif kind == "comment":
            yield _comment(record, number, authors)
        elif kind == "decision":
            yield SourceNote("moderation decisions, kept in the export only", "")
        elif kind != "site":
            yield SourceNote("unknown lines", f"Line {number}: unknown type {kind!r}, left out")
