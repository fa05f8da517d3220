// /auth/callback: finishes sign-in, stores the session and goes back where the reader was.
import { callbackUrl, meta, saveSession } from './session.js';

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

async function finish() {
  if (meta('auth-mode') === 'local') {
    // Only a page rendered in local mode trusts a token in the fragment (the local /sign-in puts
    // it there); in AWS a crafted link could otherwise sign a victim into someone else's account.
    const params = new URLSearchParams(location.hash.slice(1));
    const token = params.get('id_token');
    if (!token) throw new Error('no token');
    saveSession(token);
    history.replaceState(null, '', location.pathname);
    location.replace(safeReturn(params.get('return')));
    return;
  }
  const params = new URLSearchParams(location.search);
  const pending = JSON.parse(sessionStorage.getItem('bloghome.pkce') || 'null');
  sessionStorage.removeItem('bloghome.pkce');
  if (!pending || !params.get('code') || params.get('state') !== pending.state) throw new Error('state mismatch');
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
  if (!res.ok) throw new Error(`token endpoint ${res.status}`);
  saveSession((await res.json()).id_token);
  location.replace(safeReturn(pending.return));
}

finish().catch(() => {
  status.textContent = '✗';
});
