// The leads: the list (/funnel/leads) with its filters, CSV export and import; the form
// (/funnel/leads/new, /funnel/leads/<id>/edit) with custom fields and the owner and team
// pickers; a lead's page (/funnel/leads/<id>) naming the person who has its email already and
// offering Convert: a dialog (deal or not, its title, pipeline, amount, currency) that makes or
// links the person, organization and deal in one call, after which the lead is read-only and
// links to what it became.

import {
  confirmDialog, conflictBox, customFields, customFromForm, customInput, customText, customToForm, errorBox, formAlert, formState,
  input, loadOwnership, okBox, ownershipFromForm, ownershipInputs, ownershipToForm, submit,
} from '/ui/shell/kit.js';
import {
  action, contactNames, dealHref, exportLink, LAST_CURRENCY, leadHref, listBody, listState, organizationHref, people, personHref,
  pipelines, tabs,
} from './common.js';

/** The statuses a lead is given; "converted" is the one conversion gives. */
const STATUSES = ['new', 'working', 'qualified', 'disqualified'];
const SORTS = ['-createdAt', 'name', '-updatedAt', 'createdAt'];
const FIELDS = ['firstName', 'lastName', 'company', 'email', 'phone', 'source', 'status', 'reason', 'notes', 'ownerId', 'teamId'];

/** What the API answered on creating a lead ({@code matches}), kept for its page to show right after. */
const createdMatches = new Map();

export function leadName(mosaic, lead) {
  const name = [lead.firstName, lead.lastName].filter(Boolean).join(' ');
  return name || lead.email || mosaic.t('funnel.lead.unnamed');
}

function statusText(mosaic, status) {
  return mosaic.t(`funnel.lead.status.${status}`);
}

// ---- the list ----

export function leadsView(mosaic, draw) {
  const { html, t, api, fmt } = mosaic;
  const list = listState(mosaic, draw, { route: '/funnel/leads', formId: 'funnel-leads-filter', sorts: SORTS });
  const { form } = list;
  const v = { fields: [], page: null, who: null };

  v.title = () => t('funnel.leads.title');
  v.load = async () => {
    [v.fields, v.page, v.who] = await Promise.all([customFields(api, 'funnel', 'lead'), api.get(`funnel/leads?${list.paging.request()}`),
      people(mosaic)]);
    list.paging.focusCount();
  };

  v.render = () => {
    const columns = [
      { label: t('funnel.lead.name'), cell: (l) => html`<a href=${leadHref(l.id)}>${leadName(mosaic, l)}</a>`, sort: 'name' },
      { label: t('funnel.lead.company'), cell: (l) => l.company || '' },
      { label: t('funnel.lead.email'), cell: (l) => l.email || '' },
      { label: t('funnel.field.status'), cell: (l) => statusText(mosaic, l.status) },
      { label: t('funnel.lead.source'), cell: (l) => l.source || '' },
      { label: t('funnel.field.owner'), cell: (l) => v.who.name(l.ownerId) || '—' },
      ...v.fields.map((def) => ({ label: def.label, cell: (l) => customText(mosaic, def, (l.customFields || {})[def.key]) })),
      { label: t('funnel.field.createdAt'), cell: (l) => fmt.dateTime(l.createdAt), sort: 'createdAt' },
    ];
    const inputs = html`
      ${input(mosaic, form, 'q', t('funnel.leads.q'), { type: 'search' })}
      ${input(mosaic, form, 'status', t('funnel.field.status'), { type: 'select', options: [['', t('funnel.leads.anyStatus')],
        ...[...STATUSES, 'converted'].map((s) => [s, statusText(mosaic, s)])] })}
      ${input(mosaic, form, 'source', t('funnel.lead.source'))}
      ${input(mosaic, form, 'ownerId', t('funnel.field.owner'), { type: 'select', options: [['', t('funnel.filter.anyone')], ...v.who.owners] })}
      ${v.fields.map((def) => customInput(mosaic, form, def, { filter: true }))}`;
    return html`
      ${tabs(mosaic, 'leads')}
      <div class="kit-actions">
        ${action(mosaic, { id: 'funnel-new-lead', href: '/funnel/leads/new', label: t('funnel.lead.new'), permission: 'funnel.write' })}
        ${action(mosaic, { id: 'funnel-leads-import', href: '/funnel/import?type=leads', label: t('funnel.import.open'),
          permission: 'funnel.import', primary: false })}
        ${exportLink(mosaic, list, { id: 'funnel-leads-export', path: 'funnel/leads/export', file: 'leads.csv' })}
      </div>
      ${listBody(mosaic, list, { id: 'funnel-leads', label: t('funnel.leads.title'), filterLabel: t('funnel.leads.filter'), inputs, columns,
        page: v.page, sortKey: 'funnel.leads.sort' })}`;
  };
  return v;
}

