// The claims view in the side panel: every live claim on the hub (resource, holder, note, time left,
// counting down), a Release button on the signed-in user's own, and a small form to claim a
// resource, where the hub's refusal (409 claim_held, naming the holder) is shown in its own words.
// Also the count of live claims on the top bar's Claims button.

import { byTestId, h } from './dom.js';
import { avatar } from './message-view.js';
import { durationLabel, fullTimeLabel } from './format.js';

const DEFAULT_MINUTES = 15;
const MAX_MINUTES = 24 * 60;
const SOON_MS = 60000;

/** Keeps the Claims button's count and label current. */
export function claimsButton(button, book) {
  const count = byTestId('claims-count', button);
  const render = () => {
    const n = book.size;
    count.textContent = n > 99 ? '99+' : String(n);
    count.hidden = n === 0;
    button.setAttribute('aria-label', n ? `Claims (${n} live)` : 'Claims');
  };
  book.addEventListener('change', render);
  render();
}

export class ClaimsView {
  /**
   * @param body the panel body to fill
   * @param ctx {book, store, me, api, toast(text)}
   */
  constructor(body, ctx) {
    this.ctx = ctx;
    this.releasing = new Set();
    this.rows = new Map(); // claim id -> {key, node, expiry, deadline}: what is on screen
    this.status = h('p', { class: 'panel-note', role: 'status', dataset: { testid: 'claims-status' } });
    this.list = h('ul', {
      class: 'claims-list', tabindex: '0', 'aria-label': 'Live claims', dataset: { testid: 'claims-list' },
    });
    body.append(h('div', { class: 'claims-view', dataset: { testid: 'claims-view' } },
      this.status, this.list, this.claimForm()));
    this.onChange = () => this.render();
    ctx.book.addEventListener('change', this.onChange);
    this.ticker = setInterval(() => this.tick(), 1000);
    this.render();
  }

  dispose() {
    this.ctx.book.removeEventListener('change', this.onChange);
    clearInterval(this.ticker);
  }

  focus() {
    this.list.focus();
  }

  /**
   * Shows the book's claims. A row whose claim looks the same is kept as it is, so a frame that only confirms
   * what an answer already said moves nothing and takes no one's focus.
   */
  render() {
    const { book } = this.ctx;
    const claims = book.list();
    const rows = new Map();
    for (const claim of claims) {
      const key = this.keyOf(claim);
      const kept = this.rows.get(claim.claim_id);
      rows.set(claim.claim_id, kept && kept.key === key ? kept : { key, ...this.item(claim), deadline: claim.deadline });
    }
    this.rows = rows;
    const nodes = Array.from(rows.values(), (row) => row.node);
    const children = this.list.children;
    if (nodes.length !== children.length || nodes.some((node, i) => children[i] !== node)) {
      // Whoever was on a Release button stays on it, or (its claim is gone) stays in the list.
      const focused = this.list.contains(document.activeElement) ? document.activeElement : null;
      const focusedId = focused?.closest('[data-claim-id]')?.dataset.claimId;
      this.list.replaceChildren(...nodes);
      if (focused) (rows.get(focusedId)?.node.querySelector('button') || this.list).focus();
    }
    if (!book.loaded && book.error) this.status.textContent = `Could not load the claims: ${book.error}`;
    else if (!book.loaded && !claims.length) this.status.textContent = 'Loading claims…';
    else if (!claims.length) this.status.textContent = 'Nobody holds a claim. Claim a path, a glob or a ticket '
      + 'below so others know you are on it.';
    else this.status.textContent = `${claims.length} live claim${claims.length === 1 ? '' : 's'}`;
    this.tick();
  }

  /** What a row shows of a claim: when this changes, the row is made again. */
  keyOf(claim) {
    const { store } = this.ctx;
    return JSON.stringify([claim.resource, claim.holder, store.participant(claim.holder).displayName, claim.note,
      claim.channel_id && store.channel(claim.channel_id)?.name, claim.deadline, this.releasing.has(claim.claim_id)]);
  }

