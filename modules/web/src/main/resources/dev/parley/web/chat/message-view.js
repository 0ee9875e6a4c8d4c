// One message as DOM: avatar or time gutter, sender line, quoted parent, body (a question for a
// human as its card), reactions, thread link, delivery ticks for our own, and the hover/focus toolbar
// of actions. System messages are notices instead: a claim's announcement, the hub's loop-guard
// notice (a warning: agents stay paused until a human writes), or any other.

import { append, h, icon } from './dom.js';
import { renderMarkdown, plainPreview } from './markdown.js';
import { fullTimeLabel, hueOf, initials, parseTime, timeLabel } from './format.js';
import { ANSWER_KEY, questionOf } from './questions.js';
import { questionCard } from './question-card.js';
import { openEmojiPicker } from './emoji-picker.js';
import { BROADCAST_KEY } from './store.js';

export const QUICK_REACTIONS = ['👍', '❤️', '😂', '🎉', '👀', '✅', '🙏', '🚀'];
const TYPE_LABELS = { ai: 'AI agent', human: 'Human', service: 'Service' };
const GROUP_WINDOW_MS = 5 * 60 * 1000;

/** An avatar: initials on a colour of the name, with an optional presence dot. */
export function avatar(participant, { size = 'md', presence = false } = {}) {
  return h('span', {
    class: `avatar avatar-${size} avatar-${participant.type}`, style: { '--hue': hueOf(participant.name) },
    'aria-hidden': 'true',
  }, initials(participant.displayName || participant.name),
  presence ? h('span', { class: `presence-dot ${participant.online ? 'online' : 'offline'}`,
    dataset: { testid: 'presence-dot', online: participant.online ? 'true' : 'false' } }) : null);
}

/** The small AI / human / service mark next to a name. */
export function typeBadge(type) {
  const known = TYPE_LABELS[type] ? type : 'service'; // any type but human and ai is a service
  return h('span', { class: `type-badge type-${known}`, title: TYPE_LABELS[known], dataset: { testid: 'type-badge',
    type: known } }, icon(known, TYPE_LABELS[known]));
}

/** Whether a message continues the previous one's group (same sender, same day, within 5 minutes). */
export function continues(prev, message) {
  if (!prev || prev.sender !== message.sender || message.reply_to || prev.message_type === 'system'
      || message.message_type === 'system') return false;
  const a = parseTime(prev.created_at);
  const b = parseTime(message.created_at);
  return a.toDateString() === b.toDateString() && b - a < GROUP_WINDOW_MS;
}

/**
 * Renders a message.
 * @param ctx {me, store, questions (a QuestionBook), grouped, inThread, actions: {react, toggleReaction, reply,
 *            thread, edit, remove, retry, discard, jump, needParent}}
 */
export function renderMessage(message, ctx) {
  const own = message.sender === ctx.me;
  const sender = ctx.store.participant(message.sender);
  const time = parseTime(message.created_at);
  const data = { testid: 'message', messageId: message.message_id, sender: message.sender,
    seq: message.seq != null ? String(message.seq) : null, status: own ? message.status : null };
  if (message.message_type === 'system') return notice(message, sender, time, data, ctx);
  const question = !message.deleted && ctx.questions && questionOf(message) ? ctx.questions.of(message) : null;
  const classes = ['msg'];
  if (question) classes.push('msg-question');
  if (ctx.grouped) classes.push('msg-grouped');
  if (own) classes.push('msg-own');
  if (message.deleted) classes.push('msg-is-deleted');
  if (message.priority === 'urgent') classes.push('msg-urgent');
  if (message.status === 'pending' || message.status === 'failed') classes.push(`msg-${message.status}`);
  if (!own && ctx.me && message.mentions?.includes(ctx.me)) classes.push('msg-mentions-me');

  const node = h('div', {
    class: classes.join(' '), tabindex: '-1', role: 'article', dataset: data,
    'aria-label': `${sender.displayName}, ${timeLabel(time)}`,
  });
  append(node, [
    h('div', { class: 'msg-gutter' }, ctx.grouped
      ? h('time', { class: 'msg-gutter-time', datetime: message.created_at, title: fullTimeLabel(time) }, timeLabel(time))
      : avatar(sender)),
    h('div', { class: 'msg-main' },
      ctx.grouped ? null : header(message, sender, time),
      message.reply_to && !ctx.isThreadRoot ? quote(message.reply_to, ctx) : null,
      question ? questionCard(question, ctx) : body(message, ctx),
      question || answers(message) ? null : metadata(message),
      reactions(message, ctx),
      !ctx.inThread && !message.deleted && isRoot(message, ctx.store) && ctx.store.replyCount(message.message_id) > 0
        ? threadLink(message, ctx) : null,
      message.status === 'failed' ? failure(message, ctx) : null),
    own ? status(message) : null,
    message.deleted || message.status === 'pending' || message.status === 'failed' ? null : toolbar(message, own, ctx)]);
  return node;
}

