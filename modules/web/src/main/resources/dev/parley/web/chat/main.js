// Entry point: the sign-in form, or the chat for whoever this browser remembers.
//
// A join code's token can come in the address: /chat#token=<hub token> (or /chat#<hub token>);
// it is remembered and removed from the address bar.

import { byTestId } from './dom.js';
import { ChatApp } from './app.js';
import * as settings from './settings.js';

const NAME = /^[A-Za-z0-9._@-]{1,64}$/;

let started = null;

function tokenFromAddress() {
  const hash = decodeURIComponent(location.hash.slice(1));
  if (!hash) return null;
  const match = /(?:^|&)token=([^&]+)/.exec(hash);
  const token = match ? match[1] : (/^[A-Za-z0-9_-]{16,}$/.test(hash) ? hash : null);
  history.replaceState(null, '', location.pathname + location.search);
  return token;
}

function showSignIn(error, lastName) {
  const form = byTestId('signin-form');
  byTestId('app').hidden = true;
  byTestId('signin').hidden = false;
  byTestId('signin-host').textContent = location.host;
  const name = byTestId('signin-name');
  if (!name.value && lastName) name.value = lastName;
  byTestId('signin-token').value = byTestId('signin-token').value || settings.rememberedToken();
  byTestId('signin-key').value = settings.rememberedKey(name.value) || byTestId('signin-key').value;
  byTestId('signin-error').textContent = error || '';
  if (error) byTestId('signin-advanced').open = true;
  form.onsubmit = (event) => {
    event.preventDefault();
    const value = name.value.trim();
    if (!NAME.test(value)) {
      byTestId('signin-error').textContent = "A name is 1–64 letters, digits, '.', '_', '@' or '-'.";
      name.focus();
      return;
    }
    settings.saveIdentity({ name: value, token: byTestId('signin-token').value.trim(),
      key: byTestId('signin-key').value.trim() });
    if (started) {
      location.reload(); // the refused session's views are wired to the old identity
    } else {
      start(settings.identity());
    }
  };
  name.focus();
}

function start(identity) {
  byTestId('signin').hidden = true;
  started = new ChatApp(identity, {
    authFailed: (frame) => {
      settings.signOut();
      showSignIn(`The hub refused to sign you in: ${frame.detail || frame.code}`, identity.name);
    },
    signOut: () => {
      settings.signOut();
      location.reload();
    },
  });
  started.start();
}

const token = tokenFromAddress();
if (token) {
  const known = settings.identity();
  if (known) settings.saveIdentity({ ...known, token });
  else byTestId('signin-token').value = token;
}
const identity = settings.identity();
if (identity) start(identity);
else showSignIn();
