"""Which thread of this site an archive's thread belongs to, and how that was decided.

In order: an explicit mapping file (the archive's thread id, identifier or URL, then a
thread key or a path of this site), our own thread key (exports of this software), the
URL's path (an article's canonical address), the slug (a WordPress post name, or the
URL's last segment). A thread that matches nothing becomes an embed thread keyed by its
URL, as /embed/ would make it, shown where that page embeds the discussion.
"""

import csv
import hashlib
from urllib.parse import urlsplit

from django.db import transaction
from django.utils import timezone

from forum.imports.records import ImportFileError
from forum.models import Thread

MAPPING, KEY, URL, SLUG = "mapping", "key", "url", "slug"
NEW, EARLIER = "new embed thread", "embed thread of an earlier run"


def read_mapping(path):
    """Return {archive thread id, identifier or URL: thread key or path} from a CSV file."""
    if not path:
        return {}
    mapping = {}
    with open(path, encoding="utf-8", newline="") as stream:
        for number, row in enumerate(csv.reader(stream), 1):
            if not row or row[0].lstrip().startswith("#"):
                continue
            if len(row) != 2 or not row[0].strip() or not row[1].strip():
                raise ImportFileError(
                    f"Mapping file, line {number}: expected two columns, the archive's "
                    "thread (id, identifier or URL) and this site's thread (key or path)."
                )
            mapping[row[0].strip()] = row[1].strip()
    return mapping


def _path(url):
    path = urlsplit(url or "").path or ""
    if not path:
        return ""
    return path if path.endswith("/") else path + "/"


def _slug(path):
    parts = [part for part in (path or "").split("/") if part]
    return parts[-1] if parts else ""


def embed_key(url):
    """Return the key of the embed thread of an archive's page (a digest of its URL)."""
    return "imported:" + hashlib.sha256(url.encode()).hexdigest()[:32]


class ThreadMatcher:
    """Match the archive's threads to this site's as they are read; remember each answer."""

    def __init__(self, *, mapping=None, dry_run=False):
        self.mapping = mapping or {}
        self.dry_run = dry_run
        threads = list(Thread.objects.only("pk", "key", "url", "title", "state"))
        self.by_key = {t.key: t for t in threads}
        self.by_path = {_path(t.url): t for t in threads if t.url.startswith("/")}
        self.by_slug = {}
        for thread in threads:
            if thread.key.startswith("article:"):
                self.by_slug.setdefault(_slug(_path(thread.url)), thread)
        self.matched = {}  # archive thread key -> Thread (None: only in a dry run)
        self.how = []  # (archive key, URL, how, this site's thread key)

    def thread_for(self, key):
        """Return the Thread of an archive thread read before, or None."""
        return self.matched.get(key)

    def knows(self, key):
        return key in self.matched

    def add(self, source_thread, *, own_keys=False):
        """Match `source_thread`, creating its embed thread if nothing matches; return how."""
        thread, how = self._find(source_thread, own_keys)
        if thread is None:
            how = NEW
            thread = None if self.dry_run else self._create(source_thread)
        self.matched[source_thread.key] = thread
        key = thread.key if thread is not None else embed_key(self._url(source_thread))
        self.how.append((source_thread.key, source_thread.url, how, key))
        return how

    def _find(self, st, own_keys):
        for name in (st.key, st.identifier, st.url):
            target = self.mapping.get(name) if name else None
            if target:
                thread = self.by_key.get(target) or self.by_path.get(_path(target))
                if thread is None:
                    raise ImportFileError(
                        f"Mapping file: “{target}” (for the archive's thread “{name}”) is "
                        "neither a thread key nor a path of this site."
                    )
                return thread, MAPPING
        # An article's key is its id on the exporting site: its URL says which article it is.
        if own_keys and st.key in self.by_key and not st.key.startswith("article:"):
            return self.by_key[st.key], KEY
        if embed_key(self._url(st)) in self.by_key:
            return self.by_key[embed_key(self._url(st))], EARLIER
        path = _path(st.url)
        if path and path in self.by_path:
            return self.by_path[path], URL
        slug = st.identifier if st.identifier and "/" not in st.identifier else _slug(path)
        if slug and slug in self.by_slug:
            return self.by_slug[slug], SLUG
        return None, ""

    @staticmethod
    def _url(st):
        return st.url or f"archive:{st.key}"

    @transaction.atomic
    def _create(self, st):
        url = self._url(st)
        title = "".join(ch for ch in st.title if ch.isprintable()).strip() or url
        thread, _ = Thread.objects.get_or_create(
            key=embed_key(url),
            defaults={
                "title": title[:300],
                "url": url[:300],
                "visible_from": timezone.now(),
                "state": Thread.State.CLOSED if st.closed else Thread.State.OPEN,
            },
        )
        self.by_key[thread.key] = thread
        return thread
