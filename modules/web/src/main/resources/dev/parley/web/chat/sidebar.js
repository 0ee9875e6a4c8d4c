// The sidebar: our channels and DMs with unread and mention badges, and the people on the hub
// (people.js: humans and agents apart, filtered, each with a profile). Clicking a person opens a DM.

import { byTestId, clear, h, icon } from './dom.js';
import { avatar } from './message-view.js';
import { dmPeer } from './format.js';
import { PeopleList } from './people.js';

export class Sidebar {
  /** @param actions {open(channelId), dm(name), profile(name, button)} */
  constructor(root, store, actions) {
    this.root = root;
    this.store = store;
    this.actions = actions;
    this.channelList = byTestId('channel-list', root);
    this.dmList = byTestId('dm-list', root);
    this.peopleList = new PeopleList(root, store, actions);
  }

  render() {
    this.keepingFocus(() => {
      const { groups, dms } = this.store.myChannels();
      clear(this.channelList).append(...groups.map((c) => this.channelItem(c)));
      clear(this.dmList).append(...dms.map((c) => this.dmItem(c)));
      byTestId('dm-empty', this.root).hidden = dms.length > 0;
      this.people();
    });
  }

  /** Only the people (their "seen 5 min ago" ages as time passes). */
  renderPeople() {
    this.keepingFocus(() => this.people());
  }

  /** Re-renders without taking the place of someone moving through the lists with the keyboard. */
  keepingFocus(render) {
    const focusable = '.nav-item, .nav-info';
    const focused = this.root.contains(document.activeElement) ? document.activeElement.closest(focusable) : null;
    const key = focused && (focused.dataset.focusKey || focused.dataset.channelId || focused.dataset.name);
    render();
    if (key) {
      Array.from(this.root.querySelectorAll(focusable))
        .find((item) => (item.dataset.focusKey || item.dataset.channelId || item.dataset.name) === key)?.focus();
    }
  }

  people() {
    this.peopleList.render();
  }

  badge(channel) {
    if (!channel.unread || channel.id === this.store.activeId) return null;
    return [channel.mentions ? h('span', { class: 'badge badge-mention', dataset: { testid: 'mention-badge' },
      'aria-label': `${channel.mentions} unread ${channel.mentions === 1 ? 'mention' : 'mentions'} of you` },
    `@${channel.mentions > 99 ? '99+' : channel.mentions}`) : null,
    h('span', { class: 'badge', dataset: { testid: 'unread-badge' }, 'aria-label': `${channel.unread} unread` },
      channel.unread > 99 ? '99+' : String(channel.unread))];
  }

  channelItem(channel) {
    const active = channel.id === this.store.activeId;
    return h('li', null, h('button', {
      type: 'button', class: `nav-item${active ? ' active' : ''}${channel.unread && !active ? ' has-unread' : ''}`,
      'aria-current': active ? 'page' : null, title: channel.topic || `#${channel.name}`,
      dataset: { testid: 'channel-item', channel: channel.name, channelId: channel.id },
      onclick: () => this.actions.open(channel.id),
    }, h('span', { class: 'nav-icon' }, icon('hash')), h('span', { class: 'nav-label' }, channel.name),
    this.badge(channel)));
  }

  dmItem(channel) {
    const peerName = dmPeer(channel.name, this.store.me) || channel.name;
    const peer = this.store.participant(peerName);
    const active = channel.id === this.store.activeId;
    return h('li', null, h('button', {
      type: 'button', class: `nav-item nav-dm${active ? ' active' : ''}${channel.unread && !active ? ' has-unread' : ''}`,
      'aria-current': active ? 'page' : null,
      dataset: { testid: 'dm-item', channel: channel.name, channelId: channel.id, peer: peerName },
      onclick: () => this.actions.open(channel.id),
    }, avatar(peer, { size: 'sm', presence: true }), h('span', { class: 'nav-label' }, peer.displayName),
    this.badge(channel)));
  }
}
