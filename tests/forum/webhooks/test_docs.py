"""The verification snippets of docs/integration.md accept a real delivery, refuse a forged one."""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from forum.comments import transitions
from forum.webhooks import sending

pytestmark = pytest.mark.django_db

DOC = Path(settings.BASE_DIR) / "docs" / "integration.md"


def snippet(name, language):
    """Return the fenced block that follows `<!-- verify-NAME ... -->` in the doc."""
    found = re.search(
        rf"<!-- verify-{name}.*?-->\n(?:<!--.*?-->\n)*```{language}\n(.*?)```",
        DOC.read_text(),
        re.S,
    )
    return found.group(1)


@pytest.fixture
def delivered(endpoint, receiver, thread, member):
    """Return (body, headers, secret) of a real delivery the receiver got."""
    hook = endpoint()
    transitions.comment_create(author=member, thread=thread, body="Verify me.")
    sending.send_due(now=timezone.now())
    got = receiver.received[0]
    return got.body, got.headers, hook.secret


def forged(body):
    return body.replace(b"Verify me.", b"Trust me.")


def test_the_python_snippet_is_five_lines_and_verifies(delivered):
    code = snippet("python", "python")
    assert len(code.strip().splitlines()) == 5
    namespace = {}
    exec(code, namespace)
    body, headers, secret = delivered
    assert namespace["verify"](body, headers, secret) is True
    assert namespace["verify"](forged(body), headers, secret) is False
    assert namespace["verify"](body, headers, "whsec_" + "A" * 44) is False


@pytest.mark.skipif(not shutil.which("node"), reason="needs Node.js (node) on PATH")
def test_the_javascript_snippet_is_five_lines_and_verifies(delivered, tmp_path):
    code = snippet("javascript", "js")
    assert len(code.strip().splitlines()) == 5
    body, headers, secret = delivered
    script = tmp_path / "verify.js"
    script.write_text(
        code
        + "const [body, headers, secret] = "
        + "JSON.parse(require('node:fs').readFileSync(0, 'utf8'));\n"
        + "console.log(JSON.stringify([verify(body, headers, secret),"
        + " verify(body.replace('Verify me.', 'Trust me.'), headers, secret)]));\n"
    )
    stdin = json.dumps([body.decode(), headers, secret])
    result = subprocess.run(
        ["node", str(script)], input=stdin, capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [True, False]
