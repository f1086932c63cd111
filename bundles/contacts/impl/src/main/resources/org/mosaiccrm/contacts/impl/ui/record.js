// The record of a person or an organization: its details and custom fields, the activity
// timeline with a form to log an activity, the record's tasks (see tasks.js) and "remind me in
// N days"; an organization also lists its people. For those who may delete: deleting the record
// (saying what goes with it) and its activities; merging a duplicate into it. A person's page
// also shows the panels other modules contribute for contacts.person (analytics' figures, …).

import {
  confirmDialog, customFields, customText, errorBox, focusFirstInvalid, formState, input, noteOpened, okBox, recordPanelSlot, submit,
  totalText,
} from '/ui/shell/kit.js';
import { ACTIVITY_TYPES, DIRECTIONS, KINDS, instantOf, localNow, personName, recordName } from './common.js';
import { taskPanel } from './tasks.js';

const TIMELINE_PAGE = 20;

export function recordView(kind, id) {
  return (mosaic, draw) => {
    const { html, t, api, fmt, nothing } = mosaic;
    const cfg = KINDS[kind];
    const path = `${cfg.api}/${encodeURIComponent(id)}`;
    const v = {
      record: null, fields: [], organization: null, people: null, timeline: [], timelineNext: null, timelineTotal: 0,
      tasks: taskPanel(mosaic, draw, cfg.ref, id), recordError: null,
      activity: formState('activity', { type: 'note', direction: '', subject: '', body: '', occurredAt: localNow() }),
      remind: formState('remind', { days: '3' }),
      // Other modules' panels for this record type (UiContribution#recordPanels); people only so far.
      panels: kind === 'people' ? recordPanelSlot(mosaic, 'contacts.person', id) : null,
    };
    v.stop = () => { if (v.panels) v.panels.stop(); };

    v.title = () => (v.record ? recordName(mosaic, kind, v.record) : t(`contacts.${kind}.one`));

    const loadTimeline = async (more = false) => {
      const page = await api.get(`${path}/timeline?limit=${TIMELINE_PAGE}${more && v.timelineNext ? `&cursor=${encodeURIComponent(v.timelineNext)}` : ''}`);
      v.timeline = more ? [...v.timeline, ...page.items] : page.items;
      v.timelineNext = page.next;
      v.timelineTotal = page.total ?? v.timeline.length;
    };
    const loadTasks = () => v.tasks.load();

    v.load = async () => {
      const [record, fields] = await Promise.all([api.get(path), customFields(api, 'contacts', cfg.entity)]);
      v.record = record;
      v.fields = fields;
      // The start page offers it again under "recently opened"; this page never waits for that.
      noteOpened(mosaic, 'contacts', cfg.entity, id);
      const related = kind === 'people'
        ? (record.organizationId ? api.get(`contacts/organizations/${encodeURIComponent(record.organizationId)}`).then((o) => { v.organization = o; }, () => {}) : null)
        : api.get(`contacts/people?organizationId=${encodeURIComponent(id)}&limit=50&sort=lastName`).then((p) => { v.people = p; });
      await Promise.all([loadTimeline(), loadTasks(), related]);
    };

    const send = (form, action, after) => submit(form, draw, async () => {
      await action();
      await after();
    });

    // What follows a saved form: cleared for the next entry (when fresh values are given), a
    // confirmation, and a reload of what the form changed.
    const saved = (form, fresh, message, reload) => async () => {
      if (fresh) form.values = fresh;
      form.done = message;
      mosaic.announce(message);
      await reload();
    };

    function logActivity(event) {
      event.preventDefault();
      const f = v.activity;
      const body = { type: f.values.type, subject: f.values.subject, body: f.values.body, [cfg.ref]: id };
      if (f.values.direction) body.direction = f.values.direction;
      if (f.values.occurredAt) body.occurredAt = instantOf(f.values.occurredAt);
      send(f, () => api.post('contacts/activities', body), saved(f,
        { type: f.values.type, direction: '', subject: '', body: '', occurredAt: localNow() }, t('contacts.activity.logged'), loadTimeline));
    }

    function remind(event) {
      event.preventDefault();
      const f = v.remind;
      const days = Number(f.values.days);
      if (f.values.days === '' || !Number.isInteger(days) || days < 0 || days > 3650) {
        f.error = new mosaic.ApiError(400, { errors: [{ field: 'days', message: t('contacts.remind.invalid') }] });
        f.done = null;
        draw();
        focusFirstInvalid();
        return;
      }
      // People have their own endpoint; for an organization the reminder is a task due then.
      const title = t('contacts.remind.title', { name: recordName(mosaic, kind, v.record) });
      const call = kind === 'people'
        ? () => api.post(`${path}/remind`, { days, title })
        : () => api.post('contacts/tasks', { title, organizationId: id, dueAt: new Date(Date.now() + days * 86400000).toISOString() });
      send(f, call, saved(f, null, t('contacts.remind.done', { days: fmt.number(days) }), loadTasks));
    }

    // What a delete takes with it, as the server does it: a person's or organization's tasks and
    // activities go too; an organization with people is refused, so the page says so instead.
    async function removeRecord() {
      v.recordError = null;
      const name = recordName(mosaic, kind, v.record);
      if (kind === 'organizations' && v.people && v.people.total > 0) {
        v.recordError = t('contacts.delete.hasPeople', { name, count: fmt.number(v.people.total) });
        draw();
        return;
      }
      const yes = await confirmDialog(mosaic, {
        title: t('contacts.delete.title', { name }),
        body: t('contacts.delete.body', { tasks: fmt.number(v.tasks.total), activities: fmt.number(v.timelineTotal) }),
        confirm: t('contacts.delete.confirm'),
      });
      if (!yes) return;
      try {
        await api.del(path, { ifMatch: v.record.version });
        mosaic.announce(t('contacts.delete.done', { name }));
        mosaic.navigate(cfg.route);
      } catch (e) {
        v.recordError = e.status === 409 || e.status === 412 ? t('contacts.delete.stale', { name }) : mosaic.problemText(e);
        draw();
      }
    }

    async function removeActivity(a) {
      const yes = await confirmDialog(mosaic, { title: t('contacts.activity.deleteTitle'),
        body: t('contacts.activity.deleteBody', { what: a.subject || t(`contacts.activityType.${a.type}`), date: fmt.dateTime(a.occurredAt) }),
        confirm: t('contacts.delete.confirm') });
      if (!yes) return;
      v.timelineError = null;
      try {
        await api.del(`contacts/activities/${encodeURIComponent(a.id)}`, { ifMatch: a.version });
        mosaic.announce(t('contacts.activity.deleted'));
      } catch (e) {
        v.timelineError = e;
      }
      await loadTimeline().catch(() => {});
      draw();
    }

    async function more() {
      await loadTimeline(true).catch((e) => { v.timelineError = e; });
      draw();
    }

    v.render = () => {
      const r = v.record;
      // Controls only for what the user may do; the server checks every call itself.
      const mayDelete = mosaic.can('contacts.delete');
      const mayWrite = mosaic.can('contacts.write');
      return html`
        <div class="kit-actions">
          ${mayWrite ? html`<a class="button primary" href=${`${cfg.route}/${encodeURIComponent(id)}/edit`}>${t('contacts.edit')}</a>` : nothing}
          ${mayDelete && mayWrite ? html`<a class="button" id="contacts-merge-link"
            href=${`${cfg.route}/${encodeURIComponent(id)}/merge`}>${t('contacts.merge.link')}</a>` : nothing}
          ${mayDelete ? html`<button type="button" class="danger" id="contacts-delete" @click=${removeRecord}>${t('contacts.delete.button')}</button>`
            : nothing}
          <a class="button" href=${cfg.route}>${t(`contacts.${kind}.back`)}</a>
        </div>
        ${v.recordError ? html`<p class="alert error" role="alert" id="contacts-record-error">${v.recordError}</p>` : nothing}
        <div class="contacts-record">
          <section class="card" aria-labelledby="contacts-details">
            <h2 id="contacts-details">${t('contacts.record.details')}</h2>
            ${kind === 'people' ? personDetails(mosaic, r, v.organization) : organizationDetails(mosaic, r)}
            ${v.fields.length ? html`<h3>${t('contacts.record.customFields')}</h3>
              <dl class="kit-facts contacts-facts" id="contacts-custom-values">${v.fields.map((def) => html`
                <dt>${def.label || def.key}</dt><dd>${customText(mosaic, def, (r.customFields || {})[def.key])}</dd>`)}</dl>` : nothing}
            <p class="hint">${t('contacts.record.stamps', { created: fmt.dateTime(r.createdAt), updated: fmt.dateTime(r.updatedAt) })}</p>
          </section>
          ${kind === 'organizations' ? peopleOf(mosaic, id, v.people) : nothing}
          ${v.panels ? v.panels.slot() : nothing}
          <section class="card" aria-labelledby="contacts-tasks">
            <h2 id="contacts-tasks">${t('contacts.tasks.title')}</h2>
            ${v.tasks.render(html`<form class="contacts-inline" id="contacts-remind" @submit=${remind}>
              ${errorFor(mosaic, v.remind)}
              ${input(mosaic, v.remind, 'days', t('contacts.remind.days'), { type: 'number' })}
              <button type="submit" ?disabled=${v.remind.busy}>${t('contacts.remind.button')}</button>
            </form>`)}
          </section>
          <section class="card contacts-timeline-card" aria-labelledby="contacts-timeline">
            <h2 id="contacts-timeline">${t('contacts.timeline.title')}</h2>
            ${mayWrite ? html`<form id="contacts-activity-form" class="contacts-activity-form" @submit=${logActivity}>
              <h3>${t('contacts.activity.log')}</h3>
              ${errorFor(mosaic, v.activity)}
              <div class="contacts-grid">
                ${input(mosaic, v.activity, 'type', t('contacts.activity.type'), { type: 'select',
                  options: ACTIVITY_TYPES.map((a) => [a, t(`contacts.activityType.${a}`)]) })}
                ${input(mosaic, v.activity, 'direction', t('contacts.activity.direction'), { type: 'select',
                  options: [['', t('contacts.form.none')], ...DIRECTIONS.map((d) => [d, t(`contacts.direction.${d}`)])] })}
                ${input(mosaic, v.activity, 'occurredAt', t('contacts.activity.occurredAt'), { type: 'datetime-local' })}
              </div>
              ${input(mosaic, v.activity, 'subject', t('contacts.activity.subject'))}
              ${input(mosaic, v.activity, 'body', t('contacts.activity.body'), { type: 'textarea' })}
              <button type="submit" class="primary" ?disabled=${v.activity.busy}>${t('contacts.activity.submit')}</button>
            </form>` : nothing}
            ${v.timeline.length ? html`<ol class="contacts-timeline" id="contacts-timeline-list">${v.timeline.map((a) => html`
              <li data-type=${a.type}>
                <p class="contacts-timeline-head"><span class="contacts-badge">${t(`contacts.activityType.${a.type}`)}</span>
                  ${a.direction ? html`<span class="hint">${t(`contacts.direction.${a.direction}`)}</span>` : nothing}
                  <time datetime=${a.occurredAt}>${fmt.dateTime(a.occurredAt)}</time>
                  ${mayDelete ? html`<button type="button" class="link danger" @click=${() => removeActivity(a)}
                    aria-label=${t('contacts.activity.deleteOf', { what: a.subject || t(`contacts.activityType.${a.type}`) })}>
                    ${t('contacts.delete.button')}</button>` : nothing}</p>
                ${a.subject ? html`<p class="contacts-subject">${a.subject}</p>` : nothing}
                ${a.body ? html`<p class="contacts-body">${a.body}</p>` : nothing}
              </li>`)}</ol>` : html`<p class="hint">${t('contacts.timeline.empty')}</p>`}
            ${errorBox(mosaic, v.timelineError)}
            ${v.timelineNext ? html`<button type="button" @click=${more}>${t('contacts.timeline.more')}</button>` : nothing}
          </section>
        </div>`;
    };
    return v;
  };
}

