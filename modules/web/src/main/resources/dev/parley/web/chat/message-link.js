// Links to one message: /chat#m=<message id>. The fragment never reaches the server; the page that
// opens such an address opens the message's channel and shows the message (app.js openLinkedMessage).

/** The address of a message, for sharing. */
export function messageLink(message) {
  return `${location.origin}/chat#m=${encodeURIComponent(message.message_id)}`;
}

/** The message id an address fragment names ("#m=<id>"), or null. */
export function messageIdInAddress(hash) {
  const match = /^#?m=([^&]+)$/.exec(hash || '');
  return match ? decodeURIComponent(match[1]) : null;
}

/** Copies text: the Clipboard API where the page may use it, else a hidden field and execCommand. */
export async function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch (e) {
      // refused (no permission, document not focused): try the old way
    }
  }
  const field = document.createElement('textarea');
  field.value = text;
  field.setAttribute('readonly', '');
  field.style.position = 'fixed';
  field.style.opacity = '0';
  document.body.append(field);
  field.select();
  try {
    return document.execCommand('copy');
  } catch (e) {
    return false;
  } finally {
    field.remove();
  }
}
