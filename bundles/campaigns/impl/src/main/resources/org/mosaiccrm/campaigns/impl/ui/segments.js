// Segments: the list and the rule editor (field, operator, value; all or any must match) with a
// live count and sample of the people it finds, asked of the server (POST /campaigns/segments/preview)
// a moment after the user stops typing, and always within the user's reach.

import { dataTable, fieldErrors, formState, input } from '/ui/shell/kit.js';
import { afterSave, formTop, personName, recordsView, saveRecord, tabs, href } from './common.js';

const DELAY_MS = 400;

export const segmentsView = recordsView('segments', {
  columns: (mosaic) => [{ label: mosaic.t('campaigns.segment.match'), cell: (r) => mosaic.t(`campaigns.segment.match.${r.match}`) }],
});

const ruleRow = (r = {}) => {
  const custom = (r.field || '').startsWith('custom.');
  return { field: custom ? 'custom' : r.field || 'tag', key: custom ? r.field.slice('custom.'.length) : '', op: r.op || 'has', value: r.value || '' };
};
/** Whether the rule's operator takes a value, as the server says of its field ({@code fields}: field → operator → takes a value). */
const takesValue = (fields, row) => (fields[row.field] || {})[row.op] !== false;
const ruleOf = (fields, row) => ({ field: row.field === 'custom' ? `custom.${row.key.trim()}` : row.field, op: row.op,
  value: takesValue(fields, row) ? row.value.trim() : null });

