"""The list protocol on every endpoint: envelope, pagination, sort, search, simple and JSON-Logic filters."""

from __future__ import annotations

import json

import pytest

from tests.factories import ApiUser, Factory

LIST_ENDPOINTS = [
    "/api/projects", "/api/tasks", "/api/jobs", "/api/labels", "/api/users", "/api/organizations",
    "/api/memberships", "/api/invitations", "/api/auth/access_tokens",
]


@pytest.fixture
def owner_with_tasks(factory: Factory) -> ApiUser:
    user = factory.user("lister")
    project = factory.project(user, name="streets")
    for index, name in enumerate(["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet", "kilo", "lima"]):
        fields = {"project_id": project["id"]} if index % 3 == 0 else {}
        factory.task(user, name=name, subset="train" if index % 2 else "test", **fields)
    return user


@pytest.mark.parametrize("path", LIST_ENDPOINTS)
def test_every_list_returns_the_envelope(factory: Factory, path: str) -> None:
    body = factory.user().get(path).json()
    assert set(body) == {"count", "next", "previous", "results"}


@pytest.mark.parametrize("path", LIST_ENDPOINTS)
def test_every_list_rejects_a_malformed_filter(factory: Factory, path: str) -> None:
    response = factory.user().get(path, params={"filter": '{"and": ['})
    assert response.status_code == 400
    assert "filter" in response.json()


@pytest.mark.parametrize("path", LIST_ENDPOINTS)
def test_every_list_rejects_an_unknown_sort_field(factory: Factory, path: str) -> None:
    response = factory.user().get(path, params={"sort": "no_such_field"})
    assert response.status_code == 400
    assert "sort" in response.json()


def test_default_page_size_is_10_with_next_link(owner_with_tasks: ApiUser) -> None:
    body = owner_with_tasks.get("/api/tasks").json()
    assert body["count"] == 12 and len(body["results"]) == 10
    assert body["next"] == "http://testserver/api/tasks?page=2" and body["previous"] is None
    second = owner_with_tasks.get("/api/tasks?page=2").json()
    assert len(second["results"]) == 2 and second["next"] is None
    assert second["previous"] == "http://testserver/api/tasks"


def test_default_order_is_newest_first(owner_with_tasks: ApiUser) -> None:
    ids = [t["id"] for t in owner_with_tasks.get("/api/tasks?page_size=100").json()["results"]]
    assert ids == sorted(ids, reverse=True)


def test_page_past_the_end_is_404(owner_with_tasks: ApiUser) -> None:
    assert owner_with_tasks.get("/api/tasks?page=3").status_code == 404


def test_sort_by_name_both_ways(owner_with_tasks: ApiUser) -> None:
    ascending = [t["name"] for t in owner_with_tasks.get("/api/tasks?sort=name&page_size=100").json()["results"]]
    descending = [t["name"] for t in owner_with_tasks.get("/api/tasks?sort=-name&page_size=100").json()["results"]]
    assert ascending == sorted(ascending) and descending == ascending[::-1]


def test_search_is_a_case_insensitive_substring(owner_with_tasks: ApiUser) -> None:
    names = {t["name"] for t in owner_with_tasks.get("/api/tasks?search=LIE").json()["results"]}
    assert names == {"charlie", "juliet"}


def test_search_matches_project_name(owner_with_tasks: ApiUser) -> None:
    assert owner_with_tasks.get("/api/tasks?search=streets").json()["count"] == 4


def test_simple_filters_are_equality(owner_with_tasks: ApiUser) -> None:
    assert owner_with_tasks.get("/api/tasks?subset=train").json()["count"] == 6
    assert owner_with_tasks.get("/api/tasks?name=golf").json()["results"][0]["name"] == "golf"


def test_json_logic_filter_combines_conditions(owner_with_tasks: ApiUser) -> None:
    rule = {"and": [{"==": [{"var": "subset"}, "test"]}, {"in": ["a", {"var": "name"}]}]}
    names = {t["name"] for t in owner_with_tasks.get("/api/tasks", params={"filter": json.dumps(rule)}).json()["results"]}
    assert names == {"alpha", "charlie", "india"}


