// The channel menu (the ⋯ button beside the open channel's name): rename, set the topic, archive or
// unarchive, leave, delete. The hub decides who may (any member: topic, leave; the creator: rename,
// archive, delete); the menu offers only what this participant may, and shows the hub's answer when
// it refuses. Every change reaches open pages as a channel_changed frame, this one included.

import { byTestId } from './dom.js';

/**
 * Wires the channel dialog. actions: {change(route, channel, fields) → wire channel, confirm(text, ok)}.
 * The returned function (channel, me) opens it for a group channel.
 */
export function channelMenuDialog(dialog, actions) {
  const name = byTestId('channel-name-input', dialog);
  const topic = byTestId('channel-topic-input', dialog);
  const error = byTestId('channel-menu-error', dialog);
  const archive = byTestId('channel-archive', dialog);
  const creatorOnly = dialog.querySelectorAll('[data-creator-only]');
  let current = null;
  const run = async (work) => {
    error.textContent = '';
    try {
      await work();
      dialog.close();
    } catch (e) {
      error.textContent = e.message;
    }
  };
  byTestId('channel-menu-cancel', dialog).addEventListener('click', () => dialog.close());
  dialog.querySelector('form').addEventListener('submit', (event) => {
    event.preventDefault();
    run(async () => {
      const wanted = name.value.trim().toLowerCase().replace(/\s+/g, '-');
      if (wanted && wanted !== current.name) await actions.change('rename', current.name, { name: wanted });
      const channel = wanted || current.name;
      if (topic.value.trim() !== (current.topic || '')) {
        await actions.change('topic', channel, { topic: topic.value.trim() });
      }
    });
  });
  archive.addEventListener('click', () => run(() => actions.change(current.archived ? 'unarchive' : 'archive',
    current.name, {})));
  byTestId('channel-leave', dialog).addEventListener('click', () => run(() =>
    actions.change('leave', current.name, {})));
  byTestId('channel-delete', dialog).addEventListener('click', async () => {
    const channel = current;
    dialog.close();
    if (await actions.confirm(`Delete #${channel.name} and all its messages? This cannot be undone.`, 'Delete')) {
      try {
        await actions.change('delete', channel.name, {});
      } catch (e) {
        actions.failed(e);
      }
    }
  });
  return (channel, me) => {
    current = channel;
    const creator = channel.createdBy === me;
    name.value = channel.name;
    name.disabled = !creator;
    topic.value = channel.topic || '';
    topic.disabled = Boolean(channel.archived);
    archive.textContent = channel.archived ? 'Unarchive' : 'Archive';
    creatorOnly.forEach((element) => { element.hidden = !creator; });
    byTestId('channel-leave', dialog).hidden = !channel.member;
    error.textContent = '';
    dialog.showModal();
    (creator ? name : topic).focus();
  };
}
