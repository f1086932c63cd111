// The campaigns' pages, below /campaigns: the list of campaigns, a campaign's page with its
// figures (recipients by status and by response) and its send, pause, resume and cancel buttons,
// and, for those with campaigns.admin, the campaigns' mail settings (/campaigns/settings), whose
// passwords are write-only. Everything is the shell's UI kit.

import {
  dataTable, errorBox, formAlert, formState, input, mountView, okBox, submit,
} from '/ui/shell/kit.js';

const campaignHref = (id) => `/campaigns/${encodeURIComponent(id)}`;
const STATS = ['recipients', 'queued', 'sent', 'failed', 'unknown', 'opened', 'clicked', 'unsubscribed', 'replied', 'bounced'];

/** The sub-navigation; {@code current} is the section the page belongs to. */
function tabs(mosaic, current) {
  const { html, t, nothing } = mosaic;
  const tab = (key, href, label) => html`<li><a class=${key === current ? 'button primary' : 'button'} href=${href}
      aria-current=${key === current ? 'page' : 'false'}>${label}</a></li>`;
  return html`<nav class="campaigns-tabs" aria-label=${t('campaigns.tabs')}><ul>
    ${tab('list', '/campaigns', t('campaigns.list.title'))}
    ${mosaic.can('campaigns.admin') ? tab('settings', '/campaigns/settings', t('campaigns.settings.title')) : nothing}
  </ul></nav>`;
}

function listView(mosaic) {
  const { html, t, api } = mosaic;
  const v = { page: null };
  v.title = () => t('campaigns.list.title');
  v.load = async () => {
    v.page = await api.get('campaigns?limit=100');
  };
  v.render = () => {
    const columns = [
      { label: t('campaigns.field.name'), cell: (c) => html`<a href=${campaignHref(c.id)}>${c.name}</a>` },
      { label: t('campaigns.field.state'), cell: (c) => t(`campaigns.state.${c.state}`) },
      { label: t('campaigns.field.updatedAt'), cell: (c) => mosaic.fmt.dateTime(c.updatedAt) },
    ];
    return html`${tabs(mosaic, 'list')}
      ${v.page.items.length ? dataTable(mosaic, { label: t('campaigns.list.title'), id: 'campaigns-list', columns, rows: v.page.items,
        key: (c) => c.id }) : html`<p id="campaigns-none">${t('campaigns.list.none')}</p>`}`;
  };
  return v;
}

function campaignView(id) {
  return (mosaic, draw) => {
    const { html, t, api, nothing } = mosaic;
    const path = `campaigns/${encodeURIComponent(id)}`;
    const v = { campaign: null, stats: null };
    const form = formState('campaign-actions', {});

    async function load() {
      [v.campaign, v.stats] = await Promise.all([api.get(path), api.get(`${path}/stats`)]);
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

    const button = (action, when) => (when.includes(v.campaign.state) ? html`<button type="button" id=${`campaigns-${action}`}
        class=${action === 'send' ? 'primary' : action === 'cancel' ? 'danger' : ''} ?disabled=${form.busy}
        @click=${() => act(action)}>${t(`campaigns.action.${action}`)}</button>` : nothing);

    v.render = () => html`${tabs(mosaic, 'list')}
      ${errorBox(mosaic, form.error)}${okBox(mosaic, form.done)}
      <p>${t('campaigns.field.state')}: <strong id="campaigns-state">${t(`campaigns.state.${v.campaign.state}`)}</strong></p>
      ${mosaic.can('campaigns.write') ? html`<div class="kit-actions">
        ${button('send', ['draft'])}${button('pause', ['sending'])}${button('resume', ['paused'])}${button('cancel', ['sending', 'paused'])}
      </div>` : nothing}
      <dl class="kit-facts" id="campaigns-stats">
        ${STATS.map((s) => html`<dt>${t(`campaigns.stat.${s}`)}</dt><dd data-stat=${s}>${v.stats[s] ?? 0}</dd>`)}
      </dl>
      <p class="hint">${t('campaigns.opensApproximate')}</p>`;
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
  if (parts.length === 0) return listView;
  if (parts.length === 1 && parts[0] === 'settings') return settingsView;
  if (parts.length === 1) return campaignView(parts[0]);
  return notFound;
}

export function mount(host, mosaic) {
  return mountView(host, mosaic, pageFor(mosaic.path), { className: 'campaigns-page' });
}
