// Questions agents put to a human (ask_human), as the page knows them, by question id (the id of the
// question's message). A question is open, then answered (by whom, what, when) or expired, and never
// open again: the state only moves forward, so the sources below may arrive in any order and the
// result is the latest state.
//
//   - GET /api/questions after every (re)connect: the open ones. One we held as open that the list
//     leaves out is asked about by id (it may have been asked after the list was made, or closed).
//   - a question message that arrives live: open until its expires_at.
//   - GET /api/questions/{id} for a question first seen in history (its message does not say whether
//     it was answered), and for one whose answer was announced: the announcement (a reply with
//     metadata.parley_answer) is any message, which anyone could send, so it only makes us ask the hub.
//   - the hub's answer to our own POST /api/questions/{id}/answer.
//
// When a question's expires_at passes by this browser's clock (the hub's time, corrected by the
// difference seen on live messages when it is over 2 s), the hub is asked: it says expired (or
// answered, at the last moment), or, its clock being behind, still open (asked again a second later).
// Only when the hub cannot be asked does the page decide by its clock; such a guess gives way to the
// hub's word.
//
// Events: 'change' {ids} (the questions whose state, or our answering of them, changed);
// 'answered' {question} (our own answer was taken: the hub sends its announcement to everyone but us).

/** The metadata keys of a question message and of the reply announcing its answer (the hub's names). */
export const QUESTION_KEY = 'parley_question';
export const ANSWER_KEY = 'parley_answer';

/** Beyond this difference the two clocks are taken to disagree, and deadlines are moved by it. */
const CLOCK_AGREEMENT_MS = 2000;
/** The hub still calls a question open whose time passed here (the clocks differ): asked again after this. */
const HUB_GRACE_MS = 1000;
const PARALLEL_LOOKUPS = 4;
/** 'missing': the hub has no such question (a message that only looks like one). */
const RANK = { unknown: 0, open: 1, expired: 2, answered: 3, missing: 3 };

/** The question details a message carries (an action with metadata.parley_question), or null. */
export function questionOf(message) {
  const details = message?.metadata?.[QUESTION_KEY];
  return message?.message_type === 'action' && details && typeof details === 'object' ? details : null;
}

export class QuestionBook extends EventTarget {
  /** @param api {questions(), question(id), answerQuestion(id, answer)} */
  constructor(api) {
    super();
    this.api = api;
    this.byId = new Map();
    this.answering = new Set();
    this.errors = new Map(); // question id -> the hub's refusal of our answer, shown until the next try
    this.drafts = new Map(); // question id -> free text typed but not sent, kept across re-renders
    this.queue = [];
    this.asking = new Set();
    this.running = 0;
    this.skew = 0;
    this.loaded = false;
    this.error = null;
    this.loading = null;
    this.timer = null;
  }

  get(id) {
    return this.byId.get(id);
  }

  /** Open questions, oldest first. */
  open() {
    return Array.from(this.byId.values()).filter((q) => q.status === 'open')
      .sort((a, b) => String(a.asked_at).localeCompare(String(b.asked_at)));
  }

  get openCount() {
    let n = 0;
    for (const q of this.byId.values()) if (q.status === 'open') n++;
    return n;
  }

  /** When a question runs out by this browser's clock (ms). */
  deadline(q) {
    const at = Date.parse(q.expires_at);
    return Math.max(Number.isFinite(at) ? at + this.skew : Infinity, q.graceUntil || 0);
  }

  /**
   * The state of the question a message carries (null when it carries none). One not known yet is
   * 'unknown' until the hub says (asked at once): a card never offers buttons for a closed question.
   */
  of(message) {
    const known = this.byId.get(message.message_id);
    if (known) return known;
    const details = questionOf(message);
    if (!details) return null;
    const q = fromMessage(message, details, 'unknown');
    this.byId.set(q.question_id, q);
    this.lookUp(q.question_id);
    return q;
  }

  /** Every message frame; `live`: it was just sent (not a replay after a reconnect). */
  message(wire, live) {
    if (live) this.sampleClock(wire.created_at);
    const details = questionOf(wire);
    if (details && live && !this.byId.has(wire.message_id)) this.update([fromMessage(wire, details, 'open')], false);
    const answer = wire.metadata?.[ANSWER_KEY];
    const id = answer && typeof answer === 'object' ? answer.question_id || wire.reply_to : null;
    if (id && this.byId.has(id) && this.byId.get(id).status !== 'answered') this.lookUp(id);
  }

  /** Takes the hub's open list (after every (re)connect, and when the Questions view opens). */
  async load() {
    const token = {};
    this.loading = token;
    let list;
    try {
      list = await this.api.questions();
    } catch (e) {
      if (this.loading !== token) return;
      this.error = e.message;
      this.emit([]);
      return;
    }
    if (this.loading !== token) return; // a later load answers for both
    const listed = new Set(list.map((wire) => wire.question_id));
    this.loaded = true;
    this.error = null;
    this.update(list.map(fromWire), true, { always: true });
    for (const q of this.byId.values()) {
      if (q.status === 'open' && !listed.has(q.question_id)) this.lookUp(q.question_id);
    }
  }

