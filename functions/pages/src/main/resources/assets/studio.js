// The owner's posts (filters by state and type, title search, paging, delete) and the comments on
// them, from the owner API with the owner's token.
import { api, showSession } from './session.js';
import { beijing, el, errorOf, sentence as t } from './studio-kit.js';

const $ = id => document.getElementById(id);
const s = showSession();
const LIMIT = 20;

let cursors = [null]; // the cursor of each page shown so far; the last one is the current page
let commentsCursor = null;
let loadSeq = 0;

function stateLabel(p) {
  const status = t(`status.${p.status || 'published'}`);
  const when = p.status === 'scheduled' ? ` ${beijing(p.publishAt)}` : '';
  const visibility = p.visibility && p.visibility !== 'public' ? ` · ${t(`visibility.${p.visibility}`)}` : '';
  return status + when + visibility;
}

function row(p) {
  const title = el('td');
  const type = p.type || 'original';
  title.append(el('span', { className: `mark ${type}`, textContent: t(`type.${type}`) }), ' ');
  if (p.status === 'published' || !p.status) {
    title.append(el('a', { href: `/p/${encodeURIComponent(p.postId)}`, textContent: p.title }));
  } else {
    title.append(el('span', { textContent: p.title }));
  }
  const edit = el('a', { href: `/p/${encodeURIComponent(p.postId)}/edit`, textContent: t('edit') });
  edit.setAttribute('aria-label', `${t('edit')} ${p.title}`);
  const del = el('button', { type: 'button', textContent: t('delete') });
  del.setAttribute('aria-label', `${t('delete')} ${p.title}`);
  del.addEventListener('click', () => remove(p));
  const tr = el(
    'tr',
    { className: 'post' },
    title,
    el('td', { className: 'state', textContent: stateLabel(p) }),
    el('td', { textContent: beijing(p.updatedAt || p.publishedAt) }),
    el('td', { className: 'n', textContent: p.views || 0 }),
    el('td', { className: 'n', textContent: p.comments || 0 }),
    el('td', { className: 'n', textContent: p.likes || 0 }),
    el('td', { className: 'n', textContent: p.favorites || 0 }),
    el('td', { className: 'actions' }, edit, del));
  tr.dataset.postId = p.postId;
  return tr;
}

async function load() {
  const params = new URLSearchParams();
  for (const name of ['state', 'type', 'q']) {
    const v = $(name).value.trim();
    if (v) params.set(name, v);
  }
  params.set('limit', LIMIT);
  const cursor = cursors[cursors.length - 1];
  if (cursor) params.set('cursor', cursor);
  $('list-status').textContent = t('loading');
  const seq = ++loadSeq;
  const res = await api('GET', `/studio/posts?${params}`).catch(() => ({ status: 0 }));
  if (seq !== loadSeq) return; // the filters changed meanwhile; a later answer is coming
  if (res.status !== 200) {
    $('list-status').textContent = errorOf(res);
    return;
  }
  const items = res.body.items || [];
  $('posts').replaceChildren(...items.map(row));
  $('list-status').textContent = items.length ? '' : t('empty');
  $('page-number').textContent = t('page', cursors.length);
  $('prev').disabled = cursors.length === 1;
  $('next').disabled = !res.body.nextCursor;
  $('next').dataset.cursor = res.body.nextCursor || '';
}

async function remove(p) {
  if (!confirm(t('confirmDelete', p.title))) return;
  const res = await api('DELETE', `/posts/${encodeURIComponent(p.postId)}`).catch(() => ({ status: 0 }));
  if (res.status === 204 || res.status === 404) {
    localStorage.removeItem(`bloghome.studio.${s.sub}.${p.postId}`);
    await load();
    $('list-status').textContent = t('deleted');
  } else {
    $('list-status').textContent = errorOf(res);
  }
}

function comment(c) {
  const when = el('time', { textContent: beijing(c.createdAt) });
  const who = el('span', { className: 'who', textContent: c.authorName || c.authorId });
  const on = el('a', { href: `/p/${encodeURIComponent(c.postId)}#comments`, textContent: t('onPost', c.postTitle || c.postId) });
  const del = el('button', { type: 'button', textContent: t('delete') });
  del.addEventListener('click', async () => {
    if (!confirm(t('confirmDeleteComment'))) return;
    const res = await api('DELETE', `/comments/${encodeURIComponent(c.commentId)}`).catch(() => ({ status: 0 }));
    if (res.status === 204 || res.status === 200 || res.status === 404) {
      li.remove();
      $('comments-status').textContent = t('deleted');
    } else {
      $('comments-status').textContent = errorOf(res);
    }
  });
  const li = el(
    'li',
    {},
    el('p', { className: 'meta' }, who, ' ', when, ' ', on),
    el('p', { className: 'body', textContent: c.body || c.excerpt || '' }),
    del);
  return li;
}

async function loadComments(more) {
  const path = `/studio/comments${commentsCursor && more ? `?cursor=${encodeURIComponent(commentsCursor)}` : ''}`;
  const res = await api('GET', path).catch(() => ({ status: 0 }));
  if (res.status !== 200) {
    $('comments-status').textContent = t('commentsUnavailable');
    return;
  }
  const items = res.body.items || [];
  if (!more) $('studio-comments').replaceChildren();
  $('studio-comments').append(...items.map(comment));
  $('comments-status').textContent = $('studio-comments').children.length ? '' : t('noComments');
  commentsCursor = res.body.nextCursor || null;
  $('more-comments').hidden = !commentsCursor;
}

if (!s) {
  $('sign-in-prompt').hidden = false;
} else {
  $('my-blog').href = `/u/${encodeURIComponent(s.sub)}`;
  $('manager').hidden = false;
  $('filters').addEventListener('submit', e => {
    e.preventDefault();
    cursors = [null];
    load();
  });
  for (const name of ['state', 'type']) {
    $(name).addEventListener('change', () => {
      cursors = [null];
      load();
    });
  }
  $('next').addEventListener('click', () => {
    cursors.push($('next').dataset.cursor);
    load();
  });
  $('prev').addEventListener('click', () => {
    cursors.pop();
    load();
  });
  $('more-comments').addEventListener('click', () => loadComments(true));
  load();
  loadComments(false);
}
