// Code blocks on a post page: a copy button on each, for every reader (no sign-in). Loaded by
// post.js only when the post has code.
import { msg } from './session.js';

const status = document.getElementById('action-status');

for (const pre of document.querySelectorAll('.content pre')) {
  const code = pre.querySelector('code');
  if (!code) continue;
  const wrap = document.createElement('div');
  wrap.className = 'code-wrap';
  pre.replaceWith(wrap);
  wrap.append(pre);
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'copy';
  button.textContent = msg('copy');
  button.setAttribute('aria-label', msg('copyLabel'));
  wrap.append(button);
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(code.textContent);
      button.textContent = msg('copied');
      if (status) status.textContent = msg('copied');
      setTimeout(() => { button.textContent = msg('copy'); }, 2000);
    } catch {
      if (status) status.textContent = msg('copyFailed');
    }
  });
}