function errorFor(mosaic, form) {
  return mosaic.html`${errorBox(mosaic, form.error)}${okBox(mosaic, form.done)}`;
}

function facts(mosaic, rows) {
  const { html } = mosaic;
  return html`<dl class="kit-facts contacts-facts">${rows.filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(([label, value]) => html`<dt>${label}</dt><dd>${value}</dd>`)}</dl>`;
}

function labelled(mosaic, entries, key, scheme) {
  const { html } = mosaic;
  if (!entries || !entries.length) return null;
  return html`<ul class="contacts-plain">${entries.map((e) => html`<li><a href=${`${scheme}:${e[key]}`}>${e[key]}</a>
    ${e.label ? html`<span class="hint">${e.label}</span>` : ''}</li>`)}</ul>`;
}

function addresses(mosaic, list) {
  const { html } = mosaic;
  if (!list || !list.length) return null;
  return html`<ul class="contacts-plain">${list.map((a) => html`<li>${Object.values(a).filter(Boolean).join(', ')}</li>`)}</ul>`;
}

function tagList(mosaic, tags) {
  return tags && tags.length ? mosaic.html`<ul class="contacts-tags">${tags.map((tag) => mosaic.html`<li>${tag}</li>`)}</ul>` : null;
}

function personDetails(mosaic, p, organization) {
  const { html, t, fmt } = mosaic;
  const consent = p.emailConsent && p.emailConsent.granted
    ? t('contacts.consent.granted', { date: fmt.date(p.emailConsent.at), source: p.emailConsent.source || '' })
    : t('contacts.consent.none');
  return facts(mosaic, [
    [t('contacts.field.email'), labelled(mosaic, p.emails, 'address', 'mailto')],
    [t('contacts.field.phone'), labelled(mosaic, p.phones, 'number', 'tel')],
    [t('contacts.field.jobTitle'), p.jobTitle],
    [t('contacts.field.organization'), organization
      ? html`<a href=${`/contacts/organizations/${encodeURIComponent(organization.id)}`}>${organization.name}</a>` : null],
    [t('contacts.field.lifecycleStage'), p.lifecycleStage ? t(`contacts.stage.${p.lifecycleStage}`) : null],
    [t('contacts.field.source'), p.source],
    [t('contacts.field.tags'), tagList(mosaic, p.tags)],
    [t('contacts.field.addresses'), addresses(mosaic, p.addresses)],
    [t('contacts.field.emailConsent'), consent],
  ]);
}

