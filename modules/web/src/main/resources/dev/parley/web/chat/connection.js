// The page's one WebSocket to the hub, as an ext client.
//
// - auth with features ["*", "own_messages"] (what another tab of ours sends shows here too) and, always, a `resume` map (channel id -> last seq seen), so the hub
//   replays exactly what was missed and ends the replay with a `resumed` frame;
// - sends carry a client_msg_id and stay in the outbox until the hub answers `sent` (or an error),
//   and the outbox is sent again after every reconnect: the hub de-duplicates, nothing is lost;
// - every received message is acked (`ack` up to its seq, batched), so "delivered" means shown;
// - reconnects with exponential backoff (0.5 s doubling to 5 s, with jitter), at once when the
//   browser comes back online or the tab becomes visible; a ping watchdog notices dead sockets.
//
// Events (CustomEvent.detail): 'state' {state, retryAt}, 'authenticated' {frame, first},
// 'frame' (every frame received), 'auth-failed' {code, detail}, 'key' {key}.

const PING_MS = 20000;
const DEAD_MS = 50000;
const ACK_DELAY_MS = 120;

export class Connection extends EventTarget {
  /** @param {{name: string, token: string, key: string}} identity */
  constructor(identity) {
    super();
    this.identity = identity;
    this.ws = null;
    this.state = 'idle';
    this.authenticated = false;
    this.everAuthenticated = false;
    this.stopped = true;
    this.attempt = 0;
    this.retryAt = 0;
    this.retryTimer = null;
    this.lastFrameAt = 0;
    this.positions = new Map();
    this.outbox = new Map();
    this.acks = new Map();
    this.ackTimer = null;
    this.onOnline = () => this.retryNow();
    this.onVisible = () => { if (!document.hidden) this.retryNow(); };
  }

  start() {
    if (!this.stopped) return;
    this.stopped = false;
    window.addEventListener('online', this.onOnline);
    document.addEventListener('visibilitychange', this.onVisible);
    this.heartbeat = setInterval(() => this.checkAlive(), PING_MS / 2);
    this.open();
  }

