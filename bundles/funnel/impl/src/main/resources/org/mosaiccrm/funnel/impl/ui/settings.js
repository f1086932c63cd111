// Pipeline settings for administrators (funnel.admin): /funnel/pipelines lists the pipelines,
// /funnel/pipelines/new and /funnel/pipelines/<id> edit one with its ordered stages (name, kind,
// probability, rot days; reorder, add, remove). A stage that still holds deals is kept, and the
// page says how many it holds.

import { confirmDialog, conflictBox, formAlert, formState, input, okBox, submit, tableWrap } from '/ui/shell/kit.js';
import { tabs } from './common.js';

const KINDS = ['open', 'won', 'lost'];

export function pipelinesView(mosaic) {
  const { html, t, api, nothing } = mosaic;
  const v = { items: [] };
  v.title = () => t('funnel.pipelines.title');
  v.load = async () => { v.items = (await api.get('funnel/pipelines')).items; };
  v.render = () => html`
    ${tabs(mosaic, 'pipelines')}
    <p>${t('funnel.pipelines.intro')}</p>
    ${mosaic.can('funnel.admin') ? html`<div class="kit-actions"><a class="button primary" id="funnel-pipeline-new"
        href="/funnel/pipelines/new">${t('funnel.pipelines.create')}</a></div>` : nothing}
    ${v.items.length ? tableWrap(mosaic, t('funnel.pipelines.title'), html`<table id="funnel-pipelines">
      <thead><tr><th scope="col">${t('funnel.field.name')}</th><th scope="col">${t('funnel.pipelines.stages')}</th></tr></thead>
      <tbody>${v.items.map((p) => html`<tr data-id=${p.id}>
        <td><a href=${`/funnel/pipelines/${encodeURIComponent(p.id)}`}>${p.name}</a></td>
        <td>${p.stages.map((s) => s.name).join(' → ')}</td></tr>`)}</tbody></table>`) : html`<p>${t('funnel.pipelines.none')}</p>`}`;
  return v;
}

/** A stage as the editor holds it: texts as typed, a key that survives reordering. */
let stageKeys = 0;
const editable = (s) => ({ key: ++stageKeys, id: s.id || null, name: s.name || '', probability: s.probability ?? '', kind: s.kind || 'open',
  rotDays: s.rotDays ?? '' });

