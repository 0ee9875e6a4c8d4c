// What the page remembers in this browser (localStorage): who signed in, the hub token and the
// participant keys the hub issued, the theme, and the last open channel.

const KEY = 'parley.chat.v1';
const THEME_KEY = 'parley.chat.theme';

function read() {
  try {
    return JSON.parse(localStorage.getItem(KEY) || '{}') || {};
  } catch (e) {
    return {};
  }
}

function write(data) {
  try {
    localStorage.setItem(KEY, JSON.stringify(data));
  } catch (e) {
    // Private mode or a full quota: the page still works, it just forgets on reload.
  }
}

/** {name, token, key} of the signed-in participant, or null. */
export function identity() {
  const data = read();
  if (!data.name) return null;
  return { name: data.name, token: data.token || '', key: (data.keys || {})[data.name] || '' };
}

/** Remembers who signed in (the key is kept per name, so switching names keeps each key). */
export function saveIdentity({ name, token, key }) {
  const data = read();
  data.name = name;
  data.token = token || '';
  data.keys = data.keys || {};
  if (key) data.keys[name] = key;
  write(data);
}

/** Stores a key the hub issued for a name (shown once by the hub, so it must not be lost). */
export function saveKey(name, key) {
  const data = read();
  data.keys = data.keys || {};
  data.keys[name] = key;
  write(data);
}

/** Forgets who is signed in (keys and token stay, so signing in again is one step). */
export function signOut() {
  const data = read();
  delete data.name;
  write(data);
}

/** The remembered token, for the sign-in form. */
export function rememberedToken() {
  return read().token || '';
}

/** The remembered key of a name, for the sign-in form. */
export function rememberedKey(name) {
  return (read().keys || {})[name] || '';
}

export function lastChannel() {
  return read().lastChannel || null;
}

export function saveLastChannel(channelId) {
  const data = read();
  data.lastChannel = channelId;
  write(data);
}

/** 'light', 'dark' or null (follow the system). */
export function theme() {
  try {
    const value = JSON.parse(localStorage.getItem(THEME_KEY) || 'null');
    return value === 'light' || value === 'dark' ? value : null;
  } catch (e) {
    return null;
  }
}

export function saveTheme(value) {
  try {
    localStorage.setItem(THEME_KEY, JSON.stringify(value));
  } catch (e) {
    // ignored: see write()
  }
}
