// @name completion in a composer: typing "@" and letters lists the participants whose name or
// display name starts with (else contains) them; Up/Down move, Enter or Tab puts "@name " in place of
// what was typed, Escape closes. The list is an ARIA listbox the textarea controls, so screen
// readers follow the highlighted option; the keys are caught on the form in the capture phase, before
// the composer's own Enter (send) and Escape (leave reply/edit) see them. EmojiComplete (emoji-complete.js)
// is the same list for ":" and an emoji name; it overrides what is looked for, found and put in place.

import { clear, h } from './dom.js';
import { avatar, typeBadge } from './message-view.js';

const MAX_SHOWN = 8;
const QUERY = /(^|[^A-Za-z0-9_@])@([A-Za-z0-9_.-]+)$/;
let lists = 0;

export class MentionComplete {
  /** @param candidates () => participants ({name, displayName, type, online}) the list is drawn from */
  constructor(form, candidates, { label = 'Participants to mention', testid = 'mention-menu' } = {}) {
    this.input = form.querySelector('textarea');
    this.candidates = candidates;
    this.options = [];
    this.index = 0;
    this.list = h('ul', { class: 'mention-menu', role: 'listbox', id: `mention-list-${++lists}`, hidden: true,
      'aria-label': label, dataset: { testid } });
    form.classList.add('has-mention-menu');
    form.prepend(this.list);
    this.input.setAttribute('aria-autocomplete', 'list');
    this.input.setAttribute('aria-controls', this.list.id);
    this.input.setAttribute('aria-expanded', 'false');
    this.input.addEventListener('input', () => this.update());
    this.input.addEventListener('click', () => this.update());
    this.input.addEventListener('blur', () => this.close());
    form.addEventListener('keydown', (event) => this.keydown(event), true);
  }

  get isOpen() {
    return !this.list.hidden;
  }

  /** The pattern of what is being completed, right before the caret: its group 2 is the text after the sign. */
  get pattern() {
    return QUERY;
  }

  /** What is being typed after the sign ("@") right before the caret, or null. */
  query() {
    if (this.input.selectionStart !== this.input.selectionEnd) return null;
    const match = this.pattern.exec(this.input.value.slice(0, this.input.selectionStart));
    return match ? { text: match[2], start: this.input.selectionStart - match[2].length - 1 } : null;
  }

  /** The options for what is typed: participants whose name starts with it first. */
  find(text) {
    const q = text.toLowerCase();
    const rank = (p) => (p.name.toLowerCase().startsWith(q) || p.displayName.toLowerCase().startsWith(q) ? 0 : 1);
    return this.candidates()
      .filter((p) => p.name.toLowerCase().includes(q) || p.displayName.toLowerCase().includes(q))
      .sort((a, b) => (rank(a) - rank(b)) || (b.online - a.online) || a.name.localeCompare(b.name))
      .slice(0, MAX_SHOWN);
  }

  /** An option's content and data attributes in the list. */
  option(p) {
    return { dataset: { testid: 'mention-option', name: p.name }, content: [avatar(p, { size: 'sm', presence: true }),
      h('span', { class: 'mention-option-name' }, p.displayName), typeBadge(p.type),
      p.displayName !== p.name ? h('span', { class: 'mention-option-handle' }, `@${p.name}`) : null] };
  }

  /** The text that replaces the sign and what was typed. */
  inserted(p) {
    return `@${p.name} `;
  }

  update() {
    const query = this.query();
    if (!query) {
      this.close();
      return;
    }
    this.options = this.find(query.text);
    if (!this.options.length) {
      this.close();
      return;
    }
    if (query.text !== this.typed) this.index = 0;
    this.typed = query.text;
    this.start = query.start;
    this.index = Math.min(this.index, this.options.length - 1);
    this.render();
  }

  render() {
    clear(this.list).append(...this.options.map((p, i) => {
      const { dataset, content } = this.option(p);
      return h('li', {
        role: 'option', id: `${this.list.id}-${i}`, class: `mention-option${i === this.index ? ' active' : ''}`,
        'aria-selected': i === this.index ? 'true' : 'false', dataset,
        onmousedown: (event) => {
          event.preventDefault(); // keep the focus in the textarea
          this.pick(i);
        },
      }, content);
    }));
    this.list.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
    this.input.setAttribute('aria-activedescendant', `${this.list.id}-${this.index}`);
    this.list.children[this.index]?.scrollIntoView({ block: 'nearest' });
  }

  keydown(event) {
    if (!this.isOpen || event.target !== this.input || event.isComposing) return;
    const count = this.options.length;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      this.index = (this.index + (event.key === 'ArrowDown' ? 1 : -1) + count) % count;
      this.render();
    } else if ((event.key === 'Enter' && !event.shiftKey) || event.key === 'Tab') {
      this.pick(this.index);
    } else if (event.key === 'Escape') {
      this.close();
    } else {
      return;
    }
    event.preventDefault();
    event.stopPropagation();
  }

  /** Replaces "@que" before the caret with "@name " (what inserted() gives). */
  pick(i) {
    const person = this.options[i];
    if (!person) return;
    const value = this.input.value;
    const caret = this.input.selectionStart;
    const inserted = this.inserted(person);
    this.input.value = value.slice(0, this.start) + inserted + value.slice(caret);
    const at = this.start + inserted.length;
    this.input.setSelectionRange(at, at);
    this.close();
    this.input.dispatchEvent(new Event('input', { bubbles: true })); // the composer grows and says "typing"
  }

  close() {
    if (!this.isOpen) return;
    this.list.hidden = true;
    this.index = 0;
    this.typed = null;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
  }
}
