// The custom fields of people and organizations, for administrators (contacts.customize):
// every field of the chosen record type with its type and state, a form to add one, editing
// a field's label, choices and whether it is required, archiving and restoring. Key, record
// type and value type never change once a field exists (values may be stored under them), so
// the edit form does not offer them. A save that meets someone else's change (409) keeps what
// was typed and says so.

import { conflictBox, formAlert, formState, input, okBox, submit, tableWrap } from '/ui/shell/kit.js';

const ENTITIES = ['person', 'organization'];
const TYPES = ['text', 'number', 'date', 'boolean', 'choice'];

/** Choices typed one per line, as the API takes them. */
function choicesOf(text) {
  return String(text || '').split('\n').map((c) => c.trim()).filter(Boolean);
}

export function fieldsView(mosaic, draw) {
  const { html, t, api, query, nothing } = mosaic;
  const entity = ENTITIES.includes(query.get('entity')) ? query.get('entity') : 'person';
  const v = { fields: [], editing: null, draft: null, message: null };
  let form = newForm();

  function newForm() {
    return formState('field-new', { type: 'text', required: false });
  }

  v.title = () => t('contacts.fields.title');
  v.load = async () => {
    const [active, archived] = await Promise.all([api.get(`contacts/fields?entity=${entity}`),
      api.get(`contacts/fields?entity=${entity}&archived=true`)]);
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
    if (await act(() => api.post('contacts/fields', body), 'contacts.fields.added')) form = newForm();
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
    if (await act(() => api.patch(`contacts/fields/${encodeURIComponent(field.id)}`, body), 'contacts.fields.saved', { versioned: true })) {
      leaveEdit();
      draw();
    }
  }

  // Archiving answers without the field, so its message names the field as the table shows it.
  async function setArchived(field, archived) {
    // Only the field being archived leaves the edit form; whatever else is typed stays.
    if (v.editing && v.editing.id === field.id) leaveEdit();
    await act(async () => {
      if (archived) await api.del(`contacts/fields/${encodeURIComponent(field.id)}`);
      else await api.patch(`contacts/fields/${encodeURIComponent(field.id)}`, { archived: false, version: field.version });
      return field;
    }, archived ? 'contacts.fields.archivedNow' : 'contacts.fields.restored');
  }

  function table() {
    if (!v.fields.length) return html`<p>${t('contacts.fields.none')}</p>`;
    return tableWrap(mosaic, t('contacts.fields.list'), html`
      <table id="contacts-fields">
        <thead><tr>
          <th scope="col">${t('contacts.fields.label')}</th><th scope="col">${t('contacts.fields.key')}</th>
          <th scope="col">${t('contacts.fields.type')}</th><th scope="col">${t('contacts.fields.choices')}</th>
          <th scope="col">${t('contacts.fields.required')}</th><th scope="col">${t('contacts.fields.state')}</th>
          <th scope="col"><span class="visually-hidden">${t('contacts.fields.actions')}</span></th>
        </tr></thead>
        <tbody>${v.fields.map((f) => html`<tr data-key=${f.key} class=${f.archived ? 'archived' : ''}>
          <td>${f.label}</td><td><code>cf.${f.key}</code></td><td>${t(`contacts.fields.type.${f.type}`)}</td>
          <td>${(f.choices || []).join(', ')}</td><td>${t(f.required ? 'contacts.yes' : 'contacts.no')}</td>
          <td>${t(f.archived ? 'contacts.fields.archived' : 'contacts.fields.active')}</td>
          <td class="contacts-row-actions">
            ${f.archived ? nothing : html`<button type="button" data-action="edit" @click=${() => edit(f)}
                aria-label=${t('contacts.fields.editing', { label: f.label })}>${t('contacts.fields.edit')}</button>`}
            <button type="button" data-action=${f.archived ? 'restore' : 'archive'} @click=${() => setArchived(f, !f.archived)}
                aria-label=${`${t(f.archived ? 'contacts.fields.restore' : 'contacts.fields.archive')}: ${f.label}`}>
              ${t(f.archived ? 'contacts.fields.restore' : 'contacts.fields.archive')}</button>
          </td></tr>`)}</tbody>
      </table>`);
  }

  function addForm() {
    const types = TYPES.map((type) => [type, t(`contacts.fields.type.${type}`)]);
    return html`<form class="card" id="contacts-field-form" @submit=${add} @change=${draw}>
      <h2>${t('contacts.fields.add')}</h2>
      ${formAlert(mosaic, form, ['label', 'key', 'type', 'choices', 'required'])}
      ${input(mosaic, form, 'label', t('contacts.fields.label'), { required: true })}
      ${input(mosaic, form, 'key', t('contacts.fields.key'), { required: true, hint: t('contacts.fields.keyHint') })}
      ${input(mosaic, form, 'type', t('contacts.fields.type'), { type: 'select', options: types })}
      ${form.values.type === 'choice' ? input(mosaic, form, 'choices', t('contacts.fields.choices'), { type: 'textarea',
        hint: t('contacts.fields.choicesHint') }) : nothing}
      ${input(mosaic, form, 'required', t('contacts.fields.required'), { type: 'checkbox' })}
      <button type="submit" class="primary" ?disabled=${form.busy}>${t('contacts.fields.add')}</button>
    </form>`;
  }

  function editForm() {
    const field = v.editing;
    return html`<form class="card" id="contacts-field-form" @submit=${save}>
      <h2>${t('contacts.fields.editing', { label: field.label })}</h2>
      ${conflictBox(mosaic, form, draw, { message: t('contacts.fields.conflict') })}
      ${formAlert(mosaic, form, ['label', 'choices', 'required'])}
      <p class="hint">${t('contacts.fields.fixed', { key: `cf.${field.key}`, type: t(`contacts.fields.type.${field.type}`) })}</p>
      ${input(mosaic, form, 'label', t('contacts.fields.label'), { required: true })}
      ${field.type === 'choice' ? input(mosaic, form, 'choices', t('contacts.fields.choices'), { type: 'textarea',
        hint: t('contacts.fields.choicesHint') }) : nothing}
      ${input(mosaic, form, 'required', t('contacts.fields.required'), { type: 'checkbox' })}
      <div class="contacts-filter-buttons">
        <button type="submit" class="primary" ?disabled=${form.busy}>${t('contacts.fields.save')}</button>
        <button type="button" @click=${cancel}>${t('contacts.fields.cancel')}</button>
      </div>
    </form>`;
  }

  v.render = () => html`
    <p>${t('contacts.fields.intro')}</p>
    <nav class="kit-actions" aria-label=${t('contacts.fields.entity')}>
      ${ENTITIES.map((e) => html`<a class=${e === entity ? 'button primary' : 'button'} href=${`/contacts/fields?entity=${e}`}
          aria-current=${e === entity ? 'page' : 'false'}>${t(`contacts.fields.entity.${e}`)}</a>`)}
    </nav>
    ${okBox(mosaic, v.message)}
    ${table()}
    ${v.editing ? editForm() : addForm()}`;
  return v;
}
