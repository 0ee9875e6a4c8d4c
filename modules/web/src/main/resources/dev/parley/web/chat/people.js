// The People part of the sidebar: humans under "People", AI agents under "Agents", and every other
// participant type (services, bridges, bots: the protocol allows any type name) under "Services", each
// online first, narrowed by the filter box (name, display name or capability tag). An agent's first
// two capability tags show under its name; the info button beside each row opens its profile card.

import { byTestId, clear, h, icon } from './dom.js';
import { avatar, typeBadge } from './message-view.js';
import { parseTime, sinceLabel } from './format.js';

const MAX_LISTED = 100;
const TAGS_IN_LIST = 2;

export class PeopleList {
  /** @param actions {dm(name), profile(name, button)} */
  constructor(root, store, actions) {
    this.store = store;
    this.actions = actions;
    this.humans = byTestId('people-list', root);
    this.agents = byTestId('agents-list', root);
    this.services = byTestId('services-list', root);
    this.servicesSection = byTestId('services-section', root);
    this.filter = byTestId('people-filter', root);
    this.none = byTestId('people-none', root);
    this.counts = { humans: byTestId('people-count', root), agents: byTestId('agents-count', root),
      services: byTestId('services-count', root) };
    this.filter.addEventListener('input', () => this.render());
    this.filter.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.filter.value) {
        event.stopPropagation();
        this.filter.value = '';
        this.render();
      }
    });
  }

  render() {
    const query = this.filter.value.trim().toLowerCase();
    const everyone = Array.from(this.store.participants.values()).filter((p) => p.name !== this.store.me);
    const shown = everyone.filter((p) => matches(p, query)).sort(byPresence);
    for (const group of ['humans', 'agents', 'services']) {
      const members = shown.filter((p) => groupOf(p) === group);
      clear(this[group]).append(...members.slice(0, MAX_LISTED).map((p) => this.item(p)));
      this.counts[group].textContent = countLabel(everyone.filter((p) => groupOf(p) === group));
    }
    // No services on most hubs: the heading shows only when there is one (or the filter hides them all).
    this.servicesSection.hidden = !everyone.some((p) => groupOf(p) === 'services');
    this.none.hidden = !query || shown.length > 0;
  }

  item(person) {
    const seen = person.online ? 'online'
      : person.lastSeen ? `seen ${sinceLabel(parseTime(person.lastSeen))}` : 'offline';
    const tags = person.capabilities || [];
    return h('li', { class: 'nav-person-row' }, h('button', {
      type: 'button', class: 'nav-item nav-person', title: `Message ${person.displayName}`,
      dataset: { testid: 'participant-item', name: person.name, type: person.type,
        online: person.online ? 'true' : 'false' },
      onclick: () => this.actions.dm(person.name),
    }, avatar(person, { size: 'sm', presence: true }),
    h('span', { class: 'nav-person-text' },
      h('span', { class: 'nav-label' }, person.displayName, typeBadge(person.type)),
      h('span', { class: 'nav-sub', dataset: { testid: 'last-seen' } }, seen),
      tags.length ? h('span', { class: 'cap-tags', dataset: { testid: 'capability-summary' } },
        tags.slice(0, TAGS_IN_LIST).map((tag) => h('span', { class: 'cap-tag', dataset: { testid: 'capability-tag' } }, tag)),
        tags.length > TAGS_IN_LIST ? h('span', { class: 'cap-more' }, `+${tags.length - TAGS_IN_LIST}`) : null)
        : null)),
    h('button', {
      type: 'button', class: 'icon-button small nav-info', title: `Profile of ${person.displayName}`,
      'aria-label': `Profile of ${person.displayName}`, 'aria-haspopup': 'dialog',
      dataset: { testid: 'profile-button', name: person.name, focusKey: `profile:${person.name}` },
      onclick: (event) => this.actions.profile(person.name, event.currentTarget),
    }, icon('info')));
  }
}

/** The sidebar group of a participant: 'humans', 'agents' (type ai) or 'services' (any other type). */
export function groupOf(person) {
  return person.type === 'human' ? 'humans' : person.type === 'ai' ? 'agents' : 'services';
}

function matches(person, query) {
  if (!query) return true;
  return person.name.toLowerCase().includes(query) || person.displayName.toLowerCase().includes(query)
    || (person.capabilities || []).some((tag) => tag.toLowerCase().includes(query));
}

function byPresence(a, b) {
  return (b.online - a.online) || String(b.lastSeen || '').localeCompare(String(a.lastSeen || ''))
    || a.name.localeCompare(b.name);
}

function countLabel(list) {
  return `${list.filter((p) => p.online).length} online`;
}
