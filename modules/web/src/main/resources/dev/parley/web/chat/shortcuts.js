// The page's keyboard shortcuts, in one table: the page-wide ones are dispatched from it (app.js
// gives each `action` its handler), and the "?" dialog lists every row, so what the help says is what
// the keys do. Rows without a `match` are handled where they apply (composer.js, timeline.js,
// message-view.js) and are listed here only so the help names them.

import { byTestId, clear, h } from './dom.js';

/** Whether the event comes from a place where keys type text (the shortcut must not steal them). */
export function typing(event) {
  const target = event.target;
  return !!target.closest?.('input, textarea, select, [contenteditable="true"]');
}

/** {keys, what, action, match(event)}: `keys` as the help shows them, one chord per array item. */
export const SHORTCUTS = [
  { keys: ['Ctrl', 'K'], what: 'Search messages', action: 'search',
    match: (e) => (e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k' },
  { keys: ['Alt', '↑'], what: 'Previous conversation', action: 'previousChannel',
    match: (e) => e.altKey && e.key === 'ArrowUp' },
  { keys: ['Alt', '↓'], what: 'Next conversation', action: 'nextChannel',
    match: (e) => e.altKey && e.key === 'ArrowDown' },
  { keys: ['?'], what: 'Show these shortcuts (when not typing)', action: 'help',
    match: (e) => e.key === '?' && !e.ctrlKey && !e.metaKey && !e.altKey && !typing(e) },
  { keys: ['Esc'], what: 'Close the open card, search, panel or menu', action: 'escape',
    match: (e) => e.key === 'Escape' },
  { keys: ['Enter'], what: 'Send the message' },
  { keys: ['Shift', 'Enter'], what: 'New line in the message' },
  { keys: ['↑'], what: 'Edit your last message (in an empty message box)' },
  { keys: [':', 'name'], what: 'Complete an emoji (after two letters); :shortcodes: become emoji when sent' },
  { keys: ['@', 'name'], what: 'Mention someone' },
  { keys: ['↑', '↓'], what: 'Move between messages (in the message list)' },
];

/** The first page-wide shortcut this key press means, or null. */
export function shortcutOf(event) {
  return SHORTCUTS.find((s) => s.match && s.match(event)) || null;
}

/** Fills the help dialog with the table and opens it; the focus returns where it was when it closes. */
export function openShortcutsHelp(dialog) {
  const list = byTestId('shortcuts-list', dialog);
  clear(list).append(...SHORTCUTS.map((s) => h('div', { class: 'shortcut-row', dataset: { testid: 'shortcut' } },
    h('dt', null, s.keys.flatMap((k, i) => (i ? [' ', h('kbd', null, k)] : [h('kbd', null, k)]))),
    h('dd', null, s.what))));
  const back = document.activeElement;
  dialog.addEventListener('close', () => back?.focus?.(), { once: true });
  const close = byTestId('shortcuts-close', dialog);
  close.onclick = () => dialog.close();
  dialog.showModal();
  close.focus();
}