// ---- the form ----

function leadValues(lead, fields) {
  const l = lead || {};
  const values = Object.fromEntries(FIELDS.filter((f) => f !== 'ownerId' && f !== 'teamId').map((f) => [f, l[f] || '']));
  if (!values.status) values.status = 'new';
  for (const def of fields) values[`cf.${def.key}`] = customToForm(def, (l.customFields || {})[def.key]);
  return values;
}

function leadBody(values, fields) {
  const text = (name) => (String(values[name] ?? '').trim() || null);
  const body = Object.fromEntries(['firstName', 'lastName', 'company', 'email', 'phone', 'source'].map((f) => [f, text(f)]));
  body.status = values.status;
  body.reason = values.status === 'disqualified' ? text('reason') : null;
  body.notes = String(values.notes || '').trim() ? values.notes : null;
  if (fields.length) body.customFields = Object.fromEntries(fields.map((def) => [def.key, customFromForm(def, values[`cf.${def.key}`])]));
  return body;
}

export function leadFormView(id) {
  return (mosaic, draw) => {
    const { html, t, api, navigate, nothing } = mosaic;
    const v = { lead: null, fields: [], ownership: { teams: [] } };
    const form = formState('lead', {});

    v.title = () => (v.lead ? t('funnel.lead.editing', { name: leadName(mosaic, v.lead) }) : t('funnel.lead.new'));
    const loadLead = async () => {
      v.lead = id ? await api.get(`funnel/leads/${encodeURIComponent(id)}`) : null;
      form.values = leadValues(v.lead, v.fields);
      v.ownership = await loadOwnership(mosaic, v.lead);
      ownershipToForm(mosaic, form, v.lead, v.ownership);
    };
    v.load = async () => {
      v.fields = await customFields(api, 'funnel', 'lead');
      await loadLead();
    };

    async function save(event) {
      event.preventDefault();
      const body = { ...leadBody(form.values, v.fields), ...ownershipFromForm(form, v.lead) };
      let saved = null;
      await submit(form, draw, async () => {
        saved = id ? await api.patch(`funnel/leads/${encodeURIComponent(id)}`, { ...body, version: v.lead.version })
          : await api.post('funnel/leads', body);
      }, { versioned: Boolean(id) });
      if (saved) {
        if (saved.matches && saved.matches.length) createdMatches.set(saved.id, saved.matches);
        mosaic.announce(t('funnel.lead.saved', { name: leadName(mosaic, saved) }));
        navigate(leadHref(saved.id));
      }
    }

    v.render = () => {
      if (v.lead && v.lead.status === 'converted') {
        return html`${tabs(mosaic, 'leads')}<p class="alert error" role="alert">${t('funnel.lead.readOnly')}</p>
          <p><a href=${leadHref(v.lead.id)}>${leadName(mosaic, v.lead)}</a></p>`;
      }
      const field = (name, options) => input(mosaic, form, name, t(`funnel.lead.${name}`), options);
      return html`${tabs(mosaic, 'leads')}
        <form class="card" id="funnel-lead-form" novalidate @submit=${save}>
          ${conflictBox(mosaic, form, draw, { reload: loadLead })}
          ${formAlert(mosaic, form, [...FIELDS, ...v.fields.map((def) => `cf.${def.key}`)], { id: 'funnel-lead-form-error' })}
          <p class="hint">${t('funnel.lead.formHint')}</p>
          <div class="funnel-grid">
            ${field('firstName', { autocomplete: 'off' })}${field('lastName', { autocomplete: 'off' })}
            ${field('company')}
            ${field('email', { type: 'email', autocomplete: 'off', hint: t('funnel.lead.emailHint') })}
            ${field('phone', { type: 'tel', autocomplete: 'off' })}
            ${field('source', { hint: t('funnel.lead.sourceHint') })}
            <div @change=${draw}>${input(mosaic, form, 'status', t('funnel.field.status'), { type: 'select',
              options: STATUSES.map((s) => [s, statusText(mosaic, s)]) })}</div>
            ${form.values.status === 'disqualified' ? field('reason', { required: true }) : nothing}
          </div>
          ${field('notes', { type: 'textarea' })}
          ${v.fields.length ? html`<fieldset><legend>${t('funnel.customFields')}</legend>
            <div class="funnel-grid">${v.fields.map((def) => customInput(mosaic, form, def))}</div></fieldset>` : nothing}
          ${ownershipInputs(mosaic, form, draw, v.ownership)}
          <div class="kit-actions">
            <button type="submit" class="primary" ?disabled=${form.busy}>${t(id ? 'funnel.save' : 'funnel.lead.create')}</button>
            <a href=${id ? leadHref(id) : '/funnel/leads'}>${t('funnel.cancel')}</a>
          </div>
        </form>`;
    };
    return v;
  };
}

