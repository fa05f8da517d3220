// Images inside posts (and the avatar): checks a file as the validator will, asks for an upload
// URL, PUTs the file straight to the bucket, and waits for the validator's verdict. Used by the
// editor (paste, drop, the toolbar's image button), the profile page (avatar) and the importer.
import { api, meta, msg, session } from './session.js';

/** The limits the server enforces, stated by the page (docs/images.md). */
export const IMAGE_LIMITS = {
  bytes: Number(meta('image-max-bytes')) || 10485760,
  perPost: Number(meta('images-per-post')) || 30,
  perDay: Number(meta('images-per-day')) || 100,
};

const sleep = ms => new Promise(r => setTimeout(r, ms));

/** The page's sentence for a reason code (studio.js.image.CODE), or the generic one. */
export function imageSentence(code) {
  const key = `image.${code}`;
  const text = msg(key);
  return text === key ? msg('image.UNKNOWN') : text;
}

function failure(code) {
  const e = new Error(imageSentence(code));
  e.code = code;
  return e;
}

async function sniff(blob) {
  const b = new Uint8Array(await blob.slice(0, 8).arrayBuffer());
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'image/png';
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  return null;
}

async function verdictOf(path) {
  for (let i = 0; i < 90; i++) {
    const res = await api('GET', path).catch(() => ({ status: 0 }));
    if (res.status === 200 && res.body.status !== 'PENDING') return res.body;
    await sleep(i < 10 ? 500 : 2000);
  }
  return { status: 'FAILED', reason: { code: 'VALIDATION_TIMEOUT' } };
}

/**
 * Uploads one image. Resolves to {src, width, height, markdown}; rejects with an Error whose
 * message is the sentence to show and whose code is the API's (or the client check's) code.
 * options.use: 'post' (default) or 'avatar'.
 */
export async function uploadPostImage(fileOrBlob, fileName, options = {}) {
  const s = session();
  if (!s) throw failure('SIGNED_OUT');
  const name = fileName || fileOrBlob.name || 'image';
  if (fileOrBlob.size === 0) throw failure('EMPTY');
  const type = await sniff(fileOrBlob);
  if (!type) throw failure('UNSUPPORTED_FORMAT');
  if (fileOrBlob.size > IMAGE_LIMITS.bytes) throw failure('TOO_LARGE');
  const userPath = `/users/${encodeURIComponent(s.sub)}/images`;
  const created = await api('POST', userPath, {
    contentType: type, bytes: fileOrBlob.size, fileName: name.slice(0, 200), use: options.use || 'post',
  }).catch(() => ({ status: 0 }));
  if (created.status !== 201) {
    throw failure((created.body && created.body.error && created.body.error.code) || 'UPLOAD_FAILED');
  }
  const headers = {};
  Object.entries(created.body.headers || {}).forEach(([k, v]) => {
    // The browser sets content-length and host itself.
    if (k.toLowerCase() !== 'content-length' && k.toLowerCase() !== 'host') headers[k] = v;
  });
  const put = await fetch(created.body.url, { method: created.body.method || 'PUT', headers, body: fileOrBlob })
    .catch(() => ({ ok: false }));
  if (!put.ok) throw failure('UPLOAD_FAILED');
  const result = await verdictOf(`${userPath}/${encodeURIComponent(created.body.uploadId)}`);
  if (result.status === 'ACCEPTED' && result.image) return result.image;
  throw failure((result.reason && result.reason.code) || 'UNKNOWN');
}
