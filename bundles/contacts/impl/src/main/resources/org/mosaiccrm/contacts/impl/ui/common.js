// Pieces every contacts page shares: the page frame (heading, loading, failure, stop on leave),
// alerts, form inputs with the server's field errors next to them, names, the custom field
// definitions (none while the server has no such endpoint) and the organizations index.
// Customer data only ever goes into templates as bindings, so it renders as text.

export const STAGES = ['subscriber', 'lead', 'opportunity', 'customer', 'evangelist', 'other'];
export const SIZES = ['1-10', '11-50', '51-200', '201-1000', '1001-5000', '5000+'];
export const ACTIVITY_TYPES = ['call', 'email', 'meeting', 'note', 'chat', 'social', 'sms', 'web'];
export const DIRECTIONS = ['inbound', 'outbound', 'internal'];

/** What differs between people and organizations, for the pages that show both. */
export const KINDS = {
  people: { entity: 'person', api: 'contacts/people', ref: 'personId', route: '/contacts/people' },
  organizations: { entity: 'organization', api: 'contacts/organizations', ref: 'organizationId', route: '/contacts/organizations' },
};

/**
 * Mounts a view made by {@code factory(mosaic, draw)}: an object with {@code title()},
 * {@code load()} and {@code render()} (and optionally {@code stop()}). The heading stays the
 * same element across renders so that focus placed on it by the shell stays there.
 */
export function mountView(host, mosaic, factory) {
  const { html, render, t } = mosaic;
  let alive = true;
  let view = null;
  const draw = () => {
    if (!alive || !view) return;
    let body;
    if (view.failed) body = failure(mosaic, view.failed);
    else if (!view.ready) body = html`<p>${t('contacts.loading')}</p>`;
    else body = view.render();
    render(html`<div class="contacts-page"><h1>${view.title()}</h1>${body}</div>`, host);
  };
  view = factory(mosaic, draw, () => alive);
  draw();
  view.load().then(() => { view.ready = true; }, (e) => { view.failed = e; }).finally(draw);
  return () => {
    alive = false;
    if (view.stop) view.stop();
  };
}

function failure(mosaic, error) {
  const { html, t } = mosaic;
  if (error.status === 404) return html`<p class="alert error" role="alert">${t('contacts.notFound')}</p>`;
  return errorBox(mosaic, error);
}

export function errorBox(mosaic, error) {
  return error ? mosaic.html`<p class="alert error" role="alert">${mosaic.problemText(error)}</p>` : mosaic.nothing;
}

export function okBox(mosaic, message) {
  return message ? mosaic.html`<p class="alert success" role="status">${message}</p>` : mosaic.nothing;
}

/** The form input a field error of the API belongs to: {@code emails[0].address} → emails, {@code customFields.size} → cf.size. */
export function inputOf(apiField) {
  if (apiField.startsWith('customFields.')) return `cf.${apiField.slice('customFields.'.length).split(/[.[]/)[0]}`;
  return apiField.split(/[.[]/)[0];
}

/**
 * A form's state: what the user typed (kept across failed submits) and the last failure.
 * {@code aliases} names the input of API fields that the form edits under another name.
 */
export function formState(id, values = {}, aliases = {}) {
  return { id, values, aliases, error: null, busy: false, done: null };
}

/** The server's field messages of the form's last failure, by input name. */
export function fieldErrors(form) {
  const byInput = new Map();
  for (const e of (form.error && form.error.errors) || []) {
    const field = inputOf(e.field);
    const key = form.aliases[field] || field;
    byInput.set(key, [...(byInput.get(key) || []), e.message]);
  }
  return byInput;
}

/**
 * A labelled input bound to {@code form.values[name]}, with the server's message for it right
 * below and linked through aria-describedby. {@code type}: text, email, tel, search, number,
 * date, datetime-local, textarea, select (options: [[value, text]]), checkbox.
 */
export function input(mosaic, form, name, label, { type = 'text', options = [], hint, required = false, autocomplete } = {}) {
  const { html, nothing, live, ifDefined } = mosaic;
  const id = `${form.id}-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  const messages = fieldErrors(form).get(name) || [];
  const describedBy = [messages.length ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ') || undefined;
  const invalid = messages.length ? 'true' : 'false';
  const set = (e) => {
    form.values[name] = e.target.type === 'checkbox' ? e.target.checked : e.target.value;
  };
  const value = form.values[name] ?? '';
  let control;
  if (type === 'select') {
    control = html`<select id=${id} name=${name} aria-invalid=${invalid} aria-describedby=${ifDefined(describedBy)}
        aria-required=${required ? 'true' : 'false'} @change=${set}>
      ${options.map(([v, text]) => html`<option value=${v} ?selected=${v === value}>${text}</option>`)}
    </select>`;
  } else if (type === 'textarea') {
    control = html`<textarea id=${id} name=${name} rows="4" aria-invalid=${invalid} aria-describedby=${ifDefined(describedBy)}
        .value=${live(value)} @input=${set}></textarea>`;
  } else if (type === 'checkbox') {
    return html`<div class="field check-field" data-field=${name}>
      <label class="check"><input id=${id} name=${name} type="checkbox" aria-invalid=${invalid}
          aria-describedby=${ifDefined(describedBy)} .checked=${live(Boolean(form.values[name]))} @change=${set}> ${label}</label>
      ${fieldMessages(mosaic, id, messages, hint)}
    </div>`;
  } else {
    control = html`<input id=${id} name=${name} type=${type} aria-invalid=${invalid} aria-describedby=${ifDefined(describedBy)}
        aria-required=${required ? 'true' : 'false'} autocomplete=${ifDefined(autocomplete)} .value=${live(String(value))} @input=${set}>`;
  }
  return html`<div class="field" data-field=${name}>
    <label for=${id}>${label}${required ? html` <span aria-hidden="true">*</span>` : nothing}</label>
    ${control}
    ${fieldMessages(mosaic, id, messages, hint)}
  </div>`;
}

function fieldMessages(mosaic, id, messages, hint) {
  const { html, nothing } = mosaic;
  return html`${hint ? html`<span class="hint" id=${`${id}-hint`}>${hint}</span>` : nothing}
    ${messages.length ? html`<span class="field-error" id=${`${id}-error`}>${messages.join(' ')}</span>` : nothing}`;
}

/** Puts the keyboard on the first input the server refused, after the page has drawn it. */
export function focusFirstInvalid() {
  requestAnimationFrame(() => {
    const bad = document.querySelector('.contacts-page [aria-invalid="true"]');
    if (bad) bad.focus();
  });
}

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

/** A list's total as the server knows it: lists count up to a cap and then say "at least" (totalExact false): "1,000+". */
export function totalText(mosaic, page) {
  return mosaic.fmt.number(page.total) + (page.totalExact === false ? '+' : '');
}
