// The editor (/write and /p/{id}/edit). What the author typed is kept in this browser
// (localStorage) until the server has confirmed it; drafts and scheduled posts are saved to the
// server a few seconds after the last keystroke and when the page is hidden; published posts only
// when the author presses Update. A save the server refuses because the post changed elsewhere
// (409 VERSION_CONFLICT) shows both versions and lets the author choose.
import { api, apiKeepalive, beforeSignInRedirect, meta, showSession } from './session.js';
import { IMAGE_LIMITS, imageSentence, uploadPostImage } from './post-images.js';
import { BEIJING_MS, beijing, sentence as t } from './studio-kit.js';

const AUTOSAVE_MS = 3000;
const LOCAL_MS = 300;
const PREVIEW_MS = 400;
const RETRY_MS = 10000;
const MAX_BYTES = Number(meta('content-max-bytes'));
const MAX_TAGS = Number(meta('tags-max'));
const MAX_CATEGORIES = Number(meta('categories-max'));
const MAX_SCHEDULE_MS = Number(meta('schedule-max-days')) * 24 * 3600 * 1000;

const $ = id => document.getElementById(id);
const s = showSession();

let postId = meta('post-id') || null;
let version = null;
let status = null; // null: not on the server yet; 'draft' | 'scheduled' | 'published'
let publishAt = null;
let confirmed = null; // the fields the server last confirmed
let queue = Promise.resolve();
let inConflict = false;
let autosaveTimer = 0;
let localTimer = 0;
let previewTimer = 0;
let previewSeq = 0;
let shownRevision = null;
let ownsLocal = false;

function fail(text) {
  const box = $('load-error');
  box.textContent = text;
  box.hidden = false;
}

// ------------------------------------------------------------------ fields

function list(value) {
  const seen = [];
  value.split(/[,，、]/).map(v => v.trim()).filter(Boolean).forEach(v => {
    if (!seen.includes(v)) seen.push(v);
  });
  return seen;
}

function checked(name) {
  const el = document.querySelector(`input[name=${name}]:checked`);
  return el ? el.value : '';
}

function setChecked(name, value) {
  const el = document.querySelector(`input[name=${name}][value="${value}"]`);
  if (el) el.checked = true;
}

/** What the author has written, as the API names it. */
function fields() {
  return {
    title: $('title').value,
    content: $('content').value,
    summary: $('summary').value,
    type: checked('type') || 'original',
    sourceUrl: $('source-url').value.trim(),
    tags: list($('tags').value),
    categories: list($('categories').value),
    visibility: checked('visibility') || 'public',
  };
}

function same(a, b) {
  return !!a && !!b && JSON.stringify(a) === JSON.stringify(b);
}

function show(f) {
  $('title').value = f.title || '';
  $('content').value = f.content || '';
  $('summary').value = f.summary || '';
  setChecked('type', f.type || 'original');
  $('source-url').value = f.sourceUrl || '';
  $('tags').value = (f.tags || []).join(', ');
  $('categories').value = (f.categories || []).join(', ');
  setChecked('visibility', f.visibility || 'public');
  changed(false);
}

/** The owner view of a post, reduced to the fields the editor writes. */
function fieldsOf(post) {
  return {
    title: post.title || '',
    content: post.content || '',
    summary: post.summary || '',
    type: post.type || 'original',
    sourceUrl: post.sourceUrl || '',
    tags: post.tags || [],
    categories: post.categories || [],
    visibility: post.visibility || 'public',
  };
}

function takeServer(post) {
  version = post.version;
  status = post.status || 'published';
  publishAt = post.publishAt || null;
  confirmed = fieldsOf(post);
  if (status === 'scheduled' && publishAt) {
    setChecked('when', 'later');
    $('publish-at').value = beijing(publishAt).replace(' ', 'T');
  }
}

// ------------------------------------------------------------------ times (Beijing, UTC+8)

function clock(ms) {
  return new Date(ms).toLocaleTimeString(document.documentElement.lang, { hour12: false });
}

/** The datetime-local value, read as Beijing time, as ISO UTC; null when empty, past or too far. */
function scheduledIso() {
  const v = $('publish-at').value;
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(v);
  if (!m) return null;
  const ms = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]) - BEIJING_MS;
  return ms > Date.now() && ms < Date.now() + MAX_SCHEDULE_MS ? new Date(ms).toISOString() : null;
}

// ------------------------------------------------------------------ local copy

