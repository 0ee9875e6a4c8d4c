// The side panel: a thread (its root, the replies, and a composer for replying in it), search
// results, the hub's live claims (claims-panel.js) or the open questions for a human
// (questions-panel.js). One panel at a time; on phones it covers the screen.

import { byTestId, clear, h } from './dom.js';
import { Composer, composerForm } from './composer.js';
import { MentionComplete } from './mention-complete.js';
import { EmojiComplete } from './emoji-complete.js';
import { ClaimsView } from './claims-panel.js';
import { QuestionsView } from './questions-panel.js';
import { continues, renderMessage } from './message-view.js';
import { fullTimeLabel, parseTime, sinceLabel } from './format.js';
import { plainPreview } from './markdown.js';

export class SidePanel {
  /**
   * @param root the <aside> with [data-testid=panel-title], [data-testid=panel-close] and [data-testid=panel-body]
   * @param ctx {store, me, actions, api, claims (a ClaimBook), questions (a QuestionBook), toast(text), requestThread(id),
   *            sendReply(channelId, text, rootId, broadcast), jumpTo(message), onToggle(open),
 *            mentionCandidates() (the participants @ completes)}
   */
  constructor(root, ctx) {
    this.root = root;
    this.ctx = ctx;
    this.title = byTestId('panel-title', root);
    this.body = byTestId('panel-body', root);
    this.kind = null;
    this.rootId = null;
    this.view = null;
    byTestId('panel-close', root).addEventListener('click', () => this.close());
  }

  get isOpen() {
    return !this.root.hidden;
  }

  show(kind, title) {
    this.disposeView();
    this.kind = kind;
    this.root.hidden = false;
    this.root.dataset.kind = kind;
    this.title.textContent = title;
    clear(this.body);
    this.ctx.onToggle(true);
  }

  close() {
    if (this.root.hidden) return;
    this.root.hidden = true;
    this.disposeView();
    this.kind = null;
    this.rootId = null;
    clear(this.body);
    this.ctx.onToggle(false);
  }

  /** Stops a view that listens for changes (claims, questions) from updating a body it no longer owns. */
  disposeView() {
    this.view?.dispose();
    this.view = null;
  }

  // ---- threads ---------------------------------------------------------------------------------

  /**
   * Opens the thread a message belongs to: a reply opens its root's thread, so replies stay in one thread.
   * Every reply from here goes to the root; it stays in the thread unless "Also send to #channel" is ticked
   * (ticked for one reply at a time, as in Slack).
   */
  openThread(message) {
    this.show('thread', 'Thread');
    const root = this.ctx.store.rootOf(message);
    this.rootId = root.message_id;
    this.threadList = h('div', { class: 'thread-list', dataset: { testid: 'thread-messages' } });
    const form = composerForm('thread-composer', 'Reply in thread');
    const channel = this.ctx.store.channels.get(root.channel_id || message.channel_id);
    const broadcast = h('input', { type: 'checkbox', dataset: { testid: 'thread-broadcast' } });
    form.append(h('label', { class: 'thread-broadcast' }, broadcast,
      channel?.type === 'dm' ? ' Also send as a direct message' : ` Also send to #${channel?.name || 'the channel'}`));
    this.body.append(this.threadList, form);
    this.composer = new Composer(form, {
      send: (text) => {
        this.ctx.sendReply(message.channel_id, text, this.rootId, broadcast.checked);
        broadcast.checked = false;
      },
      edit: (target, text) => this.ctx.actions.saveEdit(target, text),
      typing: () => this.ctx.typing(message.channel_id),
      participant: (name) => this.ctx.store.participant(name),
    });
    new MentionComplete(form, this.ctx.mentionCandidates);
    new EmojiComplete(form);
    this.composer.switchTo(`thread:${this.rootId}`, 'Reply in thread…');
    this.renderThread();
    this.ctx.requestThread(this.rootId);
    this.composer.focus();
  }

  /** Re-renders the thread if a change concerns it (its root or one of its replies). */
  messageChanged(id) {
    if (this.kind !== 'thread') return;
    const message = id && this.ctx.store.find(id);
    const store = this.ctx.store;
    if (!id || id === this.rootId || (message?.reply_to && store.rootOf(message).message_id === this.rootId)
        || id.startsWith('local:')) {
      this.renderThread();
    }
  }