// ---- a lead's page and Convert ----

/**
 * The people who have the lead's email: what the API answered when it was created here, or else
 * (a lead opened later) the people contacts finds for the address, keeping exact matches only.
 */
async function matchesOf(api, lead) {
  if (createdMatches.has(lead.id)) return createdMatches.get(lead.id).filter((m) => m.type === 'person').map((m) => m.id);
  if (!lead.email || lead.status === 'converted') return [];
  const email = lead.email.toLowerCase();
  const page = await api.get(`contacts/people?${new URLSearchParams({ q: email, limit: '5' })}`, { quiet: true }).catch(() => ({ items: [] }));
  return page.items.filter((p) => (p.emails || []).some((e) => String(e.address).toLowerCase() === email)).map((p) => p.id);
}

export function leadView(id) {
  return (mosaic, draw) => {
    const { html, t, api, navigate, fmt, nothing } = mosaic;
    const path = `funnel/leads/${encodeURIComponent(id)}`;
    const v = { lead: null, fields: [], who: null, pipes: null, matches: [], names: new Map(), orgNames: new Map(), dealTitle: null,
      converting: false, converted: null, error: null };
    let convert = formState('convert', {});

    v.title = () => (v.lead ? leadName(mosaic, v.lead) : t('funnel.lead.one'));

    /** The lead and the names of what it links to (the person, organization and deal it became, or the people with its email). */
    async function loadLead() {
      v.lead = await api.get(path);
      v.matches = await matchesOf(api, v.lead);
      const [names, orgNames, deal] = await Promise.all([contactNames(api, 'people', [...v.matches, v.lead.personId]),
        contactNames(api, 'organizations', [v.lead.organizationId]),
        v.lead.dealId ? api.get(`funnel/deals/${encodeURIComponent(v.lead.dealId)}`, { quiet: true }).catch(() => null) : null]);
      v.names = names;
      v.orgNames = orgNames;
      v.dealTitle = deal ? deal.title : null;
    }

    v.load = async () => {
      [v.fields, v.who, v.pipes] = await Promise.all([customFields(api, 'funnel', 'lead'), people(mosaic), pipelines(api)]);
      await loadLead();
    };

    function openConvert() {
      const l = v.lead;
      const pipelineId = (v.pipes.items[0] || {}).id || '';
      convert = formState('convert', { createDeal: v.pipes.items.length > 0, dealTitle: l.company || leadName(mosaic, l), pipelineId,
        amount: '', currency: localStorage.getItem(LAST_CURRENCY) || '' });
      v.converting = true;
      v.converted = null;
      draw();
      requestAnimationFrame(() => {
        const dialog = document.getElementById('funnel-convert');
        if (dialog && !dialog.open) dialog.showModal();
        document.getElementById('convert-createDeal')?.focus();
      });
    }

    function closeConvert() {
      const dialog = document.getElementById('funnel-convert');
      if (dialog && dialog.open) dialog.close();
      v.converting = false;
      draw();
      requestAnimationFrame(() => document.getElementById('funnel-lead-convert')?.focus());
    }

    async function runConvert(event) {
      event.preventDefault();
      const c = convert.values;
      const text = (name) => String(c[name] ?? '').trim() || null;
      const body = { createDeal: Boolean(c.createDeal), version: v.lead.version };
      if (c.createDeal) {
        Object.assign(body, { dealTitle: text('dealTitle'), pipelineId: text('pipelineId'), amount: text('amount') });
        if (text('currency')) body.currency = text('currency').toUpperCase();
      }
      let answer = null;
      await submit(convert, draw, async () => { answer = await api.post(`${path}/convert`, body); });
      if (!answer) return;
      if (body.currency) localStorage.setItem(LAST_CURRENCY, body.currency);
      createdMatches.delete(id);
      v.converted = answer;
      await loadLead().catch((e) => { v.error = e; });
      closeConvert();
      mosaic.announce(t('funnel.convert.done', { name: leadName(mosaic, v.lead) }));
      requestAnimationFrame(() => document.getElementById('funnel-lead-links')?.focus());
    }

    async function remove() {
      const name = leadName(mosaic, v.lead);
      if (!await confirmDialog(mosaic, { title: name, body: t('funnel.lead.deleteConfirm', { name }), confirm: t('funnel.delete') })) return;
      try {
        await api.del(path, { ifMatch: v.lead.version });
        mosaic.announce(t('funnel.lead.deleted', { name }));
        navigate('/funnel/leads');
      } catch (e) {
        v.error = e;
        draw();
      }
    }

    function convertDialog() {
      if (!v.converting) return nothing;
      const c = convert.values;
      const inputs = ['createDeal', 'dealTitle', 'pipelineId', 'stageId', 'amount', 'currency', 'version'];
      return html`<dialog id="funnel-convert" class="kit-dialog funnel-convert" aria-labelledby="funnel-convert-title"
          @cancel=${(e) => { e.preventDefault(); closeConvert(); }}>
        <form id="funnel-convert-form" novalidate @submit=${runConvert}>
          <h2 id="funnel-convert-title">${t('funnel.convert.title', { name: leadName(mosaic, v.lead) })}</h2>
          <p>${t('funnel.convert.intro')}</p>
          ${formAlert(mosaic, convert, inputs, { id: 'funnel-convert-error' })}
          <div @change=${draw}>${input(mosaic, convert, 'createDeal', t('funnel.convert.createDeal'), { type: 'checkbox' })}</div>
          ${c.createDeal ? html`
            ${input(mosaic, convert, 'dealTitle', t('funnel.convert.dealTitle'))}
            ${input(mosaic, convert, 'pipelineId', t('funnel.field.pipeline'), { type: 'select', required: true,
              options: v.pipes.items.map((p) => [p.id, p.name]) })}
            <div class="funnel-grid">
              ${input(mosaic, convert, 'amount', t('funnel.field.amount'), { hint: t('funnel.deal.amountHint') })}
              ${input(mosaic, convert, 'currency', t('funnel.field.currency'), { hint: t('funnel.deal.currencyHint') })}
            </div>` : nothing}
          <div class="kit-actions">
            <button type="submit" class="primary" id="funnel-convert-submit" ?disabled=${convert.busy}>${t('funnel.convert.submit')}</button>
            <button type="button" @click=${closeConvert}>${t('funnel.cancel')}</button>
          </div>
        </form>
      </dialog>`;
    }

    /** What a converted lead became, as links (the answer of the conversion just made, or the lead's own links). */
    function links() {
      const l = v.lead;
      const made = v.converted;
      const link = (kind, href, text, created) => html`<li><a href=${href} data-link=${kind}>${text}</a>${created
        ? html` <span class="funnel-badge">${t('funnel.convert.created')}</span>` : nothing}</li>`;
      return html`<section class="card" id="funnel-lead-links" tabindex="-1" aria-labelledby="funnel-lead-links-title">
        <h2 id="funnel-lead-links-title">${t('funnel.convert.became')}</h2>
        <p>${t('funnel.lead.convertedAt', { date: fmt.dateTime(l.convertedAt) })} ${t('funnel.lead.readOnly')}</p>
        <ul class="funnel-links">
          ${l.personId ? link('person', personHref(l.personId), t('funnel.convert.person', { name: v.names.get(l.personId) || '—' }),
            made && made.personCreated) : nothing}
          ${l.organizationId ? link('organization', organizationHref(l.organizationId),
            t('funnel.convert.organization', { name: v.orgNames.get(l.organizationId) || '—' }), made && made.organizationCreated) : nothing}
          ${l.dealId ? link('deal', dealHref(l.dealId), t('funnel.convert.deal', { name: v.dealTitle || '—' }), false) : nothing}
        </ul>
      </section>`;
    }

    function facts() {
      const l = v.lead;
      const row = (label, value) => (value ? html`<dt>${label}</dt><dd>${value}</dd>` : nothing);
      return html`<dl class="kit-facts" id="funnel-lead-facts">
        ${row(t('funnel.lead.company'), l.company)}
        ${row(t('funnel.lead.email'), l.email ? html`<a href=${`mailto:${l.email}`}>${l.email}</a>` : null)}
        ${row(t('funnel.lead.phone'), l.phone ? html`<a href=${`tel:${l.phone}`}>${l.phone}</a>` : null)}
        ${row(t('funnel.lead.source'), l.source)}
        <dt>${t('funnel.field.status')}</dt><dd id="funnel-lead-status">${statusText(mosaic, l.status)}${l.reason ? ` — ${l.reason}` : ''}</dd>
        ${row(t('funnel.field.owner'), v.who.name(l.ownerId) || '—')}
        ${row(t('funnel.field.team'), v.who.teamName(l.teamId))}
        ${v.fields.map((def) => row(def.label, customText(mosaic, def, (l.customFields || {})[def.key])))}
        ${row(t('funnel.field.createdAt'), fmt.dateTime(l.createdAt))}
      </dl>
      ${l.notes ? html`<section class="card"><h2>${t('funnel.lead.notes')}</h2><p class="funnel-notes">${l.notes}</p></section>` : nothing}`;
    }

    function matchesBox() {
      if (!v.matches.length || v.lead.status === 'converted') return nothing;
      return html`<div class="alert funnel-matches" role="status" id="funnel-lead-matches">
        <p>${t('funnel.lead.matches')}</p>
        <ul>${v.matches.map((pid) => html`<li><a href=${personHref(pid)} data-person=${pid}>${v.names.get(pid) || t('funnel.lead.aPerson')}</a></li>`)}</ul>
        <p class="hint">${t('funnel.lead.matchesHint')}</p>
      </div>`;
    }

    v.render = () => {
      const l = v.lead;
      const open = l.status !== 'converted';
      return html`${tabs(mosaic, 'leads')}
        ${errorBox(mosaic, v.error)}
        ${matchesBox()}
        ${open ? html`<div class="kit-actions">
          ${mosaic.can('funnel.write') ? html`<button type="button" class="primary" id="funnel-lead-convert" @click=${openConvert}>
            ${t('funnel.convert.open')}</button>` : nothing}
          ${action(mosaic, { id: 'funnel-lead-edit', href: `${leadHref(id)}/edit`, label: t('funnel.lead.edit'), permission: 'funnel.write',
            primary: false })}
          ${mosaic.can('funnel.delete') ? html`<button type="button" class="danger" id="funnel-lead-delete" @click=${remove}>
            ${t('funnel.delete')}</button>` : nothing}
        </div>` : links()}
        ${okBox(mosaic, v.converted ? t('funnel.convert.done', { name: leadName(mosaic, l) }) : null)}
        ${facts()}
        ${convertDialog()}`;
    };
    return v;
  };
}
