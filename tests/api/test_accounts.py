"""Accounts: registration, login (cookies + CSRF), API keys, personal access tokens, users."""

from __future__ import annotations

import base64

from fastapi.testclient import TestClient

from tests.factories import PASSWORD, Factory


def _register(client: TestClient, username: str = "alice", **extra: str):  # type: ignore[no-untyped-def]
    body = {"username": username, "email": f"{username}@example.com", "password1": PASSWORD, "password2": PASSWORD}
    return client.post("/api/auth/register", json=body | extra)


def test_register_returns_the_new_user_and_a_key(client: TestClient) -> None:
    response = _register(client)
    assert response.status_code == 201
    assert response.json()["username"] == "alice"
    assert len(response.json()["key"]) == 40


def test_register_rejects_a_taken_username(client: TestClient) -> None:
    _register(client)
    response = _register(client, email="other@example.com")
    assert response.status_code == 400
    assert "username" in response.json()


def test_register_rejects_mismatched_passwords(client: TestClient) -> None:
    response = _register(client, password2="something-else")
    assert response.status_code == 400
    assert "password2" in response.json()


def test_login_sets_session_and_csrf_cookies(client: TestClient) -> None:
    _register(client)
    response = client.post("/api/auth/login", json={"username": "alice", "password": PASSWORD})
    assert response.status_code == 200
    assert set(response.cookies.keys()) >= {"sessionid", "csrftoken"}
    assert len(response.json()["key"]) == 40


def test_login_with_email_works(client: TestClient) -> None:
    _register(client)
    response = client.post("/api/auth/login", json={"email": "alice@example.com", "password": PASSWORD})
    assert response.status_code == 200


def test_wrong_password_is_a_400_naming_the_problem(client: TestClient) -> None:
    _register(client)
    response = client.post("/api/auth/login", json={"username": "alice", "password": "nope"})
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["Unable to log in with provided credentials."]}


def test_session_requests_need_the_csrf_header_to_change_state(client: TestClient) -> None:
    _register(client)
    login = client.post("/api/auth/login", json={"username": "alice", "password": PASSWORD})
    csrf = login.cookies["csrftoken"]
    body = {"name": "p", "labels": [{"name": "car"}]}
    assert client.get("/api/users/self").status_code == 200
    refused = client.post("/api/projects", json=body)
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]
    assert client.post("/api/projects", json=body, headers={"X-CSRFToken": "wrong"}).status_code == 403
    assert client.post("/api/projects", json=body, headers={"X-CSRFToken": csrf}).status_code == 201


def test_logout_ends_the_session_and_revokes_the_key(client: TestClient) -> None:
    key = _register(client).json()["key"]
    login = client.post("/api/auth/login", json={"username": "alice", "password": PASSWORD})
    csrf = login.cookies["csrftoken"]
    assert client.post("/api/auth/logout", headers={"X-CSRFToken": csrf}).status_code == 200
    client.cookies.clear()
    client.cookies.set("sessionid", login.cookies["sessionid"])
    assert client.get("/api/users/self").status_code == 401
    client.cookies.clear()
    assert client.get("/api/users/self", headers={"Authorization": f"Token {key}"}).status_code == 401


def test_anonymous_requests_get_401(client: TestClient) -> None:
    for path in ("/api/users/self", "/api/projects", "/api/tasks", "/api/jobs", "/api/labels", "/api/organizations"):
        assert client.get(path).status_code == 401, path


def test_a_bad_token_is_401(client: TestClient) -> None:
    assert client.get("/api/users/self", headers={"Authorization": "Token " + "0" * 40}).status_code == 401


def test_basic_authentication_works(client: TestClient) -> None:
    _register(client)
    credentials = base64.b64encode(f"alice:{PASSWORD}".encode()).decode()
    response = client.get("/api/users/self", headers={"Authorization": f"Basic {credentials}"})
    assert response.json()["username"] == "alice"


def test_personal_access_token_authenticates_without_cookies(client: TestClient, factory: Factory) -> None:
    user = factory.user("bob")
    created = user.post("/api/auth/access_tokens", json={"name": "ci"})
    assert created.status_code == 201
    value = created.json()["value"]
    bearer = {"Authorization": f"Bearer {value}"}
    assert client.get("/api/users/self", headers=bearer).json()["username"] == "bob"
    current = client.get("/api/auth/access_tokens/self", headers=bearer).json()
    assert current["name"] == "ci" and current["last_used_date"] is not None
    assert "value" not in current
    assert client.post("/api/projects", json={"name": "p", "labels": []}, headers=bearer).status_code == 201


