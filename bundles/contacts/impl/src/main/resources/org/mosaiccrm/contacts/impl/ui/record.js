// The record of a person or an organization: its details and custom fields, the activity
// timeline with a form to log an activity, the record's tasks (tick off, add one) and
// "remind me in N days"; an organization also lists its people.

import { customFields, customText, errorBox, focusFirstInvalid, formState, input, okBox, submit, totalText } from '/ui/shell/kit.js';
import { ACTIVITY_TYPES, DIRECTIONS, KINDS, instantOf, localNow, personName, recordName } from './common.js';

const TIMELINE_PAGE = 20;

export function recordView(kind, id) {
  return (mosaic, draw) => {
    const { html, t, api, fmt, nothing } = mosaic;
    const cfg = KINDS[kind];
    const path = `${cfg.api}/${encodeURIComponent(id)}`;
    const v = {
      record: null, fields: [], organization: null, people: null, timeline: [], timelineNext: null, tasks: [],
      taskError: null,
      activity: formState('activity', { type: 'note', direction: '', subject: '', body: '', occurredAt: localNow() }),
      task: formState('task', { title: '', dueAt: '' }),
      remind: formState('remind', { days: '3' }),
    };

    v.title = () => (v.record ? recordName(mosaic, kind, v.record) : t(`contacts.${kind}.one`));

    const loadTimeline = async (more = false) => {
      const page = await api.get(`${path}/timeline?limit=${TIMELINE_PAGE}${more && v.timelineNext ? `&cursor=${encodeURIComponent(v.timelineNext)}` : ''}`);
      v.timeline = more ? [...v.timeline, ...page.items] : page.items;
      v.timelineNext = page.next;
    };
    const loadTasks = async () => {
      v.tasks = (await api.get(`contacts/tasks?${cfg.ref}=${encodeURIComponent(id)}&limit=200`)).items;
    };

    v.load = async () => {
      const [record, fields] = await Promise.all([api.get(path), customFields(api, 'contacts', cfg.entity)]);
      v.record = record;
      v.fields = fields;
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

    function addTask(event) {
      event.preventDefault();
      const f = v.task;
      const body = { title: f.values.title, [cfg.ref]: id };
      if (f.values.dueAt) body.dueAt = instantOf(`${f.values.dueAt}T09:00`);
      send(f, () => api.post('contacts/tasks', body), saved(f, { title: '', dueAt: '' }, t('contacts.task.added'), loadTasks));
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

    async function toggleTask(task) {
      v.taskError = null;
      try {
        await api.patch(`contacts/tasks/${encodeURIComponent(task.id)}`, { done: !task.done, version: task.version });
      } catch (e) {
        v.taskError = e.status === 409 ? t('contacts.task.conflict') : mosaic.problemText(e);
      }
      await loadTasks().catch(() => {});
      draw();
    }

    async function more() {
      await loadTimeline(true).catch((e) => { v.timelineError = e; });
      draw();
    }

    v.render = () => {
      const r = v.record;
      return html`
        <div class="kit-actions">
          <a class="button primary" href=${`${cfg.route}/${encodeURIComponent(id)}/edit`}>${t('contacts.edit')}</a>
          <a class="button" href=${cfg.route}>${t(`contacts.${kind}.back`)}</a>
        </div>
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
          <section class="card" aria-labelledby="contacts-tasks">
            <h2 id="contacts-tasks">${t('contacts.tasks.title')}</h2>
            ${v.taskError ? html`<p class="alert error" role="alert">${v.taskError}</p>` : nothing}
            ${v.tasks.length ? html`<ul class="contacts-tasks" id="contacts-task-list">${v.tasks.map((task) => html`
              <li class=${task.done ? 'done' : ''}>
                <label class="check"><input type="checkbox" .checked=${task.done} @change=${() => toggleTask(task)}>
                  <span>${task.title}</span></label>
                <span class="hint">${task.dueAt ? t('contacts.task.due', { date: fmt.dateTime(task.dueAt) }) : ''}</span>
              </li>`)}</ul>` : html`<p class="hint">${t('contacts.tasks.none')}</p>`}
            <form class="contacts-inline" id="contacts-remind" @submit=${remind}>
              ${errorFor(mosaic, v.remind)}
              ${input(mosaic, v.remind, 'days', t('contacts.remind.days'), { type: 'number' })}
              <button type="submit" ?disabled=${v.remind.busy}>${t('contacts.remind.button')}</button>
            </form>
            <form class="contacts-inline" id="contacts-task-form" @submit=${addTask}>
              ${errorFor(mosaic, v.task)}
              ${input(mosaic, v.task, 'title', t('contacts.task.titleField'))}
              ${input(mosaic, v.task, 'dueAt', t('contacts.task.dueField'), { type: 'date' })}
              <button type="submit" ?disabled=${v.task.busy}>${t('contacts.task.add')}</button>
            </form>
          </section>
          <section class="card contacts-timeline-card" aria-labelledby="contacts-timeline">
            <h2 id="contacts-timeline">${t('contacts.timeline.title')}</h2>
            <form id="contacts-activity-form" class="contacts-activity-form" @submit=${logActivity}>
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
            </form>
            ${v.timeline.length ? html`<ol class="contacts-timeline" id="contacts-timeline-list">${v.timeline.map((a) => html`
              <li data-type=${a.type}>
                <p class="contacts-timeline-head"><span class="contacts-badge">${t(`contacts.activityType.${a.type}`)}</span>
                  ${a.direction ? html`<span class="hint">${t(`contacts.direction.${a.direction}`)}</span>` : nothing}
                  <time datetime=${a.occurredAt}>${fmt.dateTime(a.occurredAt)}</time></p>
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
