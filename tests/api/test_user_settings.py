"""User settings: GET/PATCH /api/users/self/settings — per user, merged, bounded, documented."""

from __future__ import annotations

from fastapi.testclient import TestClient

from contour.resources.settings.document import MAX_DOCUMENT_BYTES, merge_patch
from contour.resources.settings.schemas import UserSettingsRead
from tests.factories import PASSWORD, Factory

URL = "/api/users/self/settings"
EMPTY = {"player": {}, "workspace": {}, "shortcuts": {}}


def test_a_new_user_has_empty_sections(factory: Factory) -> None:
    response = factory.user().get(URL)
    assert response.status_code == 200
    assert response.json() == EMPTY
    UserSettingsRead.model_validate(response.json())


def test_settings_need_a_signed_in_user(client: TestClient) -> None:
    assert client.get(URL).status_code == 401
    assert client.patch(URL, json={"player": {"frameStep": 5}}).status_code == 401


def test_a_patch_is_stored_and_returned(factory: Factory) -> None:
    user = factory.user()
    response = user.patch(URL, json={"player": {"frameStep": 5, "canvasBackgroundColor": "#000000"}})
    assert response.status_code == 200
    expected = EMPTY | {"player": {"frameStep": 5, "canvasBackgroundColor": "#000000"}}
    assert response.json() == expected
    UserSettingsRead.model_validate(response.json())
    assert user.get(URL).json() == expected


def test_patches_merge_deeply_and_leave_other_keys_alone(factory: Factory) -> None:
    user = factory.user()
    user.patch(URL, json={"player": {"frameStep": 5}, "workspace": {"text": {"size": 14, "position": "auto"}}})
    response = user.patch(URL, json={"workspace": {"text": {"size": 20}, "autoSave": True}})
    assert response.json() == {
        "player": {"frameStep": 5},
        "workspace": {"text": {"size": 20, "position": "auto"}, "autoSave": True},
        "shortcuts": {},
    }


def test_null_removes_a_key_and_a_null_section_resets_it(factory: Factory) -> None:
    user = factory.user()
    user.patch(URL, json={"player": {"frameStep": 5, "frameSpeed": "fast"}, "workspace": {"autoSave": True}})
    assert user.patch(URL, json={"player": {"frameStep": None}}).json()["player"] == {"frameSpeed": "fast"}
    assert user.patch(URL, json={"workspace": None}).json()["workspace"] == {}
    assert user.get(URL).json() == EMPTY | {"player": {"frameSpeed": "fast"}}


def test_lists_and_scalars_replace_what_was_stored(factory: Factory) -> None:
    user = factory.user()
    user.patch(URL, json={"shortcuts": {"save": ["ctrl+s", "cmd+s"]}})
    assert user.patch(URL, json={"shortcuts": {"save": ["f5"]}}).json()["shortcuts"] == {"save": ["f5"]}


def test_an_empty_patch_changes_nothing(factory: Factory) -> None:
    user = factory.user()
    user.patch(URL, json={"player": {"frameStep": 5}})
    assert user.patch(URL, json={}).json()["player"] == {"frameStep": 5}


def test_settings_belong_to_each_user(factory: Factory) -> None:
    alice, bob = factory.user(), factory.user()
    alice.patch(URL, json={"player": {"frameStep": 7}})
    bob.patch(URL, json={"player": {"frameStep": 3}})
    assert alice.get(URL).json()["player"] == {"frameStep": 7}
    assert bob.get(URL).json()["player"] == {"frameStep": 3}


def test_the_body_must_be_a_json_object(factory: Factory) -> None:
    user = factory.user()
    response = user.patch(URL, json=[{"player": {}}])
    assert response.status_code == 400
    assert "valid dictionary" in str(response.json())


def test_a_section_must_be_an_object(factory: Factory) -> None:
    response = factory.user().patch(URL, json={"player": 5})
    assert response.status_code == 400
    assert "player" in response.json()