function organizationDetails(mosaic, o) {
  const { t } = mosaic;
  return facts(mosaic, [
    [t('contacts.field.domain'), o.domain],
    [t('contacts.field.industry'), o.industry],
    [t('contacts.field.size'), o.size],
    [t('contacts.field.phone'), labelled(mosaic, o.phones, 'number', 'tel')],
    [t('contacts.field.tags'), tagList(mosaic, o.tags)],
    [t('contacts.field.addresses'), addresses(mosaic, o.addresses)],
  ]);
}

function peopleOf(mosaic, id, page) {
  const { html, t, fmt } = mosaic;
  return html`<section class="card" aria-labelledby="contacts-org-people">
    <h2 id="contacts-org-people">${t('contacts.organization.people')}</h2>
    ${page && page.items.length ? html`<ul class="contacts-plain">${page.items.map((p) => html`
      <li><a href=${`/contacts/people/${encodeURIComponent(p.id)}`}>${personName(mosaic, p)}</a>
        ${p.jobTitle ? html`<span class="hint">${p.jobTitle}</span>` : ''}</li>`)}</ul>` : html`<p class="hint">${t('contacts.organization.noPeople')}</p>`}
    ${page && page.total > page.items.length ? html`<p><a href=${`/contacts/people?organizationId=${encodeURIComponent(id)}`}>
      ${t('contacts.organization.allPeople', { total: totalText(mosaic, page) })}</a></p>` : ''}
    <p><a href=${`/contacts/people/new?organizationId=${encodeURIComponent(id)}`}>${t('contacts.people.new')}</a></p>
  </section>`;
}
