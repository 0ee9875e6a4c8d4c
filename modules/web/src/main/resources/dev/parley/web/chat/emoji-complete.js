// ":" completion in a composer, as Slack does it: ":" and two or more letters of an emoji's name or
// shortcode list the matching emoji; Up/Down, Enter or Tab, Escape work as for @name completion
// (mention-complete.js, whose list this is), and the pick puts the emoji itself in place of ":que".

import { h } from './dom.js';
import { MentionComplete } from './mention-complete.js';
import { searchEmoji } from './emoji.js';

const QUERY = /(^|[\s(]):([a-z0-9_+-]{2,})$/i;
const MAX_SHOWN = 8;

export class EmojiComplete extends MentionComplete {
  constructor(form) {
    super(form, () => [], { label: 'Emoji', testid: 'emoji-menu' });
  }

  get pattern() {
    return QUERY;
  }

  find(text) {
    return searchEmoji(text, MAX_SHOWN);
  }

  option(e) {
    return { dataset: { testid: 'emoji-suggestion', emoji: e.emoji },
      content: [h('span', { class: 'emoji-option-glyph', 'aria-hidden': 'true' }, e.emoji),
        h('span', { class: 'mention-option-name' }, e.name), h('span', { class: 'emoji-option-code' }, `:${e.codes[0]}:`)] };
  }

  inserted(e) {
    return `${e.emoji} `;
  }
}
