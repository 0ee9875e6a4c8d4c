// A small Markdown renderer that builds DOM nodes and never parses HTML.
//
// Supported: fenced code blocks, `inline code`, **bold** / __bold__, *italic* / _italic_,
// ~~strike~~, [label](https://...), bare http(s) links, @mentions, "> " quotes, "- " / "1. "
// lists, and line breaks. Everything else is shown as the text it is: "<script>" stays the
// characters < s c r i p t >, and a link is made only for http: and https: URLs.

import { h } from './dom.js';

const MAX_DEPTH = 6;
const FENCE = /^\s*(```+|~~~+)\s*([\w+#.-]{0,20})\s*$/;
// A span must close within 2,000 characters: bounded scans keep a 32 KiB body full of unmatched
// delimiters fast to render.
const CODE = /(`+)([^`]|[^`][\s\S]{0,2000}?[^`])\1(?!`)/y;
const LINK = /\[([^\[\]\n]{1,500})\]\(\s*<?([^\s()<>]{1,2000})>?\s*\)/y;
const AUTOLINK = /https?:\/\/[^\s<>"'`]{1,2000}/iy;
const STRONG_STAR = /\*\*(?!\s)([\s\S]{0,2000}?\S)\*\*(?!\*)/y;
const STRONG_UNDER = /__(?![\s_])([\s\S]{0,2000}?\S)__(?![A-Za-z0-9])/y;
const EM_STAR = /\*([^\s*](?:[\s\S]{0,2000}?[^\s*])?)\*(?!\*)/y;
const EM_UNDER = /_([^\s_](?:[\s\S]{0,2000}?[^\s_])?)_(?![A-Za-z0-9_])/y;
const STRIKE = /~~([^\s~](?:[\s\S]{0,2000}?[^\s~])?)~~/y;
const MENTION = /@([A-Za-z0-9][A-Za-z0-9._@-]{0,63})/y;
const ESCAPABLE = '\\`*_{}[]()#+-.!~>@|';

/** The URL if it is an absolute http(s) URL, else null. */
export function safeUrl(text) {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch (e) {
    return null;
  }
}

/**
 * Renders a message body.
 * @param {string} text the body
 * @param {{me?: string}} options me: the signed-in name, whose mentions are highlighted
 * @returns {DocumentFragment}
 */
export function renderMarkdown(text, options = {}) {
  const fragment = document.createDocumentFragment();
  const lines = String(text ?? '').replace(/\r\n?/g, '\n').split('\n');
  let i = 0;
  while (i < lines.length) {
    const fence = FENCE.exec(lines[i]);
    if (fence) {
      const code = [];
      i++;
      while (i < lines.length && !new RegExp(`^\\s*${fence[1][0] === '`' ? '`' : '~'}{${fence[1].length},}\\s*$`).test(lines[i])) {
        code.push(lines[i++]);
      }
      i++; // the closing fence (or the end)
      fragment.appendChild(codeBlock(code.join('\n'), fence[2]));
      continue;
    }
    if (lines[i].trim() === '') {
      i++;
      continue;
    }
    const kind = blockKind(lines[i]);
    const block = [lines[i++]];
    while (i < lines.length && lines[i].trim() !== '' && !isFence(lines[i]) && blockKind(lines[i]) === kind) {
      block.push(lines[i++]);
    }
    fragment.appendChild(renderBlock(kind, block, options));
  }
  return fragment;
}

function isFence(line) {
  return FENCE.test(line);
}

function blockKind(line) {
  if (/^\s{0,3}>/.test(line)) return 'quote';
  if (/^\s{0,3}[-*+]\s+\S/.test(line)) return 'ul';
  if (/^\s{0,3}\d{1,9}[.)]\s+\S/.test(line)) return 'ol';
  return 'p';
}

function renderBlock(kind, lines, options) {
  if (kind === 'quote') {
    return h('blockquote', { class: 'md-quote' }, withBreaks(lines.map((l) => l.replace(/^\s{0,3}>\s?/, '')), options));
  }
  if (kind === 'ul' || kind === 'ol') {
    const items = lines.map((l) => h('li', null, inline(l.replace(/^\s{0,3}(?:[-*+]|\d{1,9}[.)])\s+/, ''), options, 0)));
    const start = kind === 'ol' ? parseInt(/\d+/.exec(lines[0])[0], 10) : null;
    return h(kind, { class: 'md-list', start: start && start !== 1 ? start : null }, items);
  }
  const heading = lines.length === 1 ? /^\s{0,3}#{1,6}\s+(.+)$/.exec(lines[0]) : null;
  if (heading) {
    return h('p', { class: 'md-heading' }, inline(heading[1], options, 0));
  }
  return h('p', null, withBreaks(lines, options));
}

