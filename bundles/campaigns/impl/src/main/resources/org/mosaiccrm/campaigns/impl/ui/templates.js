// Templates: the list, the form (name, subject, HTML and text parts; an unknown merge field is
// refused by the server and shown at its part) and the preview for a chosen person. The preview's
// HTML is shown as it will look in a frame of its own: the server answers it as a sandboxed
// document (no scripts, an origin of its own) and the frame is sandboxed too; it is never put into
// the page itself, even though the server sanitises it. (srcdoc would need TrustedHTML, which the
// shell's Trusted Types policy rightly gives to lit-html only.)

import { combobox, formState, input, listSearch } from '/ui/shell/kit.js';
import { afterSave, formTop, href, personName, recordsView, saveRecord, tabs } from './common.js';

const FIELDS = ['name', 'subject', 'html', 'text'];

export const templatesView = recordsView('templates', {
  columns: (mosaic) => [{ label: mosaic.t('campaigns.template.subject'), cell: (r) => r.subject }],
});

export function templateView(id) {
  return (mosaic, draw) => {
    const { html, t, api, nothing } = mosaic;
    const creating = id === 'new';
    const v = { template: null, preview: null };
    const form = formState('template', {});
    const look = formState('template-preview', { personId: '' });

    v.title = () => (v.template ? v.template.name : t('campaigns.templates.new'));
    async function load() {
      v.template = creating ? null : await api.get(`campaigns/templates/${encodeURIComponent(id)}`);
      const tp = v.template || {};
      form.values = Object.fromEntries(FIELDS.map((f) => [f, tp[f] || '']));
    }
    v.load = load;

    async function save(event) {
      event.preventDefault();
      const body = Object.fromEntries(FIELDS.map((f) => [f, String(form.values[f] || '').trim() || null]));
      const saved = await saveRecord(mosaic, form, draw, 'campaigns/templates', v.template, body);
      if (saved) await afterSave(mosaic, form, draw, 'templates', creating, saved, load);
    }

    async function preview(event) {
      event.preventDefault();
      v.preview = null;
      look.error = null;
      look.busy = true;
      draw();
      try {
        v.preview = await api.get(`campaigns/templates/${encodeURIComponent(id)}/preview?personId=${encodeURIComponent(look.values.personId)}`);
        mosaic.announce(t('campaigns.template.previewShown'));
      } catch (e) {
        look.error = e;
      }
      look.busy = false;
      draw();
    }

    const people = listSearch(api, 'contacts/people', personName);
    const write = mosaic.can('campaigns.write');

    const previewPart = () => (v.preview ? html`<section class="card" id="template-preview-result" aria-labelledby="template-preview-subject">
        <h3 id="template-preview-subject">${v.preview.subject}</h3>
        ${v.preview.html ? html`<h4>${t('campaigns.template.previewHtml')}</h4>
          <iframe class="campaigns-preview-frame" id="template-preview-frame" sandbox="" referrerpolicy="no-referrer"
            title=${t('campaigns.template.previewHtml')}
            src=${`/api/v1/campaigns/templates/${encodeURIComponent(id)}/preview/document?personId=${encodeURIComponent(v.preview.personId)}`}></iframe>`
          : nothing}
        ${v.preview.text ? html`<h4>${t('campaigns.template.text')}</h4><pre class="campaigns-text" id="template-preview-text">${v.preview.text}</pre>` : nothing}
      </section>` : nothing);

    v.render = () => html`${tabs(mosaic, 'templates')}
      <form class="card" id="template-form" novalidate @submit=${save}>
        ${formTop(mosaic, form, draw, FIELDS, load)}
        ${input(mosaic, form, 'name', t('campaigns.field.name'), { required: true })}
        ${input(mosaic, form, 'subject', t('campaigns.template.subject'), { required: true, hint: t('campaigns.template.mergeHint') })}
        ${input(mosaic, form, 'html', t('campaigns.template.html'), { type: 'textarea', hint: t('campaigns.template.htmlHint') })}
        ${input(mosaic, form, 'text', t('campaigns.template.text'), { type: 'textarea' })}
        ${write ? html`<div class="kit-actions"><button type="submit" class="primary" ?disabled=${form.busy}>${t('campaigns.save')}</button></div>`
          : nothing}
      </form>
      ${creating ? nothing : html`<form class="card" id="template-preview" novalidate @submit=${preview}>
        <h2>${t('campaigns.template.preview')}</h2>
        ${formTop(mosaic, look, draw, ['personId'])}
        ${combobox(mosaic, look, draw, 'personId', t('campaigns.template.previewFor'), { search: people, required: true })}
        <div class="kit-actions"><button type="submit" ?disabled=${look.busy || !look.values.personId}>${t('campaigns.template.show')}</button></div>
      </form>
      ${previewPart()}`}
      <p><a href=${href('templates')}>${t('campaigns.templates.back')}</a></p>`;
    return v;
  };
}
