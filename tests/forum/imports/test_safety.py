"""Hostile archives: XML bombs, external entities, malformed files, and XSS in messages."""

import pytest
from django.core.management import CommandError, call_command

from forum.imports.content import _CONVERTER, html_to_markdown, text_to_markdown
from forum.imports.records import ImportFileError
from forum.imports.runner import run_import
from forum.models import Comment
from tests.forum.markdown_checks import assert_safe

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "format"), [("billion_laughs.xml", "disqus"), ("xxe.xml", "wordpress")]
)
def test_entities_are_refused_with_a_clear_message(sample, name, format):
    with pytest.raises(CommandError, match="declares a DTD or entities, which an import refuses"):
        call_command("import_comments", sample(name), format=format, no_progress=True)
    assert Comment.objects.count() == 0


def test_a_malformed_file_names_the_line_the_column_and_what_was_expected(sample):
    with pytest.raises(ImportFileError) as error:
        run_import(format="disqus", path=sample("malformed.xml"))
    assert str(error.value) == (
        "The file is not well-formed XML at line 7, column 5: mismatched tag where </post> "
        "was expected."
    )


def test_another_format_is_refused(sample):
    with pytest.raises(ImportFileError, match="first element is <rss>, where <disqus>"):
        run_import(format="disqus", path=sample("wordpress.xml"))


def test_a_missing_file_is_a_command_error():
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_comments", "/nonexistent.xml", format="disqus", no_progress=True)


def test_a_bad_date_names_the_post(tmp_path):
    path = tmp_path / "bad.xml"
    path.write_text(
        '<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">'
        '<thread dsq:id="1"><link>https://a.example/x/</link></thread>'
        '<post dsq:id="7"><message>Hi</message><createdAt>yesterday</createdAt>'
        '<thread dsq:id="1"/></post></disqus>'
    )
    with pytest.raises(ImportFileError, match=r"Post number 1 \(dsq:id 7\): “yesterday” is not"):
        run_import(format="disqus", path=str(path))


XSS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JaVaScRiPt:alert(1)">click</a>',
    '<a href="jav&#x09;ascript:alert(1)">tab</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">ent</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>',
    '<a href="vbscript:msgbox(1)">vb</a>',
    "<svg onload=alert(1)><circle r=1 /></svg>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    '<iframe src="https://evil.example"></iframe>',
    '<div style="background:url(javascript:alert(1))">styled</div>',
    '<p onclick="alert(1)" onmouseover="alert(1)">handlers</p>',
    '<form action="https://evil.example"><input name=x></form>',
    '<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">',
    "[click](javascript:alert(1))",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    '<a href="  javascript:alert(1)">spaces</a>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
]


@pytest.mark.parametrize("payload", XSS)
def test_xss_in_an_archived_message_is_harmless(tmp_path, payload, articles):
    message = f"<p>Before.</p>{payload}<p>After.</p>"
    path = tmp_path / "xss.xml"
    path.write_text(
        '<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">'
        '<thread dsq:id="1"><link>https://a.example/articles/the-2019-hanoi-summit-explained/'
        "</link></thread>"
        f'<post dsq:id="1"><message><![CDATA[{message}]]></message>'
        '<createdAt>2020-01-01T00:00:00Z</createdAt><thread dsq:id="1"/></post></disqus>',
        encoding="utf-8",
    )
    run_import(format="disqus", path=str(path))
    comment = Comment.objects.get()
    # The same check as the composer's own XSS corpus (tests/forum/test_markdown_safety.py).
    assert_safe(comment.body_html, user_content=True)


def test_the_fast_path_gives_markdownifys_own_markdown():
    samples = [
        "<p>Plain.</p>",
        "<p>A * b _c_ [d](e) #1 1. 2) `x` &amp; &lt;t&gt; ~~s~~ | pipe \\ back</p><p>Two</p>",
        "<p>  Spaces\n and\tnew lines  </p>",
        "<p>- dash</p><p>+ plus</p><p># hash</p><p>> quote</p>",
        "<p>caf&eacute; &#8212; &#x1F600;</p>",
        "<p>  several   spaces  </p><p></p><p>after an empty one</p>",
        "<p>&nbsp;non-breaking&nbsp; space &amp;amp; * </p>",
    ]
    for message in samples:
        assert html_to_markdown(message) == _CONVERTER.convert(message).strip(), message


def test_wordpress_text_keeps_its_paragraphs_and_line_breaks():
    assert text_to_markdown("One\ntwo\n\nThree") == "One  \ntwo\n\nThree"
    assert text_to_markdown("<p>Already HTML</p>\n<p>Yes</p>") == "Already HTML\n\nYes"


def test_a_malformed_export_line_names_its_line_and_column(tmp_path):
    path = tmp_path / "export.jsonl"
    path.write_text(
        '{"type": "site", "format": "invitation-export", "version": 1, "site_url": "x"}\n'
        '{"type": "thread", "key": "a", "url": "/a/", "title": "A"\n'
    )
    with pytest.raises(ImportFileError, match=r"Line 2, column 58: not JSON \(Expecting ','"):
        run_import(format="invitation", path=str(path))


def test_a_file_that_is_not_our_export_is_refused(tmp_path):
    path = tmp_path / "other.jsonl"
    path.write_text('{"type": "comment", "id": 1}\n')
    with pytest.raises(ImportFileError, match="Line 1: expected the export's first line"):
        run_import(format="invitation", path=str(path))
