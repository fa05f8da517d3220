// The owner's display name, bio and avatar (PUT /users/{u}; the avatar goes up through the post
// images' path with use 'avatar', docs/images.md, and is kept once the profile is saved).
import { api, msg, showSession } from './session.js';
import { uploadPostImage } from './post-images.js';

const $ = id => document.getElementById(id);
const s = showSession();

function status(text, bad) {
  $('profile-status').textContent = text;
  $('profile-status').classList.toggle('bad', !!bad);
}

// The avatar the next save sends: '' for none.
let avatar = '';

function showAvatar(src) {
  avatar = src || '';
  $('avatar-preview').hidden = !avatar;
  if (avatar) $('avatar-preview').src = avatar;
  else $('avatar-preview').removeAttribute('src');
  $('avatar-remove').hidden = !avatar;
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
      showAvatar(res.body.avatar);
    }
    form.hidden = false;
  }, () => {
    form.hidden = false;
    status(msg('failed'), true);
  });
  $('avatar-file').addEventListener('change', async () => {
    const file = $('avatar-file').files[0];
    if (!file) return;
    const save = form.querySelector('button[type=submit]');
    save.disabled = true;
    status(msg('avatarUploading'));
    try {
      const image = await uploadPostImage(file, file.name, { use: 'avatar' });
      showAvatar(image.src);
      status(msg('avatarReady'));
    } catch (err) {
      status(msg('avatarRejected').replace('{0}', err.message), true);
    } finally {
      save.disabled = false;
      $('avatar-file').value = '';
    }
  });
  $('avatar-remove').addEventListener('click', () => {
    showAvatar('');
    status(msg('avatarRemoved'));
    $('avatar-file').focus();
  });
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const body = { displayName: $('display-name').value, bio: $('bio').value, avatar };
    const res = await api('PUT', path, body)
      .catch(() => ({ status: 0 }));
    if (res.status === 200) {
      status(msg('profileSaved'));
      fetch(`/u/${encodeURIComponent(s.sub)}`, { cache: 'reload' }).catch(() => {});
    } else {
      status((res.body && res.body.error && res.body.error.message) || msg('failed'), true);
    }
  });
}
