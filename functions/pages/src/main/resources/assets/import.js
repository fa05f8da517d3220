// Import and export in the studio (docs/studio.md, "Import and export"). Import: Markdown files
// with front matter, zips of them (with their images) and WordPress exports are read here, in the
// browser, and sent through POST /users/{me}/posts/import in batches (at most 100 posts and under
// 2 MB a call), with a result for every post. Export: every post of mine in every state, as
// Markdown files with front matter in a zip built here, with the images of this site.
import { api, meta, msg, showSession } from './session.js';
import { el, errorOf, sentence } from './studio-kit.js';
import { readZip, writeZip, ZipError } from './zip.js';
import * as fm from './frontmatter.js';
import { readWxr, WxrError } from './wxr.js';

const $ = id => document.getElementById(id);
const s = showSession();
const BATCH_POSTS = 100;
const BATCH_BYTES = 1900 * 1024; // the API takes 2 MB; the rest is room for the JSON around posts
const MAX_FILE_BYTES = 100 * 1024 * 1024;
const CONTENT_MAX = Number(meta('content-max-bytes')) || 200 * 1024;
const IMAGE = /!\[([^\]\n]*)\]\(([^\s)]+)( "[^"\n]*")?\)/g;
const enc = new TextEncoder();
const POST_ID = /^p_[A-Za-z0-9_-]{22}$/;

function t(key, ...args) {
  return sentence(`tr.${key}`, ...args);
}

function warningText([code, detail]) {
  return t(`warn.${code}`, detail === undefined ? '' : detail);
}

// ---------------------------------------------------------------- reading the chosen files

/** UTF-8 text, or null when the bytes are not UTF-8. */
function utf8(bytes) {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (e) {
    return null;
  }
}

const isMarkdown = name => /\.(md|markdown|txt)$/i.test(name);

function failed(name, code, detail) {
  return { name, error: t(`err.${code}`, detail === undefined ? '' : detail) };
}

/** One Markdown file as an item: {name, post, schedule, warnings, dir} or {name, error}. */
function markdownItem(name, bytes, dir) {
  const text = utf8(bytes);
  if (text === null) return failed(name, 'notUtf8');
  if (!text.trim()) return failed(name, 'empty');
  let parsed;
  try {
    parsed = fm.parse(text);
  } catch (e) {
    if (e instanceof fm.FrontMatterError) return failed(name, e.code, e.detail);
    throw e;
  }
  const item = fm.toImport(parsed.fields, parsed.body, `file:${name}`);
  // an export of this site names where each of its images came from ("images/a.png /media/a.png")
  const originals = new Map();
  for (const pair of [].concat(parsed.fields.images || [])) {
    const space = String(pair).indexOf(' ');
    if (space > 0) originals.set(pair.slice(0, space), pair.slice(space + 1).trim());
  }
  return { name, dir, originals, ...item };
}

async function itemsOfFile(file) {
  if (file.size > MAX_FILE_BYTES) return { items: [failed(file.name, 'tooBig')], resources: new Map() };
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes.length === 0) return { items: [failed(file.name, 'empty')], resources: new Map() };
  if (/\.zip$/i.test(file.name) || (bytes[0] === 0x50 && bytes[1] === 0x4b)) {
    let entries;
    try {
      entries = await readZip(bytes.buffer);
    } catch (e) {
      if (e instanceof ZipError) return { items: [failed(file.name, e.code, e.entry)], resources: new Map() };
      throw e;
    }
    const resources = new Map(entries.map(en => [en.name, en.bytes]));
    const items = [];
    for (const en of entries) {
      if (en.name.startsWith('__MACOSX/') || !isMarkdown(en.name)) continue;
      const slash = en.name.lastIndexOf('/');
      items.push(markdownItem(en.name, en.bytes, slash < 0 ? '' : en.name.slice(0, slash + 1)));
    }
    if (!items.length) items.push(failed(file.name, 'noPosts'));
    for (const item of items) item.resources = resources;
    return { items, resources };
  }
  if (/\.xml$/i.test(file.name)) {
    const text = utf8(bytes);
    if (text === null) return { items: [failed(file.name, 'notUtf8')], resources: new Map() };
    try {
      const items = readWxr(text, t('untitled'));
      return { items: items.length ? items : [failed(file.name, 'noPosts')], resources: new Map() };
    } catch (e) {
      if (e instanceof WxrError) return { items: [failed(file.name, e.code)], resources: new Map() };
      throw e;
    }
  }
  return { items: [markdownItem(file.name, bytes, null)], resources: new Map() };
}