export function segmentView(id) {
  return (mosaic, draw, alive) => {
    const { html, t, api, nothing, live } = mosaic;
    const creating = id === 'new';
    // fields: what rules may test now (contacts' own and those of the modules switched on), from the server.
    const v = { segment: null, rules: [], fields: {}, preview: null, previewError: null, counting: false, timer: null, seq: 0 };
    const form = formState('segment', {});

    v.title = () => (v.segment ? v.segment.name : t('campaigns.segments.new'));
    async function load() {
      v.fields = (await api.get('campaigns/segments/fields')).fields;
      v.segment = creating ? null : await api.get(`campaigns/segments/${encodeURIComponent(id)}`);
      const s = v.segment || { match: 'all', rules: [{ field: 'tag', op: 'has', value: '' }] };
      form.values = { name: s.name || '', match: s.match || 'all' };
      v.rules = s.rules.map(ruleRow);
      count();
    }
    v.load = load;
    v.stop = () => clearTimeout(v.timer);

    const body = () => ({ name: String(form.values.name || '').trim() || null, match: form.values.match, rules: v.rules.map((row) => ruleOf(v.fields, row)) });

    /** Counts what the rules find now; an older answer that arrives late is dropped. */
    async function count() {
      const seq = ++v.seq;
      v.counting = true;
      try {
        const { match, rules } = body();
        const answer = await api.post('campaigns/segments/preview', { match, rules });
        if (seq !== v.seq || !alive()) return;
        v.preview = answer;
        v.previewError = null;
      } catch (e) {
        if (seq !== v.seq) return;
        v.preview = null;
        v.previewError = e;
      }
      v.counting = false;
      draw();
    }
    const changed = () => {
      clearTimeout(v.timer);
      v.timer = setTimeout(count, DELAY_MS);
      draw();
    };

    async function save(event) {
      event.preventDefault();
      const saved = await saveRecord(mosaic, form, draw, 'campaigns/segments', v.segment, body());
      if (saved) await afterSave(mosaic, form, draw, 'segments', creating, saved, load);
    }

    const setRule = (i, key) => (e) => {
      const row = v.rules[i];
      row[key] = e.target.value;
      if (key === 'field') row.op = opsOf(row.field)[0];
      changed();
    };
    const addRule = () => {
      v.rules.push(ruleRow());
      changed();
      requestAnimationFrame(() => document.getElementById(`segment-rule-${v.rules.length - 1}-field`)?.focus());
    };
    const removeRule = (i) => () => {
      v.rules.splice(i, 1);
      changed();
      requestAnimationFrame(() => document.getElementById('segment-rule-add')?.focus());
    };

    /** The server's messages of rule {@code i} ({@code rules[i].value} …), shown in its row. */
    function ruleErrors(i) {
      const prefix = `rules[${i}]`;
      const all = [...((form.error && form.error.errors) || []), ...((v.previewError && v.previewError.errors) || [])];
      return [...new Set(all.filter((e) => e.field.startsWith(prefix)).map((e) => e.message))];
    }

    const opsOf = (field) => Object.keys(v.fields[field] || {});
    // A saved rule over a field of a module now off stays in its row (the server says what is wrong with it).
    const fieldsFor = (row) => [...new Set([...Object.keys(v.fields), row.field])];

    const ruleLine = (row, i) => {
      const base = `segment-rule-${i}`;
      const errors = ruleErrors(i);
      const described = errors.length ? `${base}-error` : undefined;
      return html`<fieldset class="campaigns-rule" data-index=${i}>
        <legend>${t('campaigns.segment.rule', { n: i + 1 })}</legend>
        <div class="field"><label for=${`${base}-field`}>${t('campaigns.segment.field')}</label>
          <select id=${`${base}-field`} @change=${setRule(i, 'field')}>
            ${fieldsFor(row).map((f) => html`<option value=${f} ?selected=${f === row.field}>${t(`campaigns.segment.field.${f}`)}</option>`)}
          </select></div>
        ${row.field === 'custom' ? html`<div class="field"><label for=${`${base}-key`}>${t('campaigns.segment.customKey')}</label>
          <input id=${`${base}-key`} .value=${live(row.key)} @input=${setRule(i, 'key')}></div>` : nothing}
        <div class="field"><label for=${`${base}-op`}>${t('campaigns.segment.op')}</label>
          <select id=${`${base}-op`} @change=${setRule(i, 'op')}>
            ${[...new Set([...opsOf(row.field), row.op])].map((o) => html`<option value=${o} ?selected=${o === row.op}>${t(`campaigns.segment.op.${o}`)}</option>`)}
          </select></div>
        ${!takesValue(v.fields, row) ? nothing : html`<div class="field"><label for=${`${base}-value`}>${t('campaigns.segment.value')}</label>
          <input id=${`${base}-value`} .value=${live(row.value)} aria-invalid=${errors.length ? 'true' : 'false'}
            aria-describedby=${described || nothing} @input=${setRule(i, 'value')}>
          <span class="hint">${t(`campaigns.segment.valueHint.${row.field}`)}</span></div>`}
        ${errors.length ? html`<p class="field-error" id=${`${base}-error`}>${errors.join(' ')}</p>` : nothing}
        <button type="button" @click=${removeRule(i)}>${t('campaigns.segment.removeRule', { n: i + 1 })}</button>
      </fieldset>`;
    };

    const previewPart = () => html`<section class="card" id="segment-preview" aria-labelledby="segment-preview-title">
      <h2 id="segment-preview-title">${t('campaigns.segment.preview')}</h2>
      <p role="status" id="segment-count" data-count=${v.preview ? v.preview.count : ''}>${v.preview
        ? t('campaigns.segment.count', { count: mosaic.fmt.number(v.preview.count) })
        : v.previewError ? mosaic.problemText(v.previewError) : t('shell.loading')}</p>
      ${v.preview && v.preview.sample.length ? dataTable(mosaic, { label: t('campaigns.segment.sample'), id: 'segment-sample',
        rows: v.preview.sample, key: (p) => p.id, columns: [
          { label: t('campaigns.field.name'), cell: (p) => html`<a href=${`/contacts/people/${encodeURIComponent(p.id)}`}>${personName(p)}</a>` },
          { label: t('campaigns.recipient.email'), cell: (p) => p.email || '' },
          { label: t('campaigns.segment.field.organization'), cell: (p) => p.organizationName || '' },
        ] }) : nothing}
    </section>`;

    const rulesMessage = () => {
      const messages = fieldErrors(form).get('rules') || [];
      return messages.length && !v.rules.length ? html`<p class="field-error" role="alert">${messages.join(' ')}</p>` : nothing;
    };
    v.render = () => html`${tabs(mosaic, 'segments')}
      <form class="card" id="segment-form" novalidate @submit=${save} @change=${(e) => { if (e.target.name === 'match') changed(); }}>
        ${formTop(mosaic, form, draw, ['name', 'match', 'rules'], load)}
        ${input(mosaic, form, 'name', t('campaigns.field.name'), { required: true })}
        ${input(mosaic, form, 'match', t('campaigns.segment.match'), { type: 'select',
          options: ['all', 'any'].map((m) => [m, t(`campaigns.segment.match.${m}`)]) })}
        <div id="segment-rules">${v.rules.map(ruleLine)}</div>
        ${rulesMessage()}
        <div class="kit-actions">
          <button type="button" id="segment-rule-add" @click=${addRule}>${t('campaigns.segment.addRule')}</button>
          ${mosaic.can('campaigns.write') ? html`<button type="submit" class="primary" ?disabled=${form.busy}>${t('campaigns.save')}</button>` : nothing}
        </div>
      </form>
      ${previewPart()}
      <p><a href=${href('segments')}>${t('campaigns.segments.back')}</a></p>`;
    return v;
  };
}
