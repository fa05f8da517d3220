// The signed-in session (localStorage "bloghome.session") and calls to the API on this origin.
const KEY = 'bloghome.session';

export function meta(name) {
  const el = document.querySelector(`meta[name="bh:${name}"]`);
  return el ? el.content : '';
}

/**
 * Where Cognito sends the reader back: this page's own origin, which is the site's (the template
 * registers the distribution's origins, and the custom domain's, as callback URLs).
 */
export function callbackUrl() {
  return `${location.origin}/auth/callback`;
}

export function session() {
  try {
    const s = JSON.parse(localStorage.getItem(KEY) || 'null');
    if (s && s.token && s.sub && s.exp * 1000 > Date.now()) return s;
  } catch (e) { /* a damaged entry is no session */ }
  return null;
}

function decodePart(part) {
  const b64 = part.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - b64.length % 4) % 4));
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(bin, c => c.charCodeAt(0))));
}

/** Stores an id token as the session; its claims are only read here, the API verifies it. */
export function saveSession(token) {
  const claims = decodePart(token.split('.')[1]);
  let groups = claims['cognito:groups'] || [];
  if (typeof groups === 'string') groups = groups.replace(/^\[|\]$/g, '').split(/[ ,]+/).filter(Boolean);
  const s = { token, sub: claims.sub, groups, exp: claims.exp };
  localStorage.setItem(KEY, JSON.stringify(s));
  return s;
}

export function signOut() {
  localStorage.removeItem(KEY);
}

export function msg(key) {
  const t = document.getElementById('msgs');
  const el = t && t.content.querySelector(`[data-k="${key}"]`);
  return el ? el.textContent : key;
}

/** A JSON call to the API; resolves to {status, body}. */
export async function api(method, path, body) {
  const headers = { 'content-type': 'application/json' };
  const s = session();
  if (s) headers.authorization = `Bearer ${s.token}`;
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  let json = null;
  try { json = await res.json(); } catch (e) { /* empty body */ }
  return { status: res.status, body: json };
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
    location.reload();
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
