// Followers-only post: the page is the same for every reader (the page function never knows who
// reads). Signed in, the author or a follower gets the post from the JWT route, rendered by the
// post page's own renderer (the editor's preview route), and its comments from the JWT twin of
// the public comments route; anyone else keeps the page's message.
import { api, meta, msg, showSession } from './session.js';

const s = showSession();
const postId = meta('post-id');
const readerPath = `/reader/posts/${encodeURIComponent(postId)}`;
const byId = (id) => document.getElementById(id);

async function showComments() {
  const res = await api('GET', `${readerPath}/comments?limit=50`).catch(() => ({ status: 0 }));
  if (res.status !== 200) return;
  const list = byId('fp-list');
  list.replaceChildren();
  for (const c of res.body.items) {
    const li = document.createElement('li');
    li.className = 'comment';
    const who = document.createElement('strong');
    who.textContent = c.authorName || c.authorId;
    const body = document.createElement('p');
    body.textContent = c.body;
    li.append(who, body);
    list.append(li);
  }
}

async function load() {
  const post = await api('GET', readerPath).catch(() => ({ status: 0 }));
  if (post.status !== 200) {
    byId('fp-message').textContent = msg(post.status === 403 ? 'notFollowing' : 'failed');
    return;
  }
  byId('fp-title').textContent = post.body.title;
  document.title = post.body.title;
  const rendered = await api('POST', '/studio/preview', { content: post.body.content }).catch(() => ({ status: 0 }));
  if (rendered.status === 200) {
    const content = byId('fp-content');
    // The renderer escaped and sanitised it, as for the post page itself.
    content.innerHTML = rendered.body.html;
    content.hidden = false;
    byId('fp-message').hidden = true;
  }
  await showComments();
  byId('fp-comments').hidden = false;
}

byId('fp-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.target;
  const status = byId('fp-status');
  const res = await api('POST', `/posts/${encodeURIComponent(postId)}/comments`, { body: form.elements.body.value })
    .catch(() => ({ status: 0 }));
  if (res.status !== 201) {
    status.textContent = msg('failed');
    return;
  }
  form.reset();
  status.textContent = msg('posted');
  await showComments();
});

if (s) load();
