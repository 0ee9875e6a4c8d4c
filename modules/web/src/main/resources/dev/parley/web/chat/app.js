// The chat once signed in: wires the connection, the store and the views, and decides what each
// frame means for the page (unread counts, read receipts, notifications, history paging).
//
// Reading: the open channel is marked read (mark_read, up to its newest seq) when the tab is visible
// and the reader is at the bottom of the list; unread counts come from GET /api/unread after every (re)connect and are
// counted up live in between.
//
// Mentions: a message whose `mentions` name the reader counts toward the channel's mention badge
// while unread, and is notified even when ordinary messages would not be (another channel open).
//
// Claims: the hub's live claims are loaded after every (re)connect (frames missed while offline are
// not replayed) and kept current from claim_changed frames; the Claims button counts them.
//
// Questions for a human: the open ones are loaded after every (re)connect and kept current from
// messages (questions.js); a question message renders as its card, which changes in place when the
// question does; the Questions button counts the open ones; a new one notifies while the tab is hidden.
//
// Keys: a key new to this browser (made by the sign-in form, or issued by the hub in auth_ok) is
// shown once in the key dialog after the hub accepted it; the key button shows it again after a
// confirmation; signing out forgets it, with a warning first while it was never copied.

import { byTestId, h } from './dom.js';
import { ApiError, Api } from './api.js';
import { BROADCAST_KEY, ChatStore } from './store.js';
import { Connection } from './connection.js';
import { Timeline } from './timeline.js';
import { Sidebar } from './sidebar.js';
import { Composer, composerForm } from './composer.js';
import { SidePanel } from './panels.js';
import { ClaimBook } from './claims.js';
import { claimsButton } from './claims-panel.js';
import { QuestionBook, questionOf } from './questions.js';
import { questionsButton } from './questions-panel.js';
import { startQuestionCountdowns } from './question-card.js';
import { Notifier } from './notify.js';
import { MentionComplete } from './mention-complete.js';
import { EmojiComplete } from './emoji-complete.js';
import { ProfileCard } from './profile-card.js';
import { browseDialog, confirmDialog, createChannelDialog, keyDialog } from './dialogs.js';
import { channelMenuDialog } from './channel-menu.js';
import { ChatHeader } from './header.js';
import { History } from './history.js';
import { randomId } from './format.js';
import { openShortcutsHelp, shortcutOf } from './shortcuts.js';
import { copyText, messageIdInAddress, messageLink } from './message-link.js';
import * as settings from './settings.js';

const PRESENCE_REFRESH_MS = 60000;

export class ChatApp {
  /** @param handlers {authFailed(detail), signOut()} */
  constructor(identity, handlers) {
    this.identity = identity;
    this.handlers = handlers;
    this.me = identity.name;
    this.api = new Api(identity);
    this.store = new ChatStore(this.me);
    this.claims = new ClaimBook(this.api);
    this.questions = new QuestionBook(this.api);
    this.connection = new Connection(identity);
    this.history = new History(this.connection, this.store, this.api, (channelId) => {
      if (channelId === this.store.activeId) this.markReadSoon();
    });
    this.readUpTo = new Map(); // channel id -> the seq this page last marked read
    this.replaying = true;
    this.unreadInFlight = false;
    this.root = byTestId('app');
    this.actions = this.messageActions();
    this.buildViews();
  }

  // ---- setup -----------------------------------------------------------------------------------

