// The custom fields of a module's entities, for administrators: every field of the chosen
// entity with its type and state, a form to add one, editing a field's label, choices and
// whether it is required, archiving and restoring, over /api/v1/<module>/fields. Key, entity
// and value type never change once a field exists (values may be stored under them), so the
// edit form does not offer them. A save that meets someone else's change (409) keeps what was
// typed and says so. Mounted by a module at its own route (contacts: /contacts/fields) and by
// the console for every module.

import { conflictBox, formAlert, formState, input, submit } from './form.js';
import { okBox } from './view.js';
import { tableWrap } from './table.js';

const TYPES = ['text', 'number', 'date', 'boolean', 'choice'];

// ---- custom values in a module's own forms, records and filters ----

/**
 * The active custom fields of a module's entity. The module may declare none (404) or the
 * user may not read them: either way a page shows no custom fields rather than failing.
 */
export async function customFields(api, module, entity) {
  try {
    const answer = await api.get(`${encodeURIComponent(module)}/fields?entity=${encodeURIComponent(entity)}`, { quiet: true });
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
  if (def.type === 'boolean') return t(value ? 'kit.fields.yes' : 'kit.fields.no');
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
      options: [['', filter ? t('kit.fields.any') : t('kit.fields.noValue')], ...(def.choices || []).map((c) => [String(c), String(c)])] });
  }
  if (def.type === 'boolean') {
    if (filter) {
      return input(mosaic, form, name, label, { type: 'select',
        options: [['', t('kit.fields.any')], ['true', t('kit.fields.yes')], ['false', t('kit.fields.no')]] });
    }
    return input(mosaic, form, name, label, { type: 'checkbox' });
  }
  return input(mosaic, form, name, label, { type: types[def.type] || 'text', required: !filter && def.required });
}

// ---- the administrators' page of an entity's fields ----

/** Choices typed one per line, as the API takes them. */
function choicesOf(text) {
  return String(text || '').split('\n').map((c) => c.trim()).filter(Boolean);
}

/**
 * The view of one entity's fields, for mountView. {@code module}: whose fields;
 * {@code entities}: [[entity, label]] to switch between, each linked by {@code href(entity)} (none: the
 * page around it offers the choice);
 * {@code entity}: the one shown; {@code idPrefix}: prefixes the table's and the form's ids
 * ({@code <prefix>-fields}, {@code <prefix>-field-form}); {@code intro}: the paragraph on top.
 */
