// Which query parameters of a URL shape carry a credential.
import { FETCHED, HOLE } from '../support/url-shape.js';

/**
 * Parameter names that hold a credential, compared case-insensitively with `_`, `-` and `.` removed
 * (`access_token`, `accessToken`, `Access-Token` are one name). Left out on purpose: `key` (often a
 * channel or public app key), `sid` (socket.io's and Engine.IO's own session id), `signature` and
 * `X-Amz-*` (pre-signed URLs are short-lived by design), `ticket` (the recommended fix).
 */
export const DEFAULT_CREDENTIAL_PARAMS: readonly string[] = [
  'token',
  'access_token',
  'auth_token',
  'id_token',
  'refresh_token',
  'session_token',
  'bearer',
  'auth',
  'authorization',
  'apikey',
  'api_key',
  'x-api-key',
  'api_token',
  'jwt',
  'password',
  'passwd',
  'secret',
  'client_secret',
  'session',
  'sessionid',
];

export function normalizeParam(name: string): string {
  return name.toLowerCase().replace(/[-_.]/g, '');
}

/** The credential names in force: the defaults plus `extra`, minus `ignored`. */
export function credentialSet(extra: readonly string[], ignored: readonly string[]): Set<string> {
  const drop = new Set(ignored.map(normalizeParam));
  return new Set([...DEFAULT_CREDENTIAL_PARAMS, ...extra].map(normalizeParam).filter((n) => !drop.has(n)));
}

/**
 * Does this value look like it carries a secret? A runtime value does (unless fetched right there); so does a long literal
 * (a key pasted into the source). Flags and small numbers (`auth=1`, `token=false`) do not.
 */
export function looksSecret(value: string): boolean {
  if (value.includes(HOLE)) return true;
  // a value fetched right where the socket opens is a per-connection ticket
  if (value.includes(FETCHED)) return false;
  return value.length >= 8 && !/^(?:true|false|null|undefined|none|yes|no|\d+)$/i.test(value);
}

/** The credential parameter names in a URL shape's query string (not its path, not its #fragment). */
export function credentialParamsIn(shape: string, names: ReadonlySet<string>): string[] {
  const beforeFragment = shape.split('#')[0];
  const found: string[] = [];
  const re = /(?<=[?&\u0000\u0001])([A-Za-z0-9_.\-[\]]+)=([^&\u0000]*(?:\u0000[^&]*)?)/g;
  for (const m of beforeFragment.matchAll(re)) {
    const before = beforeFragment.slice(0, m.index);
    // `&key=` counts only after the query began (a `?`, or a runtime part that may hold one)
    if (!before.includes('?') && !before.includes(HOLE) && !before.includes(FETCHED)) continue;
    if (!names.has(normalizeParam(m[1]))) continue;
    if (!looksSecret(m[2])) continue;
    if (!found.includes(m[1])) found.push(m[1]);
  }
  return found;
}
