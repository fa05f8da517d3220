// Markdown files with front matter, both ways (docs/studio.md, "Import and export"): a small YAML
// subset is read (key: value, quoted strings, [flow] and "- item" lists, | blocks, # comments),
// and export writes every value as a JSON string, which YAML reads as a double-quoted scalar.
// Everything is scanned line by line: no regular expression runs over a whole file.

/** A file that cannot become a post; code names the sentence (noFrontMatter, badFrontMatter). */
export class FrontMatterError extends Error {
  constructor(code, detail) {
    super(code);
    this.code = code;
    this.detail = detail || '';
  }
}

const DOUBLE_ESCAPES = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', 0: '\0', ' ': ' ' };

function doubleQuoted(raw, line) {
  let out = '';
  for (let i = 1; i < raw.length; i++) {
    const c = raw[i];
    if (c === '"') {
      if (raw.slice(i + 1).trim() && !raw.slice(i + 1).trim().startsWith('#')) break;
      return out;
    }
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = raw[++i];
    if (e === 'u' || e === 'x' || e === 'U') {
      const len = e === 'u' ? 4 : e === 'x' ? 2 : 8;
      const hex = raw.slice(i + 1, i + 1 + len);
      if (hex.length !== len || !/^[0-9a-fA-F]+$/.test(hex)) break;
      out += String.fromCodePoint(parseInt(hex, 16));
      i += len;
    } else if (e in DOUBLE_ESCAPES) {
      out += DOUBLE_ESCAPES[e];
    } else {
      break;
    }
  }
  throw new FrontMatterError('badFrontMatter', line);
}

function singleQuoted(raw, line) {
  let out = '';
  for (let i = 1; i < raw.length; i++) {
    if (raw[i] === "'") {
      if (raw[i + 1] === "'") {
        out += "'";
        i++;
        continue;
      }
      return out;
    }
    out += raw[i];
  }
  throw new FrontMatterError('badFrontMatter', line);
}

/** A plain scalar ends at " #" (a comment). */
function plain(raw) {
  const hash = raw.indexOf(' #');
  return (hash >= 0 ? raw.slice(0, hash) : raw).trim();
}

function scalar(raw, line) {
  const v = raw.trim();
  if (v.startsWith('"')) return doubleQuoted(v, line);
  if (v.startsWith("'")) return singleQuoted(v, line);
  const p = plain(v);
  return p === '~' || p === 'null' ? '' : p;
}

/** [a, "b, c", 'd'] → ['a', 'b, c', 'd']: commas inside quotes stay. */
function flowList(raw, line) {
  const v = plain(raw.trim().startsWith('[') ? raw : '');
  if (!v.endsWith(']')) throw new FrontMatterError('badFrontMatter', line);
  const inner = v.slice(1, -1);
  const items = [];
  let cur = '';
  let quote = null;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (quote) {
      cur += c;
      if (c === '\\' && quote === '"') cur += inner[++i] || '';
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") {
      quote = c;
      cur += c;
    } else if (c === ',') {
      items.push(cur);
      cur = '';
    } else {
      cur += c;
    }
  }
  if (quote) throw new FrontMatterError('badFrontMatter', line);
  items.push(cur);
  return items.map(s => s.trim()).filter(s => s !== '').map(s => scalar(s, line));
}

/**
 * Splits a Markdown file into its front matter (an object of strings and string arrays) and body.
 * The front matter is the lines between a first line "---" and the next "---" (or "...").
 */
export function parse(text) {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const firstEnd = text.indexOf('\n');
  if (firstEnd < 0 || text.slice(0, firstEnd).trimEnd() !== '---') throw new FrontMatterError('noFrontMatter');
  const fields = {};
  let at = firstEnd + 1;
  let key = null; // the key whose "- item" list or "|" block is being read
  let block = null; // lines of a | or > block
  let folded = false;
  const finishBlock = () => {
    if (block) {
      const indent = Math.min(...block.filter(l => l.trim()).map(l => l.length - l.trimStart().length));
      const lines = block.map(l => l.slice(Number.isFinite(indent) ? indent : 0));
      while (lines.length && !lines[lines.length - 1].trim()) lines.pop();
      fields[key] = folded ? lines.join(' ') : lines.join('\n');
      block = null;
    }
  };
  for (;;) {
    if (at >= text.length) throw new FrontMatterError('badFrontMatter', '---');
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    const line = text.slice(at, end).replace(/\r$/, '');
    at = end + 1;
    if (line === '---' || line === '...') {
      finishBlock();
      return { fields, body: at > text.length ? '' : text.slice(at) };
    }
    if (block) {
      if (!line.trim() || line.startsWith(' ') || line.startsWith('\t')) {
        block.push(line);
        continue;
      }
      finishBlock();
    }
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#')) continue;
    if (trimmed.startsWith('- ') || trimmed === '-') {
      if (!key || !Array.isArray(fields[key])) throw new FrontMatterError('badFrontMatter', line);
      fields[key].push(scalar(trimmed.slice(1), line));
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0 || line.startsWith(' ')) throw new FrontMatterError('badFrontMatter', line);
    key = line.slice(0, colon).trim();
    const value = line.slice(colon + 1);
    const v = value.trim();
    if (v === '' || v.startsWith('#')) {
      fields[key] = [];
    } else if (v === '|' || v === '|-' || v === '>' || v === '>-') {
      block = [];
      folded = v.startsWith('>');
    } else if (v.startsWith('[')) {
      fields[key] = flowList(v, line);
    } else {
      fields[key] = scalar(v, line);
    }
  }
}

function q(value) {
  return JSON.stringify(value);
}