  renderThread() {
    const store = this.ctx.store;
    const root = store.find(this.rootId);
    clear(this.threadList);
    if (!root) {
      this.threadList.append(h('p', { class: 'panel-note' }, 'Loading thread…'));
      return;
    }
    const channel = store.channels.get(root.channel_id);
    const replies = store.threadOf(this.rootId).map((id) => store.find(id))
      .filter((m) => m && !m.deleted)
      .concat(channel ? channel.pending.filter((m) => m.reply_to === this.rootId) : [])
      .sort((a, b) => (a.seq ?? Infinity) - (b.seq ?? Infinity) || a.created_at.localeCompare(b.created_at));
    const ctx = { ...this.ctx, inThread: true };
    this.threadList.append(
      renderMessage(root, { ...ctx, grouped: false, isThreadRoot: true }),
      h('div', { class: 'thread-count', dataset: { testid: 'thread-count' } },
        `${replies.length} ${replies.length === 1 ? 'reply' : 'replies'}`));
    let prev = null;
    for (const reply of replies) {
      this.threadList.append(renderMessage(reply, { ...ctx, grouped: continues(prev, reply), isThreadRoot: true }));
      prev = reply;
    }
    this.threadList.scrollTop = this.threadList.scrollHeight;
  }

  // ---- claims ----------------------------------------------------------------------------------

  /** The hub's live claims, asked for again now (frames keep them current while the view is open). */
  openClaims() {
    this.show('claims', 'Claims');
    const { claims, store, me, api, toast } = this.ctx;
    this.view = new ClaimsView(this.body, { book: claims, store, me, api, toast });
    this.view.focus();
    claims.load();
  }

  // ---- questions -------------------------------------------------------------------------------

  /** The open questions for a human, asked for again now (messages keep them current while the view is open). */
  openQuestions() {
    this.show('questions', 'Questions');
    const { questions, store, me, jumpTo } = this.ctx;
    this.view = new QuestionsView(this.body, { questions, store, me, jumpTo });
    this.view.focus();
    questions.load();
  }

  // ---- search ----------------------------------------------------------------------------------

  async search(query) {
    this.show('search', `Search: ${query}`);
    const status = h('p', { class: 'panel-note', role: 'status', dataset: { testid: 'search-status' } }, 'Searching…');
    const results = h('ul', { class: 'search-results', dataset: { testid: 'search-results' } });
    this.body.append(status, results);
    try {
      const found = await this.ctx.api.search(query);
      if (this.kind !== 'search') return;
      status.textContent = found.length ? `${found.length} message${found.length === 1 ? '' : 's'} found`
        : `No messages match “${query}”.`;
      results.append(...found.map((m) => this.result(m, query)));
    } catch (e) {
      status.textContent = `Search failed: ${e.message}`;
    }
  }

  result(wire, query) {
    const store = this.ctx.store;
    const time = parseTime(wire.created_at);
    const channel = store.channel(wire.channel_id) || { name: wire.channel_name, type: 'group' };
    const where = channel.type === 'dm' ? `@${store.title(channel)}` : `#${channel.name || wire.channel_name}`;
    return h('li', null, h('button', {
      type: 'button', class: 'search-result', dataset: { testid: 'search-result', messageId: wire.message_id },
      onclick: () => this.ctx.jumpTo(wire),
    },
    h('span', { class: 'search-result-head' }, h('span', { class: 'search-result-where' }, where), ' · ',
      h('strong', null, store.participant(wire.sender).displayName),
      h('time', { datetime: wire.created_at, title: fullTimeLabel(time) }, sinceLabel(time))),
    h('span', { class: 'search-result-text' }, highlight(plainPreview(wire.body, 200), query))));
  }
}

/** The text with every case-insensitive occurrence of the query in <mark> (as text nodes, never markup). */
function highlight(text, query) {
  const nodes = [];
  const lower = text.toLowerCase();
  const needle = query.toLowerCase();
  let from = 0;
  let at = needle ? lower.indexOf(needle) : -1;
  while (at >= 0) {
    if (at > from) nodes.push(text.slice(from, at));
    nodes.push(h('mark', null, text.slice(at, at + needle.length)));
    from = at + needle.length;
    at = lower.indexOf(needle, from);
  }
  nodes.push(text.slice(from));
  return nodes;
}
