// The message list of the open channel: date separators, grouping, scroll position, loading older
// messages at the top, the "new messages" button when the reader has scrolled up, and the "New" line
// above the first unread message (unread-divider.js).

import { byTestId, clear, h, icon, refocus } from './dom.js';
import { continues, renderMessage } from './message-view.js';
import { dayKey, dayLabel, parseTime } from './format.js';
import { inChannelView } from './store.js';
import { UnreadDivider } from './unread-divider.js';

const NEAR_TOP_PX = 240;
const AT_BOTTOM_PX = 48;

export class Timeline {
  /**
   * @param scroller the scrolling element; its child [data-testid=message-list-items] holds the items
   * @param ctx {store, me, actions, loadOlder(channel), reachedBottom()}
   */
  constructor(scroller, newButton, ctx) {
    this.scroller = scroller;
    this.items = byTestId('message-list-items', scroller);
    this.newButton = newButton;
    this.ctx = ctx;
    this.channel = null;
    this.nodes = new Map();
    this.unseen = 0;
    scroller.addEventListener('scroll', () => this.scrolled(), { passive: true });
    scroller.addEventListener('keydown', (event) => this.keydown(event));
    newButton.addEventListener('click', () => this.scrollToBottom(true));
    this.divider = new UnreadDivider(scroller, byTestId('jump-unread'), ctx.me);
    new ResizeObserver(() => { if (this.stuck) this.scroller.scrollTop = this.scroller.scrollHeight; }).observe(this.items);
    this.stuck = true;
  }

  /** Opens a channel: everything rendered, scrolled to the newest message. */
  show(channel) {
    this.channel = channel;
    this.unseen = 0;
    this.divider.opened(channel);
    this.render({ bottom: true });
    this.updateNewButton();
  }

  messages() {
    return this.channel ? [...this.channel.list, ...this.channel.pending].filter(inChannelView) : [];
  }

  /** Renders everything again, keeping what the reader looks at where it was. */
  render(anchor = this.anchor()) {
    const focused = this.items.contains(document.activeElement) ? document.activeElement : null;
    const focusedId = focused?.closest('.msg')?.dataset.messageId;
    clear(this.items);
    this.nodes.clear();
    if (!this.channel) return;
    this.items.append(this.topItem());
    const firstUnread = this.divider.place(this.channel, this.channel.list);
    let prev = null;
    let lineShown = false;
    for (const message of this.messages()) {
      if (!lineShown && firstUnread != null && message.seq != null && message.seq >= firstUnread) {
        this.items.append(this.divider.render()); // above the first shown one: the first unread may be in a thread
        lineShown = true;
      }
      this.appendItem(message, prev);
      prev = message;
    }
    this.restore(anchor);
    this.divider.updateButton();
    const node = focusedId && this.nodes.get(focusedId);
    if (node) this.refocus(focused, node);
  }

  /** After `node` replaced the message that held the focus: on the same control of its question card, else on it. */
  refocus(focused, node) {
    if (!(focused.closest('.question-card') && refocus(focused, node))) node.focus({ preventScroll: true });
  }

  topItem() {
    const channel = this.channel;
    if (channel.hasMore || !channel.loaded) {
      return h('div', { class: 'history-loader', dataset: { testid: 'history-loader' }, role: 'status' },
        h('span', { class: 'spinner', 'aria-hidden': 'true' }), 'Loading earlier messages…');
    }
    const title = this.ctx.store.title(channel);
    return h('div', { class: 'timeline-start', dataset: { testid: 'timeline-start' } },
      h('div', { class: 'timeline-start-icon' }, icon(channel.type === 'dm' ? 'at' : 'hash')),
      h('h2', null, channel.type === 'dm' ? title : `Welcome to #${title}`),
      h('p', null, channel.type === 'dm'
        ? `This is the beginning of your conversation with ${title}.`
        : channel.topic || `This is the very beginning of #${title}.`));
  }

  appendItem(message, prev) {
    const time = parseTime(message.created_at);
    if (!prev || dayKey(parseTime(prev.created_at)) !== dayKey(time)) {
      this.items.append(h('div', { class: 'day-separator', role: 'separator', dataset: { testid: 'day-separator' } },
        h('span', null, dayLabel(time))));
    }
    const node = this.renderOne(message, prev);
    this.nodes.set(message.message_id, node);
    this.items.append(node);
    return node;
  }

