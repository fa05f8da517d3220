// Skin editor: shown to the signed-in VIP owner; checks each image before asking for an upload
// URL, PUTs it to the bucket with a progress bar, polls the verdict and says it in words.
import { api, meta, msg, refreshCached, showSession } from './session.js';

const s = showSession();
const userId = meta('user-id');
const userPath = `/users/${encodeURIComponent(userId)}`;
const LIMITS = {
  header: { bytes: 2097152, fits: (w, h) => w >= 1920 && h >= 100 },
  background: { bytes: 1048576, fits: () => true },
  column: { bytes: 524288, fits: (w, h) => w === 300 && h === 38 },
};

if (!s || s.sub !== userId) {
  document.getElementById('not-owner').hidden = false;
} else if (!s.groups.includes('vip')) {
  document.getElementById('vip-notice').hidden = false;
} else {
  document.getElementById('editor').hidden = false;
  document.querySelectorAll('.slot').forEach(setUpSlot);
  setUpColors();
}

function sentence(code) {
  const text = msg(`reject.${code}`);
  return text === `reject.${code}` ? msg('reject.UNKNOWN') : text;
}

function show(verdict, text, kind) {
  verdict.textContent = text;
  verdict.className = `verdict ${kind || ''}`;
}

async function sniff(file) {
  const b = new Uint8Array(await file.slice(0, 8).arrayBuffer());
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'image/png';
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  return null;
}

/** The client-side checks; a refusal code (with detail) or null when the file may be uploaded. */
async function check(slot, file) {
  const type = await sniff(file);
  if (!type) return { code: 'CLIENT_TYPE' };
  if (file.size === 0) return { code: 'EMPTY' };
  if (file.size > LIMITS[slot].bytes) return { code: 'CLIENT_SIZE' };
  let bitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch (e) {
    return { code: 'CLIENT_UNREADABLE' };
  }
  const { width, height } = bitmap;
  bitmap.close();
  if (!LIMITS[slot].fits(width, height)) return { code: 'CLIENT_DIMENSIONS', detail: ` ${width} × ${height}` };
  return { type };
}

function put(target, file, progress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(target.method || 'PUT', target.url);
    Object.entries(target.headers || {}).forEach(([name, value]) => {
      // The browser sets content-length itself and refuses to be told.
      if (name.toLowerCase() !== 'content-length' && name.toLowerCase() !== 'host') xhr.setRequestHeader(name, value);
    });
    xhr.upload.onprogress = e => {
      if (e.lengthComputable) progress.value = Math.round((e.loaded / e.total) * 100);
    };
    xhr.onload = () => (xhr.status >= 200 && xhr.status < 300 ? resolve() : reject(new Error(`PUT ${xhr.status}`)));
    xhr.onerror = () => reject(new Error('network'));
    xhr.send(file);
  });
}

const sleep = ms => new Promise(r => setTimeout(r, ms));

async function verdictOf(uploadId) {
  for (let i = 0; i < 90; i++) {
    const res = await api('GET', `${userPath}/skin/uploads/${encodeURIComponent(uploadId)}`);
    if (res.status === 200 && res.body.status !== 'PENDING') return res.body;
    await sleep(i < 10 ? 500 : 2000);
  }
  return { status: 'FAILED', reasons: [{ code: 'VALIDATION_TIMEOUT' }] };
}

/** The owner who just changed the skin sees it on the home page at once, not a minute later. */
function refreshHome() {
  return refreshCached(meta('home'));
}

async function refreshImages() {
  refreshHome();
  const res = await api('GET', `${userPath}/skin`);
  if (res.status !== 200) return;
  for (const slot of Object.keys(LIMITS)) {
    if (res.body[slot] && res.body[slot].url) {
      document.documentElement.style.setProperty(`--${slot}-image`, `url("${encodeURI(res.body[slot].url)}")`);
    }
  }
}

function setUpSlot(section) {
  const slot = section.dataset.slot;
  const input = section.querySelector('input[type=file]');
  const progress = section.querySelector('progress');
  const verdict = section.querySelector('.verdict');
  input.addEventListener('change', async () => {
    const file = input.files[0];
    if (!file) return;
    progress.hidden = true;
    show(verdict, msg('checking'));
    const checked = await check(slot, file);
    if (checked.code) {
      show(verdict, sentence(checked.code) + (checked.detail || ''), 'bad');
      return;
    }
    const created = await api('POST', `${userPath}/skin/uploads`, { slot, contentType: checked.type, contentLength: file.size })
      .catch(() => ({ status: 0 }));
    if (created.status !== 201) {
      show(verdict, (created.body && created.body.error && created.body.error.message) || msg('failed'), 'bad');
      return;
    }
    progress.value = 0;
    progress.hidden = false;
    show(verdict, msg('uploading'));
    try {
      await put(created.body, file, progress);
    } catch (e) {
      show(verdict, sentence('UPLOAD_FAILED'), 'bad');
      return;
    }
    progress.value = 100;
    show(verdict, msg('validating'));
    const result = await verdictOf(created.body.uploadId);
    if (result.status === 'ACCEPTED') {
      show(verdict, msg('accepted'), 'ok');
      await refreshImages();
    } else {
      const reasons = result.reasons && result.reasons.length ? result.reasons : [{ code: 'UNKNOWN' }];
      show(verdict, reasons.map(r => sentence(r.code)).join(' '), 'bad');
    }
  });
}

function setUpColors() {
  const inputs = document.querySelectorAll('.colors input[type=color]');
  const vars = { titleColor: '--title', hoverColor: '--hover', subtitleColor: '--subtitle' };
  inputs.forEach(input => input.addEventListener('input', () => {
    document.documentElement.style.setProperty(vars[input.name], input.value);
  }));
  const status = document.getElementById('colors-status');
  document.getElementById('save-colors').addEventListener('click', async () => {
    const body = {};
    inputs.forEach(input => { body[input.name] = input.value.toUpperCase(); });
    const res = await api('PUT', `${userPath}/skin`, body).catch(() => ({ status: 0 }));
    if (res.status === 200) await refreshHome();
    status.textContent = res.status === 200 ? msg('saved') : (res.body && res.body.error && res.body.error.message) || msg('failed');
    status.classList.toggle('bad', res.status !== 200);
  });
}
