"""Settings → Shortcuts in the browser: rebinding keys by pressing them, the conflict warning,
clearing and resetting, all saved in the user's settings on the server and restored on reload."""

from __future__ import annotations

from playwright.sync_api import BrowserContext, Locator, Page, expect

from tests.e2e.conftest import Account


def _settle(page: Page) -> None:
    """Lets the dialog finish its opening animation, so screenshots show it whole."""
    page.wait_for_timeout(400)


def _open_shortcuts_tab(page: Page) -> Locator:
    expect(page.get_by_test_id("user-menu")).to_be_visible()
    page.keyboard.press("F2")
    dialog = page.get_by_test_id("settings-modal")
    dialog.get_by_role("tab", name="Shortcuts").click()
    expect(dialog.get_by_test_id("shortcuts-settings")).to_be_visible()
    return dialog


def _keys(dialog: Locator, action_id: str) -> Locator:
    return dialog.get_by_test_id(f"shortcut-keys-{action_id}")


def _record(page: Page, dialog: Locator, action_id: str, combo: str) -> None:
    field = _keys(dialog, action_id)
    field.click()
    expect(field).to_have_text("Press a key combination…")
    page.keyboard.press(combo)


def _stored_shortcuts(context: BrowserContext) -> dict[str, list[str]]:
    response = context.request.get("/api/users/self/settings")
    assert response.ok, response.text()
    shortcuts: dict[str, list[str]] = response.json()["shortcuts"]
    return shortcuts


def test_rebind_keys_with_a_conflict_save_reload_and_reset_all(  # type: ignore[no-untyped-def]
    page: Page, context: BrowserContext, signed_in: Account, screenshot
) -> None:
    page.goto("/tasks")
    dialog = _open_shortcuts_tab(page)
    expect(_keys(dialog, "frame.next")).to_have_text("F")
    expect(_keys(dialog, "history.redo")).to_have_text("Ctrl+Shift+ZCtrl+Y")
    expect(dialog.get_by_role("button", name="Reset all to defaults")).to_be_disabled()
    _settle(page)
    screenshot("shortcuts-tab")

    # A free combo is taken at once, and the row says it differs from the default.
    _record(page, dialog, "frame.next", "Alt+N")
    expect(_keys(dialog, "frame.next")).to_have_text("Alt+N")
    expect(dialog.get_by_test_id("shortcut-row-frame.next")).to_contain_text("Changed")

    # Esc while recording cancels the recording only; the dialog stays open.
    _record(page, dialog, "frame.previous", "Escape")
    expect(dialog.get_by_test_id("shortcuts-settings")).to_be_visible()
    expect(_keys(dialog, "frame.previous")).to_have_text("D")

    # A combo another action holds asks first; Cancel keeps both as they were.
    _record(page, dialog, "frame.previous", "Control+Z")
    conflict = dialog.get_by_test_id("shortcut-conflict")
    expect(conflict).to_contain_text("Ctrl+Z is already used by “Undo”")
    _settle(page)
    screenshot("shortcuts-conflict")
    conflict.get_by_role("button", name="Cancel").click()
    expect(conflict).to_be_hidden()
    expect(_keys(dialog, "frame.previous")).to_have_text("D")
    expect(_keys(dialog, "history.undo")).to_have_text("Ctrl+Z")

    # "Use it here" moves the key: the other action is left without it.
    _record(page, dialog, "frame.previous", "Control+Z")
    conflict.get_by_role("button", name="Use it here").click()
    expect(conflict).to_be_hidden()
    expect(_keys(dialog, "frame.previous")).to_have_text("Ctrl+Z")
    expect(_keys(dialog, "history.undo")).to_have_text("Not set")

    # F2 is recorded too (it does not close Settings) and clashes with the global Settings key.
    _record(page, dialog, "object.toggleHidden", "F2")
    expect(dialog.get_by_test_id("shortcuts-settings")).to_be_visible()
    expect(conflict).to_contain_text("F2 is already used by “Settings” (everywhere in the editor)")
    conflict.get_by_role("button", name="Cancel").click()
    expect(_keys(dialog, "object.toggleHidden")).to_have_text("H")

    # Backspace leaves an action without keys.
    _record(page, dialog, "frame.stepBack", "Backspace")
    expect(_keys(dialog, "frame.stepBack")).to_have_text("Not set")
    expect(dialog.get_by_test_id("shortcuts-changed-count")).to_have_text("4 shortcuts differ from the defaults.")
    _settle(page)
    screenshot("shortcuts-changed")

    dialog.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("Settings saved.")).to_be_visible()
    expect(dialog).to_be_hidden()
    assert _stored_shortcuts(context) == {
        "frame.next": ["alt+n"],
        "frame.previous": ["mod+z"],
        "history.undo": ["none"],
        "frame.stepBack": ["none"],
    }

    # After a reload the saved keys are what the tab shows.
    page.reload()
    dialog = _open_shortcuts_tab(page)
    expect(_keys(dialog, "frame.next")).to_have_text("Alt+N")
    expect(_keys(dialog, "frame.previous")).to_have_text("Ctrl+Z")
    expect(_keys(dialog, "history.undo")).to_have_text("Not set")

    # One row back to its default, then everything.
    dialog.get_by_test_id("shortcut-reset-frame.stepBack").click()
    expect(_keys(dialog, "frame.stepBack")).to_have_text("C")
    dialog.get_by_role("button", name="Reset all to defaults").click()
    expect(_keys(dialog, "frame.next")).to_have_text("F")
    expect(_keys(dialog, "history.undo")).to_have_text("Ctrl+Z")
    expect(dialog.get_by_test_id("shortcuts-changed-count")).to_have_text("All shortcuts are the defaults.")
    dialog.get_by_role("button", name="Save", exact=True).click()
    expect(dialog).to_be_hidden()
    assert _stored_shortcuts(context) == {}


def test_search_filters_actions_by_name_and_key(page: Page, signed_in: Account, screenshot) -> None:  # type: ignore[no-untyped-def]
    page.goto("/tasks")
    dialog = _open_shortcuts_tab(page)
    search = dialog.get_by_label("Search shortcuts")

    search.fill("lock all")
    expect(dialog.get_by_test_id("shortcut-row-objects.toggleLockAll")).to_be_visible()
    expect(dialog.get_by_test_id("shortcut-row-object.toggleLock")).to_have_count(0)
    expect(dialog.get_by_role("region", name="Objects")).to_be_visible()
    expect(dialog.get_by_role("region", name="Navigation")).to_have_count(0)

    search.fill("ctrl+y")
    expect(dialog.get_by_test_id("shortcut-row-history.redo")).to_be_visible()
    expect(dialog.get_by_test_id("shortcut-row-history.undo")).to_have_count(0)

    search.fill("no such action")
    expect(dialog.get_by_text("No action or key matches “no such action”.")).to_be_visible()
    _settle(page)
    screenshot("shortcuts-search-empty")

    # Closing without saving forgets edits: nothing reaches the server.
    search.fill("")
    _record(page, dialog, "frame.next", "Alt+K")
    expect(_keys(dialog, "frame.next")).to_have_text("Alt+K")
    dialog.get_by_role("button", name="Cancel", exact=True).click()
    expect(dialog).to_be_hidden()
    dialog = _open_shortcuts_tab(page)
    expect(_keys(dialog, "frame.next")).to_have_text("F")
