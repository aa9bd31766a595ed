// Whether a key press was aimed at a field the user types into, so that typing "d" in an
// attribute's text box types a "d" instead of jumping a frame. Duck-typed on the properties DOM
// elements have, so the engine needs no DOM types and tests can pass plain objects.

// Inputs that hold no typed text: shortcuts keep working while one of them has focus.
const NON_TEXT_INPUT_TYPES = new Set(["checkbox", "radio", "button", "submit", "reset", "range", "color", "file", "image"]);

interface ElementLike {
  tagName?: unknown;
  type?: unknown;
  isContentEditable?: unknown;
}

/** True for text boxes, text areas, selects and content-editable elements. */
export function isTextEntryTarget(target: unknown): boolean {
  if (target === null || typeof target !== "object") return false;
  const element = target as ElementLike;
  if (element.isContentEditable === true) return true;
  const tag = typeof element.tagName === "string" ? element.tagName.toUpperCase() : "";
  if (tag === "TEXTAREA" || tag === "SELECT") return true;
  if (tag !== "INPUT") return false;
  const type = typeof element.type === "string" ? element.type.toLowerCase() : "text";
  return !NON_TEXT_INPUT_TYPES.has(type);
}
