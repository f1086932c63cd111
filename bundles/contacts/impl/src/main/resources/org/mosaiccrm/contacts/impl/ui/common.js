// What the contacts pages share beyond the shell's UI kit: the record types, names and
// the organizations index and type-ahead searches. Customer data only ever goes into templates as bindings, so it
// renders as text.

import { listSearch, splitList } from '/ui/shell/kit.js';

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

/** Tags typed in a form, by the platform's one list rule (a comma or a semicolon separates them). */
export function tagsFrom(text) {
  return splitList(text);
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

/** Organizations whose name matches what was typed, asked of the server (with its access rule), for a type-ahead. */
export function organizationSearch(api) {
  return listSearch(api, 'contacts/organizations', (o) => o.name, '&sort=name');
}

/** People matching what was typed, for a type-ahead; {@code except} (an id) is left out. */
export function personSearch(mosaic, except) {
  const search = listSearch(mosaic.api, 'contacts/people', (p) => personLabel(mosaic, p), '&sort=lastName');
  return async (text) => {
    const page = await search(text);
    return { items: page.items.filter(([id]) => id !== except), total: page.total };
  };
}

/** A person's name with what tells namesakes apart (their first email). */
function personLabel(mosaic, p) {
  const name = personName(mosaic, p);
  const email = p.emails && p.emails[0] && p.emails[0].address;
  return email && email !== name ? `${name} <${email}>` : name;
}

/** The name of an organization, or null when it is gone or out of reach. */
export async function organizationName(api, id) {
  if (!id) return null;
  return api.get(`contacts/organizations/${encodeURIComponent(id)}`).then((o) => o.name, () => null);
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
