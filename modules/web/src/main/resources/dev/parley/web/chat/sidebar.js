// The sidebar: our channels and DMs with unread badges, and the people on the hub with presence,
// last seen and their kind (AI / human / service). Clicking a person opens a DM with them.

import { byTestId, clear, h, icon } from './dom.js';
import { avatar, typeBadge } from './message-view.js';
import { dmPeer, parseTime, sinceLabel } from './format.js';

const MAX_PEOPLE = 100;

export class Sidebar {
  /** @param actions {open(channelId), dm(name)} */
  constructor(root, store, actions) {
    this.root = root;
    this.store = store;
    this.actions = actions;
    this.channelList = byTestId('channel-list', root);
    this.dmList = byTestId('dm-list', root);
    this.peopleList = byTestId('people-list', root);
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
    const focused = this.root.contains(document.activeElement) ? document.activeElement.closest('.nav-item') : null;
    const key = focused && (focused.dataset.channelId || focused.dataset.name);
    render();
    if (key) {
      Array.from(this.root.querySelectorAll('.nav-item'))
        .find((item) => item.dataset.channelId === key || item.dataset.name === key)?.focus();
    }
  }

  people() {
    const me = this.store.me;
    const people = Array.from(this.store.participants.values()).filter((p) => p.name !== me)
      .sort((a, b) => (b.online - a.online) || String(b.lastSeen || '').localeCompare(String(a.lastSeen || ''))
        || a.name.localeCompare(b.name));
    clear(this.peopleList).append(...people.slice(0, MAX_PEOPLE).map((p) => this.personItem(p)));
    byTestId('people-count', this.root).textContent = `${people.filter((p) => p.online).length} online`;
  }

  badge(channel) {
    if (!channel.unread || channel.id === this.store.activeId) return null;
    return h('span', { class: 'badge', dataset: { testid: 'unread-badge' }, 'aria-label': `${channel.unread} unread` },
      channel.unread > 99 ? '99+' : String(channel.unread));
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

  personItem(person) {
    const seen = person.online ? 'online'
      : person.lastSeen ? `seen ${sinceLabel(parseTime(person.lastSeen))}` : 'offline';
    return h('li', null, h('button', {
      type: 'button', class: 'nav-item nav-person', title: `Message ${person.displayName}`,
      dataset: { testid: 'participant-item', name: person.name, online: person.online ? 'true' : 'false' },
      onclick: () => this.actions.dm(person.name),
    }, avatar(person, { size: 'sm', presence: true }),
    h('span', { class: 'nav-person-text' },
      h('span', { class: 'nav-label' }, person.displayName, typeBadge(person.type)),
      h('span', { class: 'nav-sub', dataset: { testid: 'last-seen' } }, seen))));
  }
}