  buildViews() {
    const store = this.store;
    const ctx = { store, me: this.me, actions: this.actions, questions: this.questions };
    this.sidebar = new Sidebar(byTestId('sidebar'), store, {
      open: (id) => this.openChannel(id),
      dm: (name) => this.openDm(name),
      profile: (name, button) => this.profileCard.open(name, button),
    });
    this.profileCard = new ProfileCard(this.api, store, { dm: (name) => this.openDm(name) });
    this.header = new ChatHeader(this.root, store, this.connection, {
      search: (q) => this.panel.search(q),
      toggleSidebar: (open) => this.toggleSidebar(open),
      signOut: () => this.signOut(),
      channelMenu: () => this.openChannelMenu(store.channels.get(store.activeId), this.me),
    });
    this.timeline = new Timeline(byTestId('message-list'), byTestId('new-messages'), {
      ...ctx,
      loadOlder: (channel) => this.history.request(channel, true).catch(() => {}),
      reachedBottom: () => this.markReadSoon(),
    });
    const form = composerForm('composer', 'Message');
    byTestId('composer-slot').append(form);
    this.composer = new Composer(form, {
      send: (text, replyTo) => this.send(this.store.activeId, text, replyTo),
      edit: (message, text) => this.actions.saveEdit(message, text),
      typing: () => this.typing(this.store.activeId),
      editLast: () => this.editLast(),
      participant: (name) => store.participant(name),
    });
    const mentionCandidates = () => Array.from(store.participants.values()).filter((p) => p.name !== this.me);
    this.mentionComplete = new MentionComplete(form, mentionCandidates);
    new EmojiComplete(form);
    this.panel = new SidePanel(byTestId('side-panel'), {
      ...ctx,
      mentionCandidates,
      actions: { ...this.actions, reply: () => this.panel.composer?.focus() },
      api: this.api,
      claims: this.claims,
      toast: (text) => this.toast(text),
      requestThread: (id) => this.connection.send({ type: 'thread', message_id: id }),
      sendReply: (channelId, text, rootId, broadcast) => this.send(channelId, text, rootId, { [BROADCAST_KEY]: broadcast }),
      typing: (channelId) => this.typing(channelId),
      jumpTo: (message) => this.jumpTo(message),
      onToggle: (open) => {
        this.root.classList.toggle('panel-open', open);
        for (const kind of ['claims', 'questions']) {
          byTestId(`${kind}-toggle`).setAttribute('aria-expanded', open && this.panel.kind === kind ? 'true' : 'false');
        }
      },
    });
    claimsButton(byTestId('claims-toggle'), this.claims);
    byTestId('claims-toggle').addEventListener('click', () => {
      if (this.panel.kind === 'claims') this.panel.close();
      else this.panel.openClaims();
    });
    questionsButton(byTestId('questions-toggle'), this.questions);
    byTestId('questions-toggle').addEventListener('click', () => {
      if (this.panel.kind === 'questions') this.panel.close();
      else this.panel.openQuestions();
    });
    this.questions.addEventListener('change', (event) => event.detail.ids.forEach((id) => store.touch(id)));
    // The hub announces an answer to everyone but the one who answered: ours is fetched into the timeline.
    this.questions.addEventListener('answered', ({ detail: { question } }) => {
      if (question.answer_id) this.api.message(question.answer_id).then((wire) => store.ingest(wire), () => {});
    });
    startQuestionCountdowns();
    this.notifier = new Notifier(byTestId('enable-notifications'), (message) => this.jumpTo(message));
    this.openCreate = createChannelDialog(byTestId('create-dialog'), (name, topic) => this.createChannel(name, topic));
    this.openBrowse = browseDialog(byTestId('browse-dialog'), () => store.joinable(), (c) => this.joinChannel(c));
    this.confirm = confirmDialog(byTestId('confirm-dialog'));
    this.keyDialog = keyDialog(byTestId('key-dialog'));
    this.openChannelMenu = channelMenuDialog(byTestId('channel-menu'), {
      change: (route, channel, fields) => this.changeChannel(route, channel, fields),
      confirm: (text, ok) => this.confirm(text, ok),
      failed: (e) => this.reportRestFailure(e),
    });
    byTestId('show-key').addEventListener('click', () => this.showKeyAgain());
    byTestId('create-channel').addEventListener('click', () => this.openCreate());
    byTestId('browse-channels').addEventListener('click', () => this.refreshChannels().finally(() => this.openBrowse()));
    byTestId('sidebar-scrim').addEventListener('click', () => this.toggleSidebar(false));

    store.addEventListener('channels', () => {
      this.sidebar.render();
      this.header.render();
      this.updateTitle();
    });
    store.addEventListener('participants', () => {
      this.sidebar.render();
      this.header.render();
    });
    store.addEventListener('messages', (event) => this.messagesChanged(event.detail));
    store.addEventListener('discovered', () => {
      clearTimeout(this.channelsTimer);
      this.channelsTimer = setTimeout(() => this.refreshChannels(), 300);
    });
    store.addEventListener('typing', (event) => {
      if (event.detail.channelId === store.activeId) this.header.renderTyping();
    });
  }

