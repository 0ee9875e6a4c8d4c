// What the page knows: channels, participants and messages, kept up to date from frames and REST
// answers. Views read it and listen to its events; only the app controller writes to it.
//
// Events (CustomEvent.detail):
//   'channels'      the channel list, a channel's metadata or an unread count changed
//   'participants'  presence, last seen or the participant list changed
//   'messages'      {channelId, change: 'append'|'update'|'reset', id}
//   'typing'        {channelId}
//   'discovered'    {channelId} a message showed us a channel we did not know we were in

import { dmPeer } from './format.js';

/**
 * The metadata key of a reply sent from a thread: true when it was also sent to the channel ("Also send
 * to channel"), false when it stays in the thread. Replies without it (from the channel's composer, or
 * from other clients) show in the channel as they always did.
 */
export const BROADCAST_KEY = 'parley_broadcast';

/** Whether a message shows in its channel's timeline: all but the replies kept in their thread. */
export function inChannelView(message) {
  return !(message.reply_to && message.metadata?.[BROADCAST_KEY] === false);
}

const KEEP_IN_BACKGROUND = 300;

/** A message as the page keeps it: the wire fields plus reactions and, for our own, delivery state. */
function normalise(wire) {
  return {
    message_id: wire.message_id,
    channel_id: wire.channel_id,
    channel_name: wire.channel_name,
    sender: wire.sender,
    body: wire.body ?? '',
    message_type: wire.message_type || 'text',
    priority: wire.priority || 'normal',
    reply_to: wire.reply_to || null,
    metadata: wire.metadata && typeof wire.metadata === 'object' ? wire.metadata : {},
    created_at: wire.created_at,
    seq: typeof wire.seq === 'number' ? wire.seq : null,
    to: wire.to || null,
    mentions: Array.isArray(wire.mentions) ? wire.mentions : [],
    edited_at: wire.edited_at || null,
    deleted: !!wire.deleted,
    reactions: new Map(),
    readers: new Set(),
    status: null,
    client_msg_id: null,
    error: null,
  };
}

export class ChatStore extends EventTarget {
  constructor(me) {
    super();
    this.me = me;
    this.channels = new Map();
    this.participants = new Map();
    this.known = new Map();
    this.replies = new Map();
    this.pendingByClientId = new Map();
    this.earlyReceipts = new Map();
    this.memberNames = new Set();
    this.activeId = null;
  }