  /** Closes for good (sign-out, or the hub refused the credentials). */
  stop(state = 'idle') {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.heartbeat);
    window.removeEventListener('online', this.onOnline);
    document.removeEventListener('visibilitychange', this.onVisible);
    const ws = this.ws;
    this.ws = null;
    this.authenticated = false;
    if (ws) ws.close(1000, 'bye');
    this.setState(state);
  }

  /** Reconnects now if waiting to reconnect. */
  retryNow() {
    if (!this.stopped && !this.ws) {
      this.attempt = Math.max(0, this.attempt - 1);
      this.open();
    }
  }

  open() {
    clearTimeout(this.retryTimer);
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
    let ws;
    try {
      ws = new WebSocket(url);
    } catch (e) {
      this.scheduleRetry();
      return;
    }
    this.ws = ws;
    this.setState(this.everAuthenticated ? 'reconnecting' : 'connecting');
    ws.onopen = () => {
      this.lastFrameAt = Date.now();
      ws.send(JSON.stringify(this.authFrame()));
    };
    ws.onmessage = (event) => {
      if (this.ws !== ws) return;
      let frame;
      try {
        frame = JSON.parse(event.data);
      } catch (e) {
        return;
      }
      this.receive(frame);
    };
    ws.onclose = () => this.lost(ws);
    ws.onerror = () => this.lost(ws);
  }

  authFrame() {
    const frame = {
      type: 'auth', name: this.identity.name, display_name: this.identity.name, participant_type: 'human',
      hardware_id: 'parley-web', features: ['*', 'own_messages'], resume: Object.fromEntries(this.positions),
    };
    if (this.identity.token) frame.token = this.identity.token;
    if (this.identity.key) frame.key = this.identity.key;
    return frame;
  }

  lost(ws) {
    if (this.ws !== ws) return;
    this.ws = null;
    this.authenticated = false;
    try {
      ws.close();
    } catch (e) {
      // already closed
    }
    if (!this.stopped) this.scheduleRetry();
  }

  scheduleRetry() {
    const base = Math.min(5000, 500 * 2 ** this.attempt);
    const delay = Math.round(base * (0.8 + Math.random() * 0.4));
    this.attempt++;
    this.retryAt = Date.now() + delay;
    this.retryTimer = setTimeout(() => this.open(), delay);
    this.setState('reconnecting');
  }

  checkAlive() {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return;
    if (Date.now() - this.lastFrameAt > DEAD_MS) {
      this.lost(this.ws); // no pong for too long: the socket is dead even if the browser has not noticed
    } else if (this.authenticated) {
      this.send({ type: 'ping' });
    }
  }

  setState(state) {
    this.state = state;
    this.dispatchEvent(new CustomEvent('state', { detail: { state, retryAt: this.retryAt } }));
  }

  receive(frame) {
    this.lastFrameAt = Date.now();
    switch (frame.type) {
      case 'auth_ok': {
        this.authenticated = true;
        this.attempt = 0;
        if (frame.key) {
          this.identity.key = frame.key;
          this.dispatchEvent(new CustomEvent('key', { detail: { key: frame.key } }));
        }
        const first = !this.everAuthenticated;
        this.everAuthenticated = true;
        this.setState('online');
        this.dispatchEvent(new CustomEvent('authenticated', { detail: { frame, first } }));
        for (const pending of this.outbox.values()) this.send(pending);
        break;
      }
      case 'error':
        if (!this.authenticated && (frame.code === 'auth_failed' || frame.request_type === 'auth')) {
          this.stop('signed-out');
          this.dispatchEvent(new CustomEvent('auth-failed', { detail: frame }));
          return;
        }
        if (frame.client_msg_id) this.outbox.delete(frame.client_msg_id);
        break;
      case 'sent':
        this.outbox.delete(frame.client_msg_id);
        this.seen(frame.channel_id, frame.seq, false);
        break;
      case 'message':
        this.seen(frame.channel_id, frame.seq, true);
        break;
      default:
        break;
    }
    this.dispatchEvent(new CustomEvent('frame', { detail: frame }));
  }

  /**
   * Records that the page holds a channel's messages up to seq: the resume position, and (for
   * messages received on this socket) the delivery ack.
   */
  seen(channelId, seq, ack) {
    if (!channelId || typeof seq !== 'number') return;
    if (seq > (this.positions.get(channelId) ?? -1)) this.positions.set(channelId, seq);
    if (!ack) return;
    if (seq > (this.acks.get(channelId) ?? -1)) this.acks.set(channelId, seq);
    if (!this.ackTimer) this.ackTimer = setTimeout(() => this.flushAcks(), ACK_DELAY_MS);
  }

  /** Forgets a channel's position (the hub said it was reset): the next replay starts from what is pending. */
  forget(channelId) {
    this.positions.delete(channelId);
  }

  flushAcks() {
    this.ackTimer = null;
    if (!this.acks.size) return;
    const acks = Array.from(this.acks, ([channel_id, seq]) => ({ channel_id, seq }));
    this.acks.clear();
    this.send({ type: 'ack', acks });
  }

  /** Sends a frame now if authenticated; returns whether it went out. */
  send(frame) {
    if (!this.ws || !this.authenticated || this.ws.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify(frame));
    return true;
  }

  /** Sends a `send` frame through the outbox: it is retried after reconnects until the hub acks it. */
  sendMessage(frame) {
    this.outbox.set(frame.client_msg_id, frame);
    this.send(frame);
  }

  /** Gives up on an outbox entry (the user discarded a failed message). */
  discard(clientMsgId) {
    this.outbox.delete(clientMsgId);
  }

  get online() {
    return this.authenticated;
  }
}
