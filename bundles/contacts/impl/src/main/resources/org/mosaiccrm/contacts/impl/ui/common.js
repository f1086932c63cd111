// What the contacts pages share beyond the shell's UI kit: the record types, names, the
// custom field definitions (none while the server has no such endpoint) and their inputs, and
// the organizations index. Customer data only ever goes into templates as bindings, so it
// renders as text.

import { input } from '/ui/shell/kit.js';

export const STAGES = ['subscriber', 'lead', 'opportunity', 'customer', 'evangelist', 'other'];
export const SIZES = ['1-10', '11-50', '51-200', '201-1000', '1001-5000', '5000+'];
export const ACTIVITY_TYPES = ['call', 'email', 'meeting', 'note', 'chat', 'social', 'sms', 'web'];
export const DIRECTIONS = ['inbound', 'outbound', 'internal'];

/** What differs between people and organizations, for the pages that show both. */
export const KINDS = {
  people: { entity: 'person', api: 'contacts/people', ref: 'personId', route: '/contacts/people' },
  organizations: { entity: 'organization', api: 'contacts/organizations', ref: 'organizationId', route: '/contacts/organizations' },
};

export function personName(mosaic, p) {
  const name = [p.firstName, p.lastName].filter(Boolean).join(' ');
  if (name) return name;
  return (p.emails && p.emails[0] && p.emails[0].address) || mosaic.t('contacts.person.unnamed');
}

export function recordName(mosaic, kind, record) {
  return kind === 'people' ? personName(mosaic, record) : record.name;
}

export function stageOptions(mosaic, emptyText) {
  return [['', emptyText], ...STAGES.map((s) => [s, mosaic.t(`contacts.stage.${s}`)])];
}

export function tagsFrom(text) {
  return String(text || '').split(',').map((s) => s.trim()).filter(Boolean);
}

/**
 * The custom fields defined for an entity. The endpoint may not exist on this server yet
 * (404) or may refuse: either way the pages show no custom fields rather than failing.
 */
export async function customFields(api, entity) {
  try {
    const answer = await api.get(`contacts/fields?entity=${entity}`, { quiet: true });
    return (answer && Array.isArray(answer.items)) ? answer.items : [];
  } catch (e) {
    return [];
  }
}

/** A stored custom value as the form holds it. */
export function customToForm(def, value) {
  if (value === null || value === undefined) return def.type === 'boolean' ? false : '';
  return def.type === 'boolean' ? Boolean(value) : String(value);
}

/** A form value as the API takes it: numbers as JSON numbers, dates as YYYY-MM-DD, empty as null. */
export function customFromForm(def, value) {
  if (def.type === 'boolean') return Boolean(value);
  if (value === '' || value === null || value === undefined) return null;
  if (def.type === 'number') {
    const n = Number(value);
    return Number.isNaN(n) ? value : n;
  }
  return String(value);
}

/** A stored custom value as text in the user's language. */
export function customText(mosaic, def, value) {
  const { t, fmt } = mosaic;
  if (value === null || value === undefined || value === '') return '—';
  if (def.type === 'boolean') return t(value ? 'contacts.yes' : 'contacts.no');
  if (def.type === 'number') return fmt.number(value);
  if (def.type === 'date') {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(value));
    return m ? fmt.date(new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : String(value);
  }
  return String(value);
}

/** The input of one custom field in a form (name {@code cf.<key>}). */
export function customInput(mosaic, form, def, { filter = false } = {}) {
  const { t } = mosaic;
  const name = `cf.${def.key}`;
  const label = def.label || def.key;
  const types = { number: 'number', date: 'date' };
  if (def.type === 'choice') {
    return input(mosaic, form, name, label, { type: 'select', required: !filter && def.required,
      options: [['', filter ? t('contacts.filter.any') : t('contacts.form.none')], ...(def.choices || []).map((c) => [String(c), String(c)])] });
  }
  if (def.type === 'boolean') {
    if (filter) {
      return input(mosaic, form, name, label, { type: 'select',
        options: [['', t('contacts.filter.any')], ['true', t('contacts.yes')], ['false', t('contacts.no')]] });
    }
    return input(mosaic, form, name, label, { type: 'checkbox' });
  }
  return input(mosaic, form, name, label, { type: types[def.type] || 'text', required: !filter && def.required });
}

/**
 * Names of organizations: the first 500 by name (for choosing one) plus any of {@code ids}
 * beyond them, fetched one by one.
 */
export async function organizationIndex(api, ids = []) {
  const first = await api.get('contacts/organizations?limit=500&sort=name');
  const names = new Map(first.items.map((o) => [o.id, o.name]));
  const missing = [...new Set(ids.filter((id) => id && !names.has(id)))];
  await Promise.all(missing.map((id) => api.get(`contacts/organizations/${encodeURIComponent(id)}`)
    .then((o) => names.set(o.id, o.name), () => {})));
  return { options: first.items.map((o) => [o.id, o.name]), names };
}

/** An ISO instant from a datetime-local value (the user's time zone), or null. */
export function instantOf(localValue) {
  if (!localValue) return null;
  const d = new Date(localValue);
  return Number.isNaN(d.getTime()) ? localValue : d.toISOString();
}

/** Now as a datetime-local value. */
export function localNow() {
  const d = new Date();
  d.setSeconds(0, 0);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
}
