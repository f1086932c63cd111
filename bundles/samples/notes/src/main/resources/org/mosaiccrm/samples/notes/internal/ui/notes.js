// The notes pages: /notes (the list with search, custom field filters, sort and paging),
// /notes/new and /notes/<id> (the form), /notes/import (CSV) and, for administrators,
// /notes/fields. Everything is the shell's UI kit; what is the module's own is which fields a
// note has and what the pages say.

import {
  confirmDialog, conflictBox, countLine, cursorPaging, customFields, customFromForm, customInput, customText, customToForm, dataTable,
  fieldsView, filterPanel, filterPanelState, formAlert, formState, importView, input, listPreferences, loadOwnership, mountView,
  ownershipFromForm, ownershipInputs, ownershipToForm, pageSizePicker, pager, submit,
} from '/ui/shell/kit.js';

const LIMIT = 25;
const SORTS = ['-createdAt', 'title', '-updatedAt'];

function notFound(mosaic) {
  return {
    title: () => mosaic.t('notes.title'),
    load: async () => {},
    render: () => mosaic.html`<p>${mosaic.t('kit.notFound')}</p><p><a href="/notes">${mosaic.t('notes.title')}</a></p>`,
  };
}

function listView(mosaic, draw) {
  const { html, t, api, navigate, fmt } = mosaic;
  const panel = filterPanelState(draw);
  const v = { fields: [], page: null };
  let paging;
  let form;
  let prefs;

  v.title = () => t('notes.title');
  v.load = async () => {
    // The page size the user chose, kept on the server.
    prefs = await listPreferences(mosaic, 'notes', { pageSize: LIMIT, columns: [] });
    paging = cursorPaging(mosaic.query, '/notes', prefs.pageSize);
    form = formState('notes-filter', Object.fromEntries(paging.filters));
    [v.fields, v.page] = await Promise.all([customFields(api, 'notes', 'note'), api.get(`notes?${paging.request()}`)]);
    paging.focusCount();
  };

  async function changePageSize(size) {
    await prefs.save({ pageSize: size });
    // The first page at the new size, with the same filters and sort (read again in place when it is this address).
    const first = paging.jump(1);
    if (first !== location.pathname + location.search) navigate(first);
    else {
      await v.load();
      draw();
    }
  }

  function applyFilters(event) {
    event.preventDefault();
    navigate(paging.filtered(form.values));
  }

  v.render = () => {
    const exportParams = new URLSearchParams(paging.filters);
    exportParams.set('format', 'csv');
    if (!form.values.sort) form.values.sort = SORTS[0];
    const columns = [
      { label: t('notes.field.title'), cell: (n) => html`<a href=${`/notes/${encodeURIComponent(n.id)}`}>${n.title}</a>`, sort: 'title' },
      ...v.fields.map((def) => ({ label: def.label, cell: (n) => customText(mosaic, def, (n.customFields || {})[def.key]) })),
      { label: t('notes.field.createdAt'), cell: (n) => fmt.dateTime(n.createdAt), sort: 'createdAt' },
      { label: t('notes.field.updatedAt'), cell: (n) => fmt.dateTime(n.updatedAt), sort: 'updatedAt' },
    ];
    return html`
      <div class="kit-actions">
        ${mosaic.can('notes.write') ? html`<a class="button primary" id="notes-new" href="/notes/new">${t('notes.new')}</a>` : ''}
        ${mosaic.can('notes.import') ? html`<a class="button" id="notes-import" href="/notes/import">${t('notes.import.open')}</a>` : ''}
        ${mosaic.can('notes.customize') ? html`<a class="button" id="notes-fields" href="/notes/fields">${t('notes.fields.open')}</a>` : ''}
        ${mosaic.can('notes.export') ? html`<a class="button" id="notes-export" href=${`/api/v1/notes/export?${exportParams}`}
            download="notes.csv">${t('notes.export')}</a>` : ''}
      </div>
      ${filterPanel(mosaic, { id: 'notes-filter-panel', state: panel, active: [...paging.filters.keys()].filter((k) => k !== 'sort').length }, html`
      <form class="card" role="search" id="notes-filters" aria-label=${t('notes.filter.label')} @submit=${applyFilters}>
        ${input(mosaic, form, 'q', t('notes.filter.q'), { type: 'search' })}
        ${v.fields.map((def) => customInput(mosaic, form, def, { filter: true }))}
        ${input(mosaic, form, 'sort', t('notes.filter.sort'), { type: 'select', options: SORTS.map((s) => [s, t(`notes.sort.${s}`)]) })}
        <div class="kit-actions">
          <button type="submit" class="primary">${t('notes.filter.apply')}</button>
          <a href="/notes">${t('notes.filter.clear')}</a>
        </div>
      </form>`)}
      <div class="kit-list-tools">
        ${countLine(mosaic, paging, v.page)}
        ${pageSizePicker(mosaic, { id: 'notes-page-size', value: paging.limit, onChange: changePageSize })}
      </div>
      ${v.page.items.length ? dataTable(mosaic, { label: t('notes.title'), id: 'notes-list', columns, rows: v.page.items,
        key: (n) => n.id, sort: paging.filters.get('sort') || SORTS[0], sortHref: paging.sortedBy }) : ''}
      ${pager(mosaic, paging, v.page)}`;
  };
  return v;
}