  start() {
    const c = this.connection;
    c.addEventListener('authenticated', (event) => this.authenticated(event.detail.frame, event.detail.first));
    c.addEventListener('frame', (event) => this.frame(event.detail));
    c.addEventListener('auth-failed', (event) => this.handlers.authFailed(event.detail));
    c.addEventListener('key', () => {
      this.identity.keyToShow = true;
      this.identity.keyExported = false;
      settings.saveIssuedKey(this.identity.key);
    });
    document.addEventListener('visibilitychange', () => {
      if (!document.hidden) {
        this.refreshUnread();
        this.markReadSoon();
      }
    });
    document.addEventListener('keydown', (event) => this.shortcut(event));
    window.addEventListener('hashchange', () => this.openLinkedMessage());
    window.addEventListener('pagehide', () => {
      // Leaving right after reading: say so now rather than after the debounce.
      clearTimeout(this.readTimer);
      this.markRead();
      this.connection.flushAcks();
    });
    setInterval(() => this.refreshPresence(), PRESENCE_REFRESH_MS);
    setInterval(() => {
      this.sidebar.renderPeople();
      this.header.render();
    }, 30000);
    this.root.hidden = false;
    this.header.render();
    c.start();
  }

  // ---- connection events -----------------------------------------------------------------------

  async authenticated(frame, first) {
    this.header.showAuthMode(frame.auth_mode);
    byTestId('show-key').hidden = !this.identity.key;
    if (this.identity.keyToShow) this.showNewKey();
    this.replaying = true;
    this.history.reset();
    this.store.setMemberships(frame.channels || []);
    this.claims.load();
    this.questions.load();
    const replayed = new Promise((resolve) => {
      this.replayDone = resolve;
      setTimeout(resolve, 5000); // a hub that never says `resumed` must not leave the page loading
    });
    await Promise.all([this.refreshChannels(), this.refreshPresence(), replayed]);
    if (first) {
      const remembered = this.store.channels.get(settings.lastChannel());
      const start = remembered && remembered.member ? remembered
        : this.store.channels.get('ch-general') || this.store.myChannels().groups[0];
      if (start) this.openChannel(start.id, { focus: !this.isPhone() });
      this.openLinkedMessage();
    } else {
      // Resume replays new messages only: edits and reactions made meanwhile come with a fresh page.
      const active = this.store.channels.get(this.store.activeId);
      if (active) this.history.request(active, false).catch(() => {});
      this.markReadSoon();
    }
  }

  frame(frame) {
    const store = this.store;
    switch (frame.type) {
      case 'message':
        this.questions.message(frame, !this.replaying);
        if (store.ingest(frame) === 'new') this.arrived(frame);
        break;
      case 'resumed':
        this.resumed(frame);
        break;
      case 'sent': {
        const message = store.sent(frame);
        if (message) setTimeout(() => this.history.checkDelivery(message), 1500);
        break;
      }
      case 'error':
        this.failed(frame);
        break;
      case 'message_edited':
        store.edited(frame);
        break;
      case 'message_deleted':
        store.deleted(frame);
        break;
      case 'reaction':
        store.reaction(frame);
        break;
      case 'receipt':
        store.receipt(frame);
        break;
      case 'typing':
        store.typing(frame);
        break;
      case 'presence':
        if (store.presence(frame)) this.refreshPresence();
        break;
      case 'history_result':
        this.history.arrived(frame);
        break;
      case 'channel_changed':
        this.channelChanged(frame);
        break;
      case 'claim_changed':
        this.claims.frame(frame);
        break;
      case 'thread_result':
        (frame.messages || []).forEach((wire) => this.store.rememberWire(wire));
        this.panel.messageChanged(null);
        break;
      default:
        break;
    }
  }

