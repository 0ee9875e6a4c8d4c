// The hub's live claims (leases on free-text resources: a path, a glob, a ticket) as the page knows
// them: loaded from GET /api/claims after every (re)connect and when the claims view opens, kept
// current from claim_changed frames, and each dropped when its time runs out even if the hub's
// `expired` frame has not come (yet).
//
// A load and the frames race: a frame may arrive while the list is on its way, and the list may be
// older or newer than that frame. Frames are applied at once and also kept until the list arrives,
// then applied again on top of it, in order; each frame's effect is the claim's state after it, so
// the result is the latest state either way.
//
// Events: 'change' (the list, or whether it could be loaded, changed).

/** Beyond this difference the two clocks are taken to disagree, and the hub's count is used instead. */
const CLOCK_AGREEMENT_MS = 2000;

export class ClaimBook extends EventTarget {
  /** @param api {claims()} */
  constructor(api) {
    super();
    this.api = api;
    this.byId = new Map();
    this.loaded = false;
    this.error = null;
    this.replay = null;
    this.timer = null;
  }

  /** Live claims, oldest first (the hub's order; new ones join at the end). */
  list() {
    return Array.from(this.byId.values());
  }

  get size() {
    return this.byId.size;
  }

  /** Replaces what the page knows with the hub's list; a failure is kept in `error` for the view to show. */
  async load() {
    const replay = [];
    this.replay = replay;
    let list;
    try {
      list = await this.api.claims();
    } catch (e) {
      if (this.replay !== replay) return;
      this.replay = null;
      this.error = e.message;
      this.emit();
      return;
    }
    if (this.replay !== replay) return; // a later load is on its way, and answers for both
    this.replay = null;
    const receivedAt = Date.now();
    this.byId = new Map(list.map((wire) => [wire.claim_id, entry(wire, receivedAt)]));
    replay.forEach((frame) => this.apply(frame));
    this.loaded = true;
    this.error = null;
    this.emit();
  }

  /** A claim_changed frame: granted and renewed put the claim in (or update it), released and expired take it out. */
  frame(frame) {
    this.replay?.push(frame);
    if (this.apply(frame)) this.emit();
  }

  /** A claim we were answered with (our own grant or release): the same as its frame, which may come later. */
  granted(wire) {
    this.frame({ change: 'granted', claim: wire });
  }

  released(claimId) {
    this.frame({ change: 'released', claim: { claim_id: claimId } });
  }

  apply(frame) {
    const wire = frame.claim;
    if (!wire || !wire.claim_id) return false;
    if (frame.change === 'granted' || frame.change === 'renewed') {
      this.byId.set(wire.claim_id, entry(wire, Date.now()));
      return true;
    }
    if (frame.change === 'released' || frame.change === 'expired') return this.byId.delete(wire.claim_id);
    return false;
  }

  emit() {
    this.dropExpired();
    this.dispatchEvent(new CustomEvent('change'));
  }

  /** Drops what has run out, and sets one timer for the next claim to run out. */
  dropExpired() {
    clearTimeout(this.timer);
    const now = Date.now();
    let next = Infinity;
    for (const [id, claim] of this.byId) {
      if (claim.deadline <= now) this.byId.delete(id);
      else next = Math.min(next, claim.deadline);
    }
    if (next !== Infinity) this.timer = setTimeout(() => this.emit(), next - now);
  }
}

/** A claim as the page keeps it: the wire fields, and when it runs out by this browser's clock. */
function entry(wire, receivedAt) {
  return { ...wire, deadline: deadline(wire, receivedAt) };
}

/**
 * When a claim runs out by this browser's clock. The hub's expires_at is exact when the clocks agree;
 * when they do not, expires_in_seconds counted from when the answer arrived (whole seconds rounded
 * down, so one more is added: a claim never leaves the page before the hub lets it go).
 */
function deadline(wire, receivedAt) {
  const byCount = receivedAt + (Number(wire.expires_in_seconds) || 0) * 1000;
  const byClock = Date.parse(wire.expires_at);
  if (Number.isFinite(byClock) && Math.abs(byClock - byCount) < CLOCK_AGREEMENT_MS) return byClock;
  return byCount + 1000;
}
