"""A list `filter` value of the wrong type for its field is refused with the same 400 on every database.

PostgreSQL answered `integer < varchar` with a server error and SQLite with every row; see
contour/core/filter_types.py for what each field type accepts.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from contour.core.filter_types import FieldType
from contour.resources.accounts.router import ACCESS_TOKEN_LIST, USER_LIST
from contour.resources.common.listing import ListSpec
from contour.resources.jobs.router import JOB_LIST
from contour.resources.labels.router import LABEL_LIST
from contour.resources.organizations.router import INVITATION_LIST, MEMBERSHIP_LIST, ORGANIZATION_LIST
from contour.resources.projects.router import PROJECT_LIST
from contour.resources.requests.router import REQUEST_LIST
from contour.resources.tasks.router import TASK_LIST
from tests.factories import ApiUser, Factory

LISTS: dict[str, ListSpec] = {
    "/api/projects": PROJECT_LIST,
    "/api/tasks": TASK_LIST,
    "/api/jobs": JOB_LIST,
    "/api/labels": LABEL_LIST,
    "/api/users": USER_LIST,
    "/api/organizations": ORGANIZATION_LIST,
    "/api/memberships": MEMBERSHIP_LIST,
    "/api/invitations": INVITATION_LIST,
    "/api/auth/access_tokens": ACCESS_TOKEN_LIST,
    "/api/requests": REQUEST_LIST,
}
# A value each type accepts, and values of other types it refuses.
GOOD: dict[FieldType, Any] = {
    FieldType.INTEGER: 1, FieldType.STRING: "a", FieldType.DATETIME: "2024-01-01", FieldType.BOOLEAN: True,
}
WRONG: dict[FieldType, list[Any]] = {
    FieldType.INTEGER: ["abc", True, 1.5, 2**31, "1.0"],
    FieldType.STRING: [5, True, 1.5],
    FieldType.DATETIME: ["soon", 5, True],
    FieldType.BOOLEAN: [1, 0, "yes"],
}  # fmt: skip


@pytest.fixture
def lister(factory: Factory) -> ApiUser:
    """A user who sees a row in most lists, so a filter that slipped through would show rows."""
    user = factory.user("lister")
    project = factory.project(user, name="streets")
    task = factory.task(user, name="alpha", project_id=project["id"])
    factory.split_task(task["id"], size=4, segment_size=2)
    factory.organization(user, slug="acme")
    assert user.post("/api/auth/access_tokens", json={"name": "ci"}).status_code == 201
    return user


def wrong_typed_rules(name: str, field_type: FieldType) -> list[dict[str, Any]]:
    """Every operator's form with a value of the wrong type for the field, each wrong value used."""
    var, good, wrong = {"var": name}, GOOD[field_type], WRONG[field_type]
    forms = [
        lambda w: {"==": [var, w]}, lambda w: {"!=": [var, w]}, lambda w: {"<": [var, w]},
        lambda w: {"<=": [var, w]}, lambda w: {">": [var, w]}, lambda w: {">=": [w, var]},
        lambda w: {"<=": [w, var, good]}, lambda w: {"<": [good, var, w]},
        lambda w: {"in": [var, [good, w]]},
    ]  # fmt: skip
    rules = [form(wrong[index % len(wrong)]) for index, form in enumerate(forms)]
    rules += [{"==": [var, w]} for w in wrong]
    if field_type is not FieldType.STRING:
        rules.append({"in": ["1", var]})
    return rules


def refusal(user: ApiUser, path: str, rule: object) -> str:
    response = user.get(path, params={"filter": json.dumps(rule)})
    assert response.status_code == 400, (path, rule, response.text)
    body = response.json()
    assert set(body) == {"filter"} and len(body["filter"]) == 1, body
    message: str = body["filter"][0]
    return message


def test_every_list_with_a_filter_is_covered_here(factory: Factory) -> None:
    schema = factory.user().get("/api/schema").json()
    with_filter = {
        path for path, item in schema["paths"].items()
        if any(p["name"] == "filter" for p in item.get("get", {}).get("parameters", []))
    }  # fmt: skip
    assert with_filter == set(LISTS)


@pytest.mark.parametrize("path", LISTS)
def test_every_field_refuses_a_wrong_typed_value_in_every_operator(lister: ApiUser, path: str) -> None:
    for name, field_type in LISTS[path].filter_types.items():
        for rule in wrong_typed_rules(name, field_type):
            message = refusal(lister, path, rule)
            assert f"'{name}' is {field_type.with_article} field" in message, (path, rule, message)


