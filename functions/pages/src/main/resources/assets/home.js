// Home page: who is signed in, a follow button for readers, the skin editor and studio links for the owner.
import { api, meta, showSession } from './session.js';

const s = showSession();
const userId = meta('user-id');
if (s && s.sub === userId) {
  document.getElementById('edit-skin').hidden = false;
  document.getElementById('studio-link').hidden = false;
} else if (s) {
  const button = document.getElementById('follow');
  const followers = document.getElementById('followers');
  let on = false;
  button.hidden = false;
  button.addEventListener('click', async () => {
    button.disabled = true;
    const res = await api(on ? 'DELETE' : 'PUT', `/users/${encodeURIComponent(userId)}/follow`).catch(() => ({ status: 0 }));
    button.disabled = false;
    if (res.status === 200) {
      on = res.body.following;
      followers.textContent = res.body.followers;
      button.classList.toggle('on', on);
    }
  });
}
