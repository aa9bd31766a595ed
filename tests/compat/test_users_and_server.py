"""Users and server information through cvat-sdk's typed models."""

from __future__ import annotations

import json
import urllib.request

import pytest
from cvat_sdk.api_client import exceptions, models
from cvat_sdk.core.client import Client

from tests.compat.conftest import ADMIN_USERNAME, Account, LiveServer

pytestmark = pytest.mark.compat


def test_self_describes_the_logged_in_user(client: Client, user: Account) -> None:
    me, _ = client.api_client.users_api.retrieve_self()
    assert (me.username, me.email) == (user.username, user.email)
    assert me.is_superuser is False
    assert me.is_active is True
    assert me.last_login is not None
    assert "user" in me.groups


def test_admin_is_a_superuser(admin_client: Client) -> None:
    me, _ = admin_client.api_client.users_api.retrieve_self()
    assert (me.username, me.is_superuser) == (ADMIN_USERNAME, True)


def test_user_list_deserializes(client: Client, user: Account) -> None:
    page, _ = client.api_client.users_api.list(search=user.username)
    assert [u.username for u in page.results] == [user.username]


def test_admin_lists_all_users(admin_client: Client, user: Account) -> None:
    usernames = {u.username for u in admin_client.users.list()}
    assert {ADMIN_USERNAME, user.username} <= usernames


def test_user_is_retrieved_by_id(client: Client, user: Account) -> None:
    me, _ = client.api_client.users_api.retrieve_self()
    assert client.users.retrieve(me.id).username == user.username


def test_about_deserializes_with_a_supported_version(anonymous_client: Client) -> None:
    about, _ = anonymous_client.api_client.server_api.retrieve_about()
    assert about.version == "2.80.0"
    assert about.logo_url.startswith("http://")
    # The SDK accepts the server version without a warning.
    anonymous_client.check_server_version(fail_if_unsupported=True)


def test_annotation_formats_deserialize(client: Client) -> None:
    formats, _ = client.api_client.server_api.retrieve_annotation_formats()
    # Which formats exist is the format suite's business; here every entry must fit the model.
    for dataset_format in [*formats.importers, *formats.exporters]:
        assert dataset_format.name
        assert dataset_format.dimension in {"2d", "3d"}


def test_plugins_deserialize(client: Client) -> None:
    plugins, _ = client.api_client.server_api.retrieve_plugins()
    assert isinstance(plugins.models, bool)


def test_schema_is_served(live_server: LiveServer) -> None:
    with urllib.request.urlopen(f"{live_server.url}/api/schema/") as response:
        schema = json.loads(response.read())
    assert schema["openapi"].startswith("3.")
    assert "/api/tasks" in schema["paths"]


def test_other_users_details_are_hidden_from_a_regular_user(client: Client, admin_client: Client) -> None:
    admin, _ = admin_client.api_client.users_api.retrieve_self()
    with pytest.raises((exceptions.ForbiddenException, exceptions.NotFoundException)):
        client.api_client.users_api.partial_update(admin.id, patched_user_request=models.PatchedUserRequest(first_name="Mallory"))
