"""cvat-sdk authenticates against the live server: password sessions with CSRF, PATs, legacy tokens."""

from __future__ import annotations

from pathlib import Path

import pytest
from cvat_sdk import make_client
from cvat_sdk.api_client import ApiClient, Configuration, exceptions, models
from cvat_sdk.core.client import AccessTokenCredentials, Client, Config, PasswordCredentials

from tests.compat.conftest import Account, LiveServer

pytestmark = pytest.mark.compat


def _create_token(client: Client, name: str, *, read_only: bool = False) -> models.AccessTokenRead:
    token, response = client.api_client.auth_api.create_access_tokens(
        models.AccessTokenWriteRequest(name=name, read_only=read_only)
    )
    assert response.status == 201
    return token


def test_password_login_sets_session_and_csrf_cookies(live_server: LiveServer, user: Account) -> None:
    # make_client asserts itself that both cookies arrived; check what it kept, too.
    with make_client(live_server.url, credentials=(user.username, user.password)) as client:
        assert client.api_client.cookies["sessionid"].value
        assert client.api_client.configuration.api_key["csrfHeaderAuth"] == client.api_client.cookies["csrftoken"].value
        assert client.api_client.users_api.retrieve_self()[0].username == user.username


def test_session_client_can_make_a_state_changing_call_with_its_csrf_header(client: Client) -> None:
    project = client.projects.create({"name": "csrf-checked"})
    assert project.name == "csrf-checked"


def test_session_write_without_csrf_header_is_refused(client: Client) -> None:
    client.api_client.configuration.api_key.pop("csrfHeaderAuth")
    with pytest.raises(exceptions.ForbiddenException):
        client.projects.create({"name": "no-csrf"})


def test_logout_ends_the_session(live_server: LiveServer, user: Account, tmp_path: Path) -> None:
    client = Client(live_server.url, config=Config(cache_dir=tmp_path))
    client.login(PasswordCredentials(user.username, user.password))
    session_id = client.api_client.cookies["sessionid"].value
    csrf_token = client.api_client.cookies["csrftoken"].value
    client.logout()
    assert not client.has_credentials()

    # Replaying the old cookies must not authenticate any more.
    client.api_client.cookies["sessionid"] = session_id
    client.api_client.cookies["csrftoken"] = csrf_token
    with pytest.raises(exceptions.UnauthorizedException):
        client.api_client.users_api.retrieve_self()
    client.close()


def test_wrong_password_makes_login_raise(live_server: LiveServer, user: Account) -> None:
    with pytest.raises(exceptions.ApiException) as raised:
        make_client(live_server.url, credentials=(user.username, "not-the-password"))
    assert raised.value.status == 400


def test_unknown_user_makes_login_raise(live_server: LiveServer) -> None:
    with pytest.raises(exceptions.ApiException):
        make_client(live_server.url, credentials=("nobody-at-all", "whatever-password"))


def test_access_token_is_created_with_its_secret_value(client: Client, user: Account) -> None:
    token = _create_token(client, "ci")
    assert token.name == "ci"
    assert token.value
    assert token.owner.username == user.username
    assert token.read_only is False
    assert token.expiry_date is None


def test_access_token_list_deserializes_without_secrets(client: Client) -> None:
    created = _create_token(client, "listed")
    page, _ = client.api_client.auth_api.list_access_tokens()
    assert [t.id for t in page.results] == [created.id]
    assert "value" not in page.results[0]


def test_access_token_client_works_without_login(live_server: LiveServer, client: Client, user: Account) -> None:
    value = _create_token(client, "pat").value
    with make_client(live_server.url, access_token=value) as pat_client:
        assert not pat_client.api_client.cookies
        assert pat_client.api_client.users_api.retrieve_self()[0].username == user.username
        # No cookies means no CSRF: writes go through on the bearer token alone.
        assert pat_client.projects.create({"name": "made-with-pat"}).name == "made-with-pat"


def test_access_token_self_names_the_token_in_use(live_server: LiveServer, client: Client) -> None:
    created = _create_token(client, "whoami")
    with Client(live_server.url) as pat_client:
        pat_client.login(AccessTokenCredentials(created.value))
        current, _ = pat_client.api_client.auth_api.retrieve_access_tokens_self()
    assert (current.id, current.name) == (created.id, "whoami")
    assert current.last_used_date is not None


def test_read_only_access_token_cannot_write(live_server: LiveServer, client: Client) -> None:
    value = _create_token(client, "reader", read_only=True).value
    with make_client(live_server.url, access_token=value) as pat_client:
        pat_client.projects.list()
        with pytest.raises(exceptions.ForbiddenException):
            pat_client.projects.create({"name": "forbidden"})


def test_invalid_access_token_is_unauthorized(live_server: LiveServer) -> None:
    with (
        make_client(live_server.url, access_token="not-a-token") as pat_client,
        pytest.raises(exceptions.UnauthorizedException),
    ):
        pat_client.api_client.users_api.retrieve_self()


def test_legacy_token_from_login_authenticates_an_api_client(
    live_server: LiveServer, user: Account, anonymous_client: Client
) -> None:
    token, response = anonymous_client.api_client.auth_api.create_login(
        models.LoginSerializerExRequest(username=user.username, password=user.password)
    )
    assert response.status == 200
    configuration = Configuration(
        host=live_server.url, api_key={"tokenAuth": token.key}, api_key_prefix={"tokenAuth": "Token"}
    )
    with ApiClient(configuration) as api_client:
        assert api_client.users_api.retrieve_self()[0].username == user.username
        project, _ = api_client.projects_api.create(models.ProjectWriteRequest(name="made-with-token"))
        assert project.name == "made-with-token"


def test_anonymous_call_is_unauthorized(anonymous_client: Client) -> None:
    with pytest.raises(exceptions.UnauthorizedException):
        anonymous_client.api_client.users_api.retrieve_self()

