"""The admin login resists guessing (django-axes): after AXES_FAILURE_LIMIT failures for one
username from one address, sign-in is refused there (the right password too) with a clear page,
until the cool-off has passed or an admin resets it."""

import datetime
import io

import pytest
import time_machine

from django.contrib.auth import get_user_model
from django.test import override_settings
from django.utils import timezone

LOGIN = "/admin/login/"
PASSWORD = "correct horse battery staple"
LIMIT = 5


@pytest.fixture(autouse=True)
def _axes_on():
    # The suite runs with AXES_ENABLED=False (see settings/test.py); these tests need it on.
    with override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=LIMIT, AXES_COOLOFF_TIME=0.25):
        yield


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("editor", "editor@example.com", PASSWORD)


def attempt(client, username, password, ip="203.0.113.7"):
    return client.post(
        LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip, follow=False
    )


def fail(client, times, username="editor", ip="203.0.113.7"):
    for _ in range(times):
        response = attempt(client, username, "wrong password", ip)
        assert response.status_code in (200, 429)
    return response


def assert_locked(response):
    assert response.status_code == 429
    text = response.content.decode()
    assert "Too many failed sign-ins" in text
    assert f"locked after {LIMIT} failed attempts" in text
    assert "Try again in 15 minutes" in text
    assert "_auth_user_id" not in response.wsgi_request.session


def test_a_few_failures_are_only_failures(client, editor):
    """Below the limit the login form answers as usual, and the right password then works."""
    response = fail(client, LIMIT - 1)
    assert response.status_code == 200
    assert "Your username and password didn" in response.content.decode()
    response = attempt(client, "editor", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_lockout_of_one_username_from_one_address(client, editor):
    """Failures for one username from one address lock that pair out, the right password
    included."""
    fail(client, LIMIT)
    assert_locked(attempt(client, "editor", PASSWORD))


def test_failures_from_elsewhere_cannot_lock_an_editor_out(client, editor):
    """Locking is by address and username together: failures under an editor's name from
    other addresses do not lock the editor out of their own (anyone could do that)."""
    for n in range(LIMIT):
        attempt(client, "editor", "wrong password", ip=f"198.51.100.{n + 1}")
    fail(client, LIMIT, ip="198.51.100.1")
    assert attempt(client, "editor", PASSWORD, ip="192.0.2.200").status_code == 302


def test_an_admin_unlocks_a_locked_editor(client, editor):
    """`manage.py axes_reset_username` lifts a lockout before the cool-off ends."""
    from django.core.management import call_command

    fail(client, LIMIT)
    assert_locked(attempt(client, "editor", PASSWORD))
    call_command("axes_reset_username", "editor", stdout=io.StringIO())
    assert attempt(client, "editor", PASSWORD).status_code == 302


def test_lockout_ends_after_the_cool_off(client, editor):
    """15 minutes after the last attempt the right password is accepted again; an attempt
    during the lockout starts the 15 minutes afresh, so a guesser gains nothing by trying."""
    start = timezone.now()
    fail(client, LIMIT)
    assert_locked(attempt(client, "editor", PASSWORD))
    with time_machine.travel(start + datetime.timedelta(minutes=10), tick=False):
        assert_locked(attempt(client, "editor", PASSWORD))
    with time_machine.travel(start + datetime.timedelta(minutes=20), tick=False):
        assert_locked(attempt(client, "editor", PASSWORD))
    with time_machine.travel(start + datetime.timedelta(minutes=36), tick=False):
        response = attempt(client, "editor", PASSWORD)
        assert response.status_code == 302
        assert response["Location"] == "/admin/"
