// The campaigns' pages, below /campaigns: the list of campaigns, a draft's form (editor.js), a
// campaign's page (its figures, send, pause, resume and cancel, the responses over time
// (chart.js), its recipients by status or response, and the interested ones with where their
// follow-up calls stand), templates (templates.js), segments (segments.js), web forms (forms.js)
// and, for those with campaigns.admin, the campaigns' mail settings (/campaigns/settings), whose
// passwords are write-only. Everything is the shell's UI kit; common.js holds what they share.

import {
  confirmDialog, countLine, cursorPaging, dataTable, errorBox, formAlert, formState, input, mountView, okBox, submit,
} from '/ui/shell/kit.js';
import { responsesChart } from './chart.js';
import { href, personName, steps, tabs } from './common.js';
import { campaignFormView } from './editor.js';
import { webFormView, formsView } from './forms.js';
import { segmentView, segmentsView } from './segments.js';
import { templateView, templatesView } from './templates.js';

const STATS = ['recipients', 'queued', 'sent', 'failed', 'unknown', 'opened', 'clicked', 'unsubscribed', 'replied', 'bounced',
  'interested', 'calls'];
const STATUSES = ['queued', 'sent', 'failed', 'unknown'];
const RESPONSES = ['opened', 'clicked', 'replied', 'bounced', 'unsubscribed', 'interested'];
const RECIPIENTS_LIMIT = 25;

function listView(mosaic) {
  const { html, t, api } = mosaic;
  const v = { page: null };
  v.title = () => t('campaigns.list.title');
  v.load = async () => {
    v.page = await api.get('campaigns?limit=100');
  };
  v.render = () => {
    const columns = [
      { label: t('campaigns.field.name'), cell: (c) => html`<a href=${href(c.id)}>${c.name}</a>` },
      { label: t('campaigns.field.state'), cell: (c) => t(`campaigns.state.${c.state}`) },
      { label: t('campaigns.field.updatedAt'), cell: (c) => mosaic.fmt.dateTime(c.updatedAt) },
    ];
    return html`${tabs(mosaic, 'list')}
      ${mosaic.can('campaigns.write') ? html`<p class="kit-actions"><a class="button primary" id="campaigns-new"
        href="/campaigns/new">${t('campaigns.new')}</a></p>` : mosaic.nothing}
      ${v.page.items.length ? dataTable(mosaic, { label: t('campaigns.list.title'), id: 'campaigns-list', columns, rows: v.page.items,
        key: (c) => c.id }) : html`<p id="campaigns-none">${t('campaigns.list.none')}</p>`}`;
  };
  return v;
}