// A new post's copy has a key of its own per editor (two tabs writing two new posts must not
// overwrite each other); /write adopts the most recent one left behind.
const NEW_PREFIX = () => `bloghome.studio.${s.sub}.new.`;
let newKey = null;

function localKey(id) {
  if (id) return `bloghome.studio.${s.sub}.${id}`;
  if (!newKey) newKey = NEW_PREFIX() + Math.random().toString(36).slice(2, 10);
  return newKey;
}

/** The newest copy of a new post that some earlier editor left in this browser. */
function adoptNewCopy() {
  let best = null;
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    if (!key || !key.startsWith(NEW_PREFIX())) continue;
    try {
      const copy = JSON.parse(localStorage.getItem(key));
      if (copy && copy.fields && (!best || copy.savedAt > best.copy.savedAt)) best = { key, copy };
    } catch (e) { /* not ours to read */ }
  }
  if (!best) return null;
  newKey = best.key;
  return best.copy;
}

function readLocal(id) {
  try {
    return JSON.parse(localStorage.getItem(localKey(id)) || 'null');
  } catch (e) {
    return null;
  }
}

function writeLocal() {
  clearTimeout(localTimer);
  const f = fields();
  if (same(f, confirmed) || (!confirmed && !f.title && !f.content)) {
    // Only a copy this editor wrote or adopted is removed: an empty editor in another tab must
    // not delete what this one keeps.
    if (ownsLocal) localStorage.removeItem(localKey(postId));
    return;
  }
  ownsLocal = true;
  try {
    localStorage.setItem(localKey(postId), JSON.stringify({ fields: f, baseVersion: version, savedAt: Date.now() }));
  } catch (e) { /* storage full: the server copy is all there is */ }
}

function dropLocal(id) {
  localStorage.removeItem(localKey(id));
}

// ------------------------------------------------------------------ state shown

function autosaves() {
  return status === null || status === 'draft' || status === 'scheduled';
}

function saveState(text, bad) {
  const el = $('save-state');
  el.textContent = text;
  el.classList.toggle('bad', !!bad);
}

function publishStatus(text, bad) {
  const el = $('publish-status');
  el.textContent = text;
  el.classList.toggle('bad', !!bad);
}

function showPostState() {
  const state =
    status === null ? t('stateNew')
      : status === 'draft' ? t('stateDraft')
        : status === 'scheduled' ? t('stateScheduled', beijing(publishAt))
          : t('statePublished');
  $('post-state').textContent = state;
  $('publish').textContent =
    status === 'published' ? t('update') : checked('when') === 'later' ? t('schedule') : $('publish').dataset.label;
  $('save-draft').hidden = status === 'published';
  // A published post is updated, not scheduled again.
  $('when-choice').hidden = status === 'published';
  if (status === 'published') $('schedule-row').hidden = true;
  $('editor-heading').textContent = document.title;
}

function sizeState() {
  const bytes = new TextEncoder().encode($('content').value).length;
  const kb = (bytes / 1024).toFixed(1);
  const maxKb = MAX_BYTES / 1024;
  const el = $('content-size');
  if (bytes > MAX_BYTES) {
    el.textContent = t('tooLarge', maxKb);
  } else {
    el.textContent = t(bytes > MAX_BYTES * 0.9 ? 'sizeNear' : 'size', kb, maxKb);
  }
  el.classList.toggle('bad', bytes > MAX_BYTES * 0.9);
  return bytes;
}

function sourceRow() {
  $('source-row').hidden = checked('type') === 'original';
}

function scheduleRow() {
  const later = checked('when') === 'later';
  $('schedule-row').hidden = !later || status === 'published';
  if (status !== 'published') $('publish').textContent = later ? t('schedule') : $('publish').dataset.label;
}

// ------------------------------------------------------------------ editing

/** After every change: the local copy soon, the server copy a few seconds after the last key. */
function changed(byAuthor = true) {
  sizeState();
  sourceRow();
  preview();
  if (!byAuthor) return;
  clearTimeout(localTimer);
  localTimer = setTimeout(writeLocal, LOCAL_MS);
  clearTimeout(autosaveTimer);
  if (autosaves()) {
    autosaveTimer = setTimeout(() => save('auto'), AUTOSAVE_MS);
  } else if (!same(fields(), confirmed)) {
    saveState(t('unsavedPublished', clock(Date.now())));
  }
}

