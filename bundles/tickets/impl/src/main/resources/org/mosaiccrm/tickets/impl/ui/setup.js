// The desk's set-up for administrators (tickets.admin), /tickets/setup: queues (each owned by a
// team), business-hours calendars (time zone, hours per weekday, holidays) and SLA policies
// (a calendar, a queue or the default, minutes of working time per priority and target) and, for
// administrators only, the queues' mailboxes (the IMAP account a queue's mail is read from, its
// password write-only), each listed with its own form at
// /tickets/setup/<queues|calendars|policies|mailboxes>/<id or new>. Canned responses are every
// agent's (tickets.write): their own, and the shared ones administrators keep, at
// /tickets/setup/canned/<id or new>.

import { confirmDialog, conflictBox, formAlert, formState, input, joinList, splitList, submit, tableWrap } from '/ui/shell/kit.js';
import { CLOCKS, PRIORITIES, flattenErrors, minutes, queues } from './common.js';

const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const SETUP = '/tickets/setup';
const recordHref = (kind, id) => `${SETUP}/${kind}/${encodeURIComponent(id)}`;

const teams = (api) => api.get('teams?limit=200').then((p) => p.items, () => []);

/** A day's hours as typed: "09:00-12:00, 13:00-17:00"; an interval that is not two times goes to the server as typed, which names the day. */
function intervalsOf(text) {
  return splitList(text).map((range) => {
    const parts = range.split(/\s*[-–]\s*/);
    return parts.length === 2 ? { from: parts[0], to: parts[1] } : { from: range, to: '' };
  });
}
const hoursText = (intervals) => (intervals || []).map((i) => `${i.from}–${i.to}`).join(', ');

/** A policy's targets in one line: "Urgent: 1 hr · 2 hr · 8 hr". */
function targetsText(mosaic, targets) {
  const { t } = mosaic;
  return PRIORITIES.filter((p) => targets[p] && Object.keys(targets[p]).length).map((p) => `${t(`tickets.priority.${p}`)}: ${
    CLOCKS.map((c) => (targets[p][c] ? minutes(mosaic, targets[p][c]) : '—')).join(' · ')}`).join('; ');
}

