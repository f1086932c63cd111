// The knowledge base for the desk, /tickets/kb: every article (drafts and internal ones too)
// with its status, language and category, and each article's form at /tickets/kb/<id or new>
// for those with kb.write. The body is HTML; the server sanitises it and the form shows what
// was stored. Customers read published public articles in the portal.

import { confirmDialog, conflictBox, formAlert, formState, input, submit, tableWrap } from '/ui/shell/kit.js';

const KB = '/tickets/kb';
const LANGUAGES = ['en', 'es', 'ru', 'sl', 'tl'];
const FIELDS = ['title', 'body', 'category', 'language', 'status', 'internal'];

export function kbListView(mosaic) {
  const { html, t, api, nothing } = mosaic;
  const v = { page: null };
  v.title = () => t('tickets.kb.title');
  v.load = async () => {
    v.page = await api.get('kb/articles?limit=100');
  };
  v.render = () => html`
    <p><a href="/tickets">${t('tickets.back')}</a></p>
    ${mosaic.can('kb.write') ? html`<div class="kit-actions"><a class="button primary" id="kb-new" href=${`${KB}/new`}>${
      t('tickets.kb.new')}</a></div>` : nothing}
    ${v.page.items.length ? tableWrap(mosaic, t('tickets.kb.title'), html`<table id="kb-articles" class="kit-cards">
      <thead><tr><th scope="col">${t('tickets.kb.field.title')}</th><th scope="col">${t('tickets.kb.field.status')}</th>
        <th scope="col">${t('tickets.kb.field.language')}</th><th scope="col">${t('tickets.kb.field.category')}</th>
        <th scope="col">${t('tickets.kb.updated')}</th></tr></thead>
      <tbody>${v.page.items.map((a) => html`<tr data-id=${a.id}>
        <td data-label=${t('tickets.kb.field.title')}><a href=${`${KB}/${encodeURIComponent(a.id)}`}>${a.title}</a></td>
        <td data-label=${t('tickets.kb.field.status')}>${t(`tickets.kb.status.${a.status}`)}${a.internal ? html` · ${t('tickets.kb.internal')}` : ''}</td>
        <td data-label=${t('tickets.kb.field.language')}>${a.language}</td>
        <td data-label=${t('tickets.kb.field.category')}>${a.category || '—'}</td>
        <td data-label=${t('tickets.kb.updated')}>${mosaic.fmt.dateTime(a.updatedAt)}</td></tr>`)}</tbody></table>`)
      : html`<p id="kb-none">${t('tickets.kb.none')}</p>`}`;
  return v;
}

export function kbArticleView(id) {
  return (mosaic, draw) => {
    const { html, t, api, navigate, nothing } = mosaic;
    const v = { record: null };
    const writer = mosaic.can('kb.write');
    const valuesOf = (a) => ({ title: a.title || '', body: a.body || '', category: a.category || '', language: a.language || mosaic.language || 'en',
      status: a.status || 'draft', internal: Boolean(a.internal) });
    let form = formState('kb', valuesOf({}));
    const at = `kb/articles/${encodeURIComponent(id)}`;
    v.title = () => (v.record ? v.record.title : t('tickets.kb.new'));
    v.load = async () => {
      v.record = id ? await api.get(at) : null;
      form = formState('kb', valuesOf(v.record || {}));
    };
    async function save(event) {
      event.preventDefault();
      const f = form.values;
      const body = { title: String(f.title).trim(), body: f.body, category: String(f.category).trim() || null, language: f.language,
        status: f.status, internal: Boolean(f.internal) };
      let saved = null;
      const ok = await submit(form, draw, async () => {
        saved = id ? await api.patch(at, { ...body, version: v.record.version }) : await api.post('kb/articles', body);
      }, { versioned: Boolean(id) });
      if (ok) {
        mosaic.announce(t('tickets.kb.saved', { title: saved.title }));
        navigate(`${KB}/${encodeURIComponent(saved.id)}`);
      }
    }
    async function remove() {
      if (!await confirmDialog(mosaic, { title: t('tickets.kb.deleteConfirm', { title: v.record.title }), body: t('tickets.kb.deleteBody'),
        confirm: t('tickets.delete') })) return;
      if (await submit(form, draw, () => api.del(at, { ifMatch: v.record.version }))) navigate(KB);
    }
    const reload = async () => {
      v.record = await api.get(at);
      form = formState('kb', valuesOf(v.record));
    };
    v.render = () => html`
      <p><a href=${KB}>${t('tickets.kb.title')}</a></p>
      <form class="card" id="kb-form" @submit=${save} novalidate>
        ${conflictBox(mosaic, form, draw, { reload })}
        ${formAlert(mosaic, form, FIELDS)}
        ${input(mosaic, form, 'title', t('tickets.kb.field.title'), { required: true })}
        ${input(mosaic, form, 'body', t('tickets.kb.field.body'), { type: 'textarea', required: true, hint: t('tickets.kb.bodyHint') })}
        ${input(mosaic, form, 'category', t('tickets.kb.field.category'))}
        ${input(mosaic, form, 'language', t('tickets.kb.field.language'), { type: 'select', options: LANGUAGES.map((l) => [l, l]) })}
        ${input(mosaic, form, 'status', t('tickets.kb.field.status'), { type: 'select',
          options: ['draft', 'published'].map((s) => [s, t(`tickets.kb.status.${s}`)]) })}
        ${input(mosaic, form, 'internal', t('tickets.kb.internalHint'), { type: 'checkbox' })}
        ${writer ? html`<div class="kit-actions">
          <button type="submit" class="primary" ?disabled=${form.busy}>${t('tickets.save')}</button>
          <a href=${KB}>${t('tickets.cancel')}</a>
          ${id ? html`<button type="button" class="danger" id="kb-delete" @click=${remove} ?disabled=${form.busy}>${t('tickets.delete')}</button>`
            : nothing}</div>` : nothing}
      </form>`;
    return v;
  };
}
