"""Projects and tasks: CVAT's shapes and defaults, labels through PATCH, moving tasks, deletion."""

from __future__ import annotations

from tests.factories import Factory

SKELETON = {
    "name": "person",
    "type": "skeleton",
    "sublabels": [{"name": "head"}, {"name": "hand", "attributes": [{"name": "side", "mutable": False, "input_type": "radio", "values": ["left", "right"]}]}],
    "svg": '<line x1="1" y1="2" x2="3" y2="4" data-node-from="1" data-node-to="2"></line>'
    '<circle r="0.75" cx="1" cy="2" data-type="element node" data-element-id="1" data-node-id="1" data-label-name="head"></circle>'
    '<circle r="0.75" cx="3" cy="4" data-type="element node" data-element-id="2" data-node-id="2" data-label-name="hand"></circle>',
}


def test_project_has_cvat_fields_and_defaults(factory: Factory) -> None:
    user = factory.user("bob")
    project = factory.project(user, name="roads", bug_tracker="http://bugs/1")
    assert project["name"] == "roads"
    assert project["owner"]["username"] == "bob"
    assert project["assignee"] is None
    assert project["status"] == "annotation"
    assert project["dimension"] is None
    assert project["task_subsets"] == []
    assert project["tasks"] == {"count": 0, "url": f"http://testserver/api/tasks?project_id={project['id']}"}
    assert project["labels"]["url"].endswith(f"/api/labels?project_id={project['id']}")
    assert project["source_storage"]["location"] == "local"
    assert project["organization"] is None


def test_labels_get_distinct_colors_when_none_given(factory: Factory) -> None:
    user = factory.user()
    project = factory.project(user, labels=[{"name": "a"}, {"name": "b"}, {"name": "c", "color": "#123456"}])
    labels = user.get(f"/api/labels?project_id={project['id']}").json()["results"]
    colors = [label["color"] for label in labels]
    assert len(set(colors)) == 3
    assert "#123456" in colors


def test_skeleton_svg_refers_to_sublabels_by_id(factory: Factory) -> None:
    user = factory.user()
    project = factory.project(user, labels=[SKELETON])
    [label] = user.get(f"/api/labels?project_id={project['id']}").json()["results"]
    ids = {s["name"]: s["id"] for s in label["sublabels"]}
    assert label["type"] == "skeleton"
    assert f'data-label-id="{ids["head"]}"' in label["svg"]
    assert "data-label-name" not in label["svg"]
    assert all(s["type"] == "points" and s["has_parent"] for s in label["sublabels"])
    assert label["sublabels"][1]["attributes"][0]["default_value"] == "left"


def test_sublabels_are_listed_only_inside_their_skeleton(factory: Factory) -> None:
    user = factory.user()
    project = factory.project(user, labels=[SKELETON, {"name": "car"}])
    listing = user.get(f"/api/labels?project_id={project['id']}").json()
    assert listing["count"] == 2
    [skeleton] = [r for r in listing["results"] if r["type"] == "skeleton"]
    children = user.get(f"/api/labels?project_id={project['id']}&parent_id={skeleton['id']}").json()
    assert {r["name"] for r in children["results"]} == {"head", "hand"}


def test_attribute_defaults_follow_cvat_rules(factory: Factory) -> None:
    user = factory.user()
    attributes = [
        {"name": "kind", "mutable": False, "input_type": "select", "values": ["sedan", "suv"]},
        {"name": "parked", "mutable": True, "input_type": "checkbox", "values": ["false"]},
        {"name": "speed", "mutable": True, "input_type": "number", "values": ["0", "200", "5"]},
        {"name": "note", "mutable": True, "input_type": "text", "values": []},
    ]
    project = factory.project(user, labels=[{"name": "car", "attributes": attributes}])
    [label] = user.get(f"/api/labels?project_id={project['id']}").json()["results"]
    defaults = {a["name"]: a["default_value"] for a in label["attributes"]}
    assert defaults == {"kind": "sedan", "parked": "false", "speed": "0", "note": ""}