  item(claim) {
    const { store, me } = this.ctx;
    const mine = claim.holder === me;
    const holder = store.participant(claim.holder);
    const channel = claim.channel_id && store.channel(claim.channel_id);
    const expiry = h('time', {
      class: 'claim-expiry', datetime: claim.expires_at, title: `Until ${fullTimeLabel(new Date(claim.deadline))}`,
      dataset: { testid: 'claim-expiry' },
    });
    const node = h('li', {
      class: `claim-item${mine ? ' mine' : ''}`,
      dataset: { testid: 'claim-item', claimId: claim.claim_id, resource: claim.resource, holder: claim.holder,
        mine: mine ? 'true' : 'false' },
    },
    h('div', { class: 'claim-text' },
      h('code', { class: 'claim-resource', dataset: { testid: 'claim-resource' } }, claim.resource),
      h('span', { class: 'claim-meta' },
        avatar(holder, { size: 'xs' }),
        h('span', { class: 'claim-holder', dataset: { testid: 'claim-holder' } }, holder.displayName),
        mine ? h('span', { class: 'claim-you' }, '(you)') : null,
        channel && channel.type !== 'dm' ? ['·', h('span', null, `#${channel.name}`)] : null,
        '·', expiry),
      claim.note ? h('p', { class: 'claim-note', dataset: { testid: 'claim-note' } }, claim.note) : null),
    mine ? h('button', {
      type: 'button', class: 'button button-small', dataset: { testid: 'claim-release' },
      // aria-disabled rather than disabled while it is released: a disabled button would drop the focus.
      'aria-label': `Release ${claim.resource}`, 'aria-disabled': this.releasing.has(claim.claim_id) ? 'true' : null,
      onclick: () => this.release(claim),
    }, 'Release') : null);
    return { node, expiry };
  }

  /** Counts the time left down (the list itself changes only when a claim does). */
  tick() {
    const now = Date.now();
    for (const { expiry, deadline } of this.rows.values()) {
      const left = deadline - now;
      const text = left > 0 ? `expires in ${durationLabel(left)}` : 'expiring…';
      if (expiry.textContent !== text) expiry.textContent = text;
      expiry.classList.toggle('soon', left < SOON_MS);
    }
  }

  async release(claim) {
    const { api, book, toast } = this.ctx;
    if (this.releasing.has(claim.claim_id)) return;
    this.releasing.add(claim.claim_id);
    this.render();
    try {
      await api.releaseClaim(claim.claim_id);
      book.released(claim.claim_id);
    } catch (e) {
      if (e.status === 404) {
        book.released(claim.claim_id); // it ran out or was released elsewhere meanwhile
      } else {
        toast(`Could not release ${claim.resource}: ${e.message}`);
      }
    } finally {
      this.releasing.delete(claim.claim_id);
      this.render();
    }
  }

  // ---- the claim form --------------------------------------------------------------------------

  claimForm() {
    const resource = h('input', {
      class: 'mono', maxlength: '256', autocomplete: 'off', autocapitalize: 'off', spellcheck: 'false',
      placeholder: 'src/server/** or JIRA-142', dataset: { testid: 'claim-resource-input' },
    });
    const minutes = h('input', {
      type: 'number', min: '1', max: String(MAX_MINUTES), step: '1', value: String(DEFAULT_MINUTES),
      inputmode: 'numeric', dataset: { testid: 'claim-minutes-input' },
    });
    const note = h('input', {
      maxlength: '500', autocomplete: 'off', placeholder: 'What you are doing', dataset: { testid: 'claim-note-input' },
    });
    const error = h('p', { class: 'form-error', role: 'alert', dataset: { testid: 'claim-error' } });
    const done = h('p', { class: 'form-note', role: 'status', dataset: { testid: 'claim-done' } });
    const submit = h('button', { type: 'submit', class: 'button button-primary', dataset: { testid: 'claim-submit' } },
      'Claim');
    const form = h('form', { class: 'claim-form', novalidate: true, dataset: { testid: 'claim-form' } },
      h('h3', null, 'Claim a resource'),
      h('label', { class: 'field' }, h('span', null, 'Resource'), resource),
      h('div', { class: 'claim-form-row' },
        h('label', { class: 'field' }, h('span', null, 'Minutes'), minutes),
        h('label', { class: 'field' }, h('span', null, 'Note ', h('em', null, '(optional)')), note)),
      error, h('div', { class: 'claim-form-actions' }, done, submit));
    form.addEventListener('input', () => {
      error.textContent = '';
      done.textContent = '';
    });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const what = resource.value.trim();
      const count = Number(minutes.value);
      if (!what) {
        error.textContent = 'Name what you claim: a path, a glob or a ticket.';
        resource.focus();
        return;
      }
      if (!Number.isInteger(count) || count < 1 || count > MAX_MINUTES) {
        error.textContent = `A claim lasts 1 to ${MAX_MINUTES} minutes.`;
        minutes.focus();
        return;
      }
      submit.disabled = true;
      try {
        const answer = await this.ctx.api.claim(what, count * 60, note.value.trim());
        this.ctx.book.granted(answer.claim);
        done.textContent = `${answer.renewed ? 'Renewed' : 'Claimed'} ${what} for ${durationLabel(count * 60000)}.`;
        resource.value = '';
        note.value = '';
      } catch (e) {
        error.textContent = e.message; // a refusal names the holder and the time it runs until
      } finally {
        submit.disabled = false;
      }
    });
    return form;
  }
}