  emit(type, detail = {}) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }

  // ---- channels --------------------------------------------------------------------------------

  /** The channel with this id or name, or undefined. */
  channel(reference) {
    if (!reference) return undefined;
    if (this.channels.has(reference)) return this.channels.get(reference);
    for (const channel of this.channels.values()) if (channel.name === reference) return channel;
    return undefined;
  }

  /** The channel of a wire channel object or message (created if new). */
  ensureChannel({ channel_id, name, channel_name, channel_type, topic, last_activity, last_seq, created_by }, member) {
    let channel = this.channels.get(channel_id);
    const channelName = name || channel_name;
    if (!channel) {
      channel = {
        id: channel_id, name: channelName, type: channel_type || (channelName?.startsWith('dm:') ? 'dm' : 'group'),
        topic: '', lastActivity: null, lastSeq: 0, member: false,
        list: [], pending: [], loaded: false, hasMore: true, loadingOlder: false, unread: 0, mentions: 0, typing: new Map(),
      };
      this.channels.set(channel_id, channel);
    }
    if (channelName) channel.name = channelName;
    if (channel_type) channel.type = channel_type;
    if (topic != null) channel.topic = topic;
    if (created_by !== undefined) channel.createdBy = created_by;
    if (last_activity) channel.lastActivity = last_activity;
    if (typeof last_seq === 'number') channel.lastSeq = Math.max(channel.lastSeq, last_seq);
    if (member || this.memberNames.has(channel.name)) channel.member = true;
    return channel;
  }

  /** auth_ok.channels: the names of the channels we belong to. */
  setMemberships(names) {
    names.forEach((name) => this.memberNames.add(name));
    for (const channel of this.channels.values()) if (this.memberNames.has(channel.name)) channel.member = true;
    this.emit('channels');
  }

  /** /api/channels: every channel on the hub. */
  setChannels(list) {
    list.forEach((wire) => this.ensureChannel(wire, false));
    this.emit('channels');
  }

  /**
   * channel_changed (or the answer to our own change): a channel renamed, given a topic, archived or unarchived
   * takes the channel it carries; deleted, it is gone; a member_left that is us, we are no longer a member.
   */
  channelChanged({ change, channel_id, channel, participant }) {
    const known = this.channels.get(channel_id);
    if (change === 'deleted' || (change === 'member_left' && participant === this.me)) {
      if (known) {
        this.memberNames.delete(known.name);
        if (change === 'deleted') this.channels.delete(channel_id);
        else known.member = false;
      }
    } else if (channel) {
      if (known && known.name !== channel.name && this.memberNames.delete(known.name)) {
        this.memberNames.add(channel.name);
      }
      this.ensureChannel(channel, false).archived = Boolean(channel.archived_at);
    }
    this.emit('channels');
  }

  joined(wire) {
    this.memberNames.add(wire.name || wire.channel_name);
    const channel = this.ensureChannel(wire, true);
    this.emit('channels');
    return channel;
  }

  /** Channels we belong to, split for the sidebar. */
  myChannels() {
    const mine = Array.from(this.channels.values()).filter((c) => c.member);
    const groups = mine.filter((c) => c.type !== 'dm').sort((a, b) => a.name.localeCompare(b.name));
    const dms = mine.filter((c) => c.type === 'dm')
      .sort((a, b) => String(b.lastActivity || '').localeCompare(String(a.lastActivity || '')));
    return { groups, dms };
  }

  /** Channels we could join. */
  joinable() {
    return Array.from(this.channels.values()).filter((c) => !c.member && c.type !== 'dm')
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** /api/unread: counts for every channel (channels not listed have none). */
  setUnread(list) {
    const counts = new Map(list.map((u) => [u.channel_id, u.unread]));
    const mentions = new Map(list.map((u) => [u.channel_id, u.mentions || 0]));
    for (const channel of this.channels.values()) channel.unread = counts.get(channel.id) || 0;
    for (const channel of this.channels.values()) channel.mentions = mentions.get(channel.id) || 0;
    list.forEach((u) => {
      if (!this.channels.has(u.channel_id)) {
        const channel = this.ensureChannel({ channel_id: u.channel_id, name: u.channel_name }, true);
        channel.unread = u.unread;
        channel.mentions = u.mentions || 0;
      }
    });
    this.emit('channels');
  }

  setUnreadOf(channelId, count) {
    const channel = this.channels.get(channelId);
    if (channel && channel.unread !== count) {
      channel.unread = count;
      this.emit('channels');
    }
  }

  /** Unread mentions of the reader in a channel (0 when read: they are a part of its unread). */
  setMentionsOf(channelId, count) {
    const channel = this.channels.get(channelId);
    if (channel && channel.mentions !== count) {
      channel.mentions = count;
      this.emit('channels');
    }
  }

  /** Whether a message mentions the reader: the hub's `mentions`, parsed when it was stored. */
  mentionsMe(message) {
    return Array.isArray(message.mentions) && message.mentions.includes(this.me);
  }

  totalUnread() {
    let total = 0;
    for (const channel of this.channels.values()) if (channel.member) total += channel.unread;
    return total;
  }

  /** The name a channel is shown under: "general", or the other person of a DM. */
  title(channel) {
    return channel.type === 'dm' ? dmPeer(channel.name, this.me) || channel.name : channel.name;
  }

  // ---- participants ----------------------------------------------------------------------------

  setParticipants(list) {
    list.forEach((p) => {
      const known = this.participants.get(p.name) || {};
      this.participants.set(p.name, {
        name: p.name, displayName: p.display_name || p.name, type: p.participant_type || 'ai',
        online: p.is_online === 1 || p.is_online === true, lastSeen: p.last_seen_at || known.lastSeen || null,
        capabilities: known.capabilities || [],
      });
    });
    this.emit('participants');
  }

  /** /api/agents: the capability tags of agents and services with a profile, shown in the People list. */
  setCapabilities(agents) {
    const tags = new Map(agents.map((a) => [a.name, Array.isArray(a.capabilities) ? a.capabilities : []]));
    for (const participant of this.participants.values()) participant.capabilities = tags.get(participant.name) || [];
    this.emit('participants');
  }

  /** A presence frame: returns true when the participant was not known yet (the caller refreshes). */
  presence({ participant, status, timestamp }) {
    const known = this.participants.get(participant);
    if (!known) return true;
    known.online = status === 'online';
    known.lastSeen = timestamp || known.lastSeen;
    this.emit('participants');
    return false;
  }

  participant(name) {
    return this.participants.get(name) || { name, displayName: name, type: 'ai', online: false, lastSeen: null };
  }

  // ---- messages --------------------------------------------------------------------------------

  /** A message anywhere we have seen it (timelines, threads, search results, fetched parents). */
  find(id) {
    return this.known.get(id);
  }

  /** How many replies we know of in the message's thread (replies to replies too), for the "N replies" link. */
  replyCount(id) {
    return this.threadOf(id).length;
  }

  /** The ids of every reply we know of under a message, replies to replies included (breadth first). */
  threadOf(rootId) {
    const ids = [];
    const seen = new Set([rootId]);
    for (let i = -1; i < ids.length; i++) {
      for (const id of this.replies.get(i < 0 ? rootId : ids[i]) || []) {
        if (!seen.has(id)) {
          seen.add(id);
          ids.push(id);
        }
      }
    }
    return ids;
  }

  /** The first message of a message's reply chain we know (a chain is followed at most 50 steps). */
  rootOf(message) {
    let root = message;
    for (let i = 0; i < 50 && root.reply_to; i++) {
      const parent = this.find(root.reply_to);
      if (!parent) break;
      root = parent;
    }
    return root;
  }

  remember(message) {
    this.known.set(message.message_id, message);
    if (message.reply_to && !message.deleted) {
      if (!this.replies.has(message.reply_to)) this.replies.set(message.reply_to, new Set());
      this.replies.get(message.reply_to).add(message.message_id);
    }
  }

  /** A message seen outside a timeline (thread, search result, fetched parent): kept for lookups. */
  rememberWire(wire) {
    const known = this.known.get(wire.message_id);
    if (known) {
      this.refresh(known, wire);
      return known;
    }
    const message = normalise(wire);
    if (message.sender === this.me) message.status = 'sent';
    this.remember(message);
    return message;
  }

  /** Updates a known message from wire fields (edits, replays of something we hold). */
  refresh(message, wire) {
    if (wire.body != null) message.body = wire.body;
    if (wire.edited_at) message.edited_at = wire.edited_at;
    if (wire.deleted) message.deleted = true;
    if (Array.isArray(wire.mentions) || wire.body != null) message.mentions = wire.mentions || [];
    if (typeof wire.seq === 'number') message.seq = wire.seq;
    if (wire.created_at) message.created_at = wire.created_at;
  }

  /**
   * A message from a `message` frame or a history page, into its channel's timeline.
   * @returns {'new'|'known'} whether it was new to us
   */
  ingest(wire, { notify = true } = {}) {
    const discovered = !this.channels.get(wire.channel_id)?.member;
    const channel = this.ensureChannel({ channel_id: wire.channel_id, channel_name: wire.channel_name }, true);
    if (discovered) {
      this.emit('channels'); // e.g. someone opened a DM with us, or added us to a channel
      this.emit('discovered', { channelId: channel.id });
    }
    const existing = channel.list.find((m) => m.message_id === wire.message_id);
    if (existing) {
      this.refresh(existing, wire);
      return 'known';
    }
    let message = this.known.get(wire.message_id);
    if (message) {
      this.refresh(message, wire);
    } else {
      message = normalise(wire);
    }
    this.remember(message);
    if (message.sender === this.me && !message.status) message.status = 'sent';
    const receipts = this.earlyReceipts.get(message.message_id);
    if (receipts) {
      receipts.forEach((reader) => message.readers.add(reader));
      message.status = 'read';
      this.earlyReceipts.delete(message.message_id);
    }
    const atEnd = insertSorted(channel.list, message);
    channel.lastActivity = message.created_at > (channel.lastActivity || '') ? message.created_at : channel.lastActivity;
    if (message.seq != null) channel.lastSeq = Math.max(channel.lastSeq, message.seq);
    if (channel.id !== this.activeId && channel.list.length > KEEP_IN_BACKGROUND) {
      channel.list.splice(0, channel.list.length - KEEP_IN_BACKGROUND);
      channel.hasMore = true;
    }
    if (notify) {
      this.emit('messages', { channelId: channel.id, change: atEnd && !channel.pending.length ? 'append' : 'reset',
        id: message.message_id });
    }
    return 'new';
  }

  /** A page of history (oldest first): merged, and the channel marked loaded. */
  history(channelId, wires, { older, limit }) {
    const channel = this.channels.get(channelId);
    if (!channel) return;
    wires.forEach((wire) => this.ingest(wire, { notify: false }));
    if (older || !channel.loaded) channel.hasMore = wires.length >= limit;
    if (!older && wires.length) this.dropDeletedBetween(channel, wires);
    channel.loaded = true;
    channel.loadingOlder = false;
    this.emit('messages', { channelId, change: 'reset' });
  }

  /**
   * History leaves deleted messages out: one we hold inside a page's seq range that the page does
   * not have was deleted (while we were away, since we would have heard of it otherwise).
   */
  dropDeletedBetween(channel, wires) {
    const present = new Set(wires.map((w) => w.message_id));
    const first = wires[0].seq;
    const last = wires[wires.length - 1].seq;
    channel.list.filter((m) => m.seq >= first && m.seq <= last && !present.has(m.message_id) && !m.deleted)
      .forEach((m) => {
        m.deleted = true;
        m.body = '';
      });
  }

  /** A send we made: shown at once as pending, confirmed by `sent`. */
  addPending(frame) {
    const channel = this.channel(frame.channel);
    const message = normalise({
      message_id: 'local:' + frame.client_msg_id, channel_id: channel.id, channel_name: channel.name, sender: this.me,
      body: frame.body, reply_to: frame.reply_to, metadata: frame.metadata, created_at: new Date().toISOString(),
    });
    message.status = 'pending';
    message.client_msg_id = frame.client_msg_id;
    channel.pending.push(message);
    this.pendingByClientId.set(frame.client_msg_id, message);
    this.emit('messages', { channelId: channel.id, change: 'append', id: message.message_id });
    return message;
  }

  /** `sent`: the hub stored our message. */
  sent(frame) {
    const message = this.pendingByClientId.get(frame.client_msg_id);
    if (!message) return null;
    this.pendingByClientId.delete(frame.client_msg_id);
    const channel = this.channels.get(message.channel_id);
    const index = channel.pending.indexOf(message);
    if (index >= 0) channel.pending.splice(index, 1);
    if (!channel.list.some((m) => m.message_id === frame.message_id)) {
      Object.assign(message, { message_id: frame.message_id, seq: frame.seq, created_at: frame.created_at,
        status: 'sent' });
      this.remember(message);
      insertSorted(channel.list, message);
      if (typeof frame.seq === 'number') channel.lastSeq = Math.max(channel.lastSeq, frame.seq);
      channel.lastActivity = frame.created_at;
    }
    this.emit('messages', { channelId: channel.id, change: 'reset' });
    this.emit('channels');
    return channel.list.find((m) => m.message_id === frame.message_id);
  }

  /** An error answering one of our sends. */
  sendFailed(clientMsgId, detail) {
    const message = this.pendingByClientId.get(clientMsgId);
    if (!message) return;
    message.status = 'failed';
    message.error = detail;
    this.emit('messages', { channelId: message.channel_id, change: 'update', id: message.message_id });
  }

  /** Drops a failed send; returns it (for "retry", which sends it again). */
  dropPending(clientMsgId) {
    const message = this.pendingByClientId.get(clientMsgId);
    if (!message) return null;
    this.pendingByClientId.delete(clientMsgId);
    const channel = this.channels.get(message.channel_id);
    channel.pending.splice(channel.pending.indexOf(message), 1);
    this.emit('messages', { channelId: channel.id, change: 'reset' });
    return message;
  }

  edited(wire) {
    const message = this.known.get(wire.message_id);
    if (!message) return;
    this.refresh(message, wire);
    this.emit('messages', { channelId: message.channel_id, change: 'update', id: message.message_id });
  }

  deleted({ message_id }) {
    const message = this.known.get(message_id);
    if (!message) return;
    message.deleted = true;
    message.body = '';
    message.reactions.clear();
    if (message.reply_to) this.replies.get(message.reply_to)?.delete(message_id);
    this.emit('messages', { channelId: message.channel_id, change: 'update', id: message_id });
    if (message.reply_to) this.touch(message.reply_to);
  }

  /** Re-renders a message whose derived state (reply count, parent) changed. */
  touch(id) {
    const message = this.known.get(id);
    if (message) this.emit('messages', { channelId: message.channel_id, change: 'update', id });
  }

  reaction({ message_id, participant, emoji, action }) {
    const message = this.known.get(message_id);
    if (!message) return;
    applyReaction(message, participant, emoji, action !== 'remove');
    this.emit('messages', { channelId: message.channel_id, change: 'update', id: message_id });
  }

  /** Reactions as /api/message/{id} lists them. */
  setReactions(id, reactions) {
    const message = this.known.get(id);
    if (!message) return;
    message.reactions.clear();
    reactions.forEach((r) => applyReaction(message, r.participant, r.emoji, true));
    this.emit('messages', { channelId: message.channel_id, change: 'update', id });
  }

  /** `receipt`: a reader read some of our messages. */
  receipt({ message_ids, reader }) {
    (message_ids || []).forEach((id) => {
      const message = this.known.get(id);
      if (!message) {
        if (!this.earlyReceipts.has(id)) this.earlyReceipts.set(id, new Set());
        this.earlyReceipts.get(id).add(reader);
        return;
      }
      message.readers.add(reader);
      message.status = 'read';
      this.emit('messages', { channelId: message.channel_id, change: 'update', id });
    });
  }

  /** /api/delivery/{id}: per recipient queued / delivered / read. */
  setDelivery(id, rows) {
    const message = this.known.get(id);
    if (!message || message.status === 'read') return;
    const readers = rows.filter((r) => r.status === 'read').map((r) => r.recipient);
    if (readers.length) {
      readers.forEach((r) => message.readers.add(r));
      message.status = 'read';
    } else if (rows.some((r) => r.status === 'delivered')) {
      message.status = 'delivered';
    } else {
      return;
    }
    this.emit('messages', { channelId: message.channel_id, change: 'update', id });
  }

  /** A `typing` frame: shown for a few seconds, or until that participant's message arrives. */
  typing({ channel_id, channel, participant }, ttl = 5000) {
    const target = this.channels.get(channel_id) || this.channel(channel);
    if (!target || participant === this.me) return;
    clearTimeout(target.typing.get(participant));
    target.typing.set(participant, setTimeout(() => this.stoppedTyping(target.id, participant), ttl));
    this.emit('typing', { channelId: target.id });
  }

  stoppedTyping(channelId, participant) {
    const channel = this.channels.get(channelId);
    if (!channel || !channel.typing.has(participant)) return;
    clearTimeout(channel.typing.get(participant));
    channel.typing.delete(participant);
    this.emit('typing', { channelId });
  }

  /** The hub holds less than we saw (restored backup): start the channel afresh. */
  resetChannel(channelId) {
    const channel = this.channels.get(channelId);
    if (!channel) return;
    channel.list = [];
    channel.loaded = false;
    channel.hasMore = true;
    this.emit('messages', { channelId, change: 'reset' });
  }
}

function applyReaction(message, participant, emoji, add) {
  if (!message.reactions.has(emoji)) message.reactions.set(emoji, new Set());
  const who = message.reactions.get(emoji);
  if (add) who.add(participant);
  else who.delete(participant);
  if (!who.size) message.reactions.delete(emoji);
}

/** Inserts by seq (ties and unknown seqs by time); returns whether it went at the end. */
function insertSorted(list, message) {
  const key = (m) => (m.seq != null ? m.seq : Number.MAX_SAFE_INTEGER);
  let index = list.length;
  while (index > 0 && (key(list[index - 1]) > key(message)
      || (key(list[index - 1]) === key(message) && list[index - 1].created_at > message.created_at))) {
    index--;
  }
  list.splice(index, 0, message);
  return index === list.length - 1;
}
