// The Questions view in the side panel: every open question for a human that the reader may read,
// oldest first, each as a card with its buttons (or text box), where it was asked and a link to it
// in its channel; a question leaves the list once answered or out of time. Also the count of open
// questions on the top bar's Questions button.

import { byTestId, h, refocus } from './dom.js';
import { questionCard } from './question-card.js';

/** Keeps the Questions button's count and label current. */
export function questionsButton(button, book) {
  const count = byTestId('questions-count', button);
  const render = () => {
    const n = book.openCount;
    count.textContent = n > 99 ? '99+' : String(n);
    count.hidden = n === 0;
    button.classList.toggle('has-open', n > 0);
    button.setAttribute('aria-label', n ? `Questions (${n} open)` : 'Questions');
  };
  book.addEventListener('change', render);
  render();
}

export class QuestionsView {
  /**
   * @param body the panel body to fill
   * @param ctx {questions (the QuestionBook), store, me, jumpTo(message)}
   */
  constructor(body, ctx) {
    this.ctx = ctx;
    this.rows = new Map(); // question id -> {key, node}: what is on screen
    this.status = h('p', { class: 'panel-note', role: 'status', dataset: { testid: 'questions-status' } });
    this.list = h('ul', {
      class: 'questions-list', tabindex: '0', 'aria-label': 'Open questions', dataset: { testid: 'questions-list' },
    });
    body.append(h('div', { class: 'questions-view', dataset: { testid: 'questions-view' } }, this.status, this.list));
    this.onChange = () => this.render();
    ctx.questions.addEventListener('change', this.onChange);
    this.render();
  }

  dispose() {
    this.ctx.questions.removeEventListener('change', this.onChange);
  }

  focus() {
    this.list.focus();
  }

  /** Shows the open questions; a row whose question looks the same is kept as it is (and so is its focus). */
  render() {
    const book = this.ctx.questions;
    const open = book.open();
    const rows = new Map();
    for (const q of open) {
      const key = this.keyOf(q);
      const kept = this.rows.get(q.question_id);
      rows.set(q.question_id, kept && kept.key === key ? kept : { key, node: this.item(q) });
    }
    this.rows = rows;
    const nodes = Array.from(rows.values(), (row) => row.node);
    const children = this.list.children;
    if (nodes.length !== children.length || nodes.some((node, i) => children[i] !== node)) {
      const focused = this.list.contains(document.activeElement) ? document.activeElement : null;
      const focusedId = focused?.closest('[data-question-id]')?.dataset.questionId;
      this.list.replaceChildren(...nodes);
      // Whoever was on a button stays on it, or (its question is gone) stays in the list.
      if (focused && document.activeElement !== focused) {
        const row = rows.get(focusedId);
        if (focused.isConnected) focused.focus({ preventScroll: true });
        else if (!(row && refocus(focused, row.node))) this.list.focus();
      }
    }
    if (!book.loaded && book.error) this.status.textContent = `Could not load the questions: ${book.error}`;
    else if (!book.loaded && !open.length) this.status.textContent = 'Loading questions…';
    else if (!open.length) this.status.textContent = 'No open questions. When an agent asks a human, it shows here.';
    else this.status.textContent = `${open.length} open question${open.length === 1 ? '' : 's'}`;
  }

  /** What a row shows of a question: when this changes, the row is made again. */
  keyOf(q) {
    const { questions: book, store } = this.ctx;
    const channel = store.channel(q.channel_id);
    return JSON.stringify([q.status, q.question, q.asked_by, store.participant(q.asked_by).displayName, q.options,
      q.free_text, channel?.name, channel?.member, book.deadline(q), book.answering.has(q.question_id),
      book.errors.get(q.question_id) || null]);
  }

  item(q) {
    const channel = this.ctx.store.channel(q.channel_id);
    const where = !channel ? null : channel.type === 'dm' ? 'in a direct message' : `in #${channel.name}`;
    return h('li', { class: 'question-item', dataset: { testid: 'question-item', questionId: q.question_id } },
      questionCard(q, this.ctx, { asker: true }),
      h('div', { class: 'question-where' }, where,
        channel?.member ? h('button', {
          type: 'button', class: 'link-button', dataset: { testid: 'question-jump' },
          'aria-label': `Show this question in ${channel.type === 'dm' ? 'the conversation' : `#${channel.name}`}`,
          onclick: () => this.ctx.jumpTo({ message_id: q.question_id, channel_id: q.channel_id }),
        }, 'Show in channel') : null));
  }
}
