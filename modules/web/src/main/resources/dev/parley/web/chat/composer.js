// The message input: Enter sends, Shift+Enter adds a line, the box grows with its text. It can be
// replying to a message (a quoted bar above it) or editing one of ours; Escape leaves either mode,
// and Up in an empty box edits our last message. Drafts are kept per channel. The emoji button opens
// the picker (the emoji goes in at the caret); :shortcodes: become emoji when the text is sent or saved.

import { append, clear, h, icon } from './dom.js';
import { plainPreview } from './markdown.js';
import { replaceShortcodes } from './emoji.js';
import { openEmojiPicker } from './emoji-picker.js';

const TYPING_EVERY_MS = 3000;

export class Composer {
  /**
   * @param form the <form> holding a textarea, a send button and a [data-testid=composer-context] bar
   * @param handlers {send(text, replyTo), edit(message, text), typing(), editLast(), participant(name)}
   */
  constructor(form, handlers) {
    this.form = form;
    this.input = form.querySelector('textarea');
    this.context = form.querySelector('.composer-context');
    this.handlers = handlers;
    this.mode = null;
    this.target = null;
    this.key = null;
    this.drafts = new Map();
    this.lastTypingAt = 0;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submit();
    });
    this.input.addEventListener('keydown', (event) => this.keydown(event));
    const emojiButton = form.querySelector('.composer-emoji');
    emojiButton?.addEventListener('click', () => openEmojiPicker(emojiButton, (emoji) => this.insert(emoji),
      'Insert an emoji'));
    this.input.addEventListener('input', () => {
      this.autosize();
      if (this.input.value.trim() && this.mode !== 'edit' && Date.now() - this.lastTypingAt > TYPING_EVERY_MS) {
        this.lastTypingAt = Date.now();
        this.handlers.typing();
      }
    });
  }

  /** Switches to another conversation, keeping this one's draft. */
  switchTo(key, placeholder) {
    if (this.key) this.drafts.set(this.key, this.input.value);
    this.key = key;
    this.clearMode();
    this.input.value = this.drafts.get(key) || '';
    this.input.placeholder = placeholder;
    this.lastTypingAt = 0;
    this.autosize();
  }

  keydown(event) {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && !event.altKey) {
      event.preventDefault();
      this.submit();
    } else if (event.key === 'Escape' && this.mode) {
      event.preventDefault();
      if (this.mode === 'edit') this.input.value = '';
      this.clearMode();
      this.autosize();
    } else if (event.key === 'ArrowUp' && !this.input.value && this.handlers.editLast) {
      if (this.handlers.editLast()) event.preventDefault();
    }
  }

  submit() {
    const text = replaceShortcodes(this.input.value);
    if (!text.trim()) return;
    if (this.mode === 'edit') {
      if (text !== this.target.body) this.handlers.edit(this.target, text);
    } else {
      this.handlers.send(text, this.mode === 'reply' ? this.target.message_id : null);
    }
    this.input.value = '';
    this.lastTypingAt = 0;
    this.clearMode();
    this.autosize();
  }

  /** Puts text at the caret (in place of a selection), as if typed. */
  insert(text) {
    const { selectionStart: from, selectionEnd: to, value } = this.input;
    this.input.value = value.slice(0, from) + text + value.slice(to);
    this.input.focus();
    this.input.setSelectionRange(from + text.length, from + text.length);
    this.input.dispatchEvent(new Event('input', { bubbles: true }));
  }

  replyTo(message) {
    this.setMode('reply', message, 'Replying to', this.handlers.participant(message.sender).displayName);
    this.input.focus();
  }

  edit(message) {
    this.setMode('edit', message, 'Editing message', '');
    this.input.value = message.body;
    this.autosize();
    this.input.focus();
    this.input.setSelectionRange(this.input.value.length, this.input.value.length);
  }

  setMode(mode, message, label, who) {
    this.mode = mode;
    this.target = message;
    clear(this.context);
    this.context.hidden = false;
    this.context.dataset.mode = mode;
    append(this.context, [
      icon(mode === 'edit' ? 'edit' : 'reply'),
      h('span', { class: 'composer-context-label' }, label, who ? ' ' : null, who ? h('strong', null, who) : null),
      h('span', { class: 'composer-context-text' }, plainPreview(message.body, 120)),
      h('button', { type: 'button', class: 'icon-button', title: 'Cancel (Esc)', 'aria-label': 'Cancel',
        dataset: { testid: 'composer-cancel' }, onclick: () => {
          if (this.mode === 'edit') this.input.value = '';
          this.clearMode();
          this.autosize();
          this.input.focus();
        } }, icon('close'))]);
  }

  clearMode() {
    this.mode = null;
    this.target = null;
    this.context.hidden = true;
    clear(this.context);
  }

  autosize() {
    this.input.style.height = 'auto';
    this.input.style.height = `${Math.min(this.input.scrollHeight, Math.round(window.innerHeight * 0.4))}px`;
  }

  focus() {
    this.input.focus();
  }
}

/** A composer form (used in the main view and in the thread panel). */
export function composerForm(testid, label) {
  return h('form', { class: 'composer', dataset: { testid }, autocomplete: 'off' },
    h('div', { class: 'composer-context', hidden: true, dataset: { testid: 'composer-context' } }),
    h('div', { class: 'composer-box' },
      h('textarea', { rows: '1', 'aria-label': label, dataset: { testid: 'composer-input' }, maxlength: '32768',
        enterkeyhint: 'send' }),
      h('button', { type: 'button', class: 'icon-button composer-emoji', title: 'Emoji', 'aria-label': 'Insert an emoji',
        'aria-haspopup': 'dialog', dataset: { testid: 'composer-emoji' } }, icon('smile')),
      h('button', { type: 'submit', class: 'send-button', title: 'Send (Enter)', 'aria-label': 'Send',
        dataset: { testid: 'send-button' } }, icon('send'))),
    h('div', { class: 'composer-hint', 'aria-hidden': 'true' },
      h('kbd', null, 'Enter'), ' to send · ', h('kbd', null, 'Shift'), '+', h('kbd', null, 'Enter'), ' for a new line'));
}
