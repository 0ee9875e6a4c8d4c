// Messages from before the page was open: history pages (the newest, then older ones as the
// reader scrolls up), and what those pages do not carry — reactions, the delivery state of our own
// messages, and the parents of replies — fetched over REST a few requests at a time.

const PAGE = 50;
const PARALLEL_REQUESTS = 4;

export class History {
  /** @param onPage(channelId) called after each page was merged into the store */
  constructor(connection, store, api, onPage) {
    this.connection = connection;
    this.store = store;
    this.api = api;
    this.onPage = onPage;
    this.waiting = [];
    this.fetchingParents = new Set();
  }

  /**
   * Asks for the newest page of a channel (enough of it to cover its unread messages), or for the
   * page before the oldest message we hold; resolves when the page arrived.
   */
  request(channel, older) {
    if (older && (channel.loadingOlder || !channel.list.length)) return Promise.resolve();
    const limit = older ? PAGE : Math.min(200, Math.max(PAGE, channel.unread + 20));
    const frame = { type: 'history', channel: channel.id, limit };
    if (older) frame.before = channel.list[0].created_at;
    return new Promise((resolve, reject) => {
      if (!this.connection.send(frame)) {
        reject(new Error('not connected'));
        return;
      }
      if (older) channel.loadingOlder = true;
      this.waiting.push({ channelId: channel.id, older, limit, resolve, reject });
    });
  }

  /** A history_result: the hub answers a connection's requests in order, so the first waiting one is it. */
  arrived(frame) {
    const index = this.waiting.findIndex((r) => r.channelId === frame.channel_id);
    const request = index >= 0 ? this.waiting.splice(index, 1)[0] : { older: false, limit: PAGE };
    const messages = frame.messages || [];
    messages.forEach((m) => this.connection.seen(frame.channel_id, m.seq, false));
    this.store.history(frame.channel_id, messages, request);
    this.hydrate(messages);
    this.onPage(frame.channel_id);
    if (request.resolve) request.resolve();
  }

  /** A new connection: requests made on the old one will never be answered. */
  reset() {
    const lost = this.waiting.splice(0);
    lost.forEach((request) => {
      const channel = this.store.channels.get(request.channelId);
      if (channel) channel.loadingOlder = false;
      request.reject(new Error('connection lost'));
    });
  }

  /** The hub refused a history request (e.g. the channel is gone). */
  failed(detail) {
    const request = this.waiting.shift();
    if (!request) return;
    const channel = this.store.channels.get(request.channelId);
    if (channel) channel.loadingOlder = false;
    request.reject(new Error(detail));
  }

  /** Reactions of every message of a page, and the delivery state of our own latest ones. */
  hydrate(messages) {
    const tasks = messages.filter((m) => !m.deleted).map((m) => async () => {
      const full = await this.api.message(m.message_id);
      if (full.reactions?.length) this.store.setReactions(m.message_id, full.reactions);
    });
    messages.filter((m) => m.sender === this.store.me).slice(-10)
      .forEach((m) => tasks.push(() => this.checkDelivery(this.store.find(m.message_id))));
    runLimited(tasks, PARALLEL_REQUESTS);
  }

  /** GET /api/delivery/{id}: one tick becomes "delivered", or two ticks when someone read it. */
  async checkDelivery(message) {
    if (!message || message.status === 'read' || !message.message_id || message.message_id.startsWith('local:')) return;
    try {
      this.store.setDelivery(message.message_id, await this.api.delivery(message.message_id));
    } catch (e) {
      // the ticks stay as they are
    }
  }

  /**
   * The message a reply quotes, when it is not in any page we hold: a promise settled once it is in
   * the store, or null when it was asked for already (so re-rendering cannot ask again and again).
   */
  fetchParent(id) {
    if (this.fetchingParents.has(id)) return null;
    this.fetchingParents.add(id);
    return this.loadParent(id);
  }

  async loadParent(id) {
    try {
      const wire = await this.api.message(id);
      this.store.rememberWire(wire);
      if (wire.reactions?.length) this.store.setReactions(id, wire.reactions);
    } catch (e) {
      // One we may not read, or that is gone: shown as deleted rather than "Loading…" for ever.
      this.store.rememberWire({ message_id: id, sender: '', body: '', deleted: true });
    }
  }
}

/** Runs async tasks, at most `limit` at a time; failures are ignored (best effort). */
function runLimited(tasks, limit) {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const task = tasks[next++];
      try {
        await task();
      } catch (e) {
        // best effort
      }
    }
  };
  for (let i = 0; i < Math.min(limit, tasks.length); i++) worker();
}
