// What the page remembers in this browser (localStorage): who signed in (name, hub token,
// participant key and whether that key was shown and exported yet), the theme, and the last open
// channel. Signing out forgets all of it but the theme, so the next person at this browser starts
// clean and cannot sign in as the one before.

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

/** {name, token, key, keyToShow, keyExported} of the signed-in participant, or null. */
export function identity() {
  const data = read();
  if (!data.name) return null;
  // Pages before keys were shown kept them per name in `keys`: still honoured, so nobody is locked out.
  const key = data.key || (data.keys || {})[data.name] || '';
  return { name: data.name, token: data.token || '', key, keyToShow: data.keyToShow === true,
    keyExported: data.keyExported === true };
}

/**
 * Remembers who signs in. keyToShow: the key is new (made here) and must be shown once the hub
 * accepted it. A key typed in or brought by a sign-in code counts as exported: it exists elsewhere.
 */
export function saveIdentity({ name, token, key, keyToShow = false }) {
  const data = read();
  // Only this identity is kept: keys of whoever signed in here before are not (the old `keys` map).
  write({ name, token: token || '', key: key || '', keyToShow, keyExported: Boolean(key) && !keyToShow,
    lastChannel: data.name === name ? data.lastChannel : undefined });
}

/** Stores a key the hub issued (it says so once, so it must not be lost) and marks it to be shown. */
export function saveIssuedKey(key) {
  write({ ...read(), key, keyToShow: true, keyExported: false });
}

/** The new key was shown to its owner: it is not shown again by itself. */
export function keyShown() {
  write({ ...read(), keyToShow: false });
}

/** The owner copied the key or its sign-in link: signing out no longer warns. */
export function keyExported() {
  write({ ...read(), keyExported: true });
}

/** Remembers a hub token (from a join code) for whoever is signed in. */
export function saveToken(token) {
  write({ ...read(), token });
}

/** Forgets the signed-in participant: name, token, key and last channel (the theme stays). */
export function signOut() {
  try {
    localStorage.removeItem(KEY);
  } catch (e) {
    // see write()
  }
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
