// The posts I saved (收藏), newest first, from GET /users/{me}/favorites, with a way to unsave
// each (DELETE /posts/{id}/favorite). The API lists only what I may read now (docs/discovery.md).
import { api, showSession } from './session.js';
import { beijing, el, errorOf, sentence as t } from './studio-kit.js';

const $ = id => document.getElementById(id);
const s = showSession();
const LIMIT = 20;

let cursor = null;

function status(text) {
  $('favorites-status').textContent = text;
}

function item(f) {
  const p = f.post;
  const title = el('a', { href: `/p/${encodeURIComponent(f.postId)}`, textContent: p.title });
  title.className = 'title';
  const author = el('a', { href: `/u/${encodeURIComponent(p.authorId)}`, textContent: p.authorId });
  const when = el('time', { dateTime: f.favoritedAt, textContent: beijing(f.favoritedAt) });
  const counts = t('fav.counts', p.views, p.comments, p.likes);
  const unsave = el('button', { type: 'button', textContent: t('fav.remove') });
  unsave.setAttribute('aria-label', t('fav.removeNamed', p.title));
  const li = el(
    'li',
    {},
    el('p', {}, title),
    el(
      'p',
      { className: 'meta' },
      el('span', {}, t('fav.by'), ' ', author),
      el('span', {}, t('fav.savedAt'), ' ', when),
      el('span', { textContent: counts })),
    el('p', { className: 'body', textContent: p.summary || '' }),
    unsave);
  unsave.addEventListener('click', async () => {
    unsave.disabled = true;
    const res = await api('DELETE', `/posts/${encodeURIComponent(f.postId)}/favorite`).catch(() => ({ status: 0 }));
    // 404: already unsaved (another tab) or the post is gone: either way it is not saved now.
    if (res.status === 200 || res.status === 204 || res.status === 404) {
      li.remove();
      status(t('fav.removed', p.title));
      if (!$('favorites').children.length && !cursor) status(t('fav.empty'));
    } else {
      unsave.disabled = false;
      status(errorOf(res));
    }
  });
  return li;
}

async function load(more) {
  const query = `?limit=${LIMIT}${more && cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
  $('more-favorites').disabled = true;
  const res = await api('GET', `/users/${encodeURIComponent(s.sub)}/favorites${query}`).catch(() => ({ status: 0 }));
  $('more-favorites').disabled = false;
  if (res.status !== 200) {
    status(errorOf(res));
    return;
  }
  const items = res.body.items || [];
  if (!more) $('favorites').replaceChildren();
  $('favorites').append(...items.filter(f => f.post).map(item));
  cursor = res.body.nextCursor || null;
  $('more-favorites').hidden = !cursor;
  status($('favorites').children.length || cursor ? '' : t('fav.empty'));
}

if (!s) {
  $('sign-in-prompt').hidden = false;
} else {
  $('my-blog').href = `/u/${encodeURIComponent(s.sub)}`;
  $('favorites-section').hidden = false;
  $('more-favorites').addEventListener('click', () => load(true));
  load(false);
}