/** The form of a new note (id null) or of an existing one, with its custom fields and, for an existing note, delete. */
function formView(id) {
  return (mosaic, draw) => {
    const { html, t, api, navigate, nothing } = mosaic;
    const v = { fields: [], note: null, ownership: { teams: [] } };
    let form = formState('note', {});

    const valuesOf = (note) => {
      const values = { title: note.title || '', body: note.body || '' };
      for (const def of v.fields) values[`cf.${def.key}`] = customToForm(def, (note.customFields || {})[def.key]);
      return values;
    };

    v.title = () => (v.note ? v.note.title : t('notes.new'));
    v.load = async () => {
      const [fields, note] = await Promise.all([customFields(api, 'notes', 'note'), id ? api.get(`notes/${encodeURIComponent(id)}`) : null]);
      v.fields = fields;
      v.note = note;
      form = formState('note', valuesOf(note || {}));
      v.ownership = await loadOwnership(mosaic, note);
      ownershipToForm(mosaic, form, note, v.ownership);
    };

    async function save(event) {
      event.preventDefault();
      const values = form.values;
      const body = { title: String(values.title || '').trim(), body: values.body || null, ...ownershipFromForm(form, v.note) };
      if (v.fields.length) body.customFields = Object.fromEntries(v.fields.map((def) => [def.key, customFromForm(def, values[`cf.${def.key}`])]));
      let saved = null;
      const ok = await submit(form, draw, async () => {
        saved = id ? await api.patch(`notes/${encodeURIComponent(id)}`, { ...body, version: v.note.version }) : await api.post('notes', body);
      }, { versioned: Boolean(id) });
      if (ok) {
        mosaic.announce(t('notes.saved', { title: saved.title }));
        navigate(`/notes/${encodeURIComponent(saved.id)}`);
      }
    }

    async function remove() {
      if (!await confirmDialog(mosaic, { title: t('notes.deleteConfirm', { title: v.note.title }), body: t('notes.deleteBody'),
        confirm: t('notes.delete') })) return;
      // If-Match: a note someone else changed since it was opened is not deleted unseen (409).
      const ok = await submit(form, draw, () => api.del(`notes/${encodeURIComponent(id)}`, { ifMatch: v.note.version }), { versioned: true });
      if (ok) {
        mosaic.announce(t('notes.deleted', { title: v.note.title }));
        navigate('/notes');
      }
    }

    const reload = async () => {
      v.note = await api.get(`notes/${encodeURIComponent(id)}`);
      form = formState('note', valuesOf(v.note));
      ownershipToForm(mosaic, form, v.note, v.ownership);
    };

    v.render = () => html`
      <form class="card" id="notes-form" @submit=${save} novalidate>
        ${conflictBox(mosaic, form, draw, { reload })}
        ${formAlert(mosaic, form, ['title', 'body', 'ownerId', 'teamId', ...v.fields.map((def) => `cf.${def.key}`)], { id: 'notes-form-error' })}
        ${input(mosaic, form, 'title', t('notes.field.title'), { required: true })}
        ${input(mosaic, form, 'body', t('notes.field.body'), { type: 'textarea' })}
        ${v.fields.length ? html`<fieldset><legend>${t('notes.customFields')}</legend>
          ${v.fields.map((def) => customInput(mosaic, form, def))}</fieldset>` : nothing}
        ${ownershipInputs(mosaic, form, draw, v.ownership)}
        <div class="kit-actions">
          <button type="submit" class="primary" ?disabled=${form.busy}>${t('notes.save')}</button>
          <a href="/notes">${t('notes.cancel')}</a>
          ${id && mosaic.can('notes.delete') ? html`<button type="button" class="danger" id="notes-delete" @click=${remove}
              ?disabled=${form.busy}>${t('notes.delete')}</button>` : nothing}
        </div>
      </form>`;
    return v;
  };
}

const notesImport = importView({
  route: '/notes/import',
  idPrefix: 'notes-import',
  types: {
    notes: {
      name: 'notes.title', title: 'notes.import.title', intro: 'notes.import.intro', columns: 'title, body',
      upload: 'imports/notes/notes', preview: 'imports/notes/notes/preview',
      fields: { module: 'notes', entity: 'note', permission: 'notes.customize' }, list: '/notes', toList: 'notes.import.toList',
    },
  },
});

function notesFields(mosaic, draw) {
  return fieldsView(mosaic, draw, { module: 'notes', entities: [], entity: 'note', idPrefix: 'notes', href: () => '/notes/fields',
    intro: mosaic.t('notes.fields.intro') });
}

function pageFor(path) {
  const [id, ...rest] = path.split('/').filter(Boolean).slice(1);
  if (rest.length) return notFound;
  if (!id) return listView;
  if (id === 'import') return notesImport;
  if (id === 'fields') return notesFields;
  return formView(id === 'new' ? null : id);
}

export function mount(host, mosaic) {
  return mountView(host, mosaic, pageFor(mosaic.path), { className: 'notes-page' });
}