def test_unknown_sections_are_ignored_as_cvat_ignores_unknown_fields(factory: Factory) -> None:
    user = factory.user()
    response = user.patch(URL, json={"colours": {"a": 1}, "player": {"frameStep": 3}})
    assert response.status_code == 200
    assert response.json() == EMPTY | {"player": {"frameStep": 3}}
    assert user.get(URL).json() == EMPTY | {"player": {"frameStep": 3}}


def test_non_finite_numbers_are_refused(factory: Factory) -> None:
    user = factory.user()
    response = user.patch(URL, content=b'{"player": {"frameStep": NaN}}', headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.json() == {"player.frameStep": ["Numbers must be finite."]}


def test_integers_beyond_what_browsers_represent_are_refused(factory: Factory) -> None:
    response = factory.user().patch(URL, json={"player": {"frameStep": 2**64}})
    assert response.status_code == 400
    assert "player.frameStep" in response.json()


def test_absurd_nesting_is_refused(factory: Factory) -> None:
    nested: dict[str, object] = {}
    for _ in range(40):
        nested = {"a": nested}
    response = factory.user().patch(URL, json={"workspace": nested})
    assert response.status_code == 400
    assert "levels deep" in str(response.json())


def test_a_patch_over_the_size_limit_is_refused_and_nothing_is_stored(factory: Factory) -> None:
    user = factory.user()
    response = user.patch(URL, json={"workspace": {"notes": "x" * (MAX_DOCUMENT_BYTES + 1)}})
    assert response.status_code == 400
    message = response.json()["non_field_errors"][0]
    assert "at most 64 KiB" in message
    assert user.get(URL).json() == EMPTY


def test_the_limit_bounds_the_merged_document_not_only_one_patch(factory: Factory) -> None:
    user = factory.user()
    half = "x" * (MAX_DOCUMENT_BYTES // 2)
    assert user.patch(URL, json={"workspace": {"a": half}}).status_code == 200
    refused = user.patch(URL, json={"workspace": {"b": half}})
    assert refused.status_code == 400
    assert user.get(URL).json()["workspace"] == {"a": half}
    # Replacing a value frees its room.
    assert user.patch(URL, json={"workspace": {"a": None, "b": half}}).status_code == 200


def test_the_web_app_session_saves_with_its_csrf_token(client: TestClient, factory: Factory) -> None:
    user = factory.user()
    login = client.post("/api/auth/login", json={"username": user.username, "password": PASSWORD})
    csrf = login.cookies["csrftoken"]
    assert client.patch(URL, json={"player": {"frameStep": 2}}).status_code == 403
    saved = client.patch(URL, json={"player": {"frameStep": 2}}, headers={"X-CSRFToken": csrf})
    assert saved.status_code == 200
    assert client.get(URL).json()["player"] == {"frameStep": 2}


def test_the_schema_documents_both_operations(client: TestClient) -> None:
    schema = client.get("/api/schema").json()
    operations = schema["paths"]["/api/users/self/settings"]
    assert operations["get"]["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/UserSettingsRead"
    }
    body = operations["patch"]["requestBody"]["content"]["application/json"]["schema"]
    assert body == {"$ref": "#/components/schemas/UserSettingsPatchRequest"}


def test_merge_patch_follows_rfc_7396() -> None:
    # Examples from RFC 7396, appendix A.
    assert merge_patch({"a": "b"}, {"a": "c"}) == {"a": "c"}
    assert merge_patch({"a": "b"}, {"b": "c"}) == {"a": "b", "b": "c"}
    assert merge_patch({"a": "b"}, {"a": None}) == {}
    assert merge_patch({"a": [{"b": "c"}]}, {"a": [1]}) == {"a": [1]}
    assert merge_patch({"a": {"b": "c"}}, {"a": {"b": "d", "c": None}}) == {"a": {"b": "d"}}
    assert merge_patch({"e": None}, {"a": 1}) == {"e": None, "a": 1}
    assert merge_patch({}, {"a": {"bb": {"ccc": None}}}) == {"a": {"bb": {}}}


def test_merge_patch_leaves_its_inputs_unchanged() -> None:
    target = {"a": {"b": 1}}
    merge_patch(target, {"a": {"b": 2}})
    assert target == {"a": {"b": 1}}