  /** A message we had not seen: typing stops, and it is read, counted unread, or notified. */
  arrived(message) {
    const store = this.store;
    store.stoppedTyping(message.channel_id, message.sender);
    if (!store.participants.has(message.sender)) this.refreshPresenceSoon();
    if (this.replaying || message.sender === this.me) return;
    const channel = store.channels.get(message.channel_id);
    const visible = channel.id === store.activeId && !document.hidden && this.timeline.stuck;
    const mentioned = !message.deleted && store.mentionsMe(message);
    if (visible) {
      this.markReadSoon();
    } else if (!this.unreadInFlight && !message.deleted && (!message.to || message.to === this.me)) {
      store.setUnreadOf(channel.id, channel.unread + 1);
      if (mentioned) store.setMentionsOf(channel.id, channel.mentions + 1);
    }
    const where = channel.type === 'dm' ? 'direct message' : `#${channel.name}`;
    const senderName = store.participant(message.sender).displayName;
    const question = questionOf(message) && this.questions.get(message.message_id);
    if (mentioned && (document.hidden || channel.id !== store.activeId)) {
      this.notifier.mention(message, where, senderName);
    } else if (document.hidden) {
      if (question) this.notifier.question(message, question, where, senderName);
      else this.notifier.message(message, where, senderName);
    }
  }

  async resumed(frame) {
    for (const [key, report] of Object.entries(frame.channels || {})) {
      if (report.status === 'reset') {
        const channel = this.store.channel(key);
        if (channel) {
          this.connection.forget(channel.id);
          this.store.resetChannel(channel.id);
          if (channel.id === this.store.activeId) this.history.request(channel, false).catch(() => {});
        }
      }
    }
    this.replaying = false;
    await this.refreshUnread();
    if (this.replayDone) this.replayDone();
    this.markReadSoon();
  }

  failed(frame) {
    if (frame.client_msg_id) {
      this.store.sendFailed(frame.client_msg_id, frame.detail || frame.code);
      return;
    }
    if (frame.request_type === 'history') this.history.failed(frame.detail);
    if (['edit', 'delete', 'react', 'history', 'thread', 'mark_read'].includes(frame.request_type)) {
      this.toast(frame.detail || frame.code);
    }
  }

  messagesChanged({ channelId, change, id }) {
    if (channelId === this.store.activeId) {
      if (change === 'append') this.timeline.appended(id);
      else if (change === 'update') this.timeline.updated(id);
      else this.timeline.render();
      const message = id && this.store.find(id);
      if (change === 'append' && message?.reply_to) this.timeline.updated(this.store.rootOf(message).message_id);
    }
    this.panel.messageChanged(id || null);
  }

  // ---- channels --------------------------------------------------------------------------------

  /** Opens a channel; a search is closed unless the switch comes from it (keepSearch: jumping to a result). */
  openChannel(id, { focus = true, keepSearch = false } = {}) {
    const channel = this.store.channels.get(id);
    if (!channel) return;
    if (id !== this.store.activeId && this.store.activeId && !keepSearch) this.closeSearch();
    this.store.activeId = id;
    settings.saveLastChannel(id);
    const title = this.store.title(channel);
    this.composer.switchTo(id, channel.type === 'dm' ? `Message ${title}` : `Message #${title}`);
    this.timeline.show(channel);
    this.sidebar.render();
    this.header.render();
    this.header.renderTyping();
    this.toggleSidebar(false);
    this.updateTitle();
    if (!channel.loaded) this.history.request(channel, false).catch(() => {});
    else this.markReadSoon();
    if (focus) this.composer.focus();
  }