def test_json_logic_filter_on_owner_username(owner_with_tasks: ApiUser) -> None:
    rule = {"==": [{"var": "owner"}, "lister"]}
    assert owner_with_tasks.get("/api/tasks", params={"filter": json.dumps(rule)}).json()["count"] == 12


def test_filter_on_an_unknown_field_names_it(owner_with_tasks: ApiUser) -> None:
    response = owner_with_tasks.get("/api/tasks", params={"filter": json.dumps({"==": [{"var": "colour"}, "red"]})})
    assert response.status_code == 400
    assert "colour" in response.json()["filter"][0]


def test_page_size_is_capped_and_validated(owner_with_tasks: ApiUser) -> None:
    assert owner_with_tasks.get("/api/tasks?page_size=0").status_code == 400
    assert owner_with_tasks.get("/api/tasks?page_size=x").status_code == 400
    assert len(owner_with_tasks.get("/api/tasks?page_size=100000").json()["results"]) == 12


def test_integer_simple_filter_rejects_text(owner_with_tasks: ApiUser) -> None:
    response = owner_with_tasks.get("/api/tasks?project_id=abc")
    assert response.status_code == 400
    assert "project_id" in response.json()


def test_labels_list_filters_by_task(factory: Factory) -> None:
    user = factory.user()
    task = factory.task(user, labels=[{"name": "a"}, {"name": "b"}])
    factory.task(user, labels=[{"name": "c"}])
    assert {lb["name"] for lb in user.get(f"/api/labels?task_id={task['id']}&org=").json()["results"]} == {"a", "b"}


def test_a_date_simple_filter_takes_iso_dates_and_rejects_other_text(owner_with_tasks: ApiUser) -> None:
    created = owner_with_tasks.get("/api/tasks", params={"sort": "id"}).json()["results"][0]["created_date"]
    matched = owner_with_tasks.get("/api/tasks", params={"created_date": created}).json()
    assert [t["created_date"] for t in matched["results"]] == [created]
    response = owner_with_tasks.get("/api/tasks", params={"created_date": "yesterday"})
    assert response.status_code == 400
    assert "created_date" in response.json()


def test_the_schema_declares_the_list_parameters(factory: Factory) -> None:
    schema = factory.user().get("/api/schema").json()
    names = {p["name"] for p in schema["paths"]["/api/tasks"]["get"]["parameters"]}
    assert {"page", "page_size", "sort", "search", "filter", "project_id", "org"} <= names
    labels = {p["name"] for p in schema["paths"]["/api/labels"]["get"]["parameters"]}
    assert {"task_id", "project_id", "job_id"} <= labels


def test_filters_compare_dates_as_dates(owner_with_tasks: ApiUser) -> None:
    tasks = owner_with_tasks.get("/api/tasks", params={"sort": "id", "page_size": 100}).json()["results"]
    middle = tasks[5]["created_date"]
    later = owner_with_tasks.get("/api/tasks", params={"filter": json.dumps({">": [{"var": "created_date"}, middle]})})
    assert later.status_code == 200
    assert {t["id"] for t in later.json()["results"]} == {t["id"] for t in tasks if t["created_date"] > middle}
    window = {"<=": ["2000-01-01", {"var": "updated_date"}, "2999-12-31T00:00:00Z"]}
    assert owner_with_tasks.get("/api/tasks", params={"filter": json.dumps(window)}).json()["count"] == len(tasks)
    for bad in ({"==": [{"var": "created_date"}, "soon"]}, {">": [{"var": "created_date"}, 5]},
                {"in": ["2026", {"var": "created_date"}]}):  # fmt: skip
        response = owner_with_tasks.get("/api/tasks", params={"filter": json.dumps(bad)})
        assert response.status_code == 400, bad
        assert "created_date" in response.json()["filter"][0]
