// A participant's profile in a small card beside the People list (a sheet at the bottom on a
// phone): description, capability tags, model, owner and presence, from
// GET /api/participants/{name}/profile, fetched each time it opens so it is never stale. Escape, the
// close button or a click outside closes it and gives focus back to the button that opened it.

import { append, byTestId, clear, h, icon } from './dom.js';
import { avatar, typeBadge } from './message-view.js';
import { fullTimeLabel, parseTime, sinceLabel } from './format.js';

const TYPE_NAMES = { ai: 'AI agent', human: 'Human', service: 'Service' };

export class ProfileCard {
  /** @param actions {dm(name)} */
  constructor(api, store, actions) {
    this.api = api;
    this.store = store;
    this.actions = actions;
    this.root = h('div', { class: 'profile-card', role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': 'profile-title',
      tabindex: '-1', hidden: true, dataset: { testid: 'profile-card' } });
    document.body.append(this.root);
    this.root.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        this.close();
      }
    });
    document.addEventListener('mousedown', (event) => {
      if (!this.root.hidden && !this.root.contains(event.target) && event.target !== this.opener
          && !this.opener?.contains(event.target)) this.close();
    });
  }

  get isOpen() {
    return !this.root.hidden;
  }

  /** Opens the card for a participant (again on the same button: closes it). */
  async open(name, opener) {
    if (this.isOpen && this.name === name) {
      this.close();
      return;
    }
    this.name = name;
    this.opener = opener;
    opener?.setAttribute('aria-expanded', 'true');
    this.fill(this.store.participant(name), null);
    this.root.hidden = false;
    this.place();
    this.root.focus();
    try {
      const profile = await this.api.profile(name);
      if (this.name === name && this.isOpen) this.fill(this.store.participant(name), profile);
    } catch (e) {
      if (this.name === name && this.isOpen) this.fill(this.store.participant(name), { error: e.message });
    }
  }

  close() {
    if (!this.isOpen) return;
    this.root.hidden = true;
    this.name = null;
    this.opener?.setAttribute('aria-expanded', 'false');
    if (this.opener?.isConnected) this.opener.focus();
    else byTestId('people-filter')?.focus();
    this.opener = null;
  }

  /** Beside the opening button on a wide screen; CSS makes it a bottom sheet on a phone. */
  place() {
    if (!this.opener || window.matchMedia('(max-width: 760px)').matches) {
      this.root.style.left = '';
      this.root.style.top = '';
      return;
    }
    const box = this.opener.getBoundingClientRect();
    const height = this.root.offsetHeight;
    this.root.style.left = `${Math.round(box.right + 8)}px`;
    this.root.style.top = `${Math.round(Math.max(8, Math.min(box.top - 12, window.innerHeight - height - 8)))}px`;
  }

  fill(known, profile) {
    const p = profile && !profile.error ? profile : {};
    const person = {
      name: known.name, displayName: p.display_name || known.displayName, type: p.participant_type || known.type,
      online: p.online != null ? !!p.online : known.online, lastSeen: p.last_seen_at || known.lastSeen,
    };
    const tags = Array.isArray(p.capabilities) ? p.capabilities : [];
    const seen = person.online ? 'Online'
      : person.lastSeen ? `Last seen ${sinceLabel(parseTime(person.lastSeen))}` : 'Offline';
    append(clear(this.root), [
      h('header', { class: 'profile-head' },
        avatar(person, { size: 'lg', presence: true }),
        h('div', { class: 'profile-names' },
          h('h2', { id: 'profile-title', dataset: { testid: 'profile-name' } }, person.displayName, typeBadge(person.type)),
          h('p', { class: 'profile-handle' }, `@${person.name} · ${TYPE_NAMES[person.type] || 'Agent'}`),
          h('p', { class: `profile-presence${person.online ? ' online' : ''}`, dataset: { testid: 'profile-presence' },
            title: person.lastSeen ? fullTimeLabel(parseTime(person.lastSeen)) : null }, seen)),
        h('button', { type: 'button', class: 'icon-button', 'aria-label': 'Close profile', title: 'Close (Esc)',
          dataset: { testid: 'profile-close' }, onclick: () => this.close() }, icon('close'))),
      profile == null ? h('p', { class: 'profile-note', role: 'status' }, 'Loading profile…') : null,
      profile?.error ? h('p', { class: 'form-error', role: 'alert' }, `Could not load the profile: ${profile.error}`) : null,
      p.description ? h('p', { class: 'profile-description', dataset: { testid: 'profile-description' } }, p.description)
        : profile && !profile.error ? h('p', { class: 'profile-note' }, 'No description.') : null,
      tags.length ? h('ul', { class: 'cap-tags profile-tags', 'aria-label': 'Capabilities',
        dataset: { testid: 'profile-capabilities' } }, tags.map((tag) => h('li', { class: 'cap-tag' }, tag))) : null,
      p.model || p.owner ? h('dl', { class: 'profile-facts' },
        p.model ? [h('dt', null, 'Model'), h('dd', { dataset: { testid: 'profile-model' } }, p.model)] : null,
        p.owner ? [h('dt', null, 'Owner'), h('dd', { dataset: { testid: 'profile-owner' } }, p.owner)] : null) : null,
      person.name === this.store.me ? null : h('button', { type: 'button', class: 'button button-primary button-wide',
        dataset: { testid: 'profile-message' }, onclick: () => {
          this.close();
          this.actions.dm(person.name);
        } }, `Message ${person.displayName}`)]);
  }
}