/** Checks the API would refuse anyway, stated before anything is sent. */
function precheck(item) {
  if (item.error) return item;
  const p = item.post;
  if (!p.title) return { ...item, error: t('err.noTitle') };
  if (!p.content.trim()) return { ...item, error: t('err.emptyContent') };
  if (enc.encode(p.content).length > CONTENT_MAX) return { ...item, error: t('err.tooLong', Math.round(CONTENT_MAX / 1024)) };
  return item;
}

// ---------------------------------------------------------------- images inside a zip

let uploader;
/** uploadPostImage from post-images.js, or null when this site has none. */
function imageUploader() {
  if (uploader === undefined) {
    uploader = import('./post-images.js').then(m => m.uploadPostImage || null, () => null);
  }
  return uploader;
}

function isRelative(src) {
  return !/^[a-z][a-z0-9+.-]*:/i.test(src) && !src.startsWith('/') && !src.startsWith('#');
}

function resolve(dir, src) {
  let path;
  try {
    path = decodeURIComponent(src.split(/[?#]/)[0]);
  } catch (e) {
    path = src;
  }
  const parts = [];
  for (const part of (dir + path).split('/')) {
    if (part === '..') parts.pop();
    else if (part && part !== '.') parts.push(part);
  }
  return parts.join('/');
}

const IMAGE_TYPES = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp' };

/** Uploads the zip's images a post links relatively and points its links at the uploads. */
async function uploadImages(item, resources, uploaded) {
  if (typeof item.dir !== 'string' || item.error) return;
  const refs = [...item.post.content.matchAll(IMAGE)].filter(m => isRelative(m[2]));
  if (!refs.length) return;
  let upload;
  let content = '';
  let last = 0;
  for (const m of refs) {
    const path = resolve(item.dir, m[2]);
    let src = null;
    const original = item.originals && item.originals.get(m[2]);
    if (original && ownImage(original)) {
      src = original; // exported from this site: the image is still here, no second copy
    } else if (!resources.has(path)) {
      item.warnings.push(['imageMissing', m[2]]);
    } else if (!(upload = await imageUploader())) {
      item.warnings.push(['noImageUpload', m[2]]);
    } else {
      if (!uploaded.has(path)) {
        const name = path.slice(path.lastIndexOf('/') + 1);
        const type = IMAGE_TYPES[name.slice(name.lastIndexOf('.') + 1).toLowerCase()] || 'application/octet-stream';
        $('import-status').textContent = msg('image.uploading').replace('{0}', name);
        uploaded.set(path, upload(new Blob([resources.get(path)], { type }), name).then(r => r.src));
      }
      try {
        src = await uploaded.get(path);
      } catch (e) {
        item.warnings.push(['imageFailed', `${m[2]}: ${e.message}`]);
      }
    }
    if (src) {
      content += item.post.content.slice(last, m.index) + `![${m[1]}](${src}${m[3] || ''})`;
      last = m.index + m[0].length;
    }
  }
  item.post.content = content + item.post.content.slice(last);
}

// ---------------------------------------------------------------- import

function resultRow(item) {
  const li = el('li', { className: 'pending' }, el('span', { className: 'name', textContent: item.name }), ' ', el('span', { className: 'outcome', textContent: t('waiting') }));
  $('import-results').append(li);
  item.row = li;
}

function show(item, outcome, cls, postId) {
  const out = item.row.querySelector('.outcome');
  out.textContent = outcome;
  item.row.className = cls;
  if (postId) {
    item.row.append(' ', el('a', { href: `/p/${encodeURIComponent(postId)}/edit`, textContent: t('open') }));
  }
  for (const w of item.warnings || []) item.row.append(el('span', { className: 'warning', textContent: warningText(w) }));
}

/** Batches of at most 100 posts and BATCH_BYTES of JSON. */
function batches(items) {
  const out = [];
  let cur = [];
  let bytes = 0;
  for (const item of items) {
    const size = enc.encode(JSON.stringify(item.post)).length + 1;
    if (cur.length && (cur.length === BATCH_POSTS || bytes + size > BATCH_BYTES)) {
      out.push(cur);
      cur = [];
      bytes = 0;
    }
    cur.push(item);
    bytes += size;
  }
  if (cur.length) out.push(cur);
  return out;
}

/** A post imported as a draft that was scheduled: schedule it again with the owner API. */
async function schedule(item, postId) {
  const got = await api('GET', `/studio/posts/${encodeURIComponent(postId)}`);
  if (got.status !== 200) return errorOf(got);
  const body = { ...item.post, status: 'scheduled', publishAt: item.schedule, version: got.body.version };
  for (const k of ['sourceId', 'publishedAt', 'views', 'comments', 'likes', 'favorites']) delete body[k];
  const put = await api('PUT', `/posts/${encodeURIComponent(postId)}`, body);
  return put.status === 200 ? null : errorOf(put);
}

async function importFiles(files) {
  $('import-results').replaceChildren();
  const status = $('import-status');
  status.classList.remove('bad');
  status.textContent = t('reading');
  let items = [];
  const uploaded = new Map();
  const perFile = [];
  for (const file of files) {
    perFile.push(await itemsOfFile(file));
  }
  for (const { items: list } of perFile) items.push(...list);
  items = items.map(i => precheck({ warnings: [], ...i }));
  items.forEach(resultRow);
  const progress = $('import-progress');
  progress.max = items.length;
  progress.value = 0;
  progress.hidden = false;
  const counts = { created: 0, updated: 0, failed: 0 };
  for (const item of items) {
    if (item.error) {
      show(item, `${t('failed')}: ${item.error}`, 'bad');
      counts.failed++;
      progress.value++;
    }
  }
  let sendable = items.filter(i => !i.error);
  for (const item of sendable) if (item.resources) await uploadImages(item, item.resources, uploaded);
  sendable = sendable.map(precheck).filter(i => {
    if (!i.error) return true;
    show(i, `${t('failed')}: ${i.error}`, 'bad');
    counts.failed++;
    progress.value++;
    return false;
  });
  // An export of this very account names its posts by their ids: those are updated in place (PUT
  // with the version read now) instead of being imported as copies.
  if (sendable.some(i => POST_ID.test(i.post.sourceId))) {
    const mine = new Map((await myPosts()).map(p => [p.postId, p]));
    const rest = [];
    for (const item of sendable) {
      const own = mine.get(item.post.sourceId);
      if (!own) {
        rest.push(item);
        continue;
      }
      const body = { ...item.post, version: own.version };
      if (item.schedule) Object.assign(body, { status: 'scheduled', publishAt: item.schedule });
      for (const k of ['sourceId', 'publishedAt', 'views', 'comments', 'likes', 'favorites']) delete body[k];
      const res = await api('PUT', `/posts/${encodeURIComponent(own.postId)}`, body).catch(() => ({ status: 0, body: { error: { message: t('err.network') } } }));
      if (res.status === 200) {
        show(item, t('updated'), 'updated', own.postId);
        counts.updated++;
      } else {
        show(item, `${t('failed')}: ${errorOf(res)}`, 'bad');
        counts.failed++;
      }
      progress.value++;
    }
    sendable = rest;
  }
  for (const batch of batches(sendable)) {
    status.textContent = t('sending', progress.value, items.length);
    const res = await api('POST', `/users/${encodeURIComponent(s.sub)}/posts/import`, { posts: batch.map(i => i.post) })
      .catch(() => ({ status: 0, body: { error: { message: t('err.network') } } }));
    for (let i = 0; i < batch.length; i++) {
      const item = batch[i];
      const r = res.status === 200 && res.body && res.body.results ? res.body.results[i] : null;
      if (r && (r.status === 'created' || r.status === 'updated')) {
        if (item.schedule) {
          const problem = await schedule(item, r.postId).catch(() => t('err.network'));
          item.warnings.push(problem ? ['scheduleFailed', problem] : ['scheduled', item.schedule]);
        }
        show(item, t(r.status), r.status, r.postId);
        counts[r.status]++;
      } else {
        show(item, `${t('failed')}: ${r ? errorOf({ body: r }) : errorOf(res)}`, 'bad');
        counts.failed++;
      }
      progress.value++;
    }
  }
  status.textContent = t('done', counts.created, counts.updated, counts.failed);
  status.classList.toggle('bad', counts.failed > 0);
}

// ---------------------------------------------------------------- export

async function allPosts() {
  return (await myPosts()).map(p => p.postId);
}

/** Every post of mine as the studio list gives it (postId, version, ...). */
async function myPosts() {
  const ids = [];
  let cursor = '';
  for (;;) {
    const res = await api('GET', `/studio/posts?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    if (res.status !== 200) throw new Error(errorOf(res));
    ids.push(...res.body.items);
    if (!res.body.nextCursor) return ids;
    cursor = res.body.nextCursor;
  }
}

function ownImage(src) {
  try {
    const url = new URL(src, location.href);
    return url.origin === location.origin ? url : null;
  } catch (e) {
    return null;
  }
}

const EXTENSIONS = { 'image/png': '.png', 'image/jpeg': '.jpg', 'image/gif': '.gif', 'image/webp': '.webp', 'image/avif': '.avif' };

async function exportAll() {
  const status = $('export-status');
  const warnings = $('export-warnings');
  const button = $('export-start');
  warnings.replaceChildren();
  status.classList.remove('bad');
  button.disabled = true;
  try {
    status.textContent = t('export.listing');
    const ids = await allPosts();
    if (!ids.length) {
      status.textContent = t('export.none');
      return;
    }
    const posts = [];
    let next = 0;
    let done = 0;
    const worker = async () => {
      while (next < ids.length) {
        const id = ids[next++];
        const res = await api('GET', `/studio/posts/${encodeURIComponent(id)}`).catch(() => ({ status: 0 }));
        if (res.status === 200) posts.push(res.body);
        else warnings.append(el('li', { className: 'bad', textContent: t('export.failedPost', id, errorOf(res)) }));
        status.textContent = t('export.reading', ++done, ids.length);
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    posts.sort((a, b) => (a.publishedAt || a.updatedAt).localeCompare(b.publishedAt || b.updatedAt));
    const images = new Map(); // absolute URL → file name in the zip, or null when it failed
    const names = new Set();
    const files = [];
    for (const p of posts) {
      let content = '';
      let last = 0;
      const originals = [];
      for (const m of p.content.matchAll(IMAGE)) {
        // a relative link (an image an import could not upload) is no URL of this site
        const url = isRelative(m[2]) ? null : ownImage(m[2]);
        if (!url) continue;
        if (!images.has(url.href)) {
          status.textContent = t('export.images', images.size + 1);
          images.set(url.href, null);
          const res = await fetch(url.href).catch(() => null);
          if (res && res.ok) {
            const bytes = new Uint8Array(await res.arrayBuffer());
            let name = url.pathname.slice(url.pathname.lastIndexOf('/') + 1) || 'image';
            if (!name.includes('.')) name += EXTENSIONS[(res.headers.get('content-type') || '').split(';')[0]] || '';
            let unique = name;
            for (let n = 2; names.has(unique); n++) unique = name.replace(/(\.[^.]*)?$/, `-${n}$1`);
            names.add(unique);
            images.set(url.href, unique);
            files.push({ name: `images/${unique}`, bytes, deflate: false });
          } else {
            warnings.append(el('li', { className: 'bad', textContent: t('export.imageFailed', m[2], p.title) }));
          }
        }
        const name = images.get(url.href);
        if (name) {
          originals.push(`images/${encodeURI(name)} ${m[2]}`);
          content += p.content.slice(last, m.index) + `![${m[1]}](images/${encodeURI(name)}${m[3] || ''})`;
          last = m.index + m[0].length;
        }
      }
      content += p.content.slice(last);
      const date = (p.publishedAt || p.publishAt || p.updatedAt || '').slice(0, 10);
      const fields = fm.fromPost(p);
      if (originals.length) fields.images = [...new Set(originals)];
      files.push({ name: `${date}-${p.postId}.md`, bytes: enc.encode(fm.write(fields, content)), deflate: true });
    }
    const blob = await writeZip(files);
    const link = $('export-link');
    if (link.href) URL.revokeObjectURL(link.href);
    link.href = URL.createObjectURL(blob);
    link.download = `bloghome-${s.sub}-${new Date().toISOString().slice(0, 10)}.zip`;
    link.textContent = t('export.download');
    link.hidden = false;
    link.click();
    const imageCount = [...images.values()].filter(Boolean).length;
    status.textContent = t('export.done', posts.length, imageCount, Math.max(1, Math.round(blob.size / 1024)));
    status.classList.toggle('bad', posts.length < ids.length);
  } catch (e) {
    status.textContent = e.message || msg('failed');
    status.classList.add('bad');
  } finally {
    button.disabled = false;
  }
}

if (!s) {
  $('sign-in-prompt').hidden = false;
} else {
  $('my-blog').href = `/u/${encodeURIComponent(s.sub)}`;
  $('transfer').hidden = false;
  $('import-form').addEventListener('submit', async e => {
    e.preventDefault();
    const files = [...$('import-files').files];
    if (!files.length) {
      $('import-status').textContent = t('noFiles');
      return;
    }
    $('import-start').disabled = true;
    try {
      await importFiles(files);
    } catch (err) {
      $('import-status').textContent = `${msg('failed')} (${err.message})`;
      $('import-status').classList.add('bad');
    } finally {
      $('import-start').disabled = false;
    }
  });
  $('export-start').addEventListener('click', exportAll);
}
