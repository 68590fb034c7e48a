"""What the bench loads: its targets, in the order of a round (bench/run.py runs them)."""

from dataclasses import dataclass

from bench import viral
from bench.server import ASGI, SYNC

SMALL_TOTAL = 1_000
HELLO = "hello (trivial view)"
STATIC = "static file (nginx), article 10,000"
EMPTY_ARTICLE = "article, 0 comments"  # the fixed cost of an article page
COLD_ARTICLE = "article, 0, nothing cached"  # its own parts, as the first reader gets them
PLAIN_PAGE = "plain page ~30 KB"
AFTER_COMMENT = "article, 1,000, first reader after a comment"
MEMBER_AFTER_COMMENT = "member article, 1,000, first reader after a comment"
# The same with nothing rendered ahead on write (PRERENDER_ON_WRITE=off): the reader renders.
NOT_AHEAD = ", nothing rendered ahead"
AFTER_COMMENTS = (
    AFTER_COMMENT,
    MEMBER_AFTER_COMMENT,
    AFTER_COMMENT + NOT_AHEAD,
    MEMBER_AFTER_COMMENT + NOT_AHEAD,
)
# The anonymous busy article read in English, German and Arabic in turn (issue 28).
LANGUAGES = ("en", "de", "ar")
THREE_LANGUAGES = "article, 10,000, en/de/ar in turn"


@dataclass
class Target:
    name: str
    path: str
    site: str = "site"  # which database serves it: "site" or "small"
    member: bool = False
    cold: bool = False  # in-process only, the cache emptied before each request
    after_comment: bool = False  # in-process only, the first reader after each new comment
    ahead: bool = True  # with after_comment: the page rendered ahead on write (prerender.py)
    during_writes: bool = False  # in-process only, a reader while comments come 5 a second
    server: str = ASGI  # which app server: production's (ASGI), sync gunicorn, or nginx
    writes: bool = False  # loaded while a poster posts 5 comments a second to its thread
    languages: tuple = ()  # Accept-Language sent in turn, each language's page in the cache


def targets(site, site_total):
    """Return the targets in the order of a round, each app server's hello first."""
    article = site["articles"]
    search = f"/search/?q={site['search_word']}&type=comments"
    per_second = f"{viral.COMMENTS_PER_SECOND} comments/s"
    return [
        Target(HELLO, "/bench/ok"),
        Target(PLAIN_PAGE, "/bench/plain"),
        Target(EMPTY_ARTICLE, article["0"]),
        Target(COLD_ARTICLE, article["0"], cold=True),
        Target(AFTER_COMMENT, article["1000"], after_comment=True),
        Target(MEMBER_AFTER_COMMENT, article["1000"], member=True, after_comment=True),
        Target(AFTER_COMMENT + NOT_AHEAD, article["1000"], after_comment=True, ahead=False),
        Target(
            MEMBER_AFTER_COMMENT + NOT_AHEAD,
            article["1000"],
            member=True,
            after_comment=True,
            ahead=False,
        ),
        Target("article, 10", article["10"]),
        Target("article, 1,000", article["1000"]),
        Target(f"article, 1,000, {per_second}", article["1000"], writes=True),
        Target("article, 10,000", article["10000"]),
        # Beside the English figure: readers of three languages, three pages in the cache.
        Target(THREE_LANGUAGES, article["10000"], languages=LANGUAGES),
        Target(f"article, 10,000, {per_second}", article["10000"], writes=True),
        Target(STATIC, "/page.html", server="nginx"),
        Target("member article, 1,000", article["1000"], member=True),
        Target("member article, 10,000", article["10000"], member=True),
        Target(f"search, {SMALL_TOTAL:,} in site", search, site="small"),
        Target(f"search, {site_total:,} in site", search),
        Target(f"sync: {HELLO}", "/bench/ok", server=SYNC),
        Target("sync: article, 10,000", article["10000"], server=SYNC),
        Target("sync: member article, 10,000", article["10000"], member=True, server=SYNC),
    ]


def chosen(plan, only):
    """Return the targets named by `only` (all when empty), with the hello of each one's app
    server, which its ratio needs. A word names the target of that name, else every target
    whose name contains it."""
    if not only:
        return plan
    names = {t.name for t in plan}
    picked = {n for word in only for n in ([word] if word in names else names) if word in n}
    picked |= {hello_of(t) for t in plan if t.name in picked and t.server != "nginx"}
    return [t for t in plan if t.name in picked]


def hello_of(target):
    """Return the name of the hello its throughput is compared with (same app server)."""
    return f"sync: {HELLO}" if target.server == SYNC else HELLO