export function setupView(mosaic) {
  const { html, t, api, nothing } = mosaic;
  const v = { queues: null, calendars: [], policies: [], teams: [], mailboxes: [], canned: [] };
  const admin = mosaic.can('tickets.admin');
  const writer = mosaic.can('tickets.write');
  v.title = () => t('tickets.setup.title');
  v.load = async () => {
    [v.queues, v.calendars, v.policies, v.teams, v.mailboxes] = await Promise.all([queues(api), api.get('tickets/calendars').then((r) => r.items),
      api.get('tickets/sla-policies').then((r) => r.items), teams(api),
      // Mailboxes hold accounts: only administrators list them.
      admin ? api.get('tickets/mailboxes').then((r) => r.items) : []]);
    v.canned = writer ? await api.get('tickets/canned-responses').then((r) => r.items) : [];
  };
  const teamName = (id) => (v.teams.find((tm) => tm.id === id) || {}).name || '—';
  const calendarName = (id) => (v.calendars.find((c) => c.id === id) || {}).name || '—';
  // Only administrators open a record's form; others read the set-up.
  const nameCell = (kind, record, name = record.name) => (admin ? html`<a href=${recordHref(kind, record.id)}>${name}</a>` : name);
  const section = (kind, title, intro, head, rows) => html`<section class="card" aria-labelledby=${`tickets-${kind}-title`}>
    <h2 id=${`tickets-${kind}-title`}>${title}</h2>
    <p class="hint">${intro}</p>
    ${admin ? html`<div class="kit-actions"><a class="button primary" id=${`tickets-${kind}-new`} href=${`${SETUP}/${kind}/new`}>${
      t(`tickets.setup.${kind}.new`)}</a></div>` : nothing}
    ${rows.length ? tableWrap(mosaic, title, html`<table id=${`tickets-${kind}`} class="kit-cards">
      <thead><tr>${head.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
      <tbody>${rows}</tbody></table>`) : html`<p>${t(`tickets.setup.${kind}.none`)}</p>`}
  </section>`;
  v.render = () => html`
    <p><a href="/tickets">${t('tickets.back')}</a></p>
    ${section('queues', t('tickets.setup.queues'), t('tickets.setup.queues.intro'), [t('tickets.field.name'), t('tickets.field.team')],
      v.queues.items.map((q) => html`<tr data-id=${q.id}><td data-label=${t('tickets.field.name')}>${nameCell('queues', q)}</td>
        <td data-label=${t('tickets.field.team')}>${teamName(q.teamId)}</td></tr>`))}
    ${section('calendars', t('tickets.setup.calendars'), t('tickets.setup.calendars.intro'),
      [t('tickets.field.name'), t('tickets.field.timeZone'), t('tickets.field.hours'), t('tickets.field.holidays')],
      v.calendars.map((c) => html`<tr data-id=${c.id}><td data-label=${t('tickets.field.name')}>${nameCell('calendars', c)}</td>
        <td data-label=${t('tickets.field.timeZone')}>${c.timeZone}</td>
        <td data-label=${t('tickets.field.hours')}>${c.allDay ? t('tickets.calendar.allDay') : DAYS.filter((d) => (c.hours[d] || []).length)
          .map((d) => `${t(`tickets.day.${d}`)} ${hoursText(c.hours[d])}`).join('; ')}</td>
        <td data-label=${t('tickets.field.holidays')}>${c.holidays.length ? c.holidays.map((d) => mosaic.fmt.date(`${d}T12:00:00`)).join(', ') : '—'}</td></tr>`))}
    ${section('policies', t('tickets.setup.policies'), t('tickets.setup.policies.intro'),
      [t('tickets.field.name'), t('tickets.field.calendar'), t('tickets.field.queue'), t('tickets.field.targets')],
      v.policies.map((p) => html`<tr data-id=${p.id}><td data-label=${t('tickets.field.name')}>${nameCell('policies', p)}</td>
        <td data-label=${t('tickets.field.calendar')}>${calendarName(p.calendarId)}</td>
        <td data-label=${t('tickets.field.queue')}>${p.queueId ? v.queues.name(p.queueId) || '—' : t('tickets.policy.default')}</td>
        <td data-label=${t('tickets.field.targets')}>${targetsText(mosaic, p.targets) || '—'}</td></tr>`))}
    ${admin ? section('mailboxes', t('tickets.setup.mailboxes'), t('tickets.setup.mailboxes.intro'),
    [t('tickets.field.address'), t('tickets.field.queue'), t('tickets.mailbox.server')],
    v.mailboxes.map((m) => html`<tr data-id=${m.id}><td data-label=${t('tickets.field.address')}>${nameCell('mailboxes', m, m.address)}</td>
        <td data-label=${t('tickets.field.queue')}>${v.queues.name(m.queueId) || '—'}</td>
        <td data-label=${t('tickets.mailbox.server')}>${`${m.imapUser}@${m.imapHost}:${m.imapPort} (${t(`tickets.mailbox.security.${m.imapSecurity}`)})`}</td></tr>`))
    : nothing}
    ${writer ? cannedSection() : nothing}`;

  /** Canned responses: every agent keeps their own; a shared one opens for administrators only. */
  const cannedSection = () => html`<section class="card" aria-labelledby="tickets-canned-title">
    <h2 id="tickets-canned-title">${t('tickets.setup.canned')}</h2>
    <p class="hint">${t('tickets.setup.canned.intro', { fields: CANNED_FIELDS.map((f) => `{{${f}}}`).join(' ') })}</p>
    <div class="kit-actions"><a class="button primary" id="tickets-canned-new" href=${`${SETUP}/canned/new`}>${t('tickets.setup.canned.new')}</a></div>
    ${v.canned.length ? tableWrap(mosaic, t('tickets.setup.canned'), html`<table id="tickets-canned" class="kit-cards">
      <thead><tr><th scope="col">${t('tickets.field.name')}</th><th scope="col">${t('tickets.canned.shared')}</th></tr></thead>
      <tbody>${v.canned.map((c) => html`<tr data-id=${c.id}><td data-label=${t('tickets.field.name')}>${c.editable
        ? html`<a href=${recordHref('canned', c.id)}>${c.name}</a>` : c.name}</td>
        <td data-label=${t('tickets.canned.shared')}>${c.shared ? t('tickets.canned.sharedYes') : t('tickets.canned.sharedNo')}</td></tr>`)}</tbody>
      </table>`) : html`<p>${t('tickets.setup.canned.none')}</p>`}
  </section>`;
  return v;
}

/** The merge fields a canned response may name (the server refuses any other when it is saved). */
export const CANNED_FIELDS = ['ticket.number', 'ticket.subject', 'requester.firstName', 'requester.lastName', 'organization.name', 'agent.name'];

/** The server's messages for a group of inputs as a whole (the week's hours, the targets), shown at the top of its fieldset. */
function groupError(mosaic, form, field, id) {
  const messages = ((form.error && form.error.errors) || []).filter((e) => e.field === field).map((e) => e.message);
  return messages.length ? mosaic.html`<p class="field-error" id=${id} role="alert">${messages.join(' ')}</p>` : '';
}

/**
 * The frame every set-up form shares: load the record (from its list, or by id), save it with
 * its version (a newer save by someone else is said, with a reload), delete it after asking (the
 * server refuses what is still in use and says why), and go back to the set-up.
 */
function setupForm({ kind, path, formId, fields, byId, load, valuesOf, bodyOf, rename, render, labelOf = (r) => r.name }) {
  return (id) => (mosaic, draw) => {
    const { html, t, api, navigate, nothing } = mosaic;
    const v = { record: null };
    let form = formState(formId, {});
    const at = (rid) => `${path}/${encodeURIComponent(rid)}`;
    const fetchRecord = () => (byId ? api.get(at(id)) : api.get(path).then((r) => r.items.find((x) => x.id === id) || Promise.reject(
      Object.assign(new Error('not found'), { status: 404 }))));

    v.title = () => (v.record ? t(`tickets.setup.${kind}.editing`, { name: labelOf(v.record) }) : t(`tickets.setup.${kind}.new`));
    v.load = async () => {
      const [record, extra] = await Promise.all([id ? fetchRecord() : null, load ? load(mosaic) : null]);
      v.record = record;
      v.extra = extra;
      form = formState(formId, valuesOf(record || {}, v.extra, mosaic));
    };

    async function save(event) {
      event.preventDefault();
      const body = bodyOf(form.values, v.extra);
      const ok = await submit(form, draw, () => (id ? api.put(at(id), { ...body, version: v.record.version }) : api.post(path, body)),
        { versioned: Boolean(id) });
      if (ok) {
        mosaic.announce(t('tickets.setup.saved', { name: labelOf(body) }));
        navigate(SETUP);
      } else if (rename) {
        flattenErrors(form, rename);
        draw();
      }
    }

    async function remove() {
      if (!await confirmDialog(mosaic, { title: t('tickets.setup.deleteConfirm', { name: labelOf(v.record) }), body: t(`tickets.setup.${kind}.deleteBody`),
        confirm: t('tickets.delete') })) return;
      const ok = await submit(form, draw, () => api.del(at(id)));
      if (ok) {
        mosaic.announce(t('tickets.setup.deleted', { name: labelOf(v.record) }));
        navigate(SETUP);
      }
    }

    const reload = async () => {
      v.record = await fetchRecord();
      form = formState(formId, valuesOf(v.record, v.extra, mosaic));
    };

    v.render = () => html`
      <p><a href=${SETUP}>${t('tickets.setup.back')}</a></p>
      <form class="card" id=${`${formId}-form`} @submit=${save} novalidate>
        ${conflictBox(mosaic, form, draw, { reload })}
        ${formAlert(mosaic, form, fields(v.extra))}
        ${render(mosaic, form, v.extra)}
        <div class="kit-actions">
          <button type="submit" class="primary" ?disabled=${form.busy}>${t('tickets.save')}</button>
          <a href=${SETUP}>${t('tickets.cancel')}</a>
          ${id ? html`<button type="button" class="danger" id=${`${formId}-delete`} @click=${remove} ?disabled=${form.busy}>${
            t('tickets.delete')}</button>` : nothing}
        </div>
      </form>`;
    return v;
  };
}

export const queueView = setupForm({
  kind: 'queues', path: 'tickets/queues', formId: 'queue', byId: false,
  fields: () => ['name', 'teamId'],
  load: (mosaic) => teams(mosaic.api),
  valuesOf: (q, allTeams, mosaic) => ({ name: q.name || '', teamId: q.teamId || mosaic.user.teamId || (allTeams[0] || {}).id || '' }),
  bodyOf: (values) => ({ name: String(values.name || '').trim(), teamId: values.teamId || null }),
  render: (mosaic, form, allTeams) => mosaic.html`
    ${input(mosaic, form, 'name', mosaic.t('tickets.field.name'), { required: true })}
    ${input(mosaic, form, 'teamId', mosaic.t('tickets.field.team'), { type: 'select', hint: mosaic.t('tickets.queue.teamHint'),
      options: allTeams.map((tm) => [tm.id, tm.name]) })}`,
});

const SECURITY = ['tls', 'starttls', 'none'];

/** A queue's mailbox. Its password never comes back: the input starts empty, and an empty one keeps the saved password. */
export const mailboxView = setupForm({
  kind: 'mailboxes', path: 'tickets/mailboxes', formId: 'mailbox', byId: true, labelOf: (m) => m.address,
  fields: () => ['queueId', 'address', 'imapHost', 'imapPort', 'imapSecurity', 'imapUser', 'imapPassword', 'folder'],
  load: (mosaic) => queues(mosaic.api).then((qs) => qs.items),
  valuesOf: (m, allQueues) => ({ queueId: m.queueId || (allQueues[0] || {}).id || '', address: m.address || '', imapHost: m.imapHost || '',
    imapPort: m.imapPort ? String(m.imapPort) : '', imapSecurity: m.imapSecurity || 'tls', imapUser: m.imapUser || '', imapPassword: '',
    folder: m.folder || '', passwordSet: Boolean(m.imapPasswordSet) }),
  bodyOf: (values) => {
    const body = { queueId: values.queueId || null, address: String(values.address || '').trim(), imapHost: String(values.imapHost || '').trim(),
      imapSecurity: values.imapSecurity, imapUser: String(values.imapUser || '').trim(), folder: String(values.folder || '').trim() || null };
    const port = String(values.imapPort || '').trim();
    if (port) body.imapPort = /^\d+$/.test(port) ? Number(port) : port;
    if (values.imapPassword) body.imapPassword = values.imapPassword;
    return body;
  },
  render: (mosaic, form, allQueues) => {
    const { html, t } = mosaic;
    return html`
      ${input(mosaic, form, 'queueId', t('tickets.field.queue'), { type: 'select', required: true, options: allQueues.map((q) => [q.id, q.name]) })}
      ${input(mosaic, form, 'address', t('tickets.field.address'), { type: 'email', required: true, hint: t('tickets.mailbox.addressHint') })}
      ${input(mosaic, form, 'imapHost', t('tickets.field.imapHost'), { required: true })}
      ${input(mosaic, form, 'imapSecurity', t('tickets.field.imapSecurity'), { type: 'select',
        options: SECURITY.map((s) => [s, t(`tickets.mailbox.security.${s}`)]) })}
      ${input(mosaic, form, 'imapPort', t('tickets.field.imapPort'), { type: 'number', hint: t('tickets.mailbox.portHint') })}
      ${input(mosaic, form, 'imapUser', t('tickets.field.imapUser'), { required: true, autocomplete: 'off' })}
      ${input(mosaic, form, 'imapPassword', t('tickets.field.imapPassword'), { type: 'password', autocomplete: 'new-password',
        hint: t(form.values.passwordSet ? 'tickets.mailbox.passwordKept' : 'tickets.mailbox.passwordNone') })}
      ${input(mosaic, form, 'folder', t('tickets.field.folder'), { hint: t('tickets.mailbox.folderHint') })}`;
  },
});

const ZONES = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

export const calendarView = setupForm({
  kind: 'calendars', path: 'tickets/calendars', formId: 'calendar', byId: true,
  fields: () => ['name', 'timeZone', 'hours', 'holidays', ...DAYS.map((d) => `hours_${d}`)],
  valuesOf: (c) => {
    const values = { name: c.name || '', timeZone: c.timeZone || Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
      holidays: joinList(c.holidays) };
    for (const d of DAYS) {
      values[`hours_${d}`] = c.hours ? hoursText(c.hours[d]) : (['saturday', 'sunday'].includes(d) ? '' : '09:00–17:00');
    }
    return values;
  },
  bodyOf: (values) => {
    const hours = {};
    for (const d of DAYS) {
      const intervals = intervalsOf(values[`hours_${d}`]);
      if (intervals.length) hours[d] = intervals;
    }
    return { name: String(values.name || '').trim(), timeZone: String(values.timeZone || '').trim(), hours, holidays: splitList(values.holidays) };
  },
  rename: (field) => {
    const day = /^hours\.([a-z]+)/.exec(field);
    return day && DAYS.includes(day[1]) ? `hours_${day[1]}` : null;
  },
  render: (mosaic, form) => {
    const { html, t } = mosaic;
    return html`
      ${input(mosaic, form, 'name', t('tickets.field.name'), { required: true })}
      ${ZONES.length ? input(mosaic, form, 'timeZone', t('tickets.field.timeZone'), { type: 'select', required: true,
        options: (ZONES.includes(form.values.timeZone) ? ZONES : [form.values.timeZone, ...ZONES]).map((z) => [z, z]) })
    : input(mosaic, form, 'timeZone', t('tickets.field.timeZone'), { required: true, hint: t('tickets.calendar.zoneHint') })}
      <fieldset class="tickets-week" data-field="hours"><legend>${t('tickets.field.hours')}</legend>
        <p class="hint">${t('tickets.calendar.hoursHint')}</p>
        ${groupError(mosaic, form, 'hours', 'calendar-hours-error')}
        <div class="tickets-grid">${DAYS.map((d) => input(mosaic, form, `hours_${d}`, t(`tickets.day.${d}`)))}</div>
      </fieldset>
      ${input(mosaic, form, 'holidays', t('tickets.field.holidays'), { type: 'textarea', hint: t('tickets.calendar.holidaysHint') })}`;
  },
});

export const policyView = setupForm({
  kind: 'policies', path: 'tickets/sla-policies', formId: 'policy', byId: true,
  fields: () => ['name', 'calendarId', 'queueId', 'targets', ...PRIORITIES.flatMap((p) => CLOCKS.map((c) => `${p}_${c}`))],
  load: async (mosaic) => {
    const [calendars, qs] = await Promise.all([mosaic.api.get('tickets/calendars').then((r) => r.items), queues(mosaic.api)]);
    return { calendars, queues: qs.items };
  },
  valuesOf: (p, extra) => {
    const values = { name: p.name || '', calendarId: p.calendarId || (extra.calendars[0] || {}).id || '', queueId: p.queueId || '' };
    for (const pr of PRIORITIES) for (const c of CLOCKS) values[`${pr}_${c}`] = String(((p.targets || {})[pr] || {})[c] ?? '');
    return values;
  },
  bodyOf: (values) => {
    const targets = {};
    for (const pr of PRIORITIES) {
      for (const c of CLOCKS) {
        const typed = String(values[`${pr}_${c}`] ?? '').trim();
        // A number goes as a number; anything else as typed, for the server to name next to its input.
        if (typed) (targets[pr] = targets[pr] || {})[c] = /^\d+$/.test(typed) ? Number(typed) : typed;
      }
    }
    return { name: String(values.name || '').trim(), calendarId: values.calendarId || null, queueId: values.queueId || null, targets };
  },
  rename: (field) => {
    const m = /^targets\.([a-z]+)\.([A-Za-z]+)$/.exec(field);
    return m && PRIORITIES.includes(m[1]) && CLOCKS.includes(m[2]) ? `${m[1]}_${m[2]}` : null;
  },
  render: (mosaic, form, extra) => {
    const { html, t } = mosaic;
    return html`
      ${input(mosaic, form, 'name', t('tickets.field.name'), { required: true })}
      <div class="tickets-grid">
        ${input(mosaic, form, 'calendarId', t('tickets.field.calendar'), { type: 'select', required: true,
          options: [['', t('tickets.policy.chooseCalendar')], ...extra.calendars.map((c) => [c.id, c.name])] })}
        ${input(mosaic, form, 'queueId', t('tickets.field.queue'), { type: 'select', hint: t('tickets.policy.queueHint'),
          options: [['', t('tickets.policy.default')], ...extra.queues.map((q) => [q.id, q.name])] })}
      </div>
      <fieldset class="tickets-targets" data-field="targets"><legend>${t('tickets.field.targets')}</legend>
        <p class="hint">${t('tickets.policy.targetsHint')}</p>
        ${groupError(mosaic, form, 'targets', 'policy-targets-error')}
        ${PRIORITIES.map((pr) => html`<fieldset class="tickets-grid" data-priority=${pr}><legend>${t(`tickets.priority.${pr}`)}</legend>
          ${CLOCKS.map((c) => input(mosaic, form, `${pr}_${c}`, t(`tickets.clock.${c}`), { type: 'number' }))}</fieldset>`)}
      </fieldset>`;
  },
});

/** A canned response: its name, its text with merge fields, and (for administrators) whether everyone on the desk shares it. */
export const cannedView = setupForm({
  kind: 'canned', path: 'tickets/canned-responses', formId: 'canned', byId: true,
  fields: () => ['name', 'body', 'shared'],
  valuesOf: (c) => ({ name: c.name || '', body: c.body || '', shared: Boolean(c.shared) }),
  bodyOf: (values) => ({ name: String(values.name || '').trim(), body: values.body || '', shared: Boolean(values.shared) }),
  render: (mosaic, form) => {
    const { html, t, nothing } = mosaic;
    return html`
      ${input(mosaic, form, 'name', t('tickets.field.name'), { required: true })}
      ${input(mosaic, form, 'body', t('tickets.canned.body'), { type: 'textarea', required: true,
        hint: t('tickets.canned.bodyHint', { fields: CANNED_FIELDS.map((f) => `{{${f}}}`).join(' ') }) })}
      ${mosaic.can('tickets.admin') ? input(mosaic, form, 'shared', t('tickets.canned.shared'), { type: 'checkbox',
        hint: t('tickets.canned.sharedHint') }) : nothing}`;
  },
});
