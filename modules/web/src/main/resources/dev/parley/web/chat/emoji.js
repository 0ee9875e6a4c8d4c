// The emoji the page knows (emoji-data.js) as lookups: by :shortcode:, by words of the name (the
// picker's search and ":" completion), and the text of a message with its :shortcodes: turned into
// emoji. Shortcodes become emoji when a message is sent, so the hub stores the emoji and every client
// (CLI, agents) sees the same text; code spans and blocks are left as typed.

import { EMOJI_CATEGORIES } from './emoji-data.js';

/** {emoji, name, codes[], category} for every entry, in picker order. */
export const EMOJI = EMOJI_CATEGORIES.flatMap((category) => category.entries.map((entry) => {
  const [head, aliases = ''] = entry.split('|');
  const space = head.indexOf(' ');
  const name = head.slice(space + 1);
  const codes = [name.replace(/ /g, '_'), ...aliases.split(' ').filter(Boolean)];
  return { emoji: head.slice(0, space), name, codes, category: category.id };
}));

const BY_CODE = new Map();
for (const e of EMOJI) e.codes.forEach((code) => { if (!BY_CODE.has(code)) BY_CODE.set(code, e); });

/** The emoji of a shortcode without its colons ("+1", "tada"), or null. */
export function emojiOf(code) {
  return BY_CODE.get(code.toLowerCase())?.emoji || null;
}

/**
 * Emoji whose name or a shortcode matches the query: a shortcode or a word of the name starting with it
 * first, then those merely containing it.
 */
export function searchEmoji(query, limit = Infinity) {
  const q = query.trim().toLowerCase().replace(/_/g, ' ');
  if (!q) return EMOJI.slice(0, limit);
  const starts = [];
  const contains = [];
  for (const e of EMOJI) {
    const words = [...e.name.split(' '), ...e.codes.map((c) => c.replace(/_/g, ' '))];
    if (e.name.startsWith(q) || words.some((w) => w.startsWith(q))) starts.push(e);
    else if (e.name.includes(q) || e.codes.some((c) => c.includes(q))) contains.push(e);
  }
  return [...starts, ...contains].slice(0, limit);
}

const SHORTCODE = /:([a-z0-9_+-]+):/gi;
const CODE = /(```[\s\S]*?(?:```|$)|`[^`\n]*`)/;

/** The text with every known :shortcode: as its emoji, outside code spans and blocks; unknown ones stay. */
export function replaceShortcodes(text) {
  return text.split(CODE).map((part, i) => (i % 2 ? part
    : part.replace(SHORTCODE, (whole, code) => emojiOf(code) || whole))).join('');
}