  /** Answers a question (a choice, or free text); a refusal is kept in `errors` in the hub's words. */
  async answer(id, text) {
    if (this.answering.has(id)) return;
    this.answering.add(id);
    this.errors.delete(id);
    this.emit([id]);
    try {
      const wire = await this.api.answerQuestion(id, text);
      this.drafts.delete(id);
      this.update([fromWire(wire)], true, { always: true });
      this.dispatchEvent(new CustomEvent('answered', { detail: { question: wire } }));
    } catch (e) {
      this.errors.set(id, e.message);
      if (e.status === 409 || e.status === 404) this.lookUp(id); // who answered first, or that time ran out
    } finally {
      this.answering.delete(id);
      this.emit([id]);
    }
  }

  // ---- state -----------------------------------------------------------------------------------

  /**
   * Merges questions in: the hub's word (fromHub) replaces what we had, except that it never takes a
   * question back to an earlier state; our own (a live message, a guess) only moves a state forward.
   */
  update(patches, fromHub, { always = false } = {}) {
    const changed = [];
    for (const patch of patches) {
      const old = this.byId.get(patch.question_id);
      const next = merge(old, patch, fromHub);
      if (next.status === 'open' && fromHub && Date.now() >= this.deadline(next)) {
        next.graceUntil = Date.now() + HUB_GRACE_MS; // the hub still takes answers: so do we, for now
      }
      if (!old || JSON.stringify(old) !== JSON.stringify(next)) {
        this.byId.set(next.question_id, next);
        changed.push(next.question_id);
      }
    }
    if (changed.length || always) this.emit(changed);
  }

  emit(ids) {
    this.checkDue();
    this.dispatchEvent(new CustomEvent('change', { detail: { ids } }));
  }

  /** Asks the hub about the open questions whose time ran out by our clock, and sets one timer for the next. */
  checkDue() {
    clearTimeout(this.timer);
    const now = Date.now();
    let next = Infinity;
    for (const q of this.byId.values()) {
      if (q.status !== 'open') continue;
      const at = this.deadline(q);
      if (at <= now) this.lookUp(q.question_id);
      else next = Math.min(next, at);
    }
    if (next !== Infinity) this.timer = setTimeout(() => this.checkDue(), Math.min(next - now, 2 ** 31 - 1));
  }

  sampleClock(createdAt) {
    const hub = Date.parse(createdAt);
    if (!Number.isFinite(hub)) return;
    const skew = Date.now() - hub;
    this.skew = Math.abs(skew) < CLOCK_AGREEMENT_MS ? 0 : skew;
  }

  // ---- asking the hub about one question -------------------------------------------------------

  lookUp(id) {
    if (this.asking.has(id)) return;
    this.asking.add(id);
    this.queue.push(id);
    this.pump();
  }

  pump() {
    while (this.running < PARALLEL_LOOKUPS && this.queue.length) {
      const id = this.queue.shift();
      this.running++;
      this.api.question(id)
        .then((wire) => this.update([fromWire(wire)], true), (e) => this.lookUpFailed(id, e))
        .finally(() => {
          this.running--;
          this.asking.delete(id);
          this.pump();
        });
    }
  }

  lookUpFailed(id, e) {
    const q = this.byId.get(id);
    if (!q) return;
    if (e.status === 404) {
      this.update([{ question_id: id, status: 'missing' }], true);
    } else if (q.status === 'unknown' || (q.status === 'open' && Date.now() >= this.deadline(q))) {
      // The hub could not be asked (offline): what the message and our clock say, until the next (re)connect asks.
      const status = Date.now() < this.deadline(q) ? 'open' : 'expired';
      this.update([{ question_id: id, status, guessed: true }], false);
    }
  }
}

/** A question as the hub's JSON has it. */
function fromWire(wire) {
  return {
    question_id: wire.question_id, channel_id: wire.channel_id, asked_by: wire.asked_by, question: wire.question,
    options: Array.isArray(wire.options) ? wire.options.map(String) : [], free_text: !!wire.free_text,
    asked_at: wire.asked_at, expires_at: wire.expires_at, status: wire.status in RANK ? wire.status : 'unknown',
    answered_by: wire.answered_by || null, answer: wire.answer ?? null, answered_at: wire.answered_at || null,
  };
}

/** A question as its message has it (the body is the question, a blank line and how to answer). */
function fromMessage(message, details, status) {
  const options = Array.isArray(details.options) ? details.options.map(String) : [];
  const how = options.length ? `\n\nAnswer: ${options.join(' / ')}` : '\n\n(answer in your own words)';
  const body = message.body || '';
  return {
    question_id: message.message_id, channel_id: message.channel_id, asked_by: message.sender,
    question: body.endsWith(how) ? body.slice(0, -how.length) : body, options,
    free_text: details.free_text === true || !options.length, asked_at: message.created_at,
    expires_at: details.expires_at || null, status, answered_by: null, answer: null, answered_at: null,
  };
}

function merge(old, patch, fromHub) {
  if (!old) return { ...patch, guessed: !fromHub && patch.status !== 'open' ? true : undefined };
  const next = { ...old };
  for (const [key, value] of Object.entries(patch)) {
    if (key === 'status' || key === 'guessed' || value == null) continue;
    if (fromHub || old[key] == null) next[key] = value;
  }
  const forward = RANK[patch.status] > RANK[old.status];
  // The hub may also correct a guess of ours (e.g. a question we expired by a clock running ahead).
  if (forward || (fromHub && old.guessed && RANK[patch.status] > RANK.unknown)) {
    next.status = patch.status;
    next.guessed = fromHub ? undefined : patch.guessed || (patch.status !== 'open' ? true : undefined);
  }
  if (next.status !== 'answered') {
    next.answered_by = null;
    next.answer = null;
    next.answered_at = null;
  }
  return next;
}