export function fieldsView(mosaic, draw, { module, entities, entity, idPrefix, href, intro }) {
  const { html, t, api, nothing } = mosaic;
  const base = `${encodeURIComponent(module)}/fields`;
  const v = { fields: [], editing: null, draft: null, message: null };
  let form = newForm();

  function newForm() {
    return formState('field-new', { type: 'text', required: false });
  }

  v.title = () => t('kit.fields.title');
  v.load = async () => {
    const [active, archived] = await Promise.all([api.get(`${base}?entity=${encodeURIComponent(entity)}`),
      api.get(`${base}?entity=${encodeURIComponent(entity)}&archived=true`)]);
    v.fields = [...active.items, ...archived.items];
  };

  /** Runs a change of a field; {@code versioned} when it sends the version the edit form started from. */
  async function act(work, message, { versioned = false } = {}) {
    v.message = null;
    const ok = await submit(form, draw, async () => {
      const field = await work();
      v.message = t(message, { label: field.label });
      mosaic.announce(v.message);
      await v.load();
    }, { versioned });
    if (form.conflict) {
      // The table shows the field as it is now; the form keeps what was typed.
      await v.load().catch(() => {});
      draw();
    }
    return ok;
  }

  async function add(event) {
    event.preventDefault();
    const values = form.values;
    const body = { entity, key: String(values.key || '').trim(), label: String(values.label || '').trim(), type: values.type,
      required: Boolean(values.required) };
    if (values.type === 'choice') body.choices = choicesOf(values.choices);
    if (await act(() => api.post(base, body), 'kit.fields.added')) form = newForm();
    draw();
  }

  function edit(field) {
    // What was typed into the add form waits while a field is edited.
    if (!v.editing) v.draft = form;
    v.editing = field;
    v.message = null;
    form = formState('field-edit', { label: field.label, required: field.required, choices: (field.choices || []).join('\n') });
    draw();
    requestAnimationFrame(() => document.getElementById('field-edit-label')?.focus());
  }

  function leaveEdit() {
    v.editing = null;
    form = v.draft || newForm();
    v.draft = null;
  }

  function cancel() {
    leaveEdit();
    draw();
  }

  async function save(event) {
    event.preventDefault();
    const field = v.editing;
    const body = { label: String(form.values.label || '').trim(), required: Boolean(form.values.required), version: field.version };
    if (field.type === 'choice') body.choices = choicesOf(form.values.choices);
    if (await act(() => api.patch(`${base}/${encodeURIComponent(field.id)}`, body), 'kit.fields.saved', { versioned: true })) {
      leaveEdit();
      draw();
    }
  }

  // Archiving answers without the field, so its message names the field as the table shows it.
  async function setArchived(field, archived) {
    // Only the field being archived leaves the edit form; whatever else is typed stays.
    if (v.editing && v.editing.id === field.id) leaveEdit();
    await act(async () => {
      if (archived) await api.del(`${base}/${encodeURIComponent(field.id)}`);
      else await api.patch(`${base}/${encodeURIComponent(field.id)}`, { archived: false, version: field.version });
      return field;
    }, archived ? 'kit.fields.archivedNow' : 'kit.fields.restored');
  }

  function table() {
    if (!v.fields.length) return html`<p>${t('kit.fields.none')}</p>`;
    return tableWrap(mosaic, t('kit.fields.list'), html`
      <table id=${`${idPrefix}-fields`}>
        <thead><tr>
          <th scope="col">${t('kit.fields.label')}</th><th scope="col">${t('kit.fields.key')}</th>
          <th scope="col">${t('kit.fields.type')}</th><th scope="col">${t('kit.fields.choices')}</th>
          <th scope="col">${t('kit.fields.required')}</th><th scope="col">${t('kit.fields.state')}</th>
          <th scope="col"><span class="visually-hidden">${t('kit.fields.actions')}</span></th>
        </tr></thead>
        <tbody>${v.fields.map((f) => html`<tr data-key=${f.key} class=${f.archived ? 'archived' : ''}>
          <td>${f.label}</td><td><code>cf.${f.key}</code></td><td>${t(`kit.fields.type.${f.type}`)}</td>
          <td>${(f.choices || []).join(', ')}</td><td>${t(f.required ? 'kit.fields.yes' : 'kit.fields.no')}</td>
          <td>${t(f.archived ? 'kit.fields.archived' : 'kit.fields.active')}</td>
          <td class="kit-row-actions">
            ${f.archived ? nothing : html`<button type="button" data-action="edit" @click=${() => edit(f)}
                aria-label=${t('kit.fields.editing', { label: f.label })}>${t('kit.fields.edit')}</button>`}
            <button type="button" data-action=${f.archived ? 'restore' : 'archive'} @click=${() => setArchived(f, !f.archived)}
                aria-label=${`${t(f.archived ? 'kit.fields.restore' : 'kit.fields.archive')}: ${f.label}`}>
              ${t(f.archived ? 'kit.fields.restore' : 'kit.fields.archive')}</button>
          </td></tr>`)}</tbody>
      </table>`);
  }

  function addForm() {
    const types = TYPES.map((type) => [type, t(`kit.fields.type.${type}`)]);
    return html`<form class="card" id=${`${idPrefix}-field-form`} @submit=${add} @change=${draw}>
      <h2>${t('kit.fields.add')}</h2>
      ${formAlert(mosaic, form, ['label', 'key', 'type', 'choices', 'required'])}
      ${input(mosaic, form, 'label', t('kit.fields.label'), { required: true })}
      ${input(mosaic, form, 'key', t('kit.fields.key'), { required: true, hint: t('kit.fields.keyHint') })}
      ${input(mosaic, form, 'type', t('kit.fields.type'), { type: 'select', options: types })}
      ${form.values.type === 'choice' ? input(mosaic, form, 'choices', t('kit.fields.choices'), { type: 'textarea',
        hint: t('kit.fields.choicesHint') }) : nothing}
      ${input(mosaic, form, 'required', t('kit.fields.required'), { type: 'checkbox' })}
      <button type="submit" class="primary" ?disabled=${form.busy}>${t('kit.fields.add')}</button>
    </form>`;
  }

  function editForm() {
    const field = v.editing;
    return html`<form class="card" id=${`${idPrefix}-field-form`} @submit=${save}>
      <h2>${t('kit.fields.editing', { label: field.label })}</h2>
      ${conflictBox(mosaic, form, draw, { message: t('kit.fields.conflict') })}
      ${formAlert(mosaic, form, ['label', 'choices', 'required'])}
      <p class="hint">${t('kit.fields.fixed', { key: `cf.${field.key}`, type: t(`kit.fields.type.${field.type}`) })}</p>
      ${input(mosaic, form, 'label', t('kit.fields.label'), { required: true })}
      ${field.type === 'choice' ? input(mosaic, form, 'choices', t('kit.fields.choices'), { type: 'textarea',
        hint: t('kit.fields.choicesHint') }) : nothing}
      ${input(mosaic, form, 'required', t('kit.fields.required'), { type: 'checkbox' })}
      <div class="kit-actions">
        <button type="submit" class="primary" ?disabled=${form.busy}>${t('kit.fields.save')}</button>
        <button type="button" @click=${cancel}>${t('kit.fields.cancel')}</button>
      </div>
    </form>`;
  }

  v.render = () => html`
    ${intro ? html`<p>${intro}</p>` : nothing}
    ${entities.length ? html`<nav class="kit-actions" aria-label=${t('kit.fields.entity')}>
      ${entities.map(([e, label]) => html`<a class=${e === entity ? 'button primary' : 'button'} href=${href(e)}
          aria-current=${e === entity ? 'page' : 'false'}>${label}</a>`)}
    </nav>` : nothing}
    ${okBox(mosaic, v.message)}
    ${table()}
    ${v.editing ? editForm() : addForm()}`;
  return v;
}
