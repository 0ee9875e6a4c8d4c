// Dates, names and colours as people read them.

const DAY_MS = 86400000;

function startOfDay(date) {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate());
}

/** The hub's timestamps (ISO-8601 with microseconds) as a Date. */
export function parseTime(text) {
  return text ? new Date(text) : new Date();
}

/** "Today", "Yesterday" or the full date, for date separators. */
export function dayLabel(date, now = new Date()) {
  const days = Math.round((startOfDay(now) - startOfDay(date)) / DAY_MS);
  if (days === 0) return 'Today';
  if (days === 1) return 'Yesterday';
  return date.toLocaleDateString(undefined, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' });
}

/** A key that differs between calendar days (local time). */
export function dayKey(date) {
  return `${date.getFullYear()}-${date.getMonth()}-${date.getDate()}`;
}

/** "14:05" in the reader's locale. */
export function timeLabel(date) {
  return date.toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' });
}

/** "Tuesday, 3 March 2026, 14:05:09" for tooltips. */
export function fullTimeLabel(date) {
  return date.toLocaleString(undefined, {
    weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', second: '2-digit',
  });
}

/** "just now", "5 min ago", "3 h ago", "yesterday", "12 Mar". */
export function sinceLabel(date, now = new Date()) {
  const seconds = Math.max(0, (now - date) / 1000);
  if (seconds < 60) return 'just now';
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < DAY_MS / 1000 && startOfDay(now).getTime() === startOfDay(date).getTime()) {
    return `${Math.floor(seconds / 3600)} h ago`;
  }
  if (dayLabel(date, now) === 'Yesterday') return 'yesterday';
  return date.toLocaleDateString(undefined, { day: 'numeric', month: 'short' });
}

/** A time left as people say it: "45 s", "12 min", "1 h 20 min" (whole seconds rounded up, minutes to the nearest). */
export function durationLabel(ms) {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
}

/** A stable, pleasant hue for a name (avatars and sender names). */
export function hueOf(name) {
  let hash = 0;
  for (const ch of String(name)) hash = (hash * 31 + ch.codePointAt(0)) >>> 0;
  return hash % 360;
}

/** Up to two initials: "ada-lovelace" -> "AL", "claude" -> "CL". */
export function initials(name) {
  const parts = String(name).split(/[\s._@-]+/).filter(Boolean);
  if (parts.length >= 2) return (parts[0][0] + parts[1][0]).toUpperCase();
  return String(name).slice(0, 2).toUpperCase();
}

/** The other participant of a DM channel named dm:a:b, or null. */
export function dmPeer(channelName, me) {
  if (!channelName || !channelName.startsWith('dm:')) return null;
  const [, a, b] = channelName.split(':');
  return a === me ? b : a;
}

/** A short random id for client_msg_id. */
export function randomId() {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return 'web-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
