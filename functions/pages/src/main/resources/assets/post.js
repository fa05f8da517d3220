// Post page: counts the view, and lets a signed-in reader like, favorite, follow and comment.
import { api, meta, msg, refreshCached, showSession } from './session.js';

const s = showSession();
const postId = meta('post-id');
const authorId = meta('author-id');
const postPath = `/posts/${encodeURIComponent(postId)}`;

// The view beacon: only browsers that run scripts count, crawlers never do. The API decides
// whether this reader was counted today already (and skips the author's own views).
fetch(`${postPath}/views`, {
  method: 'POST',
  keepalive: true,
  headers: s ? { authorization: `Bearer ${s.token}`, 'content-type': 'application/json' } : { 'content-type': 'application/json' },
}).catch(() => { /* a lost view is not worth a message */ });

const status = document.getElementById('action-status');

// The author gets a way into the editor.
if (s && s.sub === authorId) document.getElementById('edit-post').hidden = false;

// Copy buttons, only on posts that have code.
if (document.querySelector('.content pre')) import('./code.js');

function say(el, text, bad) {
  el.textContent = text;
  el.classList.toggle('bad', !!bad);
}

function toggle(button, path, stateKey, countKey, onLabel, offLabel) {
  let on = false;
  const label = () => {
    button.firstChild.textContent = `${msg(on ? onLabel : offLabel)} `;
    button.classList.toggle('on', on);
  };
  button.hidden = false;
  button.addEventListener('click', async () => {
    button.disabled = true;
    const res = await api(on ? 'DELETE' : 'PUT', path).catch(() => ({ status: 0 }));
    button.disabled = false;
    if (res.status !== 200) {
      say(status, msg('failed'), true);
      return;
    }
    on = !!res.body[stateKey];
    if (countKey && button.querySelector('.n')) button.querySelector('.n').textContent = res.body[countKey];
    await refreshCached();
    label();
    say(status, '');
  });
}

if (s) {
  toggle(document.getElementById('like'), `${postPath}/like`, 'liked', 'likes', 'liked', 'like');
  toggle(document.getElementById('favorite'), `${postPath}/favorite`, 'favorited', 'favorites', 'favorited', 'favorite');
  if (s.sub !== authorId) {
    toggle(document.getElementById('follow'), `/users/${encodeURIComponent(authorId)}/follow`, 'following', null, 'following', 'follow');
  }
  document.querySelector('.post-actions .counts').hidden = true;
  setUpComments();
}

function commentElement(c, isReply) {
  const div = document.createElement('div');
  div.className = 'comment';
  div.id = `c-${c.commentId}`;
  div.dataset.commentId = c.commentId;
  div.dataset.authorId = c.authorId || '';
  div.dataset.reply = isReply ? '1' : '0';
  const who = document.createElement('span');
  who.className = 'who';
  who.textContent = c.authorName || c.authorId;
  const when = document.createElement('time');
  when.className = 'hint';
  when.textContent = msg('justNow');
  const body = document.createElement('p');
  body.className = 'body';
  body.textContent = c.body;
  div.append(who, when, body);
  return div;
}

function setUpComments() {
  const form = document.getElementById('comment-form');
  const text = form.querySelector('textarea');
  const formStatus = document.getElementById('comment-status');
  const threads = document.querySelector('.threads');
  let replyTo = null;
  document.getElementById('comment-sign-in').hidden = true;
  form.hidden = false;

  form.addEventListener('submit', async e => {
    e.preventDefault();
    const body = { body: text.value };
    if (replyTo) body.replyTo = replyTo;
    const button = form.querySelector('button');
    button.disabled = true;
    const res = await api('POST', `${postPath}/comments`, body).catch(() => ({ status: 0 }));
    button.disabled = false;
    if (res.status === 429) {
      say(formStatus, msg('rateLimited'), true);
      return;
    }
    if (res.status !== 201 && res.status !== 200) {
      say(formStatus, (res.body && res.body.error && res.body.error.message) || msg('failed'), true);
      return;
    }
    const c = res.body;
    const el = commentElement(c, !!replyTo);
    if (replyTo) {
      const thread = document.getElementById(`c-${replyTo}`).parentElement;
      let list = thread.querySelector('.replies');
      if (!list) {
        list = document.createElement('ol');
        list.className = 'replies';
        thread.append(list);
      }
      const li = document.createElement('li');
      li.append(el);
      list.append(li);
    } else {
      const li = document.createElement('li');
      li.className = 'thread';
      li.append(el);
      threads.append(li);
      const none = document.getElementById('no-comments');
      if (none) none.hidden = true;
    }
    decorate(el);
    text.value = '';
    replyTo = null;
    text.placeholder = '';
    await refreshCached();
    say(formStatus, msg('posted'));
  });

  function decorate(el) {
    if (el.classList.contains('deleted')) return;
    if (el.dataset.reply === '0') {
      const reply = document.createElement('button');
      reply.type = 'button';
      reply.className = 'reply';
      reply.textContent = msg('reply');
      reply.addEventListener('click', () => {
        replyTo = el.dataset.commentId;
        text.placeholder = msg('replyTo').replace('{0}', el.querySelector('.who').textContent);
        text.focus();
      });
      el.append(reply);
    }
    if (el.dataset.authorId === s.sub || s.sub === authorId) {
      const del = document.createElement('button');
      del.type = 'button';
      del.className = 'delete';
      del.textContent = msg('delete');
      del.addEventListener('click', async () => {
        if (!window.confirm(msg('confirmDelete'))) return;
        const res = await api('DELETE', `/comments/${encodeURIComponent(el.dataset.commentId)}`).catch(() => ({ status: 0 }));
        if (res.status !== 204 && res.status !== 200) {
          say(formStatus, msg('failed'), true);
          return;
        }
        el.classList.add('deleted');
        el.querySelector('.body').textContent = msg('deleted');
        await refreshCached();
        el.querySelectorAll('button').forEach(b => b.remove());
      });
      el.append(del);
    }
  }

  document.querySelectorAll('.comment').forEach(decorate);
}
