// The full emoji picker: a popover with a search box (names and shortcodes), a row of category
// buttons and every emoji of emoji-data.js by category. Used by the composer's emoji button (the emoji
// goes in at the caret) and by the reaction menu's "More reactions" (the emoji is the reaction).
// One picker at a time; Esc, a click outside or a pick closes it, and the focus returns to the button
// that opened it. Enter in the search box picks the first match.

import { clear, h } from './dom.js';
import { EMOJI_CATEGORIES } from './emoji-data.js';
import { EMOJI, searchEmoji } from './emoji.js';

let open = null;

/** Closes the open picker, if any. */
export function closeEmojiPicker() {
  open?.close();
}

/**
 * Opens the picker beside `anchor`; onPick(emoji) is called with the chosen emoji.
 * @param label what picking does, for screen readers ("Insert an emoji", "Add a reaction")
 */
export function openEmojiPicker(anchor, onPick, label = 'Pick an emoji') {
  closeEmojiPicker();
  const search = h('input', { type: 'search', class: 'emoji-search', placeholder: 'Search emoji',
    'aria-label': 'Search emoji by name', autocomplete: 'off', spellcheck: 'false', dataset: { testid: 'emoji-search' } });
  const grid = h('div', { class: 'emoji-grid', dataset: { testid: 'emoji-grid' } });
  const tabs = h('div', { class: 'emoji-tabs', role: 'group', 'aria-label': 'Categories' },
    EMOJI_CATEGORIES.map((c) => h('button', {
      type: 'button', class: 'emoji-tab', title: c.label, 'aria-label': c.label, dataset: { testid: 'emoji-category',
        category: c.id },
      onclick: () => {
        search.value = '';
        render();
        grid.querySelector(`[data-section="${c.id}"]`)?.scrollIntoView({ block: 'start' });
      },
    }, EMOJI.find((e) => e.category === c.id).emoji)));
  const picker = h('div', { class: 'emoji-picker', role: 'dialog', 'aria-label': label,
    dataset: { testid: 'emoji-picker' } }, search, tabs, grid);

  const option = (e) => h('button', { type: 'button', class: 'emoji-option', title: `:${e.codes[0]}:`,
    'aria-label': e.name, dataset: { testid: 'emoji-option', emoji: e.emoji },
    onclick: (event) => {
      event.stopPropagation();
      close();
      onPick(e.emoji);
    } }, e.emoji);
  function render() {
    const query = search.value.trim();
    clear(grid);
    if (query) {
      const found = searchEmoji(query, 120);
      grid.append(found.length ? h('div', { class: 'emoji-section-grid' }, found.map(option))
        : h('p', { class: 'emoji-none', role: 'status' }, `No emoji matches “${query}”.`));
      return;
    }
    for (const c of EMOJI_CATEGORIES) {
      grid.append(h('section', { class: 'emoji-section', dataset: { section: c.id }, 'aria-label': c.label },
        h('h3', null, c.label),
        h('div', { class: 'emoji-section-grid' }, EMOJI.filter((e) => e.category === c.id).map(option))));
    }
  }

  const outside = (event) => {
    if (!picker.contains(event.target) && event.target !== anchor && !anchor.contains(event.target)) close();
  };
  function close() {
    if (!picker.isConnected) return;
    picker.remove();
    document.removeEventListener('mousedown', outside, true);
    open = null;
    if (document.activeElement === document.body || !document.activeElement) anchor.focus();
  }
  picker.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close();
      anchor.focus();
    } else if (event.key === 'Enter' && event.target === search) {
      event.preventDefault();
      grid.querySelector('.emoji-option')?.click();
    }
  });
  picker.addEventListener('click', (event) => event.stopPropagation());
  search.addEventListener('input', render);

  render();
  document.body.append(picker);
  place(picker, anchor);
  open = { close };
  setTimeout(() => document.addEventListener('mousedown', outside, true));
  search.focus();
  return picker;
}

/** Above the anchor when there is room, else below; kept inside the window. */
function place(picker, anchor) {
  const a = anchor.getBoundingClientRect();
  const p = picker.getBoundingClientRect();
  const left = Math.max(8, Math.min(a.right - p.width, window.innerWidth - p.width - 8));
  const top = a.top - p.height - 6 >= 8 ? a.top - p.height - 6 : Math.min(a.bottom + 6, window.innerHeight - p.height - 8);
  picker.style.left = `${left}px`;
  picker.style.top = `${Math.max(8, top)}px`;
}
