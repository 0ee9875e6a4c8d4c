// Participant keys made in the browser, and the sign-in codes that carry a key to another device.
//
// A key is 32 random bytes (crypto.getRandomValues) in base64url: 43 characters, the same shape as
// the keys the hub makes. A sign-in code is base64url of {"name","key"} (plus "token" when the page
// holds one); the link form is /chat#signin=<code>: a URL fragment never reaches the server, so the
// key stays out of every access log and proxy.

/** A new participant key: 43 base64url characters (256 bits). */
export function generateKey() {
  const bytes = new Uint8Array(32);
  crypto.getRandomValues(bytes);
  return base64url(bytes);
}

/** The sign-in code of an identity: base64url of {"name","key"[,"token"]}. */
export function signInCode({ name, key, token }) {
  const payload = { name, key };
  if (token) payload.token = token;
  return base64url(new TextEncoder().encode(JSON.stringify(payload)));
}

/** The link that, opened on another device, fills its sign-in form. */
export function signInLink(identity) {
  return `${location.origin}/chat#signin=${signInCode(identity)}`;
}

/**
 * {name, key, token} from a pasted sign-in link, "signin=<code>" or a bare code; null when the
 * text is none of these (for instance a plain key).
 */
export function readSignInCode(text) {
  const trimmed = (text || '').trim();
  const match = /(?:^|[#&])signin=([A-Za-z0-9_-]+)/.exec(trimmed);
  const code = match ? match[1] : trimmed;
  if (!/^[A-Za-z0-9_-]{20,}$/.test(code)) return null;
  try {
    const json = new TextDecoder('utf-8', { fatal: true }).decode(fromBase64url(code));
    const payload = JSON.parse(json);
    if (!payload || typeof payload.name !== 'string' || typeof payload.key !== 'string' || !payload.key) return null;
    return { name: payload.name, key: payload.key, token: typeof payload.token === 'string' ? payload.token : '' };
  } catch (e) {
    return null; // a key, or a mangled code: not ours to decode
  }
}

/**
 * Copies a read-only field's text: the Clipboard API where the page may use it (https or
 * localhost), else the field's text is selected and copied the old way, which also works on
 * http://LAN-IP. Resolves to 'copied', or 'selected' when only the selection could be made (the
 * user presses Ctrl+C).
 */
export async function copyField(field) {
  field.focus();
  field.select();
  field.setSelectionRange(0, field.value.length);
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(field.value);
      return 'copied';
    } catch (e) {
      // refused (no permission, document not focused): fall back to the selection
    }
  }
  try {
    return document.execCommand('copy') ? 'copied' : 'selected';
  } catch (e) {
    return 'selected';
  }
}

function base64url(bytes) {
  let binary = '';
  bytes.forEach((b) => { binary += String.fromCharCode(b); });
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64url(text) {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}
