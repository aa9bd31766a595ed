"""The server answers the endpoints every client calls first."""

from fastapi.testclient import TestClient


def test_about_reports_the_cvat_api_version(client: TestClient) -> None:
    body = client.get("/api/server/about").json()
    assert body["version"] == "2.80.0"
    assert set(body) >= {"name", "description", "version", "logo_url", "subtitle"}
    assert body["logo_url"].startswith("http://")


def test_schema_is_served_with_and_without_trailing_slash(client: TestClient) -> None:
    assert client.get("/api/schema").json()["openapi"].startswith("3.")
    assert client.get("/api/schema/").status_code == 200
