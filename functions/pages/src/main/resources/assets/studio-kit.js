// What the studio's pages share: sentences with arguments, elements, the API's error sentence and
// times in Beijing time (UTC+8, the site's time zone).
import { msg } from './session.js';

export const BEIJING_MS = 8 * 3600 * 1000;

/** The page's sentence {@code key} with {0}, {1}… replaced by {@code args}. */
export function sentence(key, ...args) {
  return args.reduce((text, a, i) => text.replace(`{${i}}`, a), msg(key));
}

export function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  Object.assign(e, props);
  e.append(...children);
  return e;
}

/** The API's own sentence for a refusal, else the page's "failed". */
export function errorOf(res) {
  return (res && res.body && res.body.error && res.body.error.message) || msg('failed');
}

/** "2026-12-07 20:30" in Beijing time; '' for no time. */
export function beijing(iso) {
  return iso ? new Date(Date.parse(iso) + BEIJING_MS).toISOString().slice(0, 16).replace('T', ' ') : '';
}