export function pipelineView(id) {
  return (mosaic, draw) => {
    const { html, t, api, navigate, nothing, repeat, live } = mosaic;
    const creating = !id;
    const v = { pipeline: null, stages: [], holding: null };
    let form = formState('pipeline', {});

    async function load() {
      if (creating) {
        v.stages = [{ name: t('funnel.stage.default.lead'), probability: 10, kind: 'open' },
          { name: t('funnel.stage.default.proposal'), probability: 50, kind: 'open' },
          { name: t('funnel.stage.default.won'), kind: 'won' }, { name: t('funnel.stage.default.lost'), kind: 'lost' }].map(editable);
        form = formState('pipeline', { name: '' });
        return;
      }
      v.pipeline = await api.get(`funnel/pipelines/${encodeURIComponent(id)}`);
      v.stages = v.pipeline.stages.map(editable);
      form = formState('pipeline', { name: v.pipeline.name });
    }

    v.title = () => (v.pipeline ? t('funnel.pipelines.editing', { name: v.pipeline.name }) : t('funnel.pipelines.create'));
    v.load = load;

    const body = () => ({
      name: String(form.values.name || '').trim(),
      stages: v.stages.map((s) => {
        const stage = { name: s.name.trim(), kind: s.kind };
        if (s.id) stage.id = s.id;
        if (s.kind === 'open' && String(s.probability).trim() !== '') stage.probability = Number(s.probability);
        if (String(s.rotDays).trim() !== '') stage.rotDays = Number(s.rotDays);
        return stage;
      }),
    });

    /**
     * A 409 is either a stage that still holds deals (the server names it and how many; the
     * page says it in the user's language, counting them itself) or someone else's save.
     */
    async function holding() {
      const removed = v.pipeline ? v.pipeline.stages.filter((s) => !v.stages.some((e) => e.id === s.id)) : [];
      const counts = await Promise.all(removed.map((s) => api.get(`funnel/deals?${new URLSearchParams({ stageId: s.id, limit: '1' })}`)
        .then((page) => [s, page.total], () => [s, 0])));
      return counts.filter(([, n]) => n > 0).map(([s, n]) => t('funnel.pipelines.stillHolds', { stage: s.name, count: mosaic.fmt.number(n) }));
    }

    async function save(event) {
      event.preventDefault();
      v.holding = null;
      let saved = null;
      await submit(form, draw, async () => {
        saved = creating ? await api.post('funnel/pipelines', body())
          : await api.patch(`funnel/pipelines/${encodeURIComponent(id)}`, { ...body(), version: v.pipeline.version });
      });
      if (saved) {
        mosaic.announce(t('funnel.pipelines.saved', { name: saved.name }));
        if (creating) navigate(`/funnel/pipelines/${encodeURIComponent(saved.id)}`);
        else {
          await load();
          form.done = t('funnel.pipelines.saved', { name: saved.name });
        }
      } else if (form.error && form.error.status === 409) {
        const messages = await holding();
        if (messages.length) {
          v.holding = messages;
          form.error = null;
        } else {
          form.error = null;
          form.conflict = true;
        }
      }
      draw();
    }

    async function removePipeline() {
      if (!await confirmDialog(mosaic, { title: v.pipeline.name, body: t('funnel.pipelines.deleteConfirm', { name: v.pipeline.name }),
        confirm: t('funnel.pipelines.delete') })) return;
      const ok = await submit(form, draw, () => api.del(`funnel/pipelines/${encodeURIComponent(id)}`, { ifMatch: v.pipeline.version }));
      if (ok) {
        mosaic.announce(t('funnel.pipelines.deleted', { name: v.pipeline.name }));
        navigate('/funnel/pipelines');
      }
    }

    const change = (s, field) => (e) => { s[field] = e.target.value; };
    const kindChanged = (s) => (e) => {
      s.kind = e.target.value;
      draw();
    };
    const shift = (i, by) => () => {
      const [s] = v.stages.splice(i, 1);
      v.stages.splice(i + by, 0, s);
      draw();
      mosaic.announce(t('funnel.stage.movedTo', { name: s.name, position: i + by + 1 }));
      // The same button of the moved stage keeps the keyboard, so pressing it again moves it further.
      requestAnimationFrame(() => document.querySelector(`#page tr[data-key="${s.key}"] [data-action="${by < 0 ? 'up' : 'down'}"]`)?.focus());
    };
    const removeStage = (i) => () => {
      const [s] = v.stages.splice(i, 1);
      draw();
      mosaic.announce(t('funnel.stage.removed', { name: s.name }));
    };
    const addStage = () => {
      const openCount = v.stages.filter((s) => s.kind === 'open').length;
      // A new stage goes before the closing ones, where a sales process adds steps.
      v.stages.splice(openCount, 0, editable({ kind: 'open', probability: '' }));
      draw();
      requestAnimationFrame(() => document.querySelector(`#page tr[data-index="${openCount}"] input`)?.focus());
    };

    function stageErrors(i) {
      const prefix = `stages[${i}].`;
      return ((form.error && form.error.errors) || []).filter((e) => e.field.startsWith(prefix))
        .map((e) => `${t(`funnel.stage.field.${e.field.slice(prefix.length)}`)}: ${e.message}`);
    }

    function stageRow(s, i) {
      const errors = stageErrors(i);
      const label = (what) => t('funnel.stage.inputLabel', { what, position: i + 1 });
      const errorId = errors.length ? `pipeline-stage-${s.key}-error` : undefined;
      return html`<tr data-key=${s.key} data-index=${i} aria-invalid=${errors.length ? 'true' : 'false'}>
        <td>${i + 1}</td>
        <td><input aria-label=${label(t('funnel.field.name'))} name="name" .value=${live(s.name)} @input=${change(s, 'name')}
            aria-describedby=${errorId || nothing} maxlength="100">
          ${errors.length ? html`<span class="field-error" id=${errorId}>${errors.join(' ')}</span>` : nothing}</td>
        <td><select aria-label=${label(t('funnel.stage.kind'))} name="kind" @change=${kindChanged(s)}>
          ${KINDS.map((k) => html`<option value=${k} ?selected=${k === s.kind}>${t(`funnel.kind.${k}`)}</option>`)}</select></td>
        <td>${s.kind === 'open' ? html`<input type="number" min="0" max="100" aria-label=${label(t('funnel.field.probability'))} name="probability"
            .value=${live(String(s.probability))} @input=${change(s, 'probability')}>`
    : html`<span>${s.kind === 'won' ? '100' : '0'}</span>`}</td>
        <td><input type="number" min="1" max="3650" aria-label=${label(t('funnel.stage.rotDays'))} name="rotDays"
            .value=${live(String(s.rotDays))} @input=${change(s, 'rotDays')}></td>
        <td class="kit-row-actions">
          <button type="button" data-action="up" ?disabled=${i === 0} @click=${shift(i, -1)}
              aria-label=${t('funnel.stage.up', { name: s.name || i + 1 })}>↑</button>
          <button type="button" data-action="down" ?disabled=${i === v.stages.length - 1} @click=${shift(i, 1)}
              aria-label=${t('funnel.stage.down', { name: s.name || i + 1 })}>↓</button>
          <button type="button" data-action="remove" class="danger" ?disabled=${v.stages.length === 1} @click=${removeStage(i)}
              aria-label=${t('funnel.stage.remove', { name: s.name || i + 1 })}>${t('funnel.stage.removeShort')}</button>
        </td>
      </tr>`;
    }

    v.render = () => html`
      ${tabs(mosaic, 'pipelines')}
      <form class="card" id="funnel-pipeline-form" @submit=${save} novalidate>
        ${conflictBox(mosaic, form, draw, { reload: load })}
        ${v.holding ? html`<div class="alert error" role="alert" id="funnel-pipeline-holding">
          ${v.holding.map((m) => html`<p>${m}</p>`)}<p>${t('funnel.pipelines.nothingChanged')}</p></div>` : nothing}
        ${formAlert(mosaic, form, ['name', 'stages'], { id: 'funnel-pipeline-error' })}
        ${okBox(mosaic, form.done)}
        ${input(mosaic, form, 'name', t('funnel.field.name'), { required: true })}
        ${tableWrap(mosaic, t('funnel.pipelines.stages'), html`<table id="funnel-stages">
          <caption>${t('funnel.pipelines.stagesCaption')}</caption>
          <thead><tr><th scope="col">#</th><th scope="col">${t('funnel.field.name')}</th><th scope="col">${t('funnel.stage.kind')}</th>
            <th scope="col">${t('funnel.field.probability')}</th><th scope="col">${t('funnel.stage.rotDays')}</th>
            <th scope="col"><span class="visually-hidden">${t('funnel.stage.actions')}</span></th></tr></thead>
          <tbody>${repeat(v.stages, (s) => s.key, stageRow)}</tbody>
        </table>`)}
        <div class="kit-actions">
          <button type="button" id="funnel-stage-add" @click=${addStage}>${t('funnel.stage.add')}</button>
        </div>
        <div class="kit-actions">
          <button type="submit" class="primary" ?disabled=${form.busy}>${t(creating ? 'funnel.pipelines.createButton' : 'funnel.save')}</button>
          <a href="/funnel/pipelines">${t('funnel.cancel')}</a>
          ${creating ? nothing : html`<button type="button" class="danger" id="funnel-pipeline-delete" ?disabled=${form.busy}
              @click=${removePipeline}>${t('funnel.pipelines.delete')}</button>`}
        </div>
      </form>`;
    return v;
  };
}
