// The chrome around the conversation: the top bar (open channel, search, sidebar toggle on phones),
// the signed-in chip with theme and sign-out buttons, the connection state (pill and banner with
// a countdown to the next attempt), the open-hub notice, and the "x is typing…" line above the composer.

import { byTestId, clear, icon } from './dom.js';
import { avatar, typeBadge } from './message-view.js';
import { dmPeer, parseTime, sinceLabel } from './format.js';
import * as settings from './settings.js';

const STATE_LABELS = { idle: 'Offline', connecting: 'Connecting…', online: 'Connected', reconnecting: 'Reconnecting…',
  'signed-out': 'Signed out' };

export class ChatHeader {
  /** @param actions {search(q), toggleSidebar(open), signOut(), channelMenu()} */
  constructor(root, store, connection, actions) {
    this.root = root;
    this.store = store;
    this.connection = connection;
    this.title = byTestId('channel-title', root);
    this.subtitle = byTestId('channel-subtitle', root);
    this.pill = byTestId('connection-state', root);
    this.banner = byTestId('connection-banner', root);
    this.typingLine = byTestId('typing-indicator', root);
    this.themeButton = byTestId('theme-toggle', root);
    byTestId('sidebar-toggle', root).addEventListener('click', () =>
      actions.toggleSidebar(!root.classList.contains('sidebar-open')));
    byTestId('sign-out', root).addEventListener('click', () => actions.signOut());
    this.menuToggle = byTestId('channel-menu-toggle', root);
    this.menuToggle.addEventListener('click', () => actions.channelMenu());
    byTestId('retry-now', root).addEventListener('click', () => connection.retryNow());
    this.themeButton.addEventListener('click', () => this.toggleTheme());
    const search = byTestId('search-form', root);
    search.addEventListener('submit', (event) => {
      event.preventDefault();
      const q = byTestId('search-input', root).value.trim();
      if (q) actions.search(q);
    });
    connection.addEventListener('state', () => this.renderConnection());
    setInterval(() => { if (connection.state === 'reconnecting') this.renderConnection(); }, 1000);
    window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', (event) => {
      if (!settings.theme()) { // no choice of our own: follow the system
        document.documentElement.dataset.theme = event.matches ? 'dark' : 'light';
        this.renderTheme();
      }
    });
    this.renderTheme();
    this.renderConnection();
  }

  render() {
    const me = this.store.participant(this.store.me);
    byTestId('me-name', this.root).textContent = me.displayName;
    clear(byTestId('me-avatar', this.root)).append(avatar({ ...me, type: 'human' }, { size: 'sm' }));
    const channel = this.store.channels.get(this.store.activeId);
    clear(this.title);
    clear(this.subtitle);
    // general is for good and a DM keeps its members: neither has a channel menu.
    this.menuToggle.hidden = !channel || channel.type === 'dm' || channel.id === 'ch-general';
    if (!channel) {
      this.title.append('Parley');
      return;
    }
    if (channel.type === 'dm') {
      const peer = this.store.participant(dmPeer(channel.name, this.store.me) || channel.name);
      this.title.append(avatar(peer, { size: 'sm', presence: true }), peer.displayName, typeBadge(peer.type));
      this.subtitle.append(peer.online ? 'online'
        : peer.lastSeen ? `last seen ${sinceLabel(parseTime(peer.lastSeen))}` : 'offline');
    } else {
      this.title.append(icon('hash'), channel.name);
      this.subtitle.append(channel.archived ? 'Archived: read-only' + (channel.topic ? ` · ${channel.topic}` : '')
        : channel.topic || (channel.type === 'broadcast' ? 'Broadcast channel' : ''));
    }
  }

  /** auth_ok.auth_mode: an open hub says so for as long as the page is open. */
  showAuthMode(mode) {
    byTestId('open-notice', this.root).hidden = mode !== 'open';
  }

  renderTyping() {
    const channel = this.store.channels.get(this.store.activeId);
    const names = channel ? Array.from(channel.typing.keys(), (n) => this.store.participant(n).displayName) : [];
    const line = this.typingLine;
    line.dataset.active = names.length ? 'true' : 'false';
    const text = byTestId('typing-text', line);
    if (!names.length) text.textContent = '';
    else if (names.length === 1) text.textContent = `${names[0]} is typing…`;
    else if (names.length === 2) text.textContent = `${names[0]} and ${names[1]} are typing…`;
    else text.textContent = `${names.length} people are typing…`;
  }

  renderConnection() {
    const c = this.connection;
    let label = STATE_LABELS[c.state] || c.state;
    if (c.state === 'reconnecting' && !c.ws) {
      const seconds = Math.max(0, Math.ceil((c.retryAt - Date.now()) / 1000));
      label = seconds > 0 ? `Reconnecting in ${seconds} s…` : 'Reconnecting…';
    }
    this.pill.dataset.state = c.state;
    byTestId('connection-label', this.pill).textContent = label;
    this.root.dataset.connection = c.state;
    const showBanner = c.state === 'reconnecting';
    this.banner.hidden = !showBanner;
    if (showBanner) {
      byTestId('connection-banner-text', this.banner).textContent =
        `Connection to the hub lost. ${label} Messages you send now go out when it is back.`;
    }
  }

  toggleTheme() {
    const next = document.documentElement.dataset.theme === 'dark' ? 'light' : 'dark';
    document.documentElement.dataset.theme = next;
    settings.saveTheme(next);
    this.renderTheme();
  }

  renderTheme() {
    const dark = document.documentElement.dataset.theme === 'dark';
    clear(this.themeButton).append(icon(dark ? 'sun' : 'moon'));
    const label = dark ? 'Switch to light theme' : 'Switch to dark theme';
    this.themeButton.title = label;
    this.themeButton.setAttribute('aria-label', label);
    this.themeButton.dataset.theme = dark ? 'dark' : 'light';
  }
}
