// Desktop notifications while the tab is hidden, asked for politely (a button the user presses,
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
    this.show(message, `${senderName} · ${where}`, {
      body: message.deleted ? '' : plainPreview(message.body, 200),
      tag: message.channel_id,
      renotify: true,
    });
  }

  /** A question for a human (ask_human): one notification per question, which stays until dismissed. */
  question(message, question, where, askerName) {
    const how = question.options.length ? `Answer: ${question.options.join(' / ')}` : 'Answer in your own words';
    this.show(message, `${askerName} asks you · ${where}`, {
      body: `${plainPreview(question.question, 200)}\n${how}`,
      tag: `question:${question.question_id}`,
      requireInteraction: true,
    });
  }

  /** A notification that opens the message when clicked; only while the page is hidden and the user allowed it. */
  show(message, title, options) {
    if (!this.supported || Notification.permission !== 'granted' || !document.hidden) return;
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
