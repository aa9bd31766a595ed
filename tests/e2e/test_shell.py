"""The app shell: a signed-out visitor is sent to sign in; a signed-in user lands on the tasks page."""

from __future__ import annotations

import re

from playwright.sync_api import BrowserContext, Page, expect

from tests.e2e.conftest import Account


def test_signed_out_visitor_is_sent_to_sign_in(page: Page) -> None:
    page.goto("/projects")
    expect(page).to_have_url("/auth/login?next=%2Fprojects")


def test_signed_in_user_sees_the_header_and_navigates(page: Page, signed_in: Account) -> None:
    page.goto("/")
    expect(page).to_have_url("/tasks")
    expect(page.get_by_test_id("user-menu")).to_contain_text(signed_in.username)
    page.get_by_role("menuitem", name="Projects").click()
    expect(page).to_have_url("/projects")


def test_deep_links_load_the_app(page: Page, signed_in: Account) -> None:
    page.goto("/tasks/12345")
    expect(page.get_by_test_id("user-menu")).to_be_visible()


def test_the_built_app_is_served_compressed_and_cached(context: BrowserContext) -> None:
    index = context.request.get("/")
    assert index.headers["cache-control"] == "no-cache"
    script = re.search(r'src="(/assets/[^"]+\.js)"', index.text())
    assert script, index.text()
    asset = context.request.get(script.group(1), headers={"Accept-Encoding": "br"})
    assert asset.status == 200
    assert asset.headers["content-encoding"] == "br"
    assert asset.headers["cache-control"] == "public, max-age=31536000, immutable"
    gzipped = context.request.get(script.group(1), headers={"Accept-Encoding": "gzip"})
    assert gzipped.headers["content-encoding"] == "gzip"
    assert len(gzipped.body()) > 100_000  # decoded: the whole bundle
