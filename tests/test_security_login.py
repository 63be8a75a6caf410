"""The admin login resists guessing (django-axes): after AXES_FAILURE_LIMIT failures from one
address, or for one username from anywhere, sign-in is refused (the right password too) with a
clear page, until the cool-off has passed."""

import datetime

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


def test_lockout_by_username_refuses_the_right_password(client, editor):
    """Failures for one username from many addresses lock that username out everywhere."""
    for n in range(LIMIT):
        attempt(client, "editor", "wrong password", ip=f"198.51.100.{n + 1}")
    assert_locked(attempt(client, "editor", PASSWORD, ip="192.0.2.200"))


def test_lockout_by_address_covers_every_username(client, editor):
    """Failures from one address, each for another username, lock that address out."""
    for n in range(LIMIT):
        attempt(client, f"guess{n}", "wrong password", ip="203.0.113.99")
    assert_locked(attempt(client, "editor", PASSWORD, ip="203.0.113.99"))
    # Another address may still sign in as the same user.
    assert attempt(client, "editor", PASSWORD, ip="192.0.2.1").status_code == 302


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