def test_bad_label_specs_are_400s_naming_the_problem(factory: Factory) -> None:
    user = factory.user()
    cases = [
        ([{"name": "a"}, {"name": "a"}], "used more than once"),
        ([{"name": "a", "color": "red"}], "#rrggbb"),
        ([{"name": "a", "type": "blob"}], "not a valid label type"),
        ([{"name": "a", "attributes": [{"name": "x", "mutable": False, "input_type": "select", "values": ["p"], "default_value": "q"}]}], "not one of"),
        ([{"name": "a", "attributes": [{"name": "x", "mutable": False, "input_type": "number", "values": ["5", "1", "1"]}]}], "greater than"),
        ([{"name": "a", "attributes": [{"name": "x", "mutable": False, "input_type": "radio", "values": []}]}], "non-empty"),
        ([{"name": "a", "type": "skeleton"}], "at least one sublabel"),
        ([{"name": "a", "sublabels": [{"name": "b"}]}], "only skeleton"),
    ]
    for labels, message in cases:
        response = user.post("/api/projects", json={"name": "p", "labels": labels})
        assert response.status_code == 400, labels
        assert message in str(response.json()), (labels, response.json())
    assert user.get("/api/projects").json()["count"] == 0, "nothing half-written"


def test_project_patch_adds_renames_recolors_and_deletes_labels(factory: Factory) -> None:
    user = factory.user()
    project = factory.project(user, labels=[{"name": "car"}, {"name": "person"}])
    labels = {lb["name"]: lb for lb in user.get(f"/api/labels?project_id={project['id']}").json()["results"]}
    patch = [
        {"id": labels["car"]["id"], "name": "vehicle", "color": "#00ff00"},
        {"id": labels["person"]["id"], "name": "person", "deleted": True},
        {"name": "bicycle"},
    ]
    assert user.patch(f"/api/projects/{project['id']}", json={"labels": patch}).status_code == 200
    after = {lb["name"]: lb for lb in user.get(f"/api/labels?project_id={project['id']}").json()["results"]}
    assert set(after) == {"vehicle", "bicycle"}
    assert after["vehicle"]["id"] == labels["car"]["id"]
    assert after["vehicle"]["color"] == "#00ff00"


def test_patch_with_a_label_of_another_project_is_rejected(factory: Factory) -> None:
    user = factory.user()
    first, second = factory.project(user), factory.project(user)
    foreign = user.get(f"/api/labels?project_id={second['id']}").json()["results"][0]
    response = user.patch(f"/api/projects/{first['id']}", json={"labels": [{"id": foreign["id"], "name": "x"}]})
    assert response.status_code == 400
    assert "does not belong" in str(response.json())


def test_renaming_a_label_onto_another_is_rejected(factory: Factory) -> None:
    user = factory.user()
    project = factory.project(user, labels=[{"name": "car"}, {"name": "person"}])
    car = user.get(f"/api/labels?project_id={project['id']}&name=car").json()["results"][0]
    response = user.patch(f"/api/labels/{car['id']}", json={"name": "person"})
    assert response.status_code == 400
    assert user.get(f"/api/labels/{car['id']}").json()["name"] == "car"


def test_attributes_are_added_updated_and_deleted_through_label_patch(factory: Factory) -> None:
    user = factory.user()
    project = factory.project(user, labels=[{"name": "car", "attributes": [{"name": "kind", "mutable": False, "input_type": "select", "values": ["a", "b"]}]}])
    car = user.get(f"/api/labels?project_id={project['id']}").json()["results"][0]
    kind = car["attributes"][0]
    body = {"attributes": [
        {"id": kind["id"], "name": "kind", "mutable": False, "input_type": "select", "values": ["a", "b", "c"], "default_value": "c"},
        {"name": "color", "mutable": True, "input_type": "text", "values": []},
    ]}
    updated = user.patch(f"/api/labels/{car['id']}", json=body).json()
    assert [a["name"] for a in updated["attributes"]] == ["kind", "color"]
    assert updated["attributes"][0]["default_value"] == "c"
    body = {"attributes": [{"id": kind["id"], "name": "kind", "mutable": False, "input_type": "select", "values": ["a"], "deleted": True}]}
    assert [a["name"] for a in user.patch(f"/api/labels/{car['id']}", json=body).json()["attributes"]] == ["color"]


def test_task_without_data_omits_media_fields(factory: Factory) -> None:
    user = factory.user()
    task = factory.task(user, name="t1", segment_size=5, overlap=0, subset="train")
    assert task["mode"] == ""
    assert task["segment_size"] == 5 and task["overlap"] == 0
    assert task["subset"] == "train"
    assert task["jobs"] == {"count": 0, "completed": 0, "validation": 0, "url": f"http://testserver/api/jobs?task_id={task['id']}"}
    for absent in ("size", "image_quality", "data"):
        assert absent not in task
    assert task["dimension"] == "2d" and task["media_type"] == "image"


