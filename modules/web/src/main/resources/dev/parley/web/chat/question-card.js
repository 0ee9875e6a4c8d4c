// A question for a human as a card: the question, who asks, the time left (counting down), and a
// button per choice or a text box and Send; once answered, "answered by X: answer"; once out of time,
// "no answer in time"; a refusal of our answer in the hub's words. The timeline shows one in place of
// a question message, the Questions view one per open question; both read the same QuestionBook.

import { h, icon } from './dom.js';
import { renderMarkdown } from './markdown.js';
import { durationLabel, fullTimeLabel } from './format.js';

const SOON_MS = 60000;

/**
 * @param q a question of the book
 * @param ctx {questions (the QuestionBook), store, me}
 * @param options {asker: show who asks (the timeline's message header already does)}
 */
export function questionCard(q, ctx, { asker = false } = {}) {
  const book = ctx.questions;
  const who = ctx.store.participant(q.asked_by).displayName;
  const error = book.errors.get(q.question_id);
  return h('div', {
    class: `question-card question-${q.status}`, role: 'group', 'aria-label': `Question from ${who}`,
    dataset: { testid: 'question-card', questionId: q.question_id, status: q.status },
  },
  h('div', { class: `question-label${asker ? ' question-label-asker' : ''}` }, icon('help'),
    asker ? [h('strong', { dataset: { testid: 'question-asker' } }, who), ' asks'] : 'Question for a human'),
  h('div', { class: 'question-text md', dataset: { testid: 'question-text' } },
    renderMarkdown(q.question, { me: ctx.me })),
  q.status === 'open' ? answerControls(q, book) : null,
  h('p', { class: 'question-state', dataset: { testid: 'question-state' } }, stateLine(q, ctx)),
  error ? h('p', { class: 'form-error question-error', role: 'alert', dataset: { testid: 'question-error' } }, error)
    : null);
}

function answerControls(q, book) {
  const id = q.question_id;
  const busy = book.answering.has(id);
  if (!q.free_text && q.options.length) {
    return h('div', { class: 'question-options', role: 'group', 'aria-label': 'Answers' },
      q.options.map((option) => h('button', {
        type: 'button', class: 'button question-option', dataset: { testid: 'question-option', option },
        // aria-disabled rather than disabled while the answer is on its way: a disabled button would drop the focus.
        'aria-disabled': busy ? 'true' : null, onclick: () => { if (!busy) book.answer(id, option); },
      }, option)));
  }
  const input = h('input', {
    class: 'field-input', maxlength: '2000', autocomplete: 'off', placeholder: 'Your answer', 'aria-label': 'Your answer',
    value: book.drafts.get(id) || null, dataset: { testid: 'question-input' },
    oninput: () => book.drafts.set(id, input.value),
  });
  return h('form', {
    class: 'question-free', novalidate: true, dataset: { testid: 'question-form' },
    onsubmit: (event) => {
      event.preventDefault();
      const text = input.value.trim();
      if (!text) input.focus();
      else if (!busy) book.answer(id, text);
    },
  }, input, h('button', {
    type: 'submit', class: 'button button-primary', 'aria-disabled': busy ? 'true' : null,
    dataset: { testid: 'question-send' },
  }, 'Send'));
}

function stateLine(q, ctx) {
  const book = ctx.questions;
  switch (q.status) {
    case 'open': {
      const deadline = book.deadline(q);
      return h('time', {
        class: `question-expiry${deadline - Date.now() < SOON_MS ? ' soon' : ''}`, datetime: q.expires_at,
        title: `Open until ${fullTimeLabel(new Date(deadline))}`,
        dataset: { testid: 'question-expiry', deadline: String(deadline) },
      }, timeLeft(deadline - Date.now()));
    }
    case 'answered':
      return ['answered by ', h('strong', { dataset: { testid: 'question-answered-by' } },
        ctx.store.participant(q.answered_by).displayName), ': ',
      h('span', { class: 'question-answer', dataset: { testid: 'question-answer' } }, q.answer)];
    case 'expired':
      return 'no answer in time';
    case 'missing':
      return 'The hub has no such question.';
    default:
      return 'Checking…';
  }
}

function timeLeft(ms) {
  return ms > 0 ? `${durationLabel(ms)} left to answer` : 'closing…';
}

/** Counts every question card's time left down, once a second, wherever the cards are. */
export function startQuestionCountdowns() {
  setInterval(() => {
    const now = Date.now();
    document.querySelectorAll('[data-testid="question-expiry"]').forEach((node) => {
      const left = Number(node.dataset.deadline) - now;
      const text = timeLeft(left);
      if (node.textContent !== text) node.textContent = text;
      node.classList.toggle('soon', left < SOON_MS);
    });
  }, 1000);
}