function preview() {
  clearTimeout(previewTimer);
  previewTimer = setTimeout(async () => {
    const content = $('content').value;
    if (new TextEncoder().encode(content).length > MAX_BYTES) return;
    const seq = ++previewSeq;
    const res = await api('POST', '/studio/preview', { content }).catch(() => ({ status: 0 }));
    if (seq !== previewSeq) return; // a later preview is on its way
    if (res.status === 200) {
      // Escaped and sanitised by the post page's renderer on the server.
      $('preview').innerHTML = res.body.html;
    } else {
      $('preview').textContent = t('previewFailed');
    }
  }, PREVIEW_MS);
}

/** Checks an explicit save; the sentence to show, or null when it may go. */
function invalid(f, wanted) {
  if (!f.title.trim()) return t('needTitle');
  if (!f.content.trim()) return t('needContent');
  if (new TextEncoder().encode(f.content).length > MAX_BYTES) return t('tooLarge', MAX_BYTES / 1024);
  if (f.type !== 'original' && !f.sourceUrl) return t('needSource');
  if (f.tags.length > MAX_TAGS) return t('tooManyTags', MAX_TAGS);
  if (f.categories.length > MAX_CATEGORIES) return t('tooManyCategories', MAX_CATEGORIES);
  if (wanted === 'scheduled' && !scheduledIso()) return t('needTime', MAX_SCHEDULE_MS / 86400000);
  return null;
}

function body(f, wanted, at) {
  const b = {
    type: f.type,
    title: f.title,
    content: f.content,
    tags: f.tags,
    categories: f.categories,
    visibility: f.visibility,
    status: wanted,
  };
  if (f.summary.trim()) b.summary = f.summary;
  if (f.type !== 'original') b.sourceUrl = f.sourceUrl;
  if (wanted === 'scheduled') b.publishAt = at;
  if (version !== null) b.version = version;
  return b;
}

/**
 * One save at a time, in order. {@code kind}: 'auto' (drafts and scheduled posts keep their
 * state), 'draft', 'publish', 'schedule' or 'update'.
 */
function save(kind) {
  clearTimeout(autosaveTimer);
  queue = queue.then(() => saveNow(kind)).catch(() => {});
  return queue;
}

async function saveNow(kind) {
  if (inConflict) return;
  const f = fields();
  writeLocal();
  let wanted;
  let at = null;
  if (kind === 'auto') {
    if (!autosaves() || same(f, confirmed)) return;
    // The API refuses a post without title or content; until both exist the browser keeps it.
    if (!f.title.trim() || !f.content.trim() || invalid(f, status || 'draft')) {
      saveState(t('savedLocally', clock(Date.now())));
      return;
    }
    wanted = status || 'draft';
    at = publishAt;
  } else {
    wanted = { draft: 'draft', publish: 'published', update: 'published', schedule: 'scheduled' }[kind];
    const problem = invalid(f, wanted);
    if (problem) {
      publishStatus(problem, true);
      return;
    }
    if (wanted === 'scheduled') at = scheduledIso();
    publishStatus(t('saving'));
  }
  saveState(t('saving'));
  const wasNew = postId === null;
  const res = wasNew
    ? await api('POST', `/users/${encodeURIComponent(s.sub)}/posts`, body(f, wanted, at)).catch(() => ({ status: 0 }))
    : await api('PUT', `/posts/${encodeURIComponent(postId)}`, body(f, wanted, at)).catch(() => ({ status: 0 }));
  if (res.status === 200 || res.status === 201) {
    saved(res.body, f, wasNew, kind);
  } else if (res.status === 409 && res.body && res.body.error && res.body.error.code === 'VERSION_CONFLICT') {
    showConflict(f, res.body.current, kind);
  } else {
    refused(res, kind);
  }
}

function saved(post, sent, wasNew, kind) {
  if (wasNew) {
    postId = post.postId;
    dropLocal(null);
    history.replaceState(null, '', `/p/${encodeURIComponent(postId)}/edit${location.search}`);
    loadRevisions();
  }
  version = post.version;
  status = post.status || 'published';
  publishAt = post.publishAt || null;
  confirmed = sent;
  if (same(fields(), sent)) {
    dropLocal(postId);
  } else {
    writeLocal();
    if (autosaves()) autosaveTimer = setTimeout(() => save('auto'), AUTOSAVE_MS);
  }
  saveState(t('savedAt', clock(Date.now())));
  showPostState();
  scheduleRow();
  if (kind !== 'auto') {
    publishStatus(
      kind === 'draft' ? t('draftSaved')
        : kind === 'schedule' ? t('scheduled', beijing(post.publishAt))
          : kind === 'update' ? t('updated') : t('published'));
  }
  if (!$('revisions-box').hidden) loadRevisions();
}