function campaignView(id) {
  return (mosaic, draw) => {
    const { html, t, api, nothing, fmt } = mosaic;
    const path = `campaigns/${encodeURIComponent(id)}`;
    const route = href(id);
    const paging = cursorPaging(mosaic.query, route, RECIPIENTS_LIMIT);
    const v = { campaign: null, stats: null, responses: null, responsesError: null, bucket: 'day', recipients: null, interested: null };
    const form = formState('campaign-actions', {});
    const filter = formState('campaign-recipients-filter', { status: paging.filters.get('status') || '' });

    async function loadResponses() {
      try {
        v.responses = await api.get(`${path}/responses?bucket=${v.bucket}`);
        v.responsesError = null;
      } catch (e) {
        v.responses = null;
        v.responsesError = e;
      }
    }
    async function load() {
      [v.campaign, v.stats, v.recipients, v.interested] = await Promise.all([api.get(path), api.get(`${path}/stats`),
        api.get(`${path}/recipients?${paging.request()}`), api.get(`${path}/recipients?status=interested&limit=100`), loadResponses()]);
      paging.focusCount();
    }
    v.title = () => (v.campaign ? v.campaign.name : t('campaigns.list.title'));
    v.load = load;

    async function act(action) {
      const ok = await submit(form, draw, () => api.post(`${path}/${action}`, {}));
      if (!ok) return;
      await load();
      form.done = t(`campaigns.done.${action}`);
      mosaic.announce(form.done);
      draw();
    }

    async function remove() {
      const name = v.campaign.name;
      if (!await confirmDialog(mosaic, { title: name, body: t('campaigns.deleteConfirm', { name }), confirm: t('campaigns.delete') })) return;
      const ok = await submit(form, draw, () => api.del(path, { ifMatch: v.campaign.version }));
      if (ok) {
        mosaic.announce(t('campaigns.deleted', { name }));
        mosaic.navigate('/campaigns');
      }
    }

    async function rebucket(event) {
      v.bucket = event.target.value;
      await loadResponses();
      draw();
      mosaic.announce(t('campaigns.chart.shown'));
    }

    const filterRecipients = (event) => {
      event.preventDefault();
      mosaic.navigate(paging.filtered(filter.values));
    };

    const button = (action, when) => (when.includes(v.campaign.state) ? html`<button type="button" id=${`campaigns-${action}`}
        class=${action === 'send' ? 'primary' : action === 'cancel' ? 'danger' : ''} ?disabled=${form.busy}
        @click=${() => act(action)}>${t(`campaigns.action.${action}`)}</button>` : nothing);
    const draft = () => v.campaign.state === 'draft';
    const personLink = (r) => html`<a href=${`/contacts/people/${encodeURIComponent(r.personId)}`}>${personName(r)}</a>`;

    const outcomes = () => {
      const entries = Object.entries(v.stats.callOutcomes || {});
      return entries.length ? html`<h3 id="campaigns-outcomes-title">${t('campaigns.stat.callOutcomes')}</h3>
        <dl class="kit-facts" id="campaigns-outcomes" aria-labelledby="campaigns-outcomes-title">
          ${entries.map(([o, n]) => html`<dt>${t(`campaigns.outcome.${o}`)}</dt><dd data-outcome=${o}>${fmt.number(n)}</dd>`)}
        </dl>` : nothing;
    };

    const chartPart = () => html`<section class="card" aria-labelledby="campaigns-chart-title">
      <h2 id="campaigns-chart-title">${t('campaigns.chart.title')}</h2>
      <div class="field"><label for="campaigns-chart-bucket">${t('campaigns.chart.bucket')}</label>
        <select id="campaigns-chart-bucket" @change=${rebucket}>
          ${['day', 'hour'].map((b) => html`<option value=${b} ?selected=${b === v.bucket}>${t(`campaigns.chart.bucket.${b}`)}</option>`)}
        </select></div>
      ${v.responsesError ? errorBox(mosaic, v.responsesError) : responsesChart(mosaic, v.responses, { id: 'campaigns-chart',
        label: t('campaigns.chart.title'), seriesLabel: (s) => t(`campaigns.stat.${s}`) })}
      <p class="hint">${t('campaigns.opensApproximate')}</p>
    </section>`;

    const when = (r) => r.sentAt ? fmt.dateTime(r.sentAt) : '';
    const responded = (r) => RESPONSES.filter((s) => r[`${s}At`]).map((s) => t(`campaigns.stat.${s}`)).join(', ');
    const recipientsPart = () => html`<section class="card" aria-labelledby="campaigns-recipients-title">
      <h2 id="campaigns-recipients-title">${t('campaigns.recipients.title')}</h2>
      <form role="search" class="kit-filters" id="campaigns-recipients-filter" @submit=${filterRecipients}>
        ${input(mosaic, filter, 'status', t('campaigns.recipients.show'), { type: 'select', options: [['', t('campaigns.recipients.all')],
          ...STATUSES.map((s) => [s, t(`campaigns.stat.${s}`)]), ...RESPONSES.map((s) => [s, t(`campaigns.recipients.with.${s}`)])] })}
        <div class="kit-actions"><button type="submit">${t('campaigns.recipients.filter')}</button></div>
      </form>
      ${countLine(mosaic, paging, v.recipients)}
      ${v.recipients.items.length ? dataTable(mosaic, { label: t('campaigns.recipients.title'), id: 'campaigns-recipients',
        rows: v.recipients.items, key: (r) => r.id, columns: [
          { label: t('campaigns.field.name'), cell: personLink },
          { label: t('campaigns.recipient.email'), cell: (r) => r.email },
          { label: t('campaigns.recipient.status'), cell: (r) => html`<span data-status=${r.status}>${t(`campaigns.stat.${r.status}`)}</span>` },
          { label: t('campaigns.recipient.sentAt'), cell: when },
          { label: t('campaigns.recipient.responses'), cell: responded },
          { label: t('campaigns.recipient.lastReply'), cell: (r) => (r.status === 'failed' || r.status === 'unknown' ? r.lastReply || '' : '') },
        ] }) : nothing}
      ${steps(mosaic, paging, v.recipients)}
    </section>`;

    const followUpCell = (r) => {
      const f = r.followUp;
      if (!f) return t('campaigns.followUp.unknown');
      return html`<span data-follow-up=${f.done ? 'done' : 'due'}>${f.done ? t('campaigns.followUp.done')
        : t('campaigns.followUp.due', { due: fmt.dateTime(f.dueAt) })}</span>`;
    };
    const interestedPart = () => html`<section class="card" aria-labelledby="campaigns-interested-title">
      <h2 id="campaigns-interested-title">${t('campaigns.interested.title')}</h2>
      <p class="hint">${t('campaigns.interested.intro')}</p>
      ${v.interested.items.length ? dataTable(mosaic, { label: t('campaigns.interested.title'), id: 'campaigns-interested',
        rows: v.interested.items, key: (r) => r.id, columns: [
          { label: t('campaigns.field.name'), cell: personLink },
          { label: t('campaigns.recipient.email'), cell: (r) => r.email },
          { label: t('campaigns.interested.since'), cell: (r) => fmt.dateTime(r.interestedAt) },
          { label: t('campaigns.interested.call'), cell: followUpCell },
          { label: t('campaigns.stat.calls'), cell: (r) => (r.followUp ? fmt.number(r.followUp.calls) : '') },
          { label: t('campaigns.interested.outcome'), cell: (r) => (r.followUp && r.followUp.outcome
            ? t(`campaigns.outcome.${r.followUp.outcome}`) : '') },
        ] }) : html`<p id="campaigns-interested-none">${t('campaigns.interested.none')}</p>`}
      ${v.interested.next ? html`<p><a href=${`${route}?status=interested`}>${t('campaigns.interested.all',
        { count: fmt.number(v.interested.total) })}</a></p>` : nothing}
    </section>`;

    v.render = () => html`${tabs(mosaic, 'list')}
      ${errorBox(mosaic, form.error)}${okBox(mosaic, form.done)}
      <p>${t('campaigns.field.state')}: <strong id="campaigns-state">${t(`campaigns.state.${v.campaign.state}`)}</strong>
        ${v.campaign.scheduledAt ? html` · ${t('campaigns.field.scheduledAt')}: ${fmt.dateTime(v.campaign.scheduledAt)}` : nothing}</p>
      ${mosaic.can('campaigns.write') ? html`<div class="kit-actions">
        ${button('send', ['draft'])}${button('pause', ['sending'])}${button('resume', ['paused'])}${button('cancel', ['sending', 'paused'])}
        ${draft() ? html`<a class="button" id="campaigns-edit" href=${href(id, 'edit')}>${t('campaigns.edit')}</a>
          <button type="button" class="danger" id="campaigns-delete" ?disabled=${form.busy} @click=${remove}>${t('campaigns.delete')}</button>`
          : nothing}
      </div>` : nothing}
      <section aria-labelledby="campaigns-stats-title">
        <h2 id="campaigns-stats-title">${t('campaigns.stats.title')}</h2>
        <dl class="kit-facts" id="campaigns-stats">
          ${STATS.map((s) => html`<dt>${t(`campaigns.stat.${s}`)}</dt><dd data-stat=${s}>${fmt.number(v.stats[s] ?? 0)}</dd>`)}
        </dl>
        ${outcomes()}
      </section>
      ${chartPart()}
      ${interestedPart()}
      ${recipientsPart()}`;
    return v;
  };
}

