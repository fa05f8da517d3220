// WordPress exports (WXR, an RSS file with wp: elements) read with the browser's DOMParser, and
// their HTML turned into Markdown (docs/studio.md, "Import and export"): the post renderer shows
// raw HTML as text, so HTML kept as it is would show its tags to readers.

export class WxrError extends Error {
  constructor(code) {
    super(code);
    this.code = code;
  }
}

const child = (item, name) => {
  for (const c of item.children) if (c.tagName === name) return c.textContent;
  return '';
};

/** "2020-01-02 03:04:05" (UTC when gmt, else Beijing time) → ISO UTC, or null. */
function wpDate(text, gmt) {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec((text || '').trim());
  if (!m || m[1] === '0000') return null;
  const t = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${gmt ? 'Z' : '+08:00'}`);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

const STATUS = {
  publish: ['published', 'public'],
  private: ['published', 'private'],
  draft: ['draft', 'public'],
  pending: ['draft', 'public'],
  future: ['scheduled', 'public'],
};

/**
 * The posts of a WXR file as {name, post, schedule, warnings} (as frontmatter.toImport gives), in
 * file order; pages, attachments, menu items and trashed posts are left out. Throws WxrError
 * notWxr when the XML cannot be read or is no WordPress export.
 */
export function readWxr(text, untitled, now = new Date()) {
  const doc = new DOMParser().parseFromString(text, 'application/xml');
  if (doc.getElementsByTagName('parsererror').length || doc.documentElement.tagName !== 'rss') {
    throw new WxrError('notWxr');
  }
  const channel = doc.documentElement.getElementsByTagName('channel')[0];
  if (!channel) throw new WxrError('notWxr');
  const site = child(channel, 'link').trim();
  const out = [];
  for (const item of channel.getElementsByTagName('item')) {
    if (child(item, 'wp:post_type') !== 'post') continue;
    const wpStatus = child(item, 'wp:status');
    const state = STATUS[wpStatus];
    if (!state) continue; // trash, auto-draft, inherit
    const warnings = [];
    const id = child(item, 'wp:post_id').trim();
    const guid = child(item, 'guid').trim();
    const sourceId = (guid && guid.length <= 200 ? guid : `wp:${site}:${id}`).slice(0, 200);
    const title = child(item, 'title').trim() || child(item, 'wp:post_name').trim();
    const tags = [];
    const categories = [];
    for (const c of item.getElementsByTagName('category')) {
      const domain = c.getAttribute('domain');
      const name = c.textContent.trim();
      if (!name) continue;
      if (domain === 'post_tag' && !tags.includes(name)) tags.push(name);
      if (domain === 'category' && !categories.includes(name) && name !== 'Uncategorized' && name !== '未分类') categories.push(name);
    }
    if (tags.length > 10) warnings.push(['tooManyTags', tags.splice(10).join(', ')]);
    if (categories.length > 3) warnings.push(['tooManyCategories', categories.splice(3).join(', ')]);
    const date = wpDate(child(item, 'wp:post_date_gmt'), true) || wpDate(child(item, 'wp:post_date'), false);
    let [status, visibility] = state;
    let schedule = null;
    if (status === 'scheduled') {
      if (date && Date.parse(date) > now.getTime()) schedule = date;
      status = date && Date.parse(date) <= now.getTime() ? 'published' : 'draft';
    }
    const post = {
      sourceId,
      title: title || untitled,
      type: 'original',
      content: htmlToMarkdown(child(item, 'content:encoded')),
      status,
      visibility,
      publishedAt: date && Date.parse(date) <= now.getTime() ? date : now.toISOString(),
    };
    if (!title) warnings.push(['untitled']);
    const excerpt = child(item, 'excerpt:encoded').trim();
    if (excerpt) post.summary = htmlToMarkdown(excerpt).replace(/\s+/g, ' ').trim().slice(0, 300);
    if (tags.length) post.tags = tags;
    if (categories.length) post.categories = categories;
    out.push({ name: title || `#${id}`, post, schedule, warnings });
  }
  return out;
}

// ---------------------------------------------------------------- HTML → Markdown

const BLOCKS = new Set(['P', 'DIV', 'SECTION', 'ARTICLE', 'FIGURE', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'UL', 'OL', 'BLOCKQUOTE', 'PRE', 'HR', 'TABLE', 'FIGCAPTION', 'DL']);

function escapeText(text) {
  let out = '';
  for (const c of text) out += '\\`*_[]'.includes(c) ? `\\${c}` : c;
  return out;
}

function inline(node) {
  let out = '';
  for (const n of node.childNodes) out += inlineNode(n);
  return out;
}

function wrap(mark, text) {
  const t = text.trim();
  if (!t) return text;
  const lead = text.slice(0, text.length - text.trimStart().length);
  const tail = text.slice(text.trimEnd().length);
  return `${lead}${mark}${t}${mark}${tail}`;
}

