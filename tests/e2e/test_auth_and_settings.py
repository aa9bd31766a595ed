"""Accounts in the browser: register, sign in and out, change the password, settings saved on the
server, organizations created and switched to from the header."""

from __future__ import annotations

import itertools
import os
import re

from playwright.sync_api import BrowserContext, Page, expect

from tests.e2e.conftest import PASSWORD, Account, api_headers

_numbers = itertools.count(1)


def _unique(prefix: str) -> str:
    return f"{prefix}{os.getpid()}x{next(_numbers)}"


def _open_user_menu_item(page: Page, item: str) -> None:
    page.get_by_test_id("user-menu").click()
    page.get_by_role("menuitem", name=item).click()


def _settle(page: Page) -> None:
    """Lets menus and dialogs finish their opening animation, so screenshots show them whole."""
    page.wait_for_timeout(400)


def _sign_in(page: Page, username: str, password: str) -> None:
    page.get_by_label("Username or e-mail").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_register_through_the_form_then_sign_out(page: Page, screenshot) -> None:  # type: ignore[no-untyped-def]
    username = _unique("newbie")
    page.goto("/auth/register")
    expect(page.get_by_role("heading", name="Create an account")).to_be_visible()
    screenshot("register")

    page.get_by_label("Username").fill(username)
    page.get_by_label("First name").fill("Nina")
    page.get_by_label("Last name").fill("Berg")
    page.get_by_label("E-mail").fill(f"{username}@example.com")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Confirm password").fill(PASSWORD + "x")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_text("The two passwords differ.")).to_be_visible()
    screenshot("register-validation")

    page.get_by_label("Confirm password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page).to_have_url("/tasks")
    expect(page.get_by_test_id("user-menu")).to_contain_text(username)
    screenshot("signed-in")

    page.get_by_test_id("user-menu").click()
    expect(page.get_by_test_id("user-menu-identity")).to_contain_text("Nina Berg")
    _settle(page)
    screenshot("user-menu")
    page.get_by_role("menuitem", name="Sign out").click()
    expect(page).to_have_url(re.compile(r"/auth/login(\?next=%2Ftasks)?$"))
    page.goto("/tasks")
    expect(page).to_have_url("/auth/login?next=%2Ftasks")


def test_register_shows_the_servers_field_errors_on_the_fields(page: Page, new_account) -> None:  # type: ignore[no-untyped-def]
    taken: Account = new_account()
    page.goto("/auth/register")
    page.get_by_label("Username").fill(taken.username)
    page.get_by_label("E-mail").fill(f"{_unique('other')}@example.com")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Confirm password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_text("A user with that username already exists.")).to_be_visible()
    expect(page).to_have_url("/auth/register")


def test_a_wrong_password_is_explained_and_the_right_one_returns_to_next(  # type: ignore[no-untyped-def]
    page: Page, new_account, screenshot
) -> None:
    account: Account = new_account()
    page.goto("/projects")
    expect(page).to_have_url("/auth/login?next=%2Fprojects")
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    screenshot("login")

    _sign_in(page, account.username, "not-the-password")
    expect(page.get_by_test_id("login-error")).to_have_text("Unable to log in with provided credentials.")
    screenshot("login-error")

    _sign_in(page, account.username, account.password)
    expect(page).to_have_url("/projects")
    expect(page.get_by_test_id("user-menu")).to_contain_text(account.username)


def test_signing_in_with_the_email_address_works(page: Page, new_account) -> None:  # type: ignore[no-untyped-def]
    account: Account = new_account()
    page.goto("/auth/login")
    _sign_in(page, account.email, account.password)
    expect(page).to_have_url("/tasks")


def test_a_signed_in_user_visiting_sign_in_goes_to_the_tasks(page: Page, signed_in: Account) -> None:
    page.goto("/auth/login")
    expect(page).to_have_url("/tasks")
    expect(page.get_by_test_id("user-menu")).to_contain_text(signed_in.username)


def test_change_password_then_sign_in_with_the_new_one(page: Page, signed_in: Account, screenshot) -> None:  # type: ignore[no-untyped-def]
    new_password = "brand-new-password-2"
    page.goto("/tasks")
    _open_user_menu_item(page, "Change password")
    dialog = page.get_by_test_id("change-password-modal")
    expect(dialog.get_by_label("Current password")).to_be_visible()
    _settle(page)
    screenshot("change-password")

    dialog.get_by_label("Current password").fill("wrong-password")
    dialog.get_by_label("New password", exact=True).fill(new_password)
    dialog.get_by_label("Confirm new password").fill(new_password)
    dialog.get_by_role("button", name="Change password").click()
    expect(dialog.get_by_text("Your old password was entered incorrectly.")).to_be_visible()
    _settle(page)
    screenshot("change-password-error")

    dialog.get_by_label("Current password").fill(signed_in.password)
    dialog.get_by_role("button", name="Change password").click()
    expect(page.get_by_text("Your password has been changed.")).to_be_visible()
    expect(dialog).to_be_hidden()

    _open_user_menu_item(page, "Sign out")
    expect(page).to_have_url(re.compile(r"/auth/login"))
    _sign_in(page, signed_in.username, signed_in.password)
    expect(page.get_by_test_id("login-error")).to_be_visible()
    _sign_in(page, signed_in.username, new_password)
    expect(page).to_have_url("/tasks")


