// Modal dialogs (native <dialog>, so focus is trapped and Escape closes them): create a channel,
// browse and join channels, confirm a deletion.

import { byTestId, clear, h, icon } from './dom.js';

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

/** Wires the confirmation dialog; the returned function resolves true when confirmed. */
export function confirmDialog(dialog) {
  const text = byTestId('confirm-text', dialog);
  let resolve = null;
  byTestId('confirm-ok', dialog).addEventListener('click', () => dialog.close('ok'));
  byTestId('confirm-cancel', dialog).addEventListener('click', () => dialog.close('cancel'));
  dialog.addEventListener('close', () => {
    if (resolve) resolve(dialog.returnValue === 'ok');
    resolve = null;
  });
  return (message) => new Promise((done) => {
    resolve = done;
    text.textContent = message;
    dialog.returnValue = '';
    dialog.showModal();
    byTestId('confirm-cancel', dialog).focus();
  });
}
