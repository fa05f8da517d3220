// The owner's display name and bio (PUT /users/{u}).
import { api, msg, showSession } from './session.js';

const $ = id => document.getElementById(id);
const s = showSession();

function status(text, bad) {
  $('profile-status').textContent = text;
  $('profile-status').classList.toggle('bad', !!bad);
}

if (!s) {
  $('sign-in-prompt').hidden = false;
} else {
  const path = `/users/${encodeURIComponent(s.sub)}`;
  $('my-blog').href = `/u/${encodeURIComponent(s.sub)}`;
  const form = $('profile-form');
  // A profile nobody has named yet is a 404: the form starts empty.
  api('GET', path).then(res => {
    if (res.status === 200) {
      $('display-name').value = res.body.displayName || '';
      $('bio').value = res.body.bio || '';
    }
    form.hidden = false;
  }, () => {
    form.hidden = false;
    status(msg('failed'), true);
  });
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const res = await api('PUT', path, { displayName: $('display-name').value, bio: $('bio').value })
      .catch(() => ({ status: 0 }));
    if (res.status === 200) {
      status(msg('profileSaved'));
      fetch(`/u/${encodeURIComponent(s.sub)}`, { cache: 'reload' }).catch(() => {});
    } else {
      status((res.body && res.body.error && res.body.error.message) || msg('failed'), true);
    }
  });
}
