// Create and edit forms for people and organizations, on the shell kit's form state: what the
// user typed stays in the form when the server refuses it, the server's messages appear next to
// their fields, and an edit sends the version it started from, so when someone else saved in
// between (409) the page says so and offers to load the current record.

import {
  combobox, conflictBox, customFields, customFromForm, customInput, customToForm, formAlert, formState, input, joinList, loadOwnership,
  ownershipFromForm, ownershipInputs, ownershipToForm, setChoice, submit,
} from '/ui/shell/kit.js';
import { KINDS, SIZES, organizationName, organizationSearch, recordName, stageOptions, tagsFrom } from './common.js';

const FIELDS = {
  people: ['firstName', 'lastName', 'email', 'phone', 'jobTitle', 'organizationId', 'lifecycleStage', 'source', 'tags', 'ownerId', 'teamId'],
  organizations: ['name', 'domain', 'industry', 'size', 'phone', 'tags', 'ownerId', 'teamId'],
};

/** Replaces the first entry of a labelled list (emails, phones) and keeps the others. */
function withFirst(entries, key, value) {
  const rest = (entries || []).slice(1);
  return value ? [{ ...((entries && entries[0]) || {}), [key]: value.trim() }, ...rest] : rest;
}

function valuesOf(kind, record, fields) {
  const r = record || {};
  const values = kind === 'people'
    ? {
      firstName: r.firstName || '', lastName: r.lastName || '',
      email: (r.emails && r.emails[0] && r.emails[0].address) || '', phone: (r.phones && r.phones[0] && r.phones[0].number) || '',
      jobTitle: r.jobTitle || '', organizationId: r.organizationId || '', lifecycleStage: r.lifecycleStage || '',
      source: r.source || '', tags: joinList(r.tags),
    }
    : {
      name: r.name || '', domain: r.domain || '', industry: r.industry || '', size: r.size || '',
      phone: (r.phones && r.phones[0] && r.phones[0].number) || '', tags: joinList(r.tags),
    };
  for (const def of fields) values[`cf.${def.key}`] = customToForm(def, (r.customFields || {})[def.key]);
  return values;
}

function bodyOf(kind, values, record, fields) {
  const r = record || {};
  const body = kind === 'people'
    ? {
      firstName: values.firstName, lastName: values.lastName,
      emails: withFirst(r.emails, 'address', values.email), phones: withFirst(r.phones, 'number', values.phone),
      jobTitle: values.jobTitle, organizationId: values.organizationId || null, lifecycleStage: values.lifecycleStage || null,
      source: values.source, tags: tagsFrom(values.tags),
    }
    : {
      name: values.name, domain: values.domain, industry: values.industry, size: values.size || null,
      phones: withFirst(r.phones, 'number', values.phone), tags: tagsFrom(values.tags),
    };
  // Only a server that defines custom fields knows the member; others would refuse it as unknown.
  if (fields.length) {
    body.customFields = Object.fromEntries(fields.map((def) => [def.key, customFromForm(def, values[`cf.${def.key}`])]));
  }
  return body;
}

