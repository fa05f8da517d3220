// /sign-in: sends the reader to the hosted UI (Cognito's, or its local stand-in: the same code)
// with the authorization code flow and PKCE (S256), a fresh state and nonce.
import { callbackUrl, meta } from './session.js';

function b64url(bytes) {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function random(bytes) {
  return b64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

async function start() {
  const verifier = random(48);
  const state = random(16);
  const nonce = random(16);
  const challenge = b64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  // Only this tab's callback can finish this sign-in; the callback removes it at once.
  sessionStorage.setItem('bloghome.pkce', JSON.stringify({ verifier, state, nonce, return: meta('return') }));
  const url = new URL(`${meta('cognito-domain')}/oauth2/authorize`);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: meta('client-id'),
    redirect_uri: callbackUrl(),
    scope: 'openid email profile',
    state,
    nonce,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  location.assign(url.toString());
}

start();