const NOTICES = {
  'loop-guard': { icon: 'pause', label: 'Agents paused' },
  claim: { icon: 'lock', label: null },
  system: { icon: 'info', label: null },
};

/**
 * A system message as a notice, apart from the chat: a claim's names its holder (the sender) before the hub's words;
 * the loop guard's (from the hub itself) is a warning, since the agents stay stopped until a human writes.
 */
function notice(message, sender, time, data, ctx) {
  const meta = message.metadata || {};
  const kind = meta.parley_loop_guard ? 'loop-guard' : meta.parley_claim ? 'claim' : 'system';
  const { icon: iconName, label } = NOTICES[kind];
  const byHub = message.sender === 'parley';
  return h('div', {
    class: `msg msg-system notice-${kind}`, tabindex: '-1', role: 'note', dataset: { ...data, notice: kind },
    'aria-label': label || `Notice from ${sender.displayName}`,
  },
  icon(iconName),
  h('div', { class: 'msg-system-text', dataset: { testid: 'notice-text' } },
    label ? [h('strong', { class: 'notice-label' }, label), ' '] : null,
    byHub || label ? null : [h('strong', { class: 'notice-who' }, sender.displayName), ' '],
    renderMarkdown(message.body, { me: ctx.me })),
  h('time', { datetime: message.created_at, title: fullTimeLabel(time) }, timeLabel(time)));
}

/** Whether a message announces a question's answer (the question's card shows it: no raw metadata under it). */
function answers(message) {
  return !!message.metadata?.[ANSWER_KEY] && !!message.reply_to;
}

function header(message, sender, time) {
  return h('div', { class: 'msg-head' },
    h('span', { class: 'msg-sender', style: { '--hue': hueOf(sender.name) }, dataset: { testid: 'message-sender' } },
      sender.displayName),
    typeBadge(sender.type),
    message.to ? h('span', { class: 'msg-to', title: 'Sent to this participant only' }, '→ ' + message.to) : null,
    message.priority === 'urgent' ? h('span', { class: 'msg-priority' }, 'urgent') : null,
    h('time', { class: 'msg-time', datetime: message.created_at, title: fullTimeLabel(time) }, timeLabel(time)));
}

function quote(parentId, ctx) {
  const parent = ctx.store.find(parentId);
  if (!parent) ctx.actions.needParent(parentId);
  const who = parent ? ctx.store.participant(parent.sender).displayName : '';
  const text = !parent ? 'Loading…' : parent.deleted ? 'This message was deleted' : plainPreview(parent.body, 160);
  return h('button', { type: 'button', class: 'msg-quote', dataset: { testid: 'message-quote', replyTo: parentId },
    title: 'Show the message this replies to', onclick: () => ctx.actions.jump(parentId) },
  icon('reply'), who ? h('span', { class: 'msg-quote-sender' }, who) : null, h('span', { class: 'msg-quote-text' }, text));
}

function body(message, ctx) {
  if (message.deleted) {
    return h('div', { class: 'msg-body msg-deleted', dataset: { testid: 'message-body' } }, 'This message was deleted');
  }
  let content;
  if (message.message_type === 'code') {
    content = h('pre', { class: 'md-code-block' }, h('code', null, message.body));
  } else if (message.message_type === 'action') {
    content = h('p', { class: 'msg-action' }, h('em', null, renderMarkdown(message.body, { me: ctx.me })));
  } else if (message.message_type === 'file_ref') {
    content = h('p', { class: 'msg-file' }, icon('file'), ' ', message.body);
  } else {
    content = renderMarkdown(message.body, { me: ctx.me });
  }
  return h('div', { class: 'msg-body md', dataset: { testid: 'message-body' } }, content,
    message.edited_at ? h('span', { class: 'msg-edited', dataset: { testid: 'edited-mark' },
      title: 'Edited ' + fullTimeLabel(parseTime(message.edited_at)) }, '(edited)') : null);
}

/** The message's data, but for the page's own thread flag (which decides where the reply shows instead). */
function metadata(message) {
  const shown = { ...message.metadata };
  delete shown[BROADCAST_KEY];
  const keys = Object.keys(shown);
  if (!keys.length || message.deleted) return null;
  return h('details', { class: 'msg-metadata' },
    h('summary', null, icon('braces'), ` data (${keys.length} field${keys.length === 1 ? '' : 's'})`),
    h('pre', null, JSON.stringify(shown, null, 2)));
}

function reactions(message, ctx) {
  if (!message.reactions.size || message.deleted) return null;
  return h('div', { class: 'msg-reactions', dataset: { testid: 'reactions' } },
    Array.from(message.reactions, ([emoji, who]) => {
      const mine = who.has(ctx.me);
      const names = Array.from(who).map((n) => ctx.store.participant(n).displayName).join(', ');
      return h('button', {
        type: 'button', class: mine ? 'reaction mine' : 'reaction', 'aria-pressed': mine ? 'true' : 'false',
        title: `${names} reacted with ${emoji}`, dataset: { testid: 'reaction', emoji, count: String(who.size) },
        onclick: () => ctx.actions.toggleReaction(message, emoji),
      }, h('span', { class: 'reaction-emoji' }, emoji), h('span', { class: 'reaction-count' }, String(who.size)));
    }));
}