export function formView(kind, id) {
  return (mosaic, draw) => {
    const { html, t, api, navigate, nothing } = mosaic;
    const cfg = KINDS[kind];
    const path = id ? `${cfg.api}/${encodeURIComponent(id)}` : cfg.api;
    const v = { record: null, fields: [], ownership: { teams: [] } };
    const form = formState(`${kind}-form`, {}, { emails: 'email', phones: 'phone' });

    v.title = () => (id ? t('contacts.form.editTitle', { name: v.record ? recordName(mosaic, kind, v.record) : '' })
      : t(`contacts.${kind}.new`));

    // "New person" from an organization's page arrives with ?organizationId=… and starts with it chosen.
    const loadRecord = async () => {
      v.record = id ? await api.get(path) : null;
      form.values = valuesOf(kind, v.record, v.fields);
      const [organization, ownership] = await Promise.all([
        kind === 'people' ? organizationName(api, v.record ? v.record.organizationId : mosaic.query.get('organizationId')) : null,
        loadOwnership(mosaic, v.record)]);
      v.ownership = ownership;
      if (kind === 'people' && v.record) {
        // An organization out of the user's reach stays linked (unless they choose another), shown without its name.
        setChoice(form, 'organizationId', v.record.organizationId, organization || t('contacts.form.otherOrganization'));
      } else if (kind === 'people') {
        setChoice(form, 'organizationId', organization ? mosaic.query.get('organizationId') : '', organization);
      }
      ownershipToForm(mosaic, form, v.record, ownership);
    };

    v.load = async () => {
      v.fields = await customFields(api, 'contacts', cfg.entity);
      await loadRecord();
    };

    async function save(event) {
      event.preventDefault();
      const body = { ...bodyOf(kind, form.values, v.record, v.fields), ...ownershipFromForm(form, v.record) };
      let saved = null;
      await submit(form, draw, async () => {
        saved = id ? await api.patch(path, { ...body, version: v.record.version }) : await api.post(cfg.api, body);
      }, { versioned: Boolean(id) });
      if (saved) {
        mosaic.announce(t('contacts.form.saved', { name: recordName(mosaic, kind, saved) }));
        navigate(`${cfg.route}/${encodeURIComponent(saved.id)}`);
      }
    }

    const known = () => [...FIELDS[kind], ...v.fields.map((def) => `cf.${def.key}`)];

    v.render = () => {
      const field = (name, options) => input(mosaic, form, name, t(`contacts.field.${name === 'organizationId' ? 'organization' : name}`), options);
      const inputs = kind === 'people'
        ? html`<div class="contacts-grid">
            ${field('firstName', { autocomplete: 'off' })}${field('lastName', { autocomplete: 'off' })}
            ${field('email', { type: 'email', autocomplete: 'off' })}${field('phone', { type: 'tel', autocomplete: 'off' })}
            ${field('jobTitle')}
            ${combobox(mosaic, form, draw, 'organizationId', t('contacts.field.organization'),
              { search: organizationSearch(api), hint: t('contacts.form.organizationHint') })}
            ${field('lifecycleStage', { type: 'select', options: stageOptions(mosaic, t('contacts.form.none')) })}
            ${field('source')}
          </div>
          ${field('tags', { hint: t('contacts.form.tagsHint') })}`
        : html`<div class="contacts-grid">
            ${field('name', { required: true })}${field('domain', { hint: t('contacts.form.domainHint') })}
            ${field('industry')}
            ${field('size', { type: 'select', options: [['', t('contacts.form.none')], ...SIZES.map((s) => [s, s])] })}
            ${field('phone', { type: 'tel' })}
          </div>
          ${field('tags', { hint: t('contacts.form.tagsHint') })}`;
      return html`
        <form class="card contacts-form" id="contacts-form" novalidate @submit=${save}>
          ${conflictBox(mosaic, form, draw, { id: 'contacts-conflict', reload: loadRecord })}
          ${formAlert(mosaic, form, known(), { id: 'contacts-form-error' })}
          ${kind === 'people' ? html`<p class="hint">${t('contacts.form.personHint')}</p>` : nothing}
          ${inputs}
          ${v.fields.length ? html`<fieldset class="contacts-custom"><legend>${t('contacts.record.customFields')}</legend>
            <div class="contacts-grid">${v.fields.map((def) => customInput(mosaic, form, def))}</div></fieldset>` : nothing}
          ${ownershipInputs(mosaic, form, draw, v.ownership)}
          <div class="kit-actions">
            <button type="submit" class="primary" ?disabled=${form.busy}>${form.busy ? t('contacts.form.saving') : t('contacts.form.save')}</button>
            <a href=${id ? `${cfg.route}/${encodeURIComponent(id)}` : cfg.route}>${t('contacts.form.cancel')}</a>
          </div>
        </form>`;
    };
    return v;
  };
}