def test_standalone_task_needs_labels(factory: Factory) -> None:
    response = factory.user().post("/api/tasks", json={"name": "t", "labels": []})
    assert response.status_code == 400
    assert "labels" in response.json()


def test_task_in_project_uses_the_project_labels(factory: Factory) -> None:
    user = factory.user()
    project = factory.project(user, labels=[{"name": "car"}, {"name": "tree"}])
    task = factory.task(user, project_id=project["id"], subset="val")
    names = {lb["name"] for lb in user.get(f"/api/labels?task_id={task['id']}").json()["results"]}
    assert names == {"car", "tree"}
    assert task["project_name"] == project["name"]
    refreshed = user.get(f"/api/projects/{project['id']}").json()
    assert refreshed["tasks"]["count"] == 1 and refreshed["task_subsets"] == ["val"]


def test_task_in_project_refuses_its_own_labels(factory: Factory) -> None:
    user = factory.user()
    project = factory.project(user)
    response = user.post("/api/tasks", json={"name": "t", "project_id": project["id"], "labels": [{"name": "x"}]})
    assert response.status_code == 400


def test_task_moves_into_a_project_that_has_its_labels(factory: Factory) -> None:
    user = factory.user()
    project = factory.project(user, labels=[{"name": "car"}])
    task = factory.task(user, labels=[{"name": "car"}])
    moved = user.patch(f"/api/tasks/{task['id']}", json={"project_id": project["id"]})
    assert moved.status_code == 200 and moved.json()["project_id"] == project["id"]
    labels = user.get(f"/api/labels?task_id={task['id']}").json()["results"]
    assert [lb["project_id"] for lb in labels] == [project["id"]]


def test_task_cannot_move_into_a_project_missing_its_labels(factory: Factory) -> None:
    user = factory.user()
    project = factory.project(user, labels=[{"name": "car"}])
    task = factory.task(user, labels=[{"name": "boat"}])
    response = user.patch(f"/api/tasks/{task['id']}", json={"project_id": project["id"]})
    assert response.status_code == 400
    assert "boat" in str(response.json())


def test_assignee_must_exist(factory: Factory) -> None:
    user = factory.user()
    task = factory.task(user)
    response = user.patch(f"/api/tasks/{task['id']}", json={"assignee_id": 99999})
    assert response.status_code == 400
    assert "assignee_id" in response.json()


def test_assigning_records_the_date(factory: Factory) -> None:
    user, other = factory.user(), factory.user()
    task = factory.task(user)
    body = user.patch(f"/api/tasks/{task['id']}", json={"assignee_id": other.id}).json()
    assert body["assignee"]["id"] == other.id and body["assignee_updated_date"] is not None


def test_deleting_a_project_deletes_its_tasks_and_labels(factory: Factory) -> None:
    user = factory.user()
    project = factory.project(user)
    task = factory.task(user, project_id=project["id"])
    assert user.delete(f"/api/projects/{project['id']}").status_code == 204
    assert user.get(f"/api/tasks/{task['id']}").status_code == 404
    assert user.get(f"/api/projects/{project['id']}").status_code == 404
    assert user.get("/api/labels").json()["count"] == 0


def test_missing_objects_are_404(factory: Factory) -> None:
    user = factory.user()
    for path in ("/api/projects/999", "/api/tasks/999", "/api/jobs/999", "/api/labels/999", "/api/organizations/999"):
        response = user.get(path)
        assert response.status_code == 404, path
        assert response.json()["detail"] == "Not found."


def test_malformed_json_is_a_400(factory: Factory) -> None:
    user = factory.user()
    response = user.post("/api/projects", content=b'{"name": ', headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert "JSON parse error" in response.json()["detail"]


def test_wrong_types_are_400s(factory: Factory) -> None:
    user = factory.user()
    response = user.post("/api/tasks", json={"name": "t", "labels": [{"name": "a"}], "segment_size": "big"})
    assert response.status_code == 400
    assert "segment_size" in response.json()


def test_nul_characters_in_text_are_refused_before_the_database(factory: Factory) -> None:
    user = factory.user()
    response = user.post("/api/projects", json={"name": "bad\x00name", "labels": []})
    assert response.status_code == 400
    assert "NUL" in str(response.json())
    assert user.get("/api/projects", params={"search": "a\x00b"}).status_code == 400
    assert user.get("/api/invitations/abc%00def").status_code in (400, 404)
