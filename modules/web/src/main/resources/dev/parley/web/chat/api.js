// The hub's REST API, with the reader's name, the hub token and the participant's key on every
// request: the hub shows a named reader its own DMs and messages targeted at it, and nobody else's.

export class ApiError extends Error {
  constructor(status, message, code) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** Rows per page when following a paged list (the hub's maximum), and the most the page keeps of one list. */
const PAGE = 1000;
const MAX_LISTED = 20000;

export class Api {
  /** @param {{name: string, token: string, key: string}} identity */
  constructor(identity) {
    this.identity = identity;
  }

  headers(json) {
    const headers = {};
    if (json) headers['Content-Type'] = 'application/json';
    if (this.identity.name) headers['X-Parley-Name'] = this.identity.name;
    if (this.identity.token) headers['X-Parley-Token'] = this.identity.token;
    if (this.identity.key) headers['X-Parley-Key'] = this.identity.key;
    return headers;
  }

  async request(method, path, body) {
    return (await this.exchange(method, path, body)).data;
  }

  /** One call: the JSON answer, and the cursor of the next page when the answer is one page of a list. */
  async exchange(method, path, body) {
    let response;
    try {
      response = await fetch(path, {
        method,
        // Every write says JSON: the hub refuses writes that do not (a cross-site form cannot).
        headers: this.headers(method !== 'GET'),
        body: body === undefined ? undefined : JSON.stringify(body),
        cache: 'no-store',
      });
    } catch (e) {
      throw new ApiError(0, 'the hub is not reachable', 'network');
    }
    let data = null;
    try {
      data = await response.json();
    } catch (e) {
      data = null;
    }
    if (!response.ok) {
      throw new ApiError(response.status, (data && data.error) || `HTTP ${response.status}`, data && data.code);
    }
    return { data, next: response.headers.get('X-Parley-Next') };
  }

  /**
   * A list the hub answers in pages (/api/channels, /api/presence), followed page by page through
   * X-Parley-Next, up to MAX_LISTED rows (a hub of more shows the first ones by name).
   */
  async getAll(path) {
    const all = [];
    let after = null;
    while (all.length < MAX_LISTED) {
      const params = new URLSearchParams({ limit: String(PAGE) });
      if (after !== null) params.set('after', after);
      const { data, next } = await this.exchange('GET', `${path}?${params}`);
      all.push(...data);
      // A hub before paging sends no cursor; one that repeats its cursor would loop for ever.
      if (!next || next === after) break;
      after = next;
    }
    return all;
  }

  get(path) {
    return this.request('GET', path);
  }

  post(path, body) {
    return this.request('POST', path, body);
  }

  channels() {
    return this.getAll('/api/channels');
  }

  /** One participant by name; fails with 404 participant_not_found when the hub has never seen it. */
  participant(name) {
    return this.get(`/api/participants/${encodeURIComponent(name)}`);
  }

  presence() {
    return this.getAll('/api/presence');
  }

  /** Agents and services with a profile (capability tags, description), online first. */
  agents() {
    return this.get('/api/agents');
  }

  /** Anyone's profile: description, capabilities, model, owner, presence (empty fields when none set). */
  profile(name) {
    return this.get(`/api/participants/${encodeURIComponent(name)}/profile`);
  }

  unread() {
    return this.get(`/api/unread/${encodeURIComponent(this.identity.name)}`);
  }

  search(q) {
    const params = new URLSearchParams({ q, participant: this.identity.name, limit: '50' });
    return this.get(`/api/search?${params}`);
  }

  message(id) {
    return this.get(`/api/message/${encodeURIComponent(id)}`);
  }

  delivery(id) {
    return this.get(`/api/delivery/${encodeURIComponent(id)}`);
  }

  createChannel(name, topic) {
    return this.post('/api/channels/create', { name, topic: topic || '', created_by: this.identity.name });
  }

  /** A channel life-cycle change (leave, rename, topic, archive, unarchive, delete) as me; answers the channel. */
  changeChannel(route, channel, fields) {
    return this.post(`/api/channels/${route}`, { channel, participant: this.identity.name, ...fields });
  }

  joinChannel(channel) {
    return this.post('/api/channels/join', { channel, participant: this.identity.name });
  }

  /** The hub's live claims, oldest first. */
  claims() {
    return this.get('/api/claims');
  }

  /** Claims (or renews) a resource for ttl seconds: {granted, renewed, claim}; 409 claim_held names the holder. */
  claim(resource, ttl, note) {
    return this.post('/api/claims', { participant: this.identity.name, resource, ttl, note });
  }

  /** Releases one of our claims by its id: {released, claim}; 404 when it had already ended. */
  releaseClaim(claimId) {
    return this.post('/api/claims/release', { participant: this.identity.name, claim_id: claimId });
  }

  /** The open questions for a human the reader may read (the hub's order: oldest first). */
  questions() {
    return this.get('/api/questions');
  }

  /** One question: open, answered (by whom, what, when) or expired. */
  question(id) {
    return this.get(`/api/questions/${encodeURIComponent(id)}`);
  }

  /** Answers a question: the question as answered; 409 question_closed says who answered first, or that time ran out. */
  answerQuestion(id, answer) {
    return this.post(`/api/questions/${encodeURIComponent(id)}/answer`, { participant: this.identity.name, answer });
  }

  dm(other) {
    return this.post('/api/dm', { participant_a: this.identity.name, participant_b: other });
  }
}
