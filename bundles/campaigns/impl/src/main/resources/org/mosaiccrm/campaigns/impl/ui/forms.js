// Web forms (campaigns.admin writes): the list, the form builder (name, active, the fields with
// label and whether required, consent text, tags, person or lead, where the visitor goes after)
// and the snippet to embed, shown read-only with a copy button.

import { formState, input, joinList, splitList } from '/ui/shell/kit.js';
import { afterSave, formTop, href, recordsView, saveRecord, tabs } from './common.js';

const FIELDS = ['firstName', 'lastName', 'email', 'phone', 'company', 'jobTitle', 'message'];
const INPUTS = ['name', 'active', 'fields', 'consentText', 'tags', 'target', 'redirectUrl'];

export const formsView = recordsView('forms', {
  writePermission: 'campaigns.admin',
  columns: (mosaic) => [
    { label: mosaic.t('campaigns.form.active'), cell: (r) => mosaic.t(r.active ? 'campaigns.yes' : 'campaigns.no') },
    { label: mosaic.t('campaigns.form.target'), cell: (r) => mosaic.t(`campaigns.form.target.${r.target}`) },
  ],
});

const fieldRow = (f = {}) => ({ field: f.field || 'email', label: f.label || '', required: Boolean(f.required) });

export function webFormView(id) {
  return (mosaic, draw) => {
    const { html, t, api, nothing, live } = mosaic;
    const creating = id === 'new';
    const admin = mosaic.can('campaigns.admin');
    const v = { form: null, fields: [], snippet: null, copied: null };
    const form = formState('webform', {});

    v.title = () => (v.form ? v.form.name : t('campaigns.forms.new'));
    async function load() {
      const path = `campaigns/forms/${encodeURIComponent(id)}`;
      [v.form, v.snippet] = creating ? [null, null] : await Promise.all([api.get(path), api.get(`${path}/snippet`)]);
      const f = v.form || { active: true, target: 'person', fields: [{ field: 'email', label: t('campaigns.form.field.email'), required: true }] };
      form.values = { name: f.name || '', active: f.active, consentText: f.consentText || '', tags: joinList(f.tags),
        target: f.target || 'person', redirectUrl: f.redirectUrl || '' };
      v.fields = f.fields.map(fieldRow);
    }
    v.load = load;

    const body = () => ({
      name: String(form.values.name || '').trim() || null,
      active: Boolean(form.values.active),
      fields: v.fields.map((f) => ({ field: f.field, label: f.label.trim(), required: f.required })),
      consentText: String(form.values.consentText || '').trim() || null,
      tags: splitList(form.values.tags),
      target: form.values.target,
      redirectUrl: String(form.values.redirectUrl || '').trim() || null,
    });

    async function save(event) {
      event.preventDefault();
      const saved = await saveRecord(mosaic, form, draw, 'campaigns/forms', v.form, body());
      if (saved) await afterSave(mosaic, form, draw, 'forms', creating, saved, load);
    }

    async function copy() {
      const area = document.getElementById('webform-snippet');
      try {
        await navigator.clipboard.writeText(v.snippet.html);
      } catch (e) {
        // No clipboard (an http page, a refusing browser): select the text so the user copies it.
        area.focus();
        area.select();
        document.execCommand('copy');
      }
      v.copied = t('campaigns.form.copied');
      mosaic.announce(v.copied);
      draw();
    }

    const setField = (i, key) => (e) => {
      v.fields[i][key] = key === 'required' ? e.target.checked : e.target.value;
      draw();
    };
    const addField = () => {
      const free = FIELDS.find((f) => !v.fields.some((x) => x.field === f)) || 'message';
      v.fields.push(fieldRow({ field: free, label: t(`campaigns.form.field.${free}`) }));
      draw();
      requestAnimationFrame(() => document.getElementById(`webform-field-${v.fields.length - 1}-field`)?.focus());
    };
    const removeField = (i) => () => {
      v.fields.splice(i, 1);
      draw();
      requestAnimationFrame(() => document.getElementById('webform-field-add')?.focus());
    };
    function fieldErrors(i) {
      const prefix = `fields[${i}]`;
      return ((form.error && form.error.errors) || []).filter((e) => e.field.startsWith(prefix)).map((e) => e.message);
    }
    const whole = () => ((form.error && form.error.errors) || []).filter((e) => e.field === 'fields').map((e) => e.message);

    const fieldLine = (f, i) => {
      const base = `webform-field-${i}`;
      const errors = fieldErrors(i);
      return html`<fieldset class="campaigns-rule" data-index=${i}>
        <legend>${t('campaigns.form.fieldN', { n: i + 1 })}</legend>
        <div class="field"><label for=${`${base}-field`}>${t('campaigns.form.personField')}</label>
          <select id=${`${base}-field`} @change=${setField(i, 'field')}>
            ${FIELDS.map((x) => html`<option value=${x} ?selected=${x === f.field}>${t(`campaigns.form.field.${x}`)}</option>`)}
          </select></div>
        <div class="field"><label for=${`${base}-label`}>${t('campaigns.form.label')}</label>
          <input id=${`${base}-label`} .value=${live(f.label)} @input=${setField(i, 'label')}
            aria-invalid=${errors.length ? 'true' : 'false'}></div>
        <div class="field check-field"><label class="check"><input id=${`${base}-required`} type="checkbox" .checked=${live(f.required)}
          @change=${setField(i, 'required')}> ${t('campaigns.form.required')}</label></div>
        ${errors.length ? html`<p class="field-error">${errors.join(' ')}</p>` : nothing}
        <button type="button" @click=${removeField(i)}>${t('campaigns.form.removeField', { n: i + 1 })}</button>
      </fieldset>`;
    };

    const snippetPart = () => (v.snippet ? html`<section class="card" aria-labelledby="webform-snippet-title">
        <h2 id="webform-snippet-title">${t('campaigns.form.snippet')}</h2>
        <p>${t('campaigns.form.action')}: <code id="webform-action">${v.snippet.action}</code></p>
        <div class="field"><label for="webform-snippet">${t('campaigns.form.snippetHtml')}</label>
          <textarea id="webform-snippet" readonly rows="10" .value=${v.snippet.html}></textarea></div>
        <div class="kit-actions"><button type="button" id="webform-copy" @click=${copy}>${t('campaigns.form.copy')}</button></div>
        ${v.copied ? html`<p class="hint" role="status">${v.copied}</p>` : nothing}
      </section>` : nothing);

    v.render = () => html`${tabs(mosaic, 'forms')}
      <form class="card" id="webform-form" novalidate @submit=${save}>
        ${formTop(mosaic, form, draw, INPUTS, load)}
        ${input(mosaic, form, 'name', t('campaigns.field.name'), { required: true })}
        ${input(mosaic, form, 'active', t('campaigns.form.active'), { type: 'checkbox' })}
        <div id="webform-fields">${v.fields.map(fieldLine)}</div>
        ${whole().length ? html`<p class="field-error" role="alert">${whole().join(' ')}</p>` : nothing}
        <div class="kit-actions"><button type="button" id="webform-field-add" @click=${addField}>${t('campaigns.form.addField')}</button></div>
        ${input(mosaic, form, 'consentText', t('campaigns.form.consentText'), { type: 'textarea', hint: t('campaigns.form.consentHint') })}
        ${input(mosaic, form, 'tags', t('campaigns.form.tags'), { hint: t('campaigns.form.tagsHint') })}
        ${input(mosaic, form, 'target', t('campaigns.form.target'), { type: 'select',
          options: ['person', 'lead'].map((x) => [x, t(`campaigns.form.target.${x}`)]) })}
        ${input(mosaic, form, 'redirectUrl', t('campaigns.form.redirectUrl'), { type: 'url', hint: t('campaigns.form.redirectHint') })}
        ${admin ? html`<div class="kit-actions"><button type="submit" class="primary" ?disabled=${form.busy}>${t('campaigns.save')}</button></div>`
          : nothing}
      </form>
      ${snippetPart()}
      <p><a href=${href('forms')}>${t('campaigns.forms.back')}</a></p>`;
    return v;
  };
}