@pytest.mark.parametrize(
    ("path", "rule", "message"),
    [
        ("/api/tasks", {"<": [{"var": "id"}, "abc"]}, "filter: 'id' is an integer field; \"abc\" is not an integer"),
        ("/api/projects", {"==": [{"var": "name"}, 5]}, "filter: 'name' is a string field; 5 is not a string"),
        ("/api/jobs", {"==": [{"var": "id"}, True]}, "filter: 'id' is an integer field; true is not an integer"),
        ("/api/organizations", {"==": [{"var": "owner"}, 1]}, "filter: 'owner' is a string field; 1 is not a string"),
        ("/api/labels", {"in": [{"var": "id"}, [1, 1.5]]}, "filter: 'id' is an integer field; 1.5 is not an integer"),
        ("/api/users", {"==": [{"var": "is_active"}, 1]}, "filter: 'is_active' is a boolean field; 1 is not a boolean"),
        ("/api/requests", {"<": [{"var": "id"}, 5]}, "filter: 'id' is a string field; 5 is not a string"),
        ("/api/memberships", {"in": ["1", {"var": "id"}]},
         "filter: 'id' is an integer field; only string fields can be searched for text"),
        ("/api/invitations", {"<=": ["soon", {"var": "created_date"}, "2030-01-01"]},
         "filter: 'created_date' is a date-time field; \"soon\" is not an ISO 8601 date or date-time of years 1-9999"),
    ],
)  # fmt: skip
def test_a_wrong_typed_value_is_refused_naming_the_field_and_its_type(
    lister: ApiUser, path: str, rule: object, message: str
) -> None:
    assert refusal(lister, path, rule) == message


def test_an_integer_beyond_the_database_integer_is_refused_not_rounded(lister: ApiUser) -> None:
    message = refusal(lister, "/api/tasks", {"<": [{"var": "id"}, 2**40]})
    assert message == "filter: 'id' is an integer field; 1099511627776 is outside -2147483648..2147483647"


def test_a_wrong_typed_value_nested_in_and_or_not_is_refused(lister: ApiUser) -> None:
    inner = {"or": [{"==": [{"var": "name"}, "alpha"]}, {"!": {"<": [{"var": "project_id"}, "x"]}}]}
    assert "'project_id' is an integer field" in refusal(lister, "/api/tasks", {"and": [inner]})


def test_a_text_value_with_a_nul_character_is_refused(lister: ApiUser) -> None:
    for rule in ({"==": [{"var": "name"}, "a\x00"]}, {"in": ["a\x00", {"var": "name"}]}):
        assert "NUL" in refusal(lister, "/api/tasks", rule)


def test_a_date_before_year_1_in_utc_is_refused(lister: ApiUser) -> None:
    message = refusal(lister, "/api/tasks", {">": [{"var": "created_date"}, "0001-01-01T00:00:00+05:00"]})
    assert "'created_date' is a date-time field" in message


def count(user: ApiUser, path: str, rule: object) -> int:
    response = user.get(path, params={"filter": json.dumps(rule)})
    assert response.status_code == 200, (rule, response.text)
    total: int = response.json()["count"]
    return total


def test_an_integer_field_takes_decimal_digits_as_text_as_cvat_does(lister: ApiUser) -> None:
    (task,) = lister.get("/api/tasks").json()["results"]
    assert count(lister, "/api/tasks", {"==": [{"var": "id"}, str(task["id"])]}) == 1
    assert count(lister, "/api/tasks", {"in": [{"var": "project_id"}, [f"+{task['project_id']}"]]}) == 1
    assert count(lister, "/api/tasks", {"<": [{"var": "id"}, str(task["id"])]}) == 0


def test_an_integer_field_takes_a_number_without_a_fraction(lister: ApiUser) -> None:
    (task,) = lister.get("/api/tasks").json()["results"]
    assert count(lister, "/api/tasks", {"==": [{"var": "id"}, float(task["id"])]}) == 1


def test_a_boolean_field_takes_true_and_false_also_as_text(lister: ApiUser) -> None:
    assert count(lister, "/api/users", {"==": [{"var": "is_active"}, True]}) == 1
    assert count(lister, "/api/users", {"==": [{"var": "is_active"}, "TRUE"]}) == 1
    assert count(lister, "/api/users", {"!=": [{"var": "is_active"}, "false"]}) == 1
    assert count(lister, "/api/auth/access_tokens", {"in": [{"var": "read_only"}, [False]]}) == 1


def test_null_is_accepted_for_a_field_of_every_type(lister: ApiUser) -> None:
    for path, spec in LISTS.items():
        for name in spec.filter_types:
            for rule in ({"==": [{"var": name}, None]}, {"!=": [{"var": name}, None]}, {"in": [{"var": name}, [None]]}):
                lister.get(path, params={"filter": json.dumps(rule)}).raise_for_status()


def test_a_good_value_of_every_type_still_filters(lister: ApiUser) -> None:
    (task,) = lister.get("/api/tasks").json()["results"]
    assert count(lister, "/api/tasks", {"and": [
        {"==": [{"var": "id"}, task["id"]]}, {"in": ["alp", {"var": "name"}]},
        {">=": [{"var": "created_date"}, "2000-01-01"]},
    ]}) == 1  # fmt: skip
    assert count(lister, "/api/jobs", {"<=": [task["id"], {"var": "task_id"}, str(task["id"])]}) == 2
