// The signed-in session and calls to the API on this origin (docs/sign-in.md).
//
// Where the tokens live: localStorage "bloghome.session" holds the id, access and refresh tokens
// as Cognito's token endpoint issued them, so that every tab of the site shares one session and a
// reload keeps it. The API takes the access token in the Authorization header only, never from a
// cookie, so another site cannot make a signed-in request (no CSRF). Against XSS the tokens rely on
// the pages' policy (scripts from this origin only, no inline script, user text always escaped);
// sign-out revokes the refresh token at the hosted UI, which ends what a stolen copy could do.
const KEY = 'bloghome.session';
/** Refresh this long before the access token expires (by this browser's clock). */
const EARLY_MS = 2 * 60 * 1000;

export function meta(name) {
  const el = document.querySelector(`meta[name="bh:${name}"]`);
  return el ? el.content : '';
}

/**
 * Where the hosted UI sends the reader back: this page's own origin, which is the site's (the
 * template registers the distribution's origins, and the custom domain's, as callback URLs).
 */
export function callbackUrl() {
  return `${location.origin}/auth/callback`;
}

/** The logout URL registered for the client: the site's home on this origin. */
export function logoutUrl() {
  return `${location.origin}/`;
}

function stored() {
  try {
    const s = JSON.parse(localStorage.getItem(KEY) || 'null');
    if (s && s.token && s.sub) return s;
  } catch (e) { /* a damaged entry is no session */ }
  return null;
}

/**
 * The session, while it can still be used: its access token is valid, or it holds a refresh
 * token to get a new one (the API call refreshes, and sends the reader to sign in if it cannot).
 */
export function session() {
  const s = stored();
  if (s && (s.refreshToken || s.expiresAt > Date.now())) return s;
  return null;
}

export function decodeClaims(token) {
  const b64 = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - b64.length % 4) % 4));
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(bin, c => c.charCodeAt(0))));
}

/**
 * Stores the token endpoint's answer as the session. The id token's claims say who signed in (its
 * audience was checked by the caller); the API verifies the access token itself. The expiry is
 * counted on this browser's clock from expires_in, so a skewed clock does not matter.
 */
export function saveSession(answer, refreshToken) {
  const claims = decodeClaims(answer.id_token);
  let groups = claims['cognito:groups'] || [];
  if (typeof groups === 'string') groups = groups.replace(/^\[|\]$/g, '').split(/[ ,]+/).filter(Boolean);
  const s = {
    token: answer.access_token,
    idToken: answer.id_token,
    refreshToken: answer.refresh_token || refreshToken || null,
    sub: claims.sub,
    groups,
    expiresAt: Date.now() + (Number(answer.expires_in) || 3600) * 1000,
  };
  localStorage.setItem(KEY, JSON.stringify(s));
  return s;
}

function form(values) {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(values),
  };
}

let refreshing = null;

/**
 * New id and access tokens from the refresh token. Resolves to the new session, to null when the
 * hosted UI refused the refresh token (expired, revoked), or rejects when it could not be asked.
 * One refresh at a time; a newer session stored by another tab meanwhile is taken as it is.
 */
function refresh(used) {
  if (!refreshing) {
    refreshing = (async () => {
      const now = stored();
      if (now && now.token !== used.token && now.expiresAt - EARLY_MS > Date.now()) return now;
      if (!used.refreshToken) return null;
      const res = await fetch(`${meta('cognito-domain')}/oauth2/token`, form({
        grant_type: 'refresh_token',
        client_id: meta('client-id'),
        refresh_token: used.refreshToken,
      }));
      if (res.status === 400 || res.status === 401) return null;
      if (!res.ok) throw new Error(`token endpoint ${res.status}`);
      return saveSession(await res.json(), used.refreshToken);
    })().finally(() => { refreshing = null; });
  }
  return refreshing;
}

const beforeRedirect = [];

/**
 * Registers a callback that runs before the page sends the reader to sign in again (the session
 * could not be refreshed): save unsaved text there (localStorage), synchronously. The same moment
 * is also announced as the window event "bloghome:before-sign-in".
 */
export function beforeSignInRedirect(callback) {
  beforeRedirect.push(callback);
}

