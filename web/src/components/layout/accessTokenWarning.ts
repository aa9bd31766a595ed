// What the password dialog says about personal access tokens: a password change ends the other
// sessions and the API key, but keeps these (scripts that use them must not break), so the user
// is told which ones still open the account and may revoke any they no longer trust.

export interface TokenSummary {
  name: string;
  expiry_date?: string | null;
}

const NAMES_SHOWN = 3;

/** Tokens that still work at `now` (no expiry date, or one in the future). */
export function liveTokens<T extends TokenSummary>(tokens: readonly T[], now: Date): T[] {
  return tokens.filter((t) => !t.expiry_date || new Date(t.expiry_date).getTime() > now.getTime());
}

/** The warning for the tokens still working at `now`, or null when there are none. */
export function accessTokenWarning(tokens: readonly TokenSummary[], now: Date): string | null {
  const live = liveTokens(tokens, now);
  if (live.length === 0) return null;
  const names = live.slice(0, NAMES_SHOWN).map((t) => `“${t.name}”`);
  const more = live.length - names.length;
  const listed = more > 0 ? `${names.join(", ")} and ${more} more` : names.join(", ");
  const subject =
    live.length === 1
      ? `Your personal access token ${listed} keeps`
      : `Your ${live.length} personal access tokens (${listed}) keep`;
  return (
    `${subject} working after the change: changing the password signs out your other sessions and ` +
    "ends the API key, but does not revoke access tokens. Revoke any you no longer trust."
  );
}