/** A thread's first message as far as the page knows (a reply's replies count on its root instead). */
function isRoot(message, store) {
  return !message.reply_to || !store.find(message.reply_to);
}

function threadLink(message, ctx) {
  const count = ctx.store.replyCount(message.message_id);
  return h('button', { type: 'button', class: 'thread-link', dataset: { testid: 'thread-link' },
    onclick: () => ctx.actions.thread(message) }, icon('thread'), `${count} ${count === 1 ? 'reply' : 'replies'}`);
}

function failure(message, ctx) {
  return h('div', { class: 'msg-failure', role: 'alert' }, icon('alert'), ` Not sent: ${message.error || 'error'} `,
    h('button', { type: 'button', class: 'link-button', onclick: () => ctx.actions.retry(message) }, 'Retry'), ' · ',
    h('button', { type: 'button', class: 'link-button', onclick: () => ctx.actions.discard(message) }, 'Discard'));
}

const STATUS = {
  pending: { icon: 'clock', ticks: '0', title: 'Sending…' },
  failed: { icon: 'alert', ticks: '0', title: 'Not sent' },
  sent: { icon: 'check', ticks: '1', title: 'Sent' },
  delivered: { icon: 'check', ticks: '1', title: 'Delivered' },
  read: { icon: 'checks', ticks: '2', title: 'Read' },
};

function status(message) {
  const state = STATUS[message.status] || STATUS.sent;
  const readers = Array.from(message.readers);
  const title = message.status === 'read' && readers.length ? `Read by ${readers.join(', ')}` : state.title;
  return h('span', { class: `msg-status status-${message.status || 'sent'}`, title, 'aria-label': title,
    dataset: { testid: 'message-status', status: message.status || 'sent', ticks: state.ticks } }, icon(state.icon));
}

function toolbar(message, own, ctx) {
  const button = (name, label, onclick, testid) => h('button', { type: 'button', class: 'icon-button', title: label,
    'aria-label': label, dataset: { testid }, onclick }, icon(name));
  const bar = h('div', { class: 'msg-actions', role: 'toolbar', 'aria-label': 'Message actions' });
  append(bar, [
    button('smile', 'Add reaction', (event) => togglePicker(bar, message, ctx, event), 'action-react'),
    button('reply', 'Reply', () => ctx.actions.reply(message), 'action-reply'),
    ctx.inThread ? null : button('thread', 'Open thread', () => ctx.actions.thread(message), 'action-thread'),
    ctx.actions.copyLink ? button('link', 'Copy link', () => ctx.actions.copyLink(message), 'action-copy-link') : null,
    own ? button('edit', 'Edit', () => ctx.actions.edit(message), 'action-edit') : null,
    own ? button('trash', 'Delete', () => ctx.actions.remove(message), 'action-delete') : null]);
  return bar;
}

function togglePicker(bar, message, ctx, event) {
  event.stopPropagation();
  const open = bar.querySelector('.reaction-picker');
  if (open) {
    open.remove();
    return;
  }
  document.querySelectorAll('.reaction-picker').forEach((p) => p.remove());
  const picker = h('div', { class: 'reaction-picker', role: 'menu', dataset: { testid: 'reaction-picker' } },
    QUICK_REACTIONS.map((emoji) => h('button', {
      type: 'button', role: 'menuitem', class: 'reaction-choice', title: `React with ${emoji}`,
      dataset: { testid: 'reaction-choice', emoji }, onclick: (e) => {
        e.stopPropagation();
        picker.remove();
        ctx.actions.toggleReaction(message, emoji);
      },
    }, emoji)),
    h('button', {
      type: 'button', role: 'menuitem', class: 'reaction-choice reaction-more', title: 'More reactions',
      'aria-label': 'More reactions', 'aria-haspopup': 'dialog', dataset: { testid: 'reaction-more' }, onclick: (e) => {
        e.stopPropagation();
        picker.remove();
        openEmojiPicker(bar.querySelector('[data-testid="action-react"]'),
          (emoji) => ctx.actions.toggleReaction(message, emoji), 'Add a reaction');
      },
    }, '+'));
  picker.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      picker.remove();
      bar.querySelector('[data-testid="action-react"]')?.focus();
    }
  });
  bar.append(picker);
  bar.closest('.msg')?.classList.add('msg-picking');
  picker.querySelector('button').focus();
  const close = (e) => {
    if (!picker.contains(e.target)) {
      picker.remove();
      document.removeEventListener('click', close, true);
    }
  };
  setTimeout(() => document.addEventListener('click', close, true));
  const observer = new MutationObserver(() => {
    if (!picker.isConnected) {
      bar.closest('.msg')?.classList.remove('msg-picking');
      observer.disconnect();
    }
  });
  observer.observe(bar, { childList: true });
}