/** The sign-in page's address, coming back to this page afterwards. */
export function signInHref() {
  return `/sign-in?return=${encodeURIComponent(location.pathname + location.search + location.hash)}`;
}

/** Sends the reader to sign in and back here, after the page saved what it must keep. */
export function signInAgain() {
  for (const callback of beforeRedirect) {
    try { callback(); } catch (e) { /* the others still run */ }
  }
  window.dispatchEvent(new Event('bloghome:before-sign-in'));
  localStorage.removeItem(KEY);
  location.assign(signInHref());
}

async function call(method, path, body, s) {
  const headers = { 'content-type': 'application/json' };
  if (s) headers.authorization = `Bearer ${s.token}`;
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  let json = null;
  try { json = await res.json(); } catch (e) { /* empty body */ }
  return { status: res.status, body: json };
}

/**
 * A JSON call to the API; resolves to {status, body}. Signed in, it refreshes the tokens shortly
 * before they expire and once on a 401, then retries; when the session cannot be refreshed it
 * sends the reader to sign in and back (see beforeSignInRedirect), and the promise never
 * resolves, as the page is going away.
 */
export async function api(method, path, body) {
  let s = session();
  if (s && s.expiresAt - EARLY_MS <= Date.now()) {
    const fresh = await refresh(s).catch(() => s);
    if (!fresh) return signInAgainAndWait();
    s = fresh;
  }
  const first = await call(method, path, body, s);
  if (first.status !== 401 || !s) return first;
  const fresh = await refresh(s).catch(() => undefined);
  if (fresh === undefined) return first; // the hosted UI could not be reached: say what the API said
  if (!fresh) return signInAgainAndWait();
  return call(method, path, body, fresh);
}

function signInAgainAndWait() {
  signInAgain();
  return new Promise(() => {});
}

/**
 * Signs out everywhere: forgets the session here, revokes the refresh token, and ends the hosted
 * UI's session (its /logout comes back to the site's home).
 */
export async function signOut() {
  const s = stored();
  localStorage.removeItem(KEY);
  const domain = meta('cognito-domain');
  if (!domain) {
    location.reload();
    return;
  }
  if (s && s.refreshToken) {
    await fetch(`${domain}/oauth2/revoke`, form({ token: s.refreshToken, client_id: meta('client-id') }))
      .catch(() => { /* the hosted UI's logout below still ends its session */ });
  }
  const url = new URL(`${domain}/logout`);
  url.search = new URLSearchParams({ client_id: meta('client-id'), logout_uri: logoutUrl() });
  location.assign(url.toString());
}

export function msg(key) {
  const t = document.getElementById('msgs');
  const el = t && t.content.querySelector(`[data-k="${key}"]`);
  return el ? el.textContent : key;
}

/** Shows who is signed in (or the sign-in link) in the top bar. */
export function showSession() {
  const s = session();
  const slot = document.getElementById('session');
  if (!s || !slot) return s;
  const view = document.getElementById('session-template').content.cloneNode(true);
  view.querySelector('.who').textContent = s.sub;
  view.querySelector('.sign-out').addEventListener('click', e => {
    e.preventDefault();
    signOut();
  });
  slot.replaceChildren(view);
  return s;
}

/**
 * Public pages are cached for a minute. After the reader changed something on one, the browser's
 * copy is replaced, so a reload shows the change at once.
 */
export function refreshCached(path) {
  return fetch(path || location.pathname + location.search, { cache: 'reload' }).catch(() => {});
}

/**
 * A call that outlives the page (fetch keepalive), for the editor's last save on pagehide: no
 * answer is read and nothing is retried. Browsers refuse keepalive bodies over 64 KB; false then,
 * and the caller's local copy is what remains.
 */
export function apiKeepalive(method, path, body) {
  const text = JSON.stringify(body);
  if (new TextEncoder().encode(text).length > 60000) return false;
  const headers = { 'content-type': 'application/json' };
  const s = session();
  if (s) headers.authorization = `Bearer ${s.token}`;
  fetch(path, { method, headers, body: text, keepalive: true }).catch(() => {});
  return true;
}