  async openDm(name) {
    try {
      const channel = this.store.joined(await this.api.dm(name));
      this.openChannel(channel.id);
    } catch (e) {
      this.toast(`Could not open a conversation with ${name}: ${e.message}`);
    }
  }

  async createChannel(name, topic) {
    let wire = await this.api.createChannel(name, topic);
    if (wire.created_by !== this.me && !this.store.channel(wire.channel_id)?.member) {
      wire = await this.api.joinChannel(wire.name);
    }
    this.openChannel(this.store.joined(wire).id);
  }

  async joinChannel(channel) {
    const wire = await this.api.joinChannel(channel.name);
    this.openChannel(this.store.joined(wire).id);
  }

  /** A change to a channel asked for from the channel menu; the hub's answer is applied at once. */
  async changeChannel(route, channel, fields) {
    const wire = await this.api.changeChannel(route, channel, fields);
    const change = { leave: 'member_left', delete: 'deleted' }[route] || route;
    this.channelChanged({ change, channel_id: wire.channel_id, channel: wire, participant: this.me });
  }

  /** channel_changed: the store follows; a channel we can no longer use, if open, gives way to general. */
  channelChanged(frame) {
    const open = frame.channel_id === this.store.activeId;
    this.store.channelChanged(frame);
    if (open && (frame.change === 'deleted' || (frame.change === 'member_left' && frame.participant === this.me))) {
      this.openChannel('ch-general');
    }
  }

  async refreshChannels() {
    try {
      this.store.setChannels(await this.api.channels());
    } catch (e) {
      this.reportRestFailure(e);
    }
  }

  async refreshPresence() {
    try {
      this.store.setParticipants(await this.api.presence());
      this.store.setCapabilities(await this.api.agents());
    } catch (e) {
      this.reportRestFailure(e);
    }
  }

  refreshPresenceSoon() {
    clearTimeout(this.presenceTimer);
    this.presenceTimer = setTimeout(() => this.refreshPresence(), 500);
  }

  async refreshUnread() {
    if (this.unreadInFlight) return;
    this.unreadInFlight = true;
    try {
      this.store.setUnread(await this.api.unread());
    } catch (e) {
      this.reportRestFailure(e);
    } finally {
      this.unreadInFlight = false;
    }
  }

  reportRestFailure(e) {
    if (e instanceof ApiError && e.status === 401) this.toast(`The hub refused a request: ${e.message}`);
  }

  /** Opens the message's channel, pages back until the message is there, and shows it. */
  async jumpTo(message) {
    const channelId = message.channel_id || this.store.find(message.message_id)?.channel_id || this.store.activeId;
    let channel = this.store.channels.get(channelId);
    if (!channel) return;
    if (this.isPhone()) this.panel.close();
    if (this.store.activeId !== channelId) this.openChannel(channelId, { focus: false, keepSearch: true });
    for (let page = 0; page < 20; page++) {
      if (this.timeline.reveal(message.message_id)) return;
      channel = this.store.channels.get(channelId);
      try {
        if (!channel.loaded) await this.history.request(channel, false);
        else if (channel.hasMore) await this.history.request(channel, true);
        else break;
      } catch (e) {
        break;
      }
    }
    if (!this.timeline.reveal(message.message_id)) this.toast('That message is no longer in the history.');
  }

  // ---- sending and reading ---------------------------------------------------------------------

  /** Sends a message; metadata (an object) goes in the send frame as it is. */
  send(channelId, text, replyTo, metadata) {
    const channel = this.store.channels.get(channelId);
    if (!channel) return;
    const frame = { type: 'send', channel: channel.id, body: text, client_msg_id: randomId() };
    if (replyTo) frame.reply_to = replyTo;
    if (metadata && Object.keys(metadata).length) frame.metadata = metadata;
    this.store.addPending(frame);
    this.connection.sendMessage(frame);
  }