const SETTINGS_FIELDS = ['smtpHost', 'smtpPort', 'smtpSecurity', 'smtpUser', 'smtpPassword', 'fromAddress', 'fromName', 'replyTo',
  'imapHost', 'imapPort', 'imapSecurity', 'imapUser', 'imapPassword', 'ratePerMinute', 'publicBaseUrl'];
const NUMBERS = ['smtpPort', 'imapPort', 'ratePerMinute'];
const SECURITY = ['starttls', 'tls', 'none'];

function settingsView(mosaic, draw) {
  const { html, t, api } = mosaic;
  const v = { settings: null };
  const form = formState('campaigns-settings', {});

  async function load() {
    v.settings = await api.get('campaigns/settings/mail');
    const s = v.settings;
    // The passwords never come back: their inputs start empty, and an empty one keeps what is saved.
    form.values = Object.fromEntries(SETTINGS_FIELDS.map((f) => [f, s[f] === null || s[f] === undefined ? '' : String(s[f])]));
    form.values.smtpPassword = '';
    form.values.imapPassword = '';
  }
  v.title = () => t('campaigns.settings.title');
  v.load = load;

  function body() {
    const b = {};
    for (const f of SETTINGS_FIELDS) {
      const value = String(form.values[f] ?? '').trim();
      if (f.endsWith('Password')) {
        if (form.values[f]) b[f] = form.values[f];
      } else if (value) {
        b[f] = NUMBERS.includes(f) && /^\d+$/.test(value) ? Number(value) : value;
      }
    }
    if (v.settings.configured) b.version = v.settings.version;
    return b;
  }

  async function save(event) {
    event.preventDefault();
    const ok = await submit(form, draw, () => api.put('campaigns/settings/mail', body()), { versioned: true });
    if (!ok) return;
    await load();
    form.done = t('campaigns.settings.saved');
    mosaic.announce(form.done);
    draw();
  }

  async function test(event) {
    event.preventDefault();
    const to = String(form.values.testTo || '').trim();
    let answer = null;
    const ok = await submit(form, draw, async () => { answer = await api.post('campaigns/settings/mail/test', { to }); });
    if (!ok) return;
    form.done = t('campaigns.settings.testSent', { reply: answer.reply });
    draw();
  }

  const password = (name) => input(mosaic, form, name, t(`campaigns.settings.${name}`), { type: 'password', autocomplete: 'new-password',
    hint: t(v.settings[`${name}Set`] ? 'campaigns.settings.passwordKept' : 'campaigns.settings.passwordNone') });
  const security = (name) => input(mosaic, form, name, t(`campaigns.settings.${name}`), { type: 'select',
    options: SECURITY.map((s) => [s, t(`campaigns.security.${s}`)]) });

  v.render = () => html`${tabs(mosaic, 'settings')}
    <form class="card" id="campaigns-settings-form" novalidate @submit=${save}>
      ${formAlert(mosaic, form, [...SETTINGS_FIELDS, 'testTo'], { id: 'campaigns-settings-error' })}
      ${okBox(mosaic, form.done)}
      ${input(mosaic, form, 'smtpHost', t('campaigns.settings.smtpHost'), { required: true })}
      ${input(mosaic, form, 'smtpPort', t('campaigns.settings.smtpPort'))}
      ${security('smtpSecurity')}
      ${input(mosaic, form, 'smtpUser', t('campaigns.settings.smtpUser'), { autocomplete: 'off' })}
      ${password('smtpPassword')}
      ${input(mosaic, form, 'fromAddress', t('campaigns.settings.fromAddress'), { required: true, type: 'email' })}
      ${input(mosaic, form, 'fromName', t('campaigns.settings.fromName'))}
      ${input(mosaic, form, 'replyTo', t('campaigns.settings.replyTo'), { type: 'email' })}
      ${input(mosaic, form, 'imapHost', t('campaigns.settings.imapHost'))}
      ${input(mosaic, form, 'imapPort', t('campaigns.settings.imapPort'))}
      ${security('imapSecurity')}
      ${input(mosaic, form, 'imapUser', t('campaigns.settings.imapUser'), { autocomplete: 'off' })}
      ${password('imapPassword')}
      ${input(mosaic, form, 'ratePerMinute', t('campaigns.settings.ratePerMinute'))}
      ${input(mosaic, form, 'publicBaseUrl', t('campaigns.settings.publicBaseUrl'), { required: true,
        hint: t('campaigns.settings.publicBaseUrlHint') })}
      <div class="kit-actions"><button type="submit" class="primary" ?disabled=${form.busy}>${t('campaigns.save')}</button></div>
    </form>
    <form class="card" id="campaigns-test-form" novalidate @submit=${test}>
      ${input(mosaic, form, 'testTo', t('campaigns.settings.testTo'), { type: 'email' })}
      <div class="kit-actions"><button type="submit" ?disabled=${form.busy || !v.settings.configured}>${t('campaigns.settings.test')}</button></div>
    </form>`;
  return v;
}

function notFound(mosaic) {
  return {
    title: () => mosaic.t('campaigns.list.title'),
    load: async () => {},
    render: () => mosaic.html`<p>${mosaic.t('kit.notFound')}</p><p><a href="/campaigns">${mosaic.t('campaigns.list.title')}</a></p>`,
  };
}

function pageFor(path) {
  const parts = path.split('/').filter(Boolean).slice(1);
  const [first, second] = parts;
  const sections = { templates: [templatesView, templateView], segments: [segmentsView, segmentView], forms: [formsView, webFormView] };
  if (parts.length === 0) return listView;
  if (parts.length === 1 && first === 'settings') return settingsView;
  if (parts.length === 1 && first === 'new') return campaignFormView(null);
  if (sections[first] && parts.length === 1) return sections[first][0];
  if (sections[first] && parts.length === 2) return sections[first][1](second);
  if (parts.length === 1) return campaignView(first);
  if (parts.length === 2 && second === 'edit') return campaignFormView(first);
  return notFound;
}

export function mount(host, mosaic) {
  return mountView(host, mosaic, pageFor(mosaic.path), { className: 'campaigns-page' });
}
