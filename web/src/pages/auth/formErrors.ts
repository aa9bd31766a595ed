// Server validation errors ({"field": ["message"], "non_field_errors": [...]}) split into the
// messages that belong on a form's fields and the ones shown above it.
import { ApiError, describeError } from "../../api/errors";

export interface FieldError<Name extends string = string> {
  name: Name;
  errors: string[];
}

export interface FormErrors<Name extends string = string> {
  /** For antd's `form.setFields`. */
  fields: FieldError<Name>[];
  /** Everything that is not about one of the form's fields, in words; null when there is none. */
  general: string | null;
}

function messagesOf(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(messagesOf);
  return [];
}

/**
 * `fields` maps the server's field names to the form's (e.g. password1 → password); errors on
 * fields the form does not show are reported in `general`, prefixed with the field's name.
 */
export function formErrorsOf<Name extends string>(
  error: unknown,
  fields: Readonly<Record<string, Name>>,
): FormErrors<Name> {
  if (!(error instanceof ApiError) || error.status !== 400 || typeof error.body !== "object" || !error.body) {
    return { fields: [], general: describeError(error) };
  }
  if (Array.isArray((error.body as { detail?: unknown }).detail) || Array.isArray(error.body)) {
    return { fields: [], general: error.message };
  }
  const onFields: FieldError<Name>[] = [];
  const general: string[] = [];
  for (const [key, value] of Object.entries(error.body as Record<string, unknown>)) {
    if (key === "code") continue;
    const messages = messagesOf(value);
    const field = fields[key];
    if (field && messages.length > 0) onFields.push({ name: field, errors: messages });
    else if (key === "non_field_errors" || key === "detail") general.push(...messages);
    else general.push(...messages.map((message) => `${key}: ${message}`));
  }
  if (onFields.length === 0 && general.length === 0) return { fields: [], general: error.message };
  return { fields: onFields, general: general.length > 0 ? general.join(" ") : null };
}
