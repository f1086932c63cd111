// What the tickets pages share beyond the shell's UI kit: the codes a ticket's fields take,
// record addresses, the desk's queues, who is who (users by id), a person's name, and how an SLA
// clock and a ticket's soonest due time read.

export const STATUSES = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'];
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'];
export const CHANNELS = ['email', 'portal', 'phone', 'web', 'chat'];
export const CLOCKS = ['firstResponse', 'nextResponse', 'resolution'];
/** Statuses whose clocks stand still (waiting for the customer or a third party). */
export const PAUSING = ['pending', 'on_hold'];

export const ticketHref = (id) => `/tickets/${encodeURIComponent(id)}`;
export const personHref = (id) => `/contacts/people/${encodeURIComponent(id)}`;

/** A select's options of codes, each named by its message {@code <prefix>.<code>}. */
export const codeOptions = (t, prefix, codes) => codes.map((c) => [c, t(`${prefix}.${c}`)]);

/** A person's name as contacts shows it: first and last name, else their first email. */
export function personName(p) {
  const name = [p.firstName, p.lastName].filter(Boolean).join(' ');
  return name || (p.emails && p.emails[0] && p.emails[0].address) || '—';
}

/** The desk's queues, with each one's name by id. */
export async function queues(api) {
  const items = (await api.get('tickets/queues')).items;
  const names = new Map(items.map((q) => [q.id, q.name]));
  return { items, name: (id) => names.get(id) || null };
}

/**
 * Users' names by id: those the user may assign to (their team; everyone for administrators),
 * and every user for administrators. A page works without them, showing fewer names.
 */
export async function users(mosaic) {
  const { api, user } = mosaic;
  const quietly = (path) => api.get(path, { quiet: true }).then((a) => a.items, () => []);
  const [assignable, all] = await Promise.all([quietly('users/assignable?limit=500'), user && user.admin ? quietly('users?limit=500') : []]);
  const names = new Map([...all, ...assignable].map((u) => [u.id, u.username]));
  if (user) names.set(user.id, user.username);
  return { name: (id) => names.get(id) || null };
}

/** The soonest due time among a ticket's running clocks, and whether any of them is breached. */
export function soonestDue(ticket) {
  const sla = ticket.sla || {};
  const running = CLOCKS.map((c) => sla[c]).filter((c) => c && c.running && c.due);
  running.sort((a, b) => Date.parse(a.due) - Date.parse(b.due));
  return { due: running.length ? running[0].due : null, breached: Boolean(sla.breached) || running.some((c) => c.breached) };
}

/**
 * What one clock says now: met (on time or late), overdue, due at a time, paused while the
 * ticket waits, not started (the next response, until the customer writes), stopped, or no target.
 */
export function clockState(ticket, clock) {
  if (!clock || clock.target === null || clock.target === undefined) return { key: 'none' };
  if (clock.metAt) return { key: clock.breached ? 'metLate' : 'met', at: clock.metAt };
  if (clock.running && clock.due) return { key: clock.breached ? 'overdue' : 'due', at: clock.due };
  if (PAUSING.includes(ticket.status)) return { key: 'paused' };
  if (['solved', 'closed'].includes(ticket.status)) return { key: clock.breached ? 'stoppedLate' : 'stopped' };
  return { key: 'idle' };
}

/** A duration in minutes as the shell formats durations ("1 hr 30 min"). */
export const minutes = (mosaic, n) => mosaic.fmt.duration(Number(n || 0) * 60);

/**
 * The server names fields inside objects ({@code hours.monday}, {@code targets.urgent.resolution});
 * the form's inputs are flat ({@code hours_monday}): the failure's field names are made theirs so
 * the messages show next to the inputs.
 */
export function flattenErrors(form, rename) {
  const errors = form.error && form.error.errors;
  if (!errors) return;
  for (const e of errors) {
    const flat = rename(e.field);
    if (flat) e.field = flat;
  }
}

/** A size in bytes as people read it: bytes, KB or MB. */
export function fileSize(mosaic, bytes) {
  const n = Number(bytes || 0);
  if (n < 1024) return mosaic.t('tickets.attach.bytes', { n });
  if (n < 1024 * 1024) return mosaic.t('tickets.attach.kb', { n: Math.round(n / 1024) });
  return mosaic.t('tickets.attach.mb', { n: (n / (1024 * 1024)).toFixed(1) });
}

/** Files as download links (served as attachments, never shown inline), each with its size; nothing without files. */
export function attachmentList(mosaic, files, href, id) {
  const { html, t, nothing, ifDefined } = mosaic;
  if (!files || !files.length) return nothing;
  return html`<ul class="tickets-files" id=${ifDefined(id)} aria-label=${t('tickets.attach.files')}>${files.map((f) => html`<li data-id=${f.id}>
    <a href=${href(f)} download=${f.name}>${f.name}</a> <small>(${fileSize(mosaic, f.size)})</small></li>`)}</ul>`;
}

/** A body of fields and files (field "files") for the API: multipart/form-data. */
export function withFiles(fields, files) {
  const body = new FormData();
  Object.entries(fields).forEach(([name, value]) => body.append(name, value === null || value === undefined ? '' : String(value)));
  files.forEach((f) => body.append('files', f, f.name));
  return body;
}