function refused(res, kind) {
  const message = res.body && res.body.error && res.body.error.message;
  if (res.status === 0 || res.status >= 500 || res.status === 409 || res.status === 429) {
    // Not saved, nothing lost: the browser has the text; try again a little later.
    saveState(navigator.onLine === false ? t('offline') : t('saveFailed'), true);
    if (autosaves()) autosaveTimer = setTimeout(() => save('auto'), RETRY_MS);
    if (kind !== 'auto') publishStatus(t('saveFailed'), true);
    return;
  }
  if (res.status === 404) {
    fail(t('notFound'));
  } else if (res.status === 403) {
    fail(t('forbidden'));
  }
  // Refused (400, 413, ...): the API's sentence says why; the text stays in this browser.
  saveState(t('savedLocally', clock(Date.now())), true);
  publishStatus(message || t('failed'), true);
}

// ------------------------------------------------------------------ conflict

let conflictKind = 'auto';
let conflictMine = null;
let conflictTheirs = null;

function showConflict(mine, current, kind) {
  inConflict = true;
  conflictKind = kind;
  conflictMine = mine;
  conflictTheirs = current;
  $('mine-title').textContent = mine.title;
  $('mine-text').textContent = mine.content;
  $('theirs-title').textContent = current.title;
  $('theirs-text').textContent = current.content;
  $('conflict').hidden = false;
  $('conflict').focus();
  saveState(t('savedLocally', clock(Date.now())), true);
}

function closeConflict() {
  inConflict = false;
  $('conflict').hidden = true;
  $('content').focus();
}

function keepMine() {
  takeServer(conflictTheirs);
  show(conflictMine);
  closeConflict();
  writeLocal();
  showPostState();
  // The author chose this text: a published post takes it as an update.
  save(conflictKind === 'auto' && status === 'published' ? 'update' : conflictKind);
}

function takeTheirs() {
  takeServer(conflictTheirs);
  show(confirmed);
  dropLocal(postId);
  closeConflict();
  showPostState();
  saveState(t('savedAt', clock(Date.now())));
}

// ------------------------------------------------------------------ revisions

async function loadRevisions() {
  if (!postId) return;
  const res = await api('GET', `/posts/${encodeURIComponent(postId)}/revisions`).catch(() => ({ status: 0 }));
  if (res.status !== 200) return;
  const items = Array.isArray(res.body) ? res.body : res.body.items || [];
  $('revisions-box').hidden = false;
  const ol = $('revisions');
  ol.replaceChildren();
  if (!items.length) {
    const li = document.createElement('li');
    li.textContent = t('revisionNone');
    ol.append(li);
  }
  items.forEach(r => {
    const li = document.createElement('li');
    const kb = `${(r.bytes / 1024).toFixed(1)} KB`;
    li.append(t('revisionItem', r.version, beijing(r.savedAt), kb), ' ');
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = t('view');
    button.setAttribute('aria-label', `${t('view')} ${t('revisionItem', r.version, beijing(r.savedAt), kb)}`);
    button.addEventListener('click', () => viewRevision(r.version));
    li.append(button);
    ol.append(li);
  });
}

async function viewRevision(v) {
  const res = await api('GET', `/posts/${encodeURIComponent(postId)}/revisions/${v}`).catch(() => ({ status: 0 }));
  if (res.status !== 200) {
    $('revisions-status').textContent = (res.body && res.body.error && res.body.error.message) || t('failed');
    return;
  }
  shownRevision = v;
  const when = beijing(res.body.savedAt || res.body.updatedAt || new Date().toISOString());
  const kb = `${((res.body.bytes || new TextEncoder().encode(res.body.content || '').length) / 1024).toFixed(1)} KB`;
  $('revision-title').textContent = `${t('revisionItem', v, when, kb)} · ${res.body.title}`;
  $('revision-text').textContent = res.body.content;
  $('revision-view').hidden = false;
  $('revision-text').focus();
}