  typing(channelId) {
    if (channelId) this.connection.send({ type: 'typing', channel: channelId });
  }

  editLast() {
    const channel = this.store.channels.get(this.store.activeId);
    const mine = channel?.list.filter((m) => m.sender === this.me && !m.deleted && m.message_type !== 'system');
    if (!mine?.length) return false;
    this.composer.edit(mine[mine.length - 1]);
    return true;
  }

  markReadSoon() {
    clearTimeout(this.readTimer);
    this.readTimer = setTimeout(() => this.markRead(), 150);
  }

  /**
   * Marks the open channel read up to its newest message the reader can see (tab visible, scrolled to the
   * newest): one mark_read per step, however many messages; the hub sends their senders receipts.
   */
  markRead() {
    const channel = this.store.channels.get(this.store.activeId);
    if (!channel || document.hidden || !this.connection.online || !channel.loaded || !this.timeline.atBottom()) return;
    const marked = this.readUpTo.get(channel.id) || 0;
    let newest = marked;
    let fromOthers = false;
    for (const m of channel.list) {
      if (m.seq == null || m.seq <= marked) continue;
      newest = Math.max(newest, m.seq);
      fromOthers ||= m.sender !== this.me && !m.deleted;
    }
    if (fromOthers && this.connection.send({ type: 'mark_read', channel: channel.id, seq: newest })) {
      this.readUpTo.set(channel.id, newest);
    }
    this.store.setUnreadOf(channel.id, 0);
    this.store.setMentionsOf(channel.id, 0);
  }

  messageActions() {
    return {
      reply: (message) => this.composer.replyTo(message),
      thread: (message) => this.panel.openThread(message),
      edit: (message) => this.composer.edit(message),
      saveEdit: (message, text) => {
        if (!this.connection.send({ type: 'edit', message_id: message.message_id, body: text })) {
          this.toast('Not connected: the edit was not saved.');
        }
      },
      remove: async (message) => {
        if (await this.confirm('Delete this message for everyone? This cannot be undone.')) {
          if (!this.connection.send({ type: 'delete', message_id: message.message_id })) {
            this.toast('Not connected: the message was not deleted.');
          }
        }
      },
      toggleReaction: (message, emoji) => {
        const mine = message.reactions.get(emoji)?.has(this.me) || false;
        if (!this.connection.send({ type: 'react', message_id: message.message_id, emoji, remove: mine })) {
          this.toast('Not connected: the reaction was not saved.');
        }
      },
      retry: (message) => {
        const dropped = this.store.dropPending(message.client_msg_id);
        this.connection.discard(message.client_msg_id);
        if (dropped) this.send(dropped.channel_id, dropped.body, dropped.reply_to, dropped.metadata);
      },
      discard: (message) => {
        this.store.dropPending(message.client_msg_id);
        this.connection.discard(message.client_msg_id);
      },
      copyLink: async (message) => {
        const link = messageLink(message);
        this.toast(await copyText(link) ? 'Link to the message copied.' : `Copy this link: ${link}`);
      },
      jump: (id) => this.jumpTo({ message_id: id, channel_id: this.store.find(id)?.channel_id }),
      needParent: (id) => setTimeout(() => this.history.fetchParent(id)?.then(() => {
        this.timeline.render();
        this.panel.messageChanged(null);
      })),
    };
  }

  // ---- page chrome -----------------------------------------------------------------------------

  isPhone() {
    return window.matchMedia('(max-width: 760px)').matches;
  }

  toggleSidebar(open) {
    this.root.classList.toggle('sidebar-open', open);
    byTestId('sidebar-toggle').setAttribute('aria-expanded', open ? 'true' : 'false');
  }

