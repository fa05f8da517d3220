// /sign-in in AWS: sends the reader to Cognito's hosted sign-in with PKCE (S256).
import { callbackUrl, meta } from './session.js';

function random(bytes) {
  const a = crypto.getRandomValues(new Uint8Array(bytes));
  return btoa(String.fromCharCode(...a)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

async function start() {
  const verifier = random(48);
  const state = random(16);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const challenge = btoa(String.fromCharCode(...digest)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  sessionStorage.setItem('bloghome.pkce', JSON.stringify({ verifier, state, return: meta('return') }));
  const url = new URL(`${meta('cognito-domain')}/oauth2/authorize`);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: meta('client-id'),
    redirect_uri: callbackUrl(),
    scope: 'openid email profile',
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  location.assign(url.toString());
}

if (meta('auth-mode') === 'cognito') start();