async function restoreRevision() {
  if (shownRevision === null) return;
  if (autosaves() && !same(fields(), confirmed)) await save('auto');
  if (inConflict) return;
  const res = await api('POST', `/posts/${encodeURIComponent(postId)}/revisions/${shownRevision}/restore`, { version })
    .catch(() => ({ status: 0 }));
  if (res.status === 200 || res.status === 201) {
    const post = res.body.post || res.body;
    takeServer(post);
    show(confirmed);
    dropLocal(postId);
    showPostState();
    $('revisions-status').textContent = t('revisionRestored', shownRevision);
    $('revision-view').hidden = true;
    saveState(t('savedAt', clock(Date.now())));
    loadRevisions();
  } else if (res.status === 409 && res.body && res.body.error && res.body.error.code === 'VERSION_CONFLICT') {
    showConflict(fields(), res.body.current, status === 'published' ? 'update' : 'auto');
  } else {
    $('revisions-status').textContent = (res.body && res.body.error && res.body.error.message) || t('failed');
  }
}

// ------------------------------------------------------------------ toolbar (a help only)

const WRAP = { bold: ['**', '**'], italic: ['*', '*'], code: ['`', '`'], link: ['[', '](https://)'] };
const PREFIX = { heading: '## ', quote: '> ', list: '- ' };

function format(kind) {
  const area = $('content');
  const { selectionStart: a, selectionEnd: b, value } = area;
  if (WRAP[kind]) {
    const [open, close] = kind === 'code' && value.slice(a, b).includes('\n') ? ['```\n', '\n```'] : WRAP[kind];
    area.setRangeText(open + value.slice(a, b) + close, a, b, 'end');
    if (a === b) area.setSelectionRange(a + open.length, a + open.length);
  } else {
    const lineStart = value.lastIndexOf('\n', a - 1) + 1;
    const lines = value.slice(lineStart, b).split('\n').map(l => PREFIX[kind] + l).join('\n');
    area.setRangeText(lines, lineStart, b, 'end');
  }
  area.focus();
  area.dispatchEvent(new Event('input'));
}

// ------------------------------------------------------------------ images (paste, drop, button)

let imageSeq = 0;
let imagesUploading = 0;

/** Images of ours already in the text (their URLs carry /media/{user}/im_...). */
function imagesInText() {
  return ($('content').value.match(/\/media\/[^/\s)]+\/im_/g) || []).length;
}

function imageStatus(text, bad) {
  const box = $('image-status');
  box.textContent = text;
  box.classList.toggle('bad', !!bad);
}

/** Replaces the placeholder (wherever the text moved it) and tells the editor the text changed. */
function replacePlaceholder(token, replacement) {
  const area = $('content');
  const at = area.value.indexOf(token);
  if (at < 0) return;
  area.setRangeText(replacement, at, at + token.length, 'preserve');
  area.dispatchEvent(new Event('input', { bubbles: true }));
}

async function insertImages(files) {
  const images = [...files].filter(f => f.type.startsWith('image/') || /\.(png|jpe?g)$/i.test(f.name));
  if (!images.length) return;
  const area = $('content');
  for (const file of images) {
    if (imagesInText() + imagesUploading >= IMAGE_LIMITS.perPost) {
      imageStatus(imageSentence('PER_POST_LIMIT'), true);
      return;
    }
    imageSeq += 1;
    const token = t('image.placeholder', imageSeq, file.name || 'image');
    const { selectionStart: a, selectionEnd: b } = area;
    area.setRangeText(token, a, b, 'end');
    area.dispatchEvent(new Event('input', { bubbles: true }));
    imageStatus(t('image.uploading', file.name || 'image'));
    imagesUploading += 1;
    uploadPostImage(file, file.name)
      .then(image => {
        replacePlaceholder(token, image.markdown);
        imageStatus(t('image.inserted', file.name || 'image'));
      })
      .catch(e => {
        replacePlaceholder(token, '');
        imageStatus(t('image.rejected', file.name || 'image', e.message), true);
      })
      .finally(() => { imagesUploading -= 1; });
  }
}

function setUpImages() {
  const area = $('content');
  const input = $('image-file');
  $('insert-image').addEventListener('click', () => input.click());
  input.addEventListener('change', () => {
    insertImages(input.files);
    input.value = '';
  });
  area.addEventListener('paste', e => {
    const files = e.clipboardData && e.clipboardData.files;
    if (files && files.length) {
      e.preventDefault();
      insertImages(files);
    }
  });
  area.addEventListener('dragover', e => {
    if (e.dataTransfer && [...e.dataTransfer.types].includes('Files')) e.preventDefault();
  });
  area.addEventListener('drop', e => {
    const files = e.dataTransfer && e.dataTransfer.files;
    if (files && files.length) {
      e.preventDefault();
      area.focus();
      insertImages(files);
    }
  });
}