function withBreaks(lines, options) {
  const nodes = [];
  lines.forEach((line, index) => {
    if (index > 0) nodes.push(h('br'));
    nodes.push(...inline(line, options, 0));
  });
  return nodes;
}

function codeBlock(code, language) {
  return h('pre', { class: 'md-code-block', dataset: { lang: language || null } }, h('code', null, code));
}

function at(regex, text, index) {
  regex.lastIndex = index;
  return regex.exec(text);
}

function isWordChar(ch) {
  return ch !== undefined && /[A-Za-z0-9]/.test(ch);
}

/** Inline spans of one line (or a span's content), as nodes. */
function inline(text, options, depth, inLink = false) {
  const out = [];
  let plain = '';
  const flush = () => {
    if (plain) out.push(document.createTextNode(plain));
    plain = '';
  };
  const push = (node, length) => {
    flush();
    out.push(node);
    return length;
  };
  const nested = (content) => (depth < MAX_DEPTH ? inline(content, options, depth + 1, inLink) : [content]);

  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const prev = text[i - 1];
    let m = null;
    let used = 0;
    if (c === '\\' && i + 1 < text.length && ESCAPABLE.includes(text[i + 1])) {
      plain += text[i + 1];
      i += 2;
      continue;
    }
    if (c === '`' && (m = at(CODE, text, i))) {
      used = push(h('code', { class: 'md-code' }, m[2].length > 2 && /^ .* $/.test(m[2]) ? m[2].slice(1, -1) : m[2]),
        m[0].length);
    } else if (c === '[' && !inLink && (m = at(LINK, text, i))) {
      const href = safeUrl(m[2]);
      used = href
        ? push(link(href, inline(m[1], options, depth + 1, true)), m[0].length)
        : (plain += m[0], m[0].length);
    } else if ((c === 'h' || c === 'H') && !inLink && !isWordChar(prev) && prev !== '/' && (m = at(AUTOLINK, text, i))) {
      const url = trimUrl(m[0]);
      const href = safeUrl(url);
      used = href ? push(link(href, [url]), url.length) : (plain += url, url.length);
    } else if (c === '*' && text[i + 1] === '*' && (m = at(STRONG_STAR, text, i))) {
      used = push(h('strong', null, nested(m[1])), m[0].length);
    } else if (c === '_' && text[i + 1] === '_' && !isWordChar(prev) && (m = at(STRONG_UNDER, text, i))) {
      used = push(h('strong', null, nested(m[1])), m[0].length);
    } else if (c === '~' && text[i + 1] === '~' && (m = at(STRIKE, text, i))) {
      used = push(h('del', null, nested(m[1])), m[0].length);
    } else if (c === '*' && (m = at(EM_STAR, text, i))) {
      used = push(h('em', null, nested(m[1])), m[0].length);
    } else if (c === '_' && !isWordChar(prev) && (m = at(EM_UNDER, text, i))) {
      used = push(h('em', null, nested(m[1])), m[0].length);
    } else if (c === '@' && !isWordChar(prev) && (m = at(MENTION, text, i))) {
      const name = m[1].replace(/[.]+$/, '');
      const self = options.me && name.toLowerCase() === options.me.toLowerCase();
      used = push(h('span', { class: self ? 'mention mention-self' : 'mention' }, '@' + name), name.length + 1);
    }
    if (used > 0) {
      i += used;
    } else {
      plain += c;
      i++;
    }
  }
  flush();
  return out;
}

/** Drops punctuation that ends a sentence rather than the URL, and an unbalanced closing bracket. */
function trimUrl(url) {
  let end = url.length;
  while (end > 0) {
    const ch = url[end - 1];
    if ('.,;:!?\'"*_~'.includes(ch)) {
      end--;
    } else if (ch === ')' && count(url.slice(0, end), '(') < count(url.slice(0, end), ')')) {
      end--;
    } else {
      break;
    }
  }
  return url.slice(0, end);
}

function count(text, ch) {
  return text.split(ch).length - 1;
}

function link(href, children) {
  return h('a', { href, target: '_blank', rel: 'noopener noreferrer nofollow', class: 'md-link' }, children);
}

/** A one-line plain-text preview of a body (for quotes, notifications and search results). */
export function plainPreview(text, max = 140) {
  const flat = String(text ?? '')
    .replace(/```[\s\S]*?(```|$)/g, ' [code] ')
    .replace(/\[([^\]\n]+)\]\([^)\s]+\)/g, '$1')
    .replace(/(\*\*|__|~~)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/(^|[^\w*])([*_])(?=[^\s*_])([^*_\n]*?[^\s*_])\2(?![\w*])/g, '$1$3')
    .replace(/`/g, '')
    .replace(/^\s*(?:[-*+]|\d+[.)])\s+/gm, '• ')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > max ? flat.slice(0, max - 1) + '…' : flat;
}
