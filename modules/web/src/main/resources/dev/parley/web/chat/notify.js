// Desktop notifications while the tab is hidden (and for mentions of the reader while another
// channel is open), asked for politely (a button the user presses,
// never a prompt on load), and the unread count in the tab title.

import { plainPreview } from './markdown.js';

export class Notifier {
  /** @param button the "enable notifications" button; hidden when not applicable */
  constructor(button, onOpen) {
    this.button = button;
    this.onOpen = onOpen;
    this.supported = 'Notification' in window && window.isSecureContext;
    button.addEventListener('click', async () => {
      try {
        await Notification.requestPermission();
      } finally {
        this.refresh();
      }
    });
    this.refresh();
  }

  refresh() {
    this.button.hidden = !this.supported || Notification.permission !== 'default';
  }

  /** Shows a message as a notification if the page is hidden and the user allowed it. */
  message(message, where, senderName) {
    if (!document.hidden) return;
    this.show(message, `${senderName} · ${where}`, {
      body: message.deleted ? '' : plainPreview(message.body, 200),
      tag: message.channel_id,
      renotify: true,
    });
  }

  /** A question for a human (ask_human): one notification per question, which stays until dismissed. */
  question(message, question, where, askerName) {
    if (!document.hidden) return;
    const how = question.options.length ? `Answer: ${question.options.join(' / ')}` : 'Answer in your own words';
    this.show(message, `${askerName} asks you · ${where}`, {
      body: `${plainPreview(question.question, 200)}\n${how}`,
      tag: `question:${question.question_id}`,
      requireInteraction: true,
    });
  }

  /**
   * A message that mentions the reader: notified while the tab is hidden and also while another
   * channel is open (the caller decides that), under its own tag so a later ordinary message of the
   * channel does not replace it.
   */
  mention(message, where, senderName) {
    this.show(message, `${senderName} mentioned you · ${where}`, {
      body: message.deleted ? '' : plainPreview(message.body, 200),
      tag: `mention:${message.message_id}`,
      renotify: true,
    });
  }

  /** A notification that opens the message when clicked, if the user allowed them (callers decide when). */
  show(message, title, options) {
    if (!this.supported || Notification.permission !== 'granted') return;
    try {
      const notification = new Notification(title, options);
      notification.onclick = () => {
        window.focus();
        this.onOpen(message);
        notification.close();
      };
    } catch (e) {
      // Some browsers only allow notifications from a service worker: the title (and the Questions count) still tell.
    }
  }

  /** "(3) #general · Parley" */
  static title(unread, where) {
    document.title = `${unread ? `(${unread > 99 ? '99+' : unread}) ` : ''}${where ? `${where} · ` : ''}Parley`;
  }
}