// ------------------------------------------------------------------ start

async function start() {
  $('publish').dataset.label = $('publish').textContent;
  if (postId) {
    const res = await api('GET', `/studio/posts/${encodeURIComponent(postId)}`).catch(() => ({ status: 0 }));
    if (res.status === 404 || res.status === 400) return fail(t('notFound'));
    if (res.status === 403) return fail(t('forbidden'));
    if (res.status !== 200) return fail(t('failed'));
    takeServer(res.body);
    show(confirmed);
    const local = readLocal(postId);
    ownsLocal = !!local;
    if (local && !same(local.fields, confirmed)) {
      if (local.baseVersion === version) {
        show(local.fields);
        recovered(t('recoveredLocal', clock(local.savedAt)));
        changed();
      } else {
        // Unsaved text from an older version: the post was saved elsewhere since. Both are shown.
        $('writer').hidden = false;
        showPostState();
        showConflict(local.fields, res.body, status === 'published' ? 'update' : 'auto');
        $('conflict-text').textContent = t('recoveredOlder', clock(local.savedAt));
      }
    } else if (local) {
      dropLocal(postId);
    }
    loadRevisions();
  } else {
    const local = adoptNewCopy();
    if (local) {
      ownsLocal = true;
      show(local.fields);
      recovered(t('recoveredLocal', clock(local.savedAt)));
      changed();
    }
  }
  $('writer').hidden = false;
  showPostState();
  scheduleRow();
  sizeState();
  preview();
}

function recovered(text) {
  $('recovered-text').textContent = text;
  $('recovered').hidden = false;
}

function discardLocal() {
  dropLocal(postId);
  $('recovered').hidden = true;
  show(confirmed || fieldsOf({}));
  saveState('');
}

if (!s) {
  $('sign-in-prompt').hidden = false;
} else {
  $('my-blog').href = `/u/${encodeURIComponent(s.sub)}`;
  const form = $('writer');
  form.addEventListener('submit', e => e.preventDefault());
  form.addEventListener('input', e => {
    if (e.target.name === 'when') return scheduleRow();
    changed();
  });
  form.addEventListener('change', e => {
    if (e.target.name === 'when') scheduleRow();
  });
  $('content').addEventListener('keydown', e => {
    if ((e.ctrlKey || e.metaKey) && !e.altKey && (e.key === 'b' || e.key === 'i')) {
      e.preventDefault();
      format(e.key === 'b' ? 'bold' : 'italic');
    }
  });
  document.querySelectorAll('.toolbar button[data-md]').forEach(b => b.addEventListener('click', () => format(b.dataset.md)));
  setUpImages();
  $('publish').addEventListener('click', () => {
    const later = checked('when') === 'later';
    save(status === 'published' ? 'update' : later ? 'schedule' : 'publish');
  });
  $('save-draft').addEventListener('click', () => save('draft'));
  $('keep-mine').addEventListener('click', keepMine);
  $('take-theirs').addEventListener('click', takeTheirs);
  $('discard-local').addEventListener('click', discardLocal);
  $('restore').addEventListener('click', restoreRevision);
  $('close-revision').addEventListener('click', () => { $('revision-view').hidden = true; });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') {
      writeLocal();
      if (autosaves() && postId) save('auto');
    }
  });
  window.addEventListener('pagehide', () => {
    writeLocal();
    // The page is going away: one last save that outlives it (drafts and scheduled posts only;
    // a new post is never created this way, so it cannot be created twice). The local copy stays
    // until a later visit sees the server has the same text.
    const f = fields();
    if (postId && version !== null && autosaves() && !inConflict && !same(f, confirmed) && f.title.trim() && f.content.trim()) {
      apiKeepalive('PUT', `/posts/${encodeURIComponent(postId)}`, body(f, status, publishAt));
    }
  });
  window.addEventListener('online', () => { if (autosaves()) save('auto'); });
  // A session that cannot be refreshed sends the author to sign in and back: the text typed since
  // the last local copy is kept first (the editor finds it on return).
  beforeSignInRedirect(writeLocal);
  start();
}