def test_read_only_access_token_cannot_change_anything(client: TestClient, factory: Factory) -> None:
    user = factory.user("bob")
    value = user.post("/api/auth/access_tokens", json={"name": "ro", "read_only": True}).json()["value"]
    bearer = {"Authorization": f"Bearer {value}"}
    assert client.get("/api/projects", headers=bearer).status_code == 200
    assert client.post("/api/projects", json={"name": "p"}, headers=bearer).status_code == 403


def test_revoked_access_token_stops_working(client: TestClient, factory: Factory) -> None:
    user = factory.user("bob")
    token = user.post("/api/auth/access_tokens", json={"name": "t"}).json()
    assert user.delete(f"/api/auth/access_tokens/{token['id']}").status_code == 204
    assert client.get("/api/users/self", headers={"Authorization": f"Bearer {token['value']}"}).status_code == 401


def test_expired_access_token_is_refused_at_creation(factory: Factory) -> None:
    user = factory.user("bob")
    response = user.post("/api/auth/access_tokens", json={"name": "t", "expiry_date": "2001-01-01T00:00:00Z"})
    assert response.status_code == 400
    assert "expiry_date" in response.json()


def test_access_tokens_are_private_to_their_owner(factory: Factory) -> None:
    bob, eve = factory.user("bob"), factory.user("eve")
    token = bob.post("/api/auth/access_tokens", json={"name": "t"}).json()
    assert eve.get(f"/api/auth/access_tokens/{token['id']}").status_code == 404
    assert eve.get("/api/auth/access_tokens").json()["count"] == 0
    assert bob.get("/api/auth/access_tokens").json()["count"] == 1


def test_password_change_needs_the_old_password(client: TestClient, factory: Factory) -> None:
    user = factory.user("bob")
    body = {"old_password": "wrong-password", "new_password1": "new-password-1", "new_password2": "new-password-1"}
    assert user.post("/api/auth/password/change", json=body).status_code == 400
    body["old_password"] = PASSWORD
    assert user.post("/api/auth/password/change", json=body).status_code == 200
    assert client.post("/api/auth/login", json={"username": "bob", "password": "new-password-1"}).status_code == 200


def test_users_self_has_the_meta_user_fields(factory: Factory) -> None:
    body = factory.user("bob").get("/api/users/self").json()
    assert body["username"] == "bob"
    assert body["groups"] == ["user"]
    assert body["is_superuser"] is False
    assert {"id", "url", "email", "date_joined", "last_login", "is_staff", "is_active"} <= set(body)


def test_other_users_are_listed_without_private_fields(factory: Factory) -> None:
    bob = factory.user("bob")
    factory.user("carol")
    users = {u["username"]: u for u in bob.get("/api/users").json()["results"]}
    assert "email" in users["bob"]
    assert "email" not in users["carol"]


def test_users_may_edit_only_themselves_and_not_their_privileges(factory: Factory) -> None:
    bob, carol = factory.user("bob"), factory.user("carol")
    assert bob.patch(f"/api/users/{bob.id}", json={"first_name": "Bob"}).json()["first_name"] == "Bob"
    assert bob.patch(f"/api/users/{carol.id}", json={"first_name": "X"}).status_code == 403
    assert bob.patch(f"/api/users/{bob.id}", json={"is_superuser": True}).status_code == 403


def test_admin_may_grant_privileges(factory: Factory) -> None:
    admin, bob = factory.user("admin", superuser=True), factory.user("bob")
    response = admin.patch(f"/api/users/{bob.id}", json={"is_staff": True, "groups": ["admin"]})
    assert response.status_code == 200
    assert response.json()["groups"] == ["admin"]


def test_unknown_fields_are_ignored_and_known_ones_still_validated(factory: Factory) -> None:
    bob = factory.user("bob")
    response = bob.patch(f"/api/users/{bob.id}", json={"favourite_colour": "blue", "first_name": "Bob"})
    assert response.status_code == 200
    assert response.json()["first_name"] == "Bob" and "favourite_colour" not in response.json()
    response = bob.patch(f"/api/users/{bob.id}", json={"favourite_colour": "blue", "first_name": ["not text"]})
    assert response.status_code == 400
    assert set(response.json()) == {"first_name"}