function inlineNode(n) {
  if (n.nodeType === 3) return escapeText(n.nodeValue.replace(/\s+/g, ' '));
  if (n.nodeType !== 1) return '';
  const tag = n.tagName;
  switch (tag) {
    case 'BR':
      return '  \n';
    case 'STRONG':
    case 'B':
      return wrap('**', inline(n));
    case 'EM':
    case 'I':
      return wrap('*', inline(n));
    case 'DEL':
    case 'S':
      return wrap('~~', inline(n));
    case 'CODE': {
      const t = n.textContent;
      const fence = t.includes('`') ? '``' : '`';
      return `${fence}${t.includes('`') ? ` ${t} ` : t}${fence}`;
    }
    case 'A': {
      const href = n.getAttribute('href') || '';
      const text = inline(n).trim();
      if (!href) return text;
      return `[${text || escapeText(href)}](${href.replace(/ /g, '%20').replace(/\)/g, '%29')})`;
    }
    case 'IMG': {
      const src = n.getAttribute('src') || '';
      if (!src) return '';
      return `![${escapeText(n.getAttribute('alt') || '')}](${src.replace(/ /g, '%20').replace(/\)/g, '%29')})`;
    }
    case 'SCRIPT':
    case 'STYLE':
      return '';
    default:
      return BLOCKS.has(tag) ? `\n\n${blocks(n)}\n\n` : inline(n);
  }
}

function prefixLines(text, first, rest) {
  return text.split('\n').map((l, i) => (i === 0 ? first : rest) + l).join('\n');
}

function listBlock(n, ordered) {
  const items = [];
  let i = 1;
  for (const li of n.children) {
    if (li.tagName !== 'LI') continue;
    const marker = ordered ? `${i++}. ` : '- ';
    items.push(prefixLines(blocks(li).trim(), marker, ' '.repeat(marker.length)));
  }
  return items.join('\n');
}

function blockNode(n) {
  if (n.nodeType === 3 || (n.nodeType === 1 && !BLOCKS.has(n.tagName) && n.tagName !== 'LI')) return null;
  if (n.nodeType !== 1) return '';
  const tag = n.tagName;
  if (/^H[1-6]$/.test(tag)) return `${'#'.repeat(Number(tag[1]))} ${inline(n).replace(/\s+/g, ' ').trim()}`;
  switch (tag) {
    case 'P':
    case 'FIGCAPTION':
      return inline(n).trim();
    case 'HR':
      return '---';
    case 'UL':
      return listBlock(n, false);
    case 'OL':
      return listBlock(n, true);
    case 'BLOCKQUOTE':
      return prefixLines(blocks(n).trim(), '> ', '> ');
    case 'PRE': {
      const text = n.textContent.replace(/\n$/, '');
      const code = n.querySelector('code');
      const cls = (code && code.className) || n.className || '';
      const lang = (/(?:language|lang)-([\w+-]+)/.exec(cls) || [])[1] || '';
      const fence = text.includes('```') ? '~~~~' : '```';
      return `${fence}${lang}\n${text}\n${fence}`;
    }
    case 'TABLE': {
      const rows = [...n.querySelectorAll('tr')].map(tr => [...tr.children].map(td => inline(td).replace(/\s+/g, ' ').trim().replace(/\|/g, '\\|')));
      if (!rows.length) return '';
      const width = Math.max(...rows.map(r => r.length));
      const line = r => `| ${Array.from({ length: width }, (_, i) => r[i] || '').join(' | ')} |`;
      return [line(rows[0]), `|${' --- |'.repeat(width)}`, ...rows.slice(1).map(line)].join('\n');
    }
    default:
      return blocks(n).trim();
  }
}

/**
 * Markdown for a container: block children become paragraphs; runs of inline content become
 * paragraphs split at blank lines (WordPress stores paragraphs as text separated by blank lines).
 */
function blocks(node) {
  const parts = [];
  let run = '';
  const flush = () => {
    for (const para of run.split(/\n[ \t]*\n/)) {
      const t = para.replace(/[ \t]*\n[ \t]*/g, '  \n').trim();
      if (t) parts.push(t);
    }
    run = '';
  };
  for (const n of node.childNodes) {
    const block = blockNode(n);
    if (block === null) {
      run += n.nodeType === 3 ? escapeText(n.nodeValue.replace(/[ \t]+/g, ' ')) : inlineNode(n);
    } else {
      flush();
      if (block) parts.push(block);
    }
  }
  flush();
  return parts.join('\n\n');
}

/** Markdown for a post's HTML; the document is inert (DOMParser runs no script, loads nothing). */
export function htmlToMarkdown(html) {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  return blocks(doc.body).replace(/\n{3,}/g, '\n\n').trim();
}
