// The "New" line above the first message the reader had not read when they opened the channel, and the
// "Jump to first unread" button while that line is above the visible part of the list. The line stays
// where it was put until another channel is opened (as in Slack), however the reading goes on meanwhile.
//
// The first unread message is found from the hub's unread count (GET /api/unread): the count is of
// messages from others, not deleted, sent to everyone or to the reader, after their read cursor, so the
// count-th such message from the newest end is the first unread one. When fewer are loaded than counted,
// the line goes above the oldest loaded one (the ones before it are still to be paged in).

import { h } from './dom.js';

export class UnreadDivider {
  /** @param button the "Jump to first unread" button; me the reader's name */
  constructor(scroller, button, me) {
    this.scroller = scroller;
    this.button = button;
    this.me = me;
    this.unreadAtOpen = 0;
    this.seq = null;
    this.node = null;
    button.addEventListener('click', () => this.jump());
    scroller.addEventListener('scroll', () => this.updateButton(), { passive: true });
  }

  /** A channel was opened: its unread count then decides where the line goes, once its messages are there. */
  opened(channel) {
    this.unreadAtOpen = channel.unread || 0;
    this.seq = null;
    this.node = null;
    this.button.hidden = true;
  }

  /** The seq of the first unread message (the line goes above it), worked out once the channel's messages are loaded. */
  place(channel, messages) {
    if (!this.unreadAtOpen || this.seq != null || !channel.loaded) return this.seq;
    let left = this.unreadAtOpen;
    let first = null;
    for (let i = messages.length - 1; i >= 0 && left > 0; i--) {
      const m = messages[i];
      if (m.sender === this.me || m.deleted || m.seq == null || (m.to && m.to !== this.me)) continue;
      first = m;
      left--;
    }
    this.seq = first ? first.seq : null;
    return this.seq;
  }

  /** The line, to be put before the first message place() named or any after it. */
  render() {
    this.node = h('div', { class: 'unread-divider', role: 'separator', 'aria-label': 'New messages below',
      dataset: { testid: 'unread-divider' } }, h('span', null, 'New'));
    return this.node;
  }

  /** Shows the jump button while the line is above what the list shows. */
  updateButton() {
    const node = this.node?.isConnected ? this.node : null;
    this.button.hidden = !node || node.offsetTop + node.offsetHeight > this.scroller.scrollTop;
  }

  jump() {
    this.node?.scrollIntoView({ block: 'start', behavior: 'auto' });
    this.updateButton();
    let next = this.node?.nextElementSibling;
    while (next && !next.classList.contains('msg')) next = next.nextElementSibling; // past a day separator
    next?.focus({ preventScroll: true });
  }
}
