"""Deliveries over HTTPS to a real TLS receiver: a trusted certificate works, others fail.

The receiver's certificate is for "localhost", issued by a CA made for the test. The
sender trusts what the system trusts; SSL_CERT_FILE points it at another bundle
(docs/integration.md, "Webhooks"). A refused certificate is a failed attempt with its
reason, retried like any other, never a crash.
"""

import datetime
import ssl
import threading
from datetime import timedelta

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from django.utils import timezone
from standardwebhooks.webhooks import Webhook

from forum.comments import transitions
from forum.models.webhooks import Delivery, Event
from forum.webhooks import sending, services
from tests.forum.webhooks.conftest import Receiver, listening_server, recording_handler

pytestmark = pytest.mark.django_db


def _name(common_name):
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _certificate(subject, key, issuer, issuer_key, *, ca, names=()):
    now = datetime.datetime.now(datetime.UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(subject))
        .issuer_name(_name(issuer))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()), False
        )
        .add_extension(
            x509.KeyUsage(
                digital_signature=not ca,
                key_cert_sign=ca,
                crl_sign=ca,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
    )
    if names:
        builder = builder.add_extension(x509.SubjectAlternativeName(list(names)), False)
        builder = builder.add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), False
        )
    return builder.sign(issuer_key, hashes.SHA256())


def _pem(certificate):
    return certificate.public_bytes(serialization.Encoding.PEM)


@pytest.fixture(scope="module")
def tls_files(tmp_path_factory):
    """Make a CA and a certificate for "localhost" it signed; return their files' paths."""
    folder = tmp_path_factory.mktemp("tls")
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = _certificate("Webhook test CA", ca_key, "Webhook test CA", ca_key, ca=True)
    key = ec.generate_private_key(ec.SECP256R1())
    leaf = _certificate(
        "localhost", key, "Webhook test CA", ca_key, ca=False, names=[x509.DNSName("localhost")]
    )
    paths = {name: folder / f"{name}.pem" for name in ("ca", "cert", "key")}
    paths["ca"].write_bytes(_pem(ca))
    paths["cert"].write_bytes(_pem(leaf))
    paths["key"].write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return paths


@pytest.fixture
def tls_receiver(tls_files):
    """Start an HTTPS server on 127.0.0.1 that records every POST; stop it after the test."""
    found = Receiver()
    server = listening_server(recording_handler(found))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(tls_files["cert"], tls_files["key"])
    # A refused handshake raises in accept(), an OSError the server ignores.
    server.socket = context.wrap_socket(server.socket, server_side=True)
    found.url = f"https://localhost:{server.server_address[1]}/hooks"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield found
    server.shutdown()
    server.server_close()


@pytest.fixture
def deliver_to(integrator, thread, member):
    """Return a function: add an endpoint at `url`, post a comment, send; return the delivery."""

    def deliver(url):
        hook = services.endpoint_create(actor=integrator, url=url, events=[Event.COMMENT_PUBLISHED])
        transitions.comment_create(author=member, thread=thread, body="Over TLS, please.")
        assert sending.send_due(now=timezone.now() + timedelta(seconds=2)) == 1
        return hook, Delivery.objects.get(endpoint=hook)

    return deliver


def test_a_receiver_whose_certificate_is_trusted_gets_the_delivery(
    tls_receiver, tls_files, deliver_to, monkeypatch
):
    monkeypatch.setenv("SSL_CERT_FILE", str(tls_files["ca"]))
    hook, delivery = deliver_to(tls_receiver.url)
    assert delivery.status == Delivery.Status.DELIVERED
    assert delivery.attempts.get().status_code == 200
    got = tls_receiver.received[0]
    assert Webhook(hook.secret).verify(got.body, got.headers)["type"] == "comment.published"


def test_an_untrusted_certificate_is_a_failed_attempt_with_its_reason(
    tls_receiver, tls_files, deliver_to, monkeypatch
):
    # The system's CAs only: the test's CA is not among them.
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    _, delivery = deliver_to(tls_receiver.url)
    assert delivery.status == Delivery.Status.PENDING  # retried later, like a 500
    attempt = delivery.attempts.get()
    assert attempt.status_code is None and not attempt.succeeded
    assert "CERTIFICATE_VERIFY_FAILED" in attempt.error
    assert "unable to get local issuer certificate" in attempt.error
    assert tls_receiver.received == []


def test_a_certificate_for_another_host_name_is_a_failed_attempt(
    tls_receiver, tls_files, deliver_to, monkeypatch
):
    monkeypatch.setenv("SSL_CERT_FILE", str(tls_files["ca"]))
    # Trusted, but issued for "localhost", not for the address asked for.
    _, delivery = deliver_to(tls_receiver.url.replace("localhost", "127.0.0.1"))
    assert delivery.status == Delivery.Status.PENDING
    attempt = delivery.attempts.get()
    assert "CERTIFICATE_VERIFY_FAILED" in attempt.error
    assert "mismatch, certificate is not valid for '127.0.0.1'" in attempt.error
    assert tls_receiver.received == []