  updateTitle() {
    const channel = this.store.channels.get(this.store.activeId);
    const where = channel ? (channel.type === 'dm' ? this.store.title(channel) : `#${channel.name}`) : '';
    Notifier.title(this.store.totalUnread(), where);
  }

  toast(text) {
    const area = byTestId('toasts');
    const toast = h('div', { class: 'toast', role: 'status', dataset: { testid: 'toast' } }, text);
    area.append(toast);
    setTimeout(() => toast.remove(), 5000);
  }

  /** A page-wide shortcut (shortcuts.js holds the table the help dialog lists). */
  shortcut(event) {
    const shortcut = shortcutOf(event);
    if (!shortcut) return;
    if (shortcut.action === 'search') {
      event.preventDefault();
      byTestId('search-input').focus();
    } else if (shortcut.action === 'previousChannel' || shortcut.action === 'nextChannel') {
      const { groups, dms } = this.store.myChannels();
      const order = [...groups, ...dms];
      const index = order.findIndex((c) => c.id === this.store.activeId);
      const next = order[(index + (shortcut.action === 'previousChannel' ? -1 : 1) + order.length) % order.length];
      if (next) {
        event.preventDefault();
        this.openChannel(next.id);
      }
    } else if (shortcut.action === 'help' && !document.querySelector('dialog[open]')) {
      event.preventDefault();
      openShortcutsHelp(byTestId('shortcuts-dialog'));
    } else if (shortcut.action === 'escape' && !document.querySelector('dialog[open]')) {
      this.escape();
    }
  }

  /**
   * Esc closes the innermost thing open: a profile card, the phone sidebar, then search (wherever the focus is:
   * its results are of no use once dismissed), then another panel while the focus is in it.
   */
  escape() {
    const search = byTestId('search-input');
    if (this.profileCard.isOpen) {
      this.profileCard.close();
    } else if (this.root.classList.contains('sidebar-open')) {
      this.toggleSidebar(false);
    } else if (this.panel.kind === 'search' || (document.activeElement === search && search.value)) {
      this.closeSearch();
      this.composer.focus();
    } else if (this.panel.isOpen && this.panel.root.contains(document.activeElement)) {
      this.panel.close();
      this.composer.focus();
    }
  }

  /** Empties the search box and closes its results. */
  closeSearch() {
    byTestId('search-input').value = '';
    if (this.panel.kind === 'search') this.panel.close();
  }

  /** Opens the message an address names (/chat#m=<message id>), then leaves the address as plain /chat. */
  openLinkedMessage() {
    const id = messageIdInAddress(location.hash);
    if (!id) return false;
    history.replaceState(null, '', location.pathname + location.search);
    this.api.message(id).then((wire) => {
      this.store.rememberWire(wire);
      return this.jumpTo(wire);
    }, () => this.toast('That message link points to a message you cannot see (or that no longer exists).'));
    return true;
  }

  // ---- keys ------------------------------------------------------------------------------------

  /** The hub accepted a key new to this browser: it is shown now, and not again by itself. */
  showNewKey() {
    this.identity.keyToShow = false;
    settings.keyShown();
    return this.keyDialog(this.identity, () => this.keyExported());
  }

  async showKeyAgain() {
    const sure = await this.confirm(`Show your key? Anyone who sees it can sign in as ${this.me}.`, 'Show key');
    if (sure) await this.keyDialog(this.identity, () => this.keyExported(), { again: true });
  }

  keyExported() {
    this.identity.keyExported = true;
    settings.keyExported();
  }

  /** Signs out (the browser forgets name, token and key), after a warning while the key was never copied. */
  async signOut() {
    if (this.identity.key && !this.identity.keyExported) {
      const sure = await this.confirm(`You will not be able to sign in as ${this.me} again without your key, and `
        + 'you have not copied it yet (the key button shows it). Sign out anyway?', 'Sign out');
      if (!sure) return;
    }
    this.connection.stop();
    this.handlers.signOut();
  }
}
