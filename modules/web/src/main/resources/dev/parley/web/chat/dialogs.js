// Modal dialogs (native <dialog>, so focus is trapped and Escape closes them): create a channel,
// browse and join channels, confirm an action, show the participant key.

import { byTestId, clear, h, icon } from './dom.js';
import { copyField, signInLink } from './keys.js';

/** Wires the "create channel" dialog; create(name, topic) resolves with the channel or throws. */
export function createChannelDialog(dialog, create) {
  const form = dialog.querySelector('form');
  const name = byTestId('create-name', dialog);
  const topic = byTestId('create-topic', dialog);
  const error = byTestId('create-error', dialog);
  byTestId('create-cancel', dialog).addEventListener('click', () => dialog.close());
  name.addEventListener('input', () => {
    error.textContent = '';
    name.setCustomValidity('');
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = name.value.trim().toLowerCase().replace(/\s+/g, '-');
    if (!/^[a-z0-9._-]{1,64}$/.test(value)) {
      error.textContent = "Use 1–64 letters, digits, '.', '_' or '-'.";
      return;
    }
    try {
      await create(value, topic.value.trim());
      dialog.close();
    } catch (e) {
      error.textContent = e.message;
    }
  });
  return () => {
    form.reset();
    error.textContent = '';
    dialog.showModal();
    name.focus();
  };
}

/** Wires the "browse channels" dialog; list() gives joinable channels, join(channel) joins one. */
export function browseDialog(dialog, list, join) {
  const items = byTestId('browse-list', dialog);
  const filter = byTestId('browse-filter', dialog);
  byTestId('browse-close', dialog).addEventListener('click', () => dialog.close());
  const render = () => {
    const needle = filter.value.trim().toLowerCase();
    const channels = list().filter((c) => !needle || c.name.includes(needle) || (c.topic || '').toLowerCase().includes(needle));
    clear(items);
    if (!channels.length) {
      items.append(h('li', { class: 'panel-note' }, needle ? 'No channel matches.' : "You're in every channel already."));
    }
    items.append(...channels.map((c) => h('li', { class: 'browse-item' },
      h('span', { class: 'browse-text' }, h('strong', null, icon('hash'), c.name),
        c.topic ? h('span', { class: 'browse-topic' }, c.topic) : null),
      h('button', { type: 'button', class: 'button', dataset: { testid: 'join-channel', channel: c.name },
        onclick: async (event) => {
          event.currentTarget.disabled = true;
          try {
            await join(c);
            dialog.close();
          } catch (e) {
            event.currentTarget.disabled = false;
            event.currentTarget.textContent = 'Retry';
          }
        } }, 'Join'))));
  };
  filter.addEventListener('input', render);
  return () => {
    filter.value = '';
    render();
    dialog.showModal();
    filter.focus();
  };
}

/**
 * Wires the confirmation dialog; the returned function (message, okLabel = 'Delete') resolves true
 * when confirmed.
 */
export function confirmDialog(dialog) {
  const text = byTestId('confirm-text', dialog);
  const ok = byTestId('confirm-ok', dialog);
  let resolve = null;
  ok.addEventListener('click', () => dialog.close('ok'));
  byTestId('confirm-cancel', dialog).addEventListener('click', () => dialog.close('cancel'));
  dialog.addEventListener('close', () => {
    if (resolve) resolve(dialog.returnValue === 'ok');
    resolve = null;
  });
  return (message, okLabel = 'Delete') => new Promise((done) => {
    resolve = done;
    text.textContent = message;
    ok.textContent = okLabel;
    dialog.returnValue = '';
    dialog.showModal();
    byTestId('confirm-cancel', dialog).focus();
  });
}

/**
 * Wires the key dialog: the participant's key in a read-only field with a Copy button, and the
 * sign-in link that exports it to another device. The returned function (identity, exported,
 * {again}) opens it and resolves when it closes; exported() is called when the key or the link is
 * copied; again: shown on request from the key button rather than right after it was made.
 */
export function keyDialog(dialog) {
  const value = byTestId('key-value', dialog);
  const link = byTestId('key-link', dialog);
  const status = byTestId('key-copy-status', dialog);
  let copied = null;
  let closed = null;
  const copy = async (field, what) => {
    const result = await copyField(field);
    status.textContent = result === 'copied' ? `${what} copied.` : `${what} selected: press Ctrl+C (⌘C) to copy it.`;
    if (copied) copied();
  };
  byTestId('key-copy', dialog).addEventListener('click', () => copy(value, 'Key'));
  byTestId('key-link-copy', dialog).addEventListener('click', () => copy(link, 'Sign-in link'));
  // Selecting a field by hand is the fallback copy (no clipboard access): it counts as exporting.
  [value, link].forEach((field) => field.addEventListener('copy', () => copied && copied()));
  byTestId('key-done', dialog).addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => {
    value.value = '';
    link.value = ''; // the key is not left in the page once the dialog is gone
    if (closed) closed();
    closed = null;
  });
  return (identity, exported, { again = false } = {}) => new Promise((done) => {
    closed = done;
    copied = exported;
    byTestId('key-text', dialog).textContent = `This key proves you are ${identity.name}. Keep it; you need it to `
      + (again ? 'sign in on another device. Anyone who has it can sign in as you.'
        : 'sign in on another device. It is shown once.');
    value.value = identity.key;
    link.value = signInLink(identity);
    status.textContent = '';
    dialog.showModal();
    value.focus();
    value.select();
  });
}
