// What the server accepts for accounts (contour/resources/accounts/schemas.py), checked before sending.

export const USERNAME_MIN_LENGTH = 5;
export const USERNAME_MAX_LENGTH = 150;
/** Letters, digits and @ . + - _ (Django's username rule, which CVAT clients expect). */
export const USERNAME_PATTERN = /^[\w.@+-]+$/;
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;
export const NAME_MAX_LENGTH = 150;
export const EMAIL_MAX_LENGTH = 254;
/** Organization slugs: short, URL-safe; the X-Organization header carries them. */
export const ORG_SLUG_MAX_LENGTH = 16;
export const ORG_SLUG_PATTERN = /^[-a-zA-Z0-9_]+$/;
export const ORG_NAME_MAX_LENGTH = 64;

/** A slug suggested from an organization's name ("Acme Vision Lab" → "acme-vision-lab"), within the limits. */
export function slugFromName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, ORG_SLUG_MAX_LENGTH)
    .replace(/-+$/, "");
}
