"""A password change ends the user's other sessions and API key; the changing session and PATs live on."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.factories import PASSWORD, ApiUser, Factory

NEW_PASSWORD = "a-brand-new-password"
CHANGE = {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}


class Browser:
    """One signed-in cookie session (a browser, or an SDK client that logged in)."""

    def __init__(self, app: FastAPI, username: str, password: str = PASSWORD) -> None:
        self.client = TestClient(app)
        login = self.client.post("/api/auth/login", json={"username": username, "password": password})
        assert login.status_code == 200, login.text
        self.key: str = login.json()["key"]
        self.session_cookie = login.cookies["sessionid"]
        self.client.headers["X-CSRFToken"] = login.cookies["csrftoken"]

    def signed_in(self) -> bool:
        status = self.client.get("/api/users/self").status_code
        assert status in (200, 401), status
        return status == 200


@pytest.fixture
def browsers(app: FastAPI) -> Iterator[list[Browser]]:
    made: list[Browser] = []
    yield made
    for browser in made:
        browser.client.close()


@pytest.fixture
def bob(factory: Factory) -> ApiUser:
    return factory.user("bob")


def _browser(app: FastAPI, browsers: list[Browser], username: str = "bob") -> Browser:
    browsers.append(Browser(app, username))
    return browsers[-1]


def _status_with(app: FastAPI, headers: dict[str, str]) -> int:
    with TestClient(app) as client:
        return client.get("/api/users/self", headers=headers).status_code


def test_a_password_change_ends_the_users_other_sessions(app: FastAPI, bob: ApiUser, browsers: list[Browser]) -> None:
    s1, s2 = _browser(app, browsers), _browser(app, browsers)
    assert s2.signed_in()
    assert s1.client.post("/api/auth/password/change", json=CHANGE).status_code == 200
    assert not s2.signed_in()


def test_the_session_that_changed_the_password_stays_signed_in(
    app: FastAPI, bob: ApiUser, browsers: list[Browser]
) -> None:
    s1 = _browser(app, browsers)
    changed = s1.client.post("/api/auth/password/change", json=CHANGE)
    assert changed.status_code == 200
    assert changed.json() == {"detail": "New password has been saved."}
    assert s1.signed_in()
    assert s1.client.post("/api/projects", json={"name": "after the change", "labels": []}).status_code == 201


def test_the_changing_session_gets_a_new_key_and_its_old_cookie_is_worthless(
    app: FastAPI, bob: ApiUser, browsers: list[Browser]
) -> None:
    s1 = _browser(app, browsers)
    changed = s1.client.post("/api/auth/password/change", json=CHANGE)
    renewed = changed.cookies["sessionid"]
    assert renewed != s1.session_cookie
    assert _status_with(app, {"Cookie": f"sessionid={s1.session_cookie}"}) == 401
    assert _status_with(app, {"Cookie": f"sessionid={renewed}"}) == 200


def test_a_password_change_revokes_the_api_key(app: FastAPI, bob: ApiUser, browsers: list[Browser]) -> None:
    s1 = _browser(app, browsers)
    assert _status_with(app, {"Authorization": f"Token {s1.key}"}) == 200
    assert s1.client.post("/api/auth/password/change", json=CHANGE).status_code == 200
    assert _status_with(app, {"Authorization": f"Token {s1.key}"}) == 401


def test_a_change_made_with_the_api_key_succeeds_and_ends_that_key_too(
    app: FastAPI, bob: ApiUser, browsers: list[Browser]
) -> None:
    s1 = _browser(app, browsers)
    assert bob.post("/api/auth/password/change", json=CHANGE).status_code == 200
    assert bob.get("/api/users/self").status_code == 401
    assert not s1.signed_in()
    again = Browser(app, "bob", NEW_PASSWORD)
    browsers.append(again)
    assert again.key != s1.key
    assert _status_with(app, {"Authorization": f"Token {again.key}"}) == 200


def test_personal_access_tokens_survive_a_password_change(app: FastAPI, bob: ApiUser, browsers: list[Browser]) -> None:
    token = bob.post("/api/auth/access_tokens", json={"name": "ci"}).json()["value"]
    s1 = _browser(app, browsers)
    assert s1.client.post("/api/auth/password/change", json=CHANGE).status_code == 200
    assert _status_with(app, {"Authorization": f"Bearer {token}"}) == 200
    assert s1.client.get("/api/auth/access_tokens").json()["count"] == 1


def test_the_user_signs_in_with_the_new_password_and_not_the_old_one(app: FastAPI, bob: ApiUser) -> None:
    assert bob.post("/api/auth/password/change", json=CHANGE).status_code == 200
    with TestClient(app) as client:
        assert client.post("/api/auth/login", json={"username": "bob", "password": PASSWORD}).status_code == 400
        login = client.post("/api/auth/login", json={"username": "bob", "password": NEW_PASSWORD})
        assert login.status_code == 200
        assert client.get("/api/users/self").json()["username"] == "bob"


def test_a_refused_change_ends_nothing(app: FastAPI, bob: ApiUser, browsers: list[Browser]) -> None:
    s1, s2 = _browser(app, browsers), _browser(app, browsers)
    wrong = CHANGE | {"old_password": "not-my-password"}
    assert s1.client.post("/api/auth/password/change", json=wrong).status_code == 400
    assert s2.signed_in() and s1.signed_in()
    assert _status_with(app, {"Authorization": f"Token {s1.key}"}) == 200


def test_other_users_keep_their_sessions_and_keys(
    app: FastAPI, factory: Factory, bob: ApiUser, browsers: list[Browser]
) -> None:
    eve = factory.user("eve")
    eves_browser = _browser(app, browsers, "eve")
    s1 = _browser(app, browsers)
    assert s1.client.post("/api/auth/password/change", json=CHANGE).status_code == 200
    assert eves_browser.signed_in()
    assert eve.get("/api/users/self").status_code == 200