/** Front matter and body as one file; values are written as JSON strings (valid YAML). */
export function write(fields, body) {
  let out = '---\n';
  for (const [k, v] of Object.entries(fields)) {
    if (v === null || v === undefined || v === '') continue;
    if (Array.isArray(v)) out += `${k}: [${v.map(q).join(', ')}]\n`;
    else if (typeof v === 'number') out += `${k}: ${v}\n`;
    else out += `${k}: ${q(String(v))}\n`;
  }
  return `${out}---\n${body}`;
}

const TYPES = {
  original: 'original', 原创: 'original',
  repost: 'repost', reprint: 'repost', 转载: 'repost',
  translated: 'translated', translation: 'translated', 翻译: 'translated',
};
const STATUSES = {
  published: 'published', publish: 'published', 发布: 'published', 已发布: 'published',
  draft: 'draft', 草稿: 'draft', scheduled: 'scheduled', future: 'scheduled', 定时: 'scheduled',
};
const VISIBILITIES = {
  public: 'public', 公开: 'public', followers: 'followers', 粉丝可见: 'followers',
  private: 'private', 仅自己可见: 'private', 私密: 'private',
};

function list(v) {
  if (Array.isArray(v)) return v.map(s => String(s).trim()).filter(Boolean);
  if (!v) return [];
  const out = [];
  let cur = '';
  for (const c of String(v)) {
    if (c === ',' || c === '，' || c === '、') {
      out.push(cur);
      cur = '';
    } else {
      cur += c;
    }
  }
  out.push(cur);
  return out.map(s => s.trim()).filter(Boolean);
}

/**
 * A date from front matter as ISO UTC: full ISO with an offset as given; "2024-05-01",
 * "2024-05-01 08:30" or "2024-05-01T08:30:00" without an offset are Beijing time (UTC+8).
 * Null when it cannot be read.
 */
export function isoDate(value) {
  if (!value || String(value).length > 64) return null;
  const v = String(value).trim().replace(' ', 'T');
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:T(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(v);
  if (!m) return null;
  const pad = (s, n) => String(s || '0').padStart(n, '0');
  let zone = m[8] || '+08:00';
  if (zone.length === 5) zone = `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const frac = (m[7] || '0').slice(0, 3).padEnd(3, '0');
  const text = `${m[1]}-${pad(m[2], 2)}-${pad(m[3], 2)}T${pad(m[4], 2)}:${pad(m[5], 2)}:${pad(m[6], 2)}.${frac}${zone === 'Z' ? 'Z' : zone}`;
  const t = Date.parse(text);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

function count(v) {
  const n = Number(v);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

/**
 * The import API's post for one parsed file, plus what the page must do besides (a schedule to set
 * after the import, warnings). `fallbackId` (the file's path) is the sourceId when there is no id.
 */
export function toImport(fields, body, fallbackId, now = new Date()) {
  const warnings = [];
  const post = {
    sourceId: String(fields.id || fields.sourceId || fallbackId).slice(0, 200),
    title: String(fields.title || '').trim(),
    content: body,
  };
  const type = TYPES[String(fields.type || 'original').trim().toLowerCase()] || TYPES[String(fields.type).trim()];
  if (!type) warnings.push(['unknownType', fields.type]);
  post.type = type || 'original';
  const sourceUrl = String(fields.sourceUrl || fields.source_url || fields.source || '').trim();
  if (sourceUrl && post.type !== 'original') post.sourceUrl = sourceUrl;
  if (fields.summary) post.summary = String(fields.summary);
  const tags = list(fields.tags);
  const categories = list(fields.categories || fields.category);
  if (tags.length) post.tags = tags;
  if (categories.length) post.categories = categories;
  const visibility = VISIBILITIES[String(fields.visibility || 'public').trim().toLowerCase()];
  if (!visibility) warnings.push(['unknownVisibility', fields.visibility]);
  post.visibility = visibility || 'public';
  let status = STATUSES[String(fields.status || 'published').trim().toLowerCase()];
  if (!status) {
    warnings.push(['unknownStatus', fields.status]);
    status = 'draft';
  }
  let schedule = null;
  const publishAt = isoDate(fields.publishAt);
  if (status === 'scheduled') {
    if (publishAt && Date.parse(publishAt) > now.getTime()) {
      schedule = publishAt; // imported as a draft, then scheduled (the import API takes no schedule)
      status = 'draft';
    } else {
      status = publishAt ? 'published' : 'draft';
      if (!publishAt) warnings.push(['noPublishAt']);
    }
  }
  post.status = status;
  const date = isoDate(fields.date) || isoDate(fields.publishedAt) || (status === 'published' && publishAt) || isoDate(fields.updated);
  if (!date && (fields.date || fields.publishedAt)) warnings.push(['badDate', fields.date || fields.publishedAt]);
  post.publishedAt = date || now.toISOString();
  for (const k of ['views', 'likes', 'favorites']) {
    const n = count(fields[k]);
    if (n !== undefined && n > 0) post[k] = n;
  }
  return { post, schedule, warnings };
}

/** The front matter of an exported post (GET /studio/posts/{id}, the owner view). */
export function fromPost(p) {
  return {
    id: p.sourceId || p.postId,
    title: p.title,
    type: p.type,
    status: p.status,
    visibility: p.visibility,
    date: p.publishedAt,
    updated: p.updatedAt,
    publishAt: p.publishAt,
    sourceUrl: p.sourceUrl,
    summary: p.summary,
    tags: p.tags && p.tags.length ? p.tags : null,
    categories: p.categories && p.categories.length ? p.categories : null,
    views: p.views || null,
    likes: p.likes || null,
    favorites: p.favorites || null,
  };
}
