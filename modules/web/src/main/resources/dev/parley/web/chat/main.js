// Entry point: the sign-in form, or the chat for whoever this browser remembers.
//
// The address may carry, in its fragment (never sent to the server), a join code's token
// (/chat#token=<hub token>, or /chat#<hub token>) or a sign-in code exported from another device
// (/chat#signin=<code>, see keys.js); either is taken and removed from the address bar.
//
// Keys: on a token-mode hub, the first sign-in under a name the hub does not know yet sends a key
// made here, so this browser claims the name (and shows the key once, see app.js); on a keys-mode
// hub the hub makes the key and returns it in auth_ok; an open hub has no keys.

import { byTestId } from './dom.js';
import { Api, ApiError } from './api.js';
import { ChatApp } from './app.js';
import { generateKey, readSignInCode } from './keys.js';
import * as settings from './settings.js';

const NAME = /^[A-Za-z0-9._@-]{1,64}$/;

let started = null;

/** {token, signIn} from the address fragment, which is then removed. */
function fromAddress() {
  const hash = decodeURIComponent(location.hash.slice(1));
  if (!hash || /^m=/.test(hash)) return {}; // a message link is the chat's to open (app.js)
  history.replaceState(null, '', location.pathname + location.search);
  if (/(?:^|&)signin=/.test(hash)) return { signIn: readSignInCode(hash) };
  const match = /(?:^|&)token=([^&]+)/.exec(hash);
  return { token: match ? match[1] : (/^[A-Za-z0-9_-]{16,}$/.test(hash) ? hash : null) };
}

/** The hub's auth mode from /health ('open', 'token', 'keys'), or null when it cannot be asked. */
async function hubAuthMode() {
  try {
    const response = await fetch('/health', { cache: 'no-store' });
    return (await response.json()).auth_mode || null;
  } catch (e) {
    return null;
  }
}

/**
 * Whether the hub has never seen this name: only a first registration claims a name with a key.
 * When the hub cannot be asked the answer is no, so no key is made that might claim nothing.
 */
async function isNewName(name, token) {
  try {
    await new Api({ name: '', token, key: '' }).participant(name);
    return false;
  } catch (e) {
    return e instanceof ApiError && e.status === 404 && e.code === 'participant_not_found';
  }
}

function setNote(text) {
  const note = byTestId('signin-note');
  note.textContent = text || '';
  note.hidden = !text;
}

/** A pasted sign-in code or link in the key field fills name, key and token. */
function applySignInCode() {
  const code = readSignInCode(byTestId('signin-key').value);
  if (!code) return;
  fill(code);
  setNote(`Sign-in code for ${code.name}: press Join.`);
}

function fill({ name, token, key }) {
  if (name) byTestId('signin-name').value = name;
  if (token) byTestId('signin-token').value = token;
  if (key != null) byTestId('signin-key').value = key;
  if (token || key) byTestId('signin-advanced').open = true;
}

/**
 * Shows the sign-in form. Fields already typed are kept; `values` ({name, token, key}) fill them,
 * e.g. with what a refused sign-in had used, so nothing the user typed is lost.
 */
function showSignIn({ error, note, values } = {}) {
  const form = byTestId('signin-form');
  byTestId('app').hidden = true;
  byTestId('signin').hidden = false;
  byTestId('signin-host').textContent = location.host;
  if (values) fill(values);
  byTestId('signin-error').textContent = error || '';
  if (error) byTestId('signin-advanced').open = true;
  setNote(note);
  hubAuthMode().then((mode) => { byTestId('signin-open-notice').hidden = mode !== 'open'; });
  const name = byTestId('signin-name');
  const keyField = byTestId('signin-key');
  keyField.oninput = applySignInCode;
  const submit = byTestId('signin-submit');
  form.onsubmit = async (event) => {
    event.preventDefault();
    applySignInCode();
    const value = name.value.trim();
    if (!NAME.test(value)) {
      byTestId('signin-error').textContent = "A name is 1–64 letters, digits, '.', '_', '@' or '-'.";
      name.focus();
      return;
    }
    const token = byTestId('signin-token').value.trim();
    let key = keyField.value.trim();
    let keyToShow = false;
    if (!key) {
      submit.disabled = true;
      try {
        if (await hubAuthMode() === 'token' && await isNewName(value, token)) {
          key = generateKey();
          keyToShow = true;
        }
      } finally {
        submit.disabled = false;
      }
    }
    settings.saveIdentity({ name: value, token, key, keyToShow });
    if (started) {
      location.reload(); // the refused session's views are wired to the old identity
    } else {
      start(settings.identity() || { name: value, token, key, keyToShow, keyExported: Boolean(key) && !keyToShow });
    }
  };
  name.focus();
}

function start(identity) {
  byTestId('signin').hidden = true;
  started = new ChatApp(identity, {
    authFailed: (frame) => {
      settings.signOut();
      const detail = frame.detail || frame.code;
      // A key made here for a name someone claimed meanwhile was never the user's: not put in the form.
      const madeHere = identity.keyToShow;
      const error = madeHere && /key/.test(detail)
        ? `The name ${identity.name} is already taken on this hub: enter its key (or a sign-in code), or choose another name.`
        : `The hub refused to sign you in: ${detail}`;
      showSignIn({ error, values: { name: identity.name, token: identity.token, key: madeHere ? '' : identity.key } });
    },
    signOut: () => {
      settings.signOut();
      location.reload();
    },
  });
  started.start();
}

const address = fromAddress();
const known = settings.identity();
if (address.token) {
  if (known) settings.saveToken(address.token);
  else byTestId('signin-token').value = address.token;
}
const code = address.signIn;
if (code && (!known || known.name !== code.name)) {
  showSignIn({
    values: code,
    note: known ? `This browser is signed in as ${known.name}: joining as ${code.name} signs ${known.name} out here.`
      : `Sign-in link for ${code.name}: press Join.`,
  });
} else if (address.signIn === null && !known) {
  showSignIn({ error: 'That sign-in link is damaged: copy it again from the other device.' });
} else if (settings.identity()) {
  start(settings.identity());
} else {
  showSignIn();
}