  renderOne(message, prev) {
    return renderMessage(message, { ...this.ctx, grouped: continues(prev, message) });
  }

  /** A message arrived at the end of the open channel. */
  appended(id) {
    const list = this.messages();
    const message = list[list.length - 1];
    if (!message || message.message_id !== id || this.nodes.has(id)) {
      this.render();
      return;
    }
    const wasAtBottom = this.atBottom();
    this.appendItem(message, list[list.length - 2] || null);
    if (wasAtBottom || message.sender === this.ctx.me) {
      this.scrollToBottom(false);
    } else {
      this.unseen++;
      this.updateNewButton();
    }
  }

  /** One message changed (edit, reaction, status): replaced in place. */
  updated(id) {
    const old = this.nodes.get(id);
    if (!old) return;
    const list = this.messages();
    const index = list.findIndex((m) => m.message_id === id);
    if (index < 0) {
      this.render();
      return;
    }
    const keepBottom = this.atBottom();
    const focused = old.contains(document.activeElement) ? document.activeElement : null;
    const node = this.renderOne(list[index], list[index - 1] || null);
    old.replaceWith(node);
    this.nodes.set(id, node);
    if (focused) this.refocus(focused, node);
    if (keepBottom) this.scroller.scrollTop = this.scroller.scrollHeight;
  }

  anchor() {
    if (this.atBottom()) return { bottom: true };
    const top = this.scroller.scrollTop;
    for (const [id, node] of this.nodes) {
      if (node.offsetTop + node.offsetHeight > top) return { id, offset: node.offsetTop - top };
    }
    return { bottom: true };
  }

  restore(anchor) {
    const node = anchor.id && this.nodes.get(anchor.id);
    if (node) {
      this.scroller.scrollTop = node.offsetTop - anchor.offset;
      this.stuck = false;
    } else {
      this.scroller.scrollTop = this.scroller.scrollHeight;
      this.stuck = true;
    }
    this.maybeLoadOlder();
  }

  atBottom() {
    const s = this.scroller;
    return s.scrollHeight - s.scrollTop - s.clientHeight < AT_BOTTOM_PX;
  }

  scrollToBottom(smooth) {
    this.scroller.scrollTo({ top: this.scroller.scrollHeight, behavior: smooth ? 'smooth' : 'auto' });
    this.stuck = true;
    this.unseen = 0;
    this.updateNewButton();
    if (!smooth) this.ctx.reachedBottom();
  }

  scrolled() {
    this.stuck = this.atBottom();
    if (this.stuck) {
      if (this.unseen) {
        this.unseen = 0;
        this.updateNewButton();
      }
      this.ctx.reachedBottom();
    }
    this.maybeLoadOlder();
  }

  maybeLoadOlder() {
    const channel = this.channel;
    if (channel && channel.loaded && channel.hasMore && !channel.loadingOlder && this.scroller.scrollTop < NEAR_TOP_PX) {
      this.ctx.loadOlder(channel);
    }
  }

  updateNewButton() {
    this.newButton.hidden = this.unseen === 0;
    this.newButton.dataset.count = String(this.unseen);
    byTestId('new-messages-label', this.newButton).textContent =
      this.unseen === 1 ? '1 new message' : `${this.unseen} new messages`;
  }

  /** Scrolls a message into view and makes it blink once; false if it is not in the list. */
  reveal(id) {
    const node = this.nodes.get(id);
    if (!node) return false;
    node.scrollIntoView({ block: 'center' });
    this.stuck = this.atBottom();
    node.classList.remove('msg-flash');
    void node.offsetWidth; // restart the animation
    node.classList.add('msg-flash');
    node.focus({ preventScroll: true });
    return true;
  }

  /** Up/Down move between messages, so their actions are reachable from the keyboard. */
  keydown(event) {
    if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
    if (event.target.closest('.reaction-picker, input, textarea')) return;
    const nodes = Array.from(this.items.querySelectorAll('.msg'));
    if (!nodes.length) return;
    const current = event.target.closest('.msg');
    let index = current ? nodes.indexOf(current) : nodes.length;
    index += event.key === 'ArrowUp' ? -1 : 1;
    if (index < 0 || index >= nodes.length) return;
    event.preventDefault();
    nodes[index].focus();
    nodes[index].scrollIntoView({ block: 'nearest' });
  }
}