def test_the_password_dialog_warns_of_access_tokens_and_the_browser_stays_signed_in(  # type: ignore[no-untyped-def]
    page: Page, context: BrowserContext, signed_in: Account, screenshot
) -> None:
    created = context.request.post("/api/auth/access_tokens", data={"name": "nightly-export"},
                                   headers=api_headers(context))
    assert created.status == 201, created.text()
    page.goto("/tasks")
    _open_user_menu_item(page, "Change password")
    dialog = page.get_by_test_id("change-password-modal")
    warning = dialog.get_by_test_id("access-token-warning")
    expect(warning).to_contain_text("“nightly-export” keeps working")
    _settle(page)
    screenshot("change-password-token-warning")

    new_password = "brand-new-password-3"
    dialog.get_by_label("Current password").fill(signed_in.password)
    dialog.get_by_label("New password", exact=True).fill(new_password)
    dialog.get_by_label("Confirm new password").fill(new_password)
    dialog.get_by_role("button", name="Change password").click()
    expect(page.get_by_text("Your other sessions have been signed out.")).to_be_visible()
    page.reload()
    expect(page).to_have_url("/tasks")
    expect(page.get_by_test_id("user-menu")).to_contain_text(signed_in.username)


def test_settings_are_saved_on_the_server_and_survive_a_reload(  # type: ignore[no-untyped-def]
    page: Page, context: BrowserContext, signed_in: Account, screenshot
) -> None:
    page.goto("/tasks")
    _open_user_menu_item(page, "Settings")
    dialog = page.get_by_test_id("settings-modal")
    step = dialog.get_by_label("Player step")
    expect(step).to_have_value("10")
    expect(dialog.get_by_role("checkbox", name="Smooth image")).to_be_checked()
    _settle(page)
    screenshot("settings-player")

    step.fill("25")
    dialog.get_by_role("checkbox", name="Smooth image").uncheck()
    dialog.get_by_role("tab", name="Workspace").click()
    dialog.get_by_role("checkbox", name="Enable auto save").check()
    dialog.get_by_label("Auto save interval").fill("5")
    _settle(page)
    screenshot("settings-workspace")
    dialog.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Settings saved.")).to_be_visible()
    expect(dialog).to_be_hidden()

    stored = context.request.get("/api/users/self/settings").json()
    assert stored["player"] == {"frameStep": 25, "smoothImage": False}
    assert stored["workspace"] == {"autoSave": True, "autoSaveIntervalMinutes": 5}

    page.reload()
    expect(page.get_by_test_id("user-menu")).to_be_visible()
    page.keyboard.press("F2")
    expect(dialog.get_by_label("Player step")).to_have_value("25")
    expect(dialog.get_by_role("checkbox", name="Smooth image")).not_to_be_checked()
    dialog.get_by_role("tab", name="Workspace").click()
    expect(dialog.get_by_role("checkbox", name="Enable auto save")).to_be_checked()

    # Back to the defaults: the stored document forgets the keys again.
    dialog.get_by_role("button", name="Restore defaults").click()
    dialog.get_by_role("button", name="Save").click()
    expect(dialog).to_be_hidden()
    assert context.request.get("/api/users/self/settings").json() == {"player": {}, "workspace": {}, "shortcuts": {}}


def test_create_an_organization_and_work_in_it(  # type: ignore[no-untyped-def]
    page: Page, context: BrowserContext, signed_in: Account, screenshot
) -> None:
    name = f"Lab {_unique('')}"
    page.goto("/requests")
    switcher = page.get_by_test_id("organization-switcher")
    expect(switcher).to_contain_text("Personal workspace")
    switcher.click()
    _settle(page)
    screenshot("organization-menu")
    page.get_by_role("menuitem", name="Create organization").click()
    dialog = page.get_by_test_id("create-organization-modal")
    dialog.get_by_label("Name", exact=True).fill(name)
    slug_field = dialog.get_by_label("Short name")
    expect(slug_field).to_have_value(re.compile(r"^lab-\d+x\d+$"))
    slug = slug_field.input_value()
    dialog.get_by_label("Description").fill("Our shared annotation workspace.")
    _settle(page)
    screenshot("create-organization")

    # Everything the app asks for from now on names the organization.
    with page.expect_request(lambda r: "/api/requests" in r.url and r.headers.get("x-organization") == slug):
        dialog.get_by_role("button", name="Create").click()
    expect(switcher).to_contain_text(name)
    expect(page.get_by_text(f'Organization "{name}" created')).to_be_visible()
    _settle(page)
    screenshot("in-organization")

    # What the organization holds shows only while working in it: an export of one of its projects.
    headers = api_headers(context) | {"X-Organization": slug}
    project = context.request.post(
        "/api/projects", data={"name": "in org", "labels": [{"name": "car"}]}, headers=headers
    )
    assert project.status == 201, project.text()
    organization_id = next(
        o["id"] for o in context.request.get("/api/organizations").json()["results"] if o["slug"] == slug
    )
    assert project.json()["organization"] == organization_id
    exported = context.request.post(
        f"/api/projects/{project.json()['id']}/dataset/export?format=CVAT%20for%20images%201.1", headers=headers
    )
    assert exported.status == 202, exported.text()
    page.reload()
    expect(switcher).to_contain_text(name)
    org_row = page.get_by_test_id("request-row").filter(has_text=f"Project #{project.json()['id']}")
    expect(org_row).to_be_visible()

    switcher.click()
    with page.expect_request(lambda r: "/api/requests" in r.url and r.headers.get("x-organization") == ""):
        page.get_by_role("menuitem", name="Personal workspace").click()
    expect(switcher).to_contain_text("Personal workspace")
    expect(page.get_by_text("No background requests yet.")).to_be_visible()
    expect(org_row).to_have_count(0)

    switcher.click()
    page.get_by_test_id(f"organization-{slug}").click()
    expect(org_row).to_be_visible()
