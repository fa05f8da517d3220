// /auth/callback: finishes sign-in (the code exchanged once, with this tab's PKCE verifier), stores
// the session and goes back where the reader was. Anything wrong is refused with what to do.
import { callbackUrl, decodeClaims, meta, msg, saveSession } from './session.js';

const status = document.getElementById('auth-status');

// Where to go back to: the same rule as the pages' Java (bloghome.pages.ReturnPath). The value is
// read as the browser reads a URL (it drops tab, CR and LF and takes \ for /), relative to this
// page, and kept only when it stays on this origin and names a blog, a post or a studio page.
function safeReturn(value) {
  if (!value || !value.startsWith('/')) return '/';
  let url;
  try {
    url = new URL(value, location.origin);
  } catch {
    return '/';
  }
  const p = url.pathname;
  const ours = p.startsWith('/u/') || p.startsWith('/p/') || p === '/write' || p === '/studio' || p.startsWith('/studio/');
  return url.origin === location.origin && ours ? url.pathname + url.search + url.hash : '/';
}

class Refused extends Error {}

async function finish(params, pending) {
  if (params.get('error')) throw new Refused('callback.denied');
  if (!pending) throw new Refused('callback.noPending');
  if (!params.get('state') || params.get('state') !== pending.state) throw new Refused('callback.badState');
  if (!params.get('code')) throw new Refused('callback.badCode');
  const res = await fetch(`${meta('cognito-domain')}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: meta('client-id'),
      code: params.get('code'),
      redirect_uri: callbackUrl(),
      code_verifier: pending.verifier,
    }),
  });
  if (res.status === 400) throw new Refused('callback.badCode');
  if (!res.ok) throw new Error(`token endpoint ${res.status}`);
  const answer = await res.json();
  // The id token must be for this app and this sign-in (OpenID Connect's aud and nonce checks).
  const claims = decodeClaims(answer.id_token);
  const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!aud.includes(meta('client-id')) || claims.token_use !== 'id' || claims.nonce !== pending.nonce) {
    throw new Refused('callback.badToken');
  }
  saveSession(answer);
  location.replace(safeReturn(pending.return));
}

const params = new URLSearchParams(location.search);
let pending = null;
try {
  pending = JSON.parse(sessionStorage.getItem('bloghome.pkce') || 'null');
} catch (e) { /* no pending sign-in */ }
sessionStorage.removeItem('bloghome.pkce');
// The code leaves the address bar and the history entry at once.
history.replaceState(null, '', location.pathname);

finish(params, pending).catch(e => {
  const again = document.createElement('a');
  again.id = 'sign-in-again';
  again.href = `/sign-in?return=${encodeURIComponent(safeReturn(pending && pending.return))}`;
  again.textContent = msg('callback.again');
  status.classList.add('bad');
  status.replaceChildren(`${msg(e instanceof Refused ? e.message : 'callback.failed')} `, again);
});
