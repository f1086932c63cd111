// The deals: the list (/funnel/deals) with its filters and CSV export, and a deal's page
// (/funnel/deals/new, /funnel/deals/<id>): its form with the organization type-ahead and the
// owner and team pickers, the Move control (a lost race said in words), the stage history and
// delete. Everything is the shell's UI kit.

import {
  combobox, confirmDialog, conflictBox, customFields, customFromForm, customInput, customText, customToForm, errorBox, formAlert,
  formState, input, listSearch, loadOwnership, okBox, ownershipFromForm, ownershipInputs, ownershipToForm, setChoice, submit,
  tableWrap,
} from '/ui/shell/kit.js';
import {
  action, closing, day, dealHref, exportLink, LAST_CURRENCY, listBody, listState, money, organizationHref, people, pipelines,
  stageOptions, tabs,
} from './common.js';

const SORTS = ['-updatedAt', 'title', 'expectedClose', '-createdAt'];

export function dealsView(mosaic, draw) {
  const { html, t, api, fmt } = mosaic;
  const list = listState(mosaic, draw, { route: '/funnel/deals', formId: 'funnel-deals-filter', sorts: SORTS });
  const { form } = list;
  const v = { fields: [], page: null, pipes: null, who: null };

  v.title = () => t('funnel.deals.title');
  v.load = async () => {
    [v.fields, v.page, v.pipes, v.who] = await Promise.all([customFields(api, 'funnel', 'deal'),
      api.get(`funnel/deals?${list.paging.request()}`), pipelines(api), people(mosaic)]);
    list.paging.focusCount();
  };

  v.render = () => {
    const stageName = (id) => (v.pipes.stages.get(id) || { name: '—' }).name;
    const columns = [
      { label: t('funnel.field.title'), cell: (d) => html`<a href=${dealHref(d.id)}>${d.title}</a>`, sort: 'title' },
      { label: t('funnel.field.organization'), cell: (d) => d.organizationName || '—' },
      { label: t('funnel.field.stage'), cell: (d) => stageName(d.stageId) },
      { label: t('funnel.field.amount'), cell: (d) => money(mosaic, d.amount, d.currency) },
      { label: t('funnel.field.probability'), cell: (d) => `${fmt.number(d.probability)} %` },
      { label: t('funnel.field.expectedClose'), cell: (d) => day(mosaic, d.expectedClose), sort: 'expectedClose' },
      { label: t('funnel.field.owner'), cell: (d) => v.who.name(d.ownerId) || '—' },
      ...v.fields.map((def) => ({ label: def.label, cell: (d) => customText(mosaic, def, (d.customFields || {})[def.key]) })),
      { label: t('funnel.field.updatedAt'), cell: (d) => fmt.dateTime(d.updatedAt), sort: 'updatedAt' },
    ];
    const inputs = html`
      ${input(mosaic, form, 'q', t('funnel.filter.q'), { type: 'search' })}
      ${input(mosaic, form, 'pipelineId', t('funnel.field.pipeline'), { type: 'select',
        options: [['', t('funnel.filter.anyPipeline')], ...v.pipes.items.map((p) => [p.id, p.name])] })}
      ${input(mosaic, form, 'stageId', t('funnel.field.stage'), { type: 'select',
        options: [['', t('funnel.filter.anyStage')], ...stageOptions(v.pipes, form.values.pipelineId)] })}
      ${input(mosaic, form, 'status', t('funnel.field.status'), { type: 'select',
        options: [['', t('funnel.filter.anyStatus')], ['open', t('funnel.status.open')], ['closed', t('funnel.status.closed')]] })}
      ${input(mosaic, form, 'ownerId', t('funnel.field.owner'), { type: 'select', options: [['', t('funnel.filter.anyone')], ...v.who.owners] })}
      ${v.fields.map((def) => customInput(mosaic, form, def, { filter: true }))}`;
    return html`
      ${tabs(mosaic, 'deals')}
      <div class="kit-actions">
        ${action(mosaic, { id: 'funnel-new-deal', href: '/funnel/deals/new', label: t('funnel.deal.new'), permission: 'funnel.write' })}
        ${exportLink(mosaic, list, { id: 'funnel-deals-export', path: 'funnel/deals/export', file: 'deals.csv' })}
      </div>
      ${listBody(mosaic, list, { id: 'funnel-deals', label: t('funnel.deals.title'), filterLabel: t('funnel.filter.label'), inputs, columns,
        page: v.page, sortKey: 'funnel.sort' })}`;
  };
  return v;
}

// ---- a deal: the form (new or existing), Move, history, delete ----

/** The form's values of a deal (or of a new one in the given pipeline). */
function dealValues(deal, fields, pipelineId) {
  const values = {
    title: deal.title || '', pipelineId: deal.pipelineId || pipelineId || '', stageId: deal.stageId || '',
    amount: deal.amount || '', currency: deal.currency || (deal.id ? '' : localStorage.getItem(LAST_CURRENCY) || ''),
    expectedClose: deal.expectedClose || '', probability: deal.probabilityOwn ? String(deal.probability) : '',
    nextStep: deal.nextStep || '', nextStepAt: deal.nextStepAt || '', closeReason: deal.closeReason || '',
  };
  for (const def of fields) values[`cf.${def.key}`] = customToForm(def, (deal.customFields || {})[def.key]);
  return values;
}

/** The API body of the form: empty texts as null, the amount and probability as typed (the server checks them). */
function dealBody(values, fields, { creating }) {
  const text = (name) => (String(values[name] ?? '').trim() || null);
  const body = {
    title: String(values.title || '').trim(), amount: text('amount'), currency: text('currency') ? text('currency').toUpperCase() : null,
    expectedClose: text('expectedClose'), organizationId: text('organizationId'), nextStep: text('nextStep'), nextStepAt: text('nextStepAt'),
    closeReason: text('closeReason'),
  };
  const probability = text('probability');
  body.probability = probability === null ? null : (/^\d+$/.test(probability) ? Number(probability) : probability);
  if (creating) {
    body.pipelineId = text('pipelineId');
    if (text('stageId')) body.stageId = text('stageId');
  }
  if (fields.length) body.customFields = Object.fromEntries(fields.map((def) => [def.key, customFromForm(def, values[`cf.${def.key}`])]));
  return body;
}

export function dealView(id) {
  return (mosaic, draw) => {
    const { html, t, api, navigate, fmt, nothing } = mosaic;
    const v = { fields: [], deal: null, pipes: null, who: null, history: [], orgName: null, moveError: null, moveNotice: null,
      ownership: { teams: [] } };
    let form = formState('deal', {});
    let moveForm = formState('deal-move', {});
    const creating = !id;

    const search = listSearch(api, 'contacts/organizations', (o) => (o.domain ? `${o.name} (${o.domain})` : o.name), '&sort=name');

    async function loadDeal() {
      v.deal = await api.get(`funnel/deals/${encodeURIComponent(id)}`);
      v.history = (await api.get(`funnel/deals/${encodeURIComponent(id)}/history`)).items;
      v.orgName = v.deal.organizationName || null;
      v.ownership = await loadOwnership(mosaic, v.deal);
      form = formState('deal', dealValues(v.deal, v.fields));
      // An organization out of the user's reach stays linked (unless they choose another), shown without its name.
      setChoice(form, 'organizationId', v.deal.organizationId, v.orgName || t('funnel.deal.otherOrganization'));
      ownershipToForm(mosaic, form, v.deal, v.ownership);
      moveForm = formState('deal-move', { stageId: v.deal.stageId, closeReason: v.deal.closeReason || '' });
    }

    v.title = () => (v.deal ? v.deal.title : t('funnel.deal.new'));
    v.load = async () => {
      [v.fields, v.pipes, v.who] = await Promise.all([customFields(api, 'funnel', 'deal'), pipelines(api), people(mosaic)]);
      if (creating) {
        const pipelineId = mosaic.query.get('pipelineId') || (v.pipes.items[0] || {}).id;
        v.ownership = await loadOwnership(mosaic, null);
        form = formState('deal', dealValues({}, v.fields, pipelineId));
        ownershipToForm(mosaic, form, null, v.ownership);
      } else {
        await loadDeal();
      }
    };

    async function save(event) {
      event.preventDefault();
      const body = { ...dealBody(form.values, v.fields, { creating }), ...ownershipFromForm(form, v.deal) };
      let saved = null;
      const ok = await submit(form, draw, async () => {
        saved = creating ? await api.post('funnel/deals', body)
          : await api.patch(`funnel/deals/${encodeURIComponent(id)}`, { ...body, version: v.deal.version });
      }, { versioned: !creating });
      if (ok) {
        if (saved.currency) localStorage.setItem(LAST_CURRENCY, saved.currency);
        mosaic.announce(t('funnel.deal.saved', { title: saved.title }));
        if (creating) navigate(dealHref(saved.id));
        else {
          await loadDeal();
          form.done = t('funnel.deal.saved', { title: saved.title });
          draw();
        }
      }
    }

    async function remove() {
      if (!await confirmDialog(mosaic, { title: v.deal.title, body: t('funnel.deal.deleteConfirm', { title: v.deal.title }),
        confirm: t('funnel.delete') })) return;
      const ok = await submit(form, draw, () => api.del(`funnel/deals/${encodeURIComponent(id)}`, { ifMatch: v.deal.version }),
        { versioned: true });
      if (ok) {
        mosaic.announce(t('funnel.deal.deleted', { title: v.deal.title }));
        navigate('/funnel/deals');
      }
    }

    /** The Move control: like the board's, with the version this page was drawn with. */
    async function moveDeal(event) {
      event.preventDefault();
      const stage = v.pipes.stages.get(moveForm.values.stageId);
      if (!stage || stage.id === v.deal.stageId) return;
      const body = { stageId: stage.id, version: v.deal.version };
      const reason = String(moveForm.values.closeReason || '').trim();
      if (closing(stage) && reason) body.closeReason = reason;
      v.moveNotice = null;
      const ok = await submit(moveForm, draw, () => api.post(`funnel/deals/${encodeURIComponent(id)}/move`, body));
      const failure = moveForm.error;
      const lost = Boolean(failure && failure.status === 409);
      // The page shows the deal as it is now, moved or not (a lost race: where someone else put it).
      await loadDeal();
      if (ok) v.moveNotice = t('funnel.board.moved', { title: v.deal.title, stage: stage.name });
      if (failure && !lost) moveForm.error = failure;
      v.moveError = lost ? t('funnel.board.raceLost', { title: v.deal.title, stage: (v.pipes.stages.get(v.deal.stageId) || {}).name })
        : null;
      draw();
    }

    function dealForm() {
      const pipelineId = form.values.pipelineId;
      const stage = v.pipes.stages.get(creating ? form.values.stageId : v.deal.stageId);
      const pipe = v.pipes.items.find((p) => p.id === pipelineId);
      const firstOpen = pipe ? pipe.stages.find((s) => s.kind === 'open') : null;
      const stageProbability = stage ? stage.probability : (firstOpen ? firstOpen.probability : null);
      const inputs = ['title', 'pipelineId', 'stageId', 'amount', 'currency', 'expectedClose', 'probability', 'organizationId', 'nextStep',
        'nextStepAt', 'closeReason', 'ownerId', 'teamId', ...v.fields.map((def) => `cf.${def.key}`)];
      const pipelineChanged = () => {
        form.values.stageId = '';
        draw();
      };
      return html`<form class="card" id="funnel-deal-form" @submit=${save} novalidate>
        ${conflictBox(mosaic, form, draw, { reload: async () => { await loadDeal(); } })}
        ${formAlert(mosaic, form, inputs, { id: 'funnel-deal-form-error' })}
        ${okBox(mosaic, form.done)}
        <div class="funnel-grid">
          ${input(mosaic, form, 'title', t('funnel.field.title'), { required: true })}
          ${creating ? html`<div @change=${pipelineChanged}>${input(mosaic, form, 'pipelineId', t('funnel.field.pipeline'), { type: 'select',
            required: true, options: v.pipes.items.map((p) => [p.id, p.name]) })}</div>
            <div @change=${draw}>${input(mosaic, form, 'stageId', t('funnel.field.stage'), { type: 'select',
              options: [['', t('funnel.deal.firstStage', { stage: firstOpen ? firstOpen.name : '—' })], ...stageOptions(v.pipes, pipelineId)] })}</div>`
    : nothing}
          ${input(mosaic, form, 'amount', t('funnel.field.amount'), { hint: t('funnel.deal.amountHint') })}
          ${input(mosaic, form, 'currency', t('funnel.field.currency'), { hint: t('funnel.deal.currencyHint') })}
          ${input(mosaic, form, 'expectedClose', t('funnel.field.expectedClose'), { type: 'date' })}
          ${input(mosaic, form, 'probability', t('funnel.field.probability'), { type: 'number',
            hint: stageProbability === null ? undefined : t('funnel.deal.probabilityHint', { probability: fmt.number(stageProbability) }) })}
          ${combobox(mosaic, form, draw, 'organizationId', t('funnel.field.organization'), { search,
            hint: t('funnel.deal.organizationHint') })}
          ${input(mosaic, form, 'nextStep', t('funnel.field.nextStep'))}
          ${input(mosaic, form, 'nextStepAt', t('funnel.field.nextStepAt'), { type: 'date' })}
          ${closing(stage) ? input(mosaic, form, 'closeReason', t('funnel.field.closeReason')) : nothing}
        </div>
        ${v.fields.length ? html`<fieldset><legend>${t('funnel.customFields')}</legend>
          ${v.fields.map((def) => customInput(mosaic, form, def))}</fieldset>` : nothing}
        ${ownershipInputs(mosaic, form, draw, v.ownership)}
        <div class="kit-actions">
          ${mosaic.can('funnel.write') ? html`<button type="submit" class="primary" ?disabled=${form.busy}>
            ${t(creating ? 'funnel.deal.create' : 'funnel.save')}</button>` : nothing}
          <a href=${creating ? '/funnel' : '/funnel/deals'}>${t('funnel.cancel')}</a>
          ${!creating && mosaic.can('funnel.delete') ? html`<button type="button" class="danger" id="funnel-deal-delete" @click=${remove}
              ?disabled=${form.busy}>${t('funnel.delete')}</button>` : nothing}
        </div>
      </form>`;
    }

    function moveCard() {
      if (!mosaic.can('funnel.write')) return nothing;
      const target = v.pipes.stages.get(moveForm.values.stageId);
      return html`<form class="card" id="funnel-deal-move" @submit=${moveDeal} @change=${draw}>
        <h2>${t('funnel.deal.move')}</h2>
        ${v.moveError ? html`<p class="alert error" role="alert" id="funnel-deal-move-race">${v.moveError}</p>` : nothing}
        ${okBox(mosaic, v.moveNotice)}
        ${errorBox(mosaic, moveForm.error)}
        ${input(mosaic, moveForm, 'stageId', t('funnel.deal.moveTo'), { type: 'select', options: stageOptions(v.pipes) })}
        ${closing(target) ? input(mosaic, moveForm, 'closeReason', t('funnel.field.closeReason'), { hint: t('funnel.board.close.hint') })
    : nothing}
        <button type="submit" ?disabled=${moveForm.busy || !target || target.id === v.deal.stageId}>${t('funnel.deal.move')}</button>
      </form>`;
    }

    function facts() {
      const d = v.deal;
      const stage = v.pipes.stages.get(d.stageId);
      return html`<dl class="kit-facts" id="funnel-deal-facts">
        <dt>${t('funnel.field.stage')}</dt><dd id="funnel-deal-stage">${stage ? `${stage.pipeline.name} › ${stage.name}` : '—'}</dd>
        <dt>${t('funnel.field.amount')}</dt><dd>${d.amount ? fmt.money(d.amount, d.currency) : '—'}</dd>
        <dt>${t('funnel.field.weighted')}</dt><dd>${d.weightedAmount ? fmt.money(d.weightedAmount, d.currency) : '—'}
          (${fmt.number(d.probability)} %)</dd>
        <dt>${t('funnel.field.status')}</dt><dd>${d.closedAt ? t('funnel.deal.closedAt', { date: fmt.dateTime(d.closedAt) })
    : t('funnel.status.open')}${d.rotting ? html` <span class="funnel-rotting">${t('funnel.deal.rotting')}</span>` : nothing}</dd>
        ${d.organizationId ? html`<dt>${t('funnel.field.organization')}</dt>
          <dd><a href=${organizationHref(d.organizationId)}>${v.orgName || '—'}</a></dd>` : nothing}
        <dt>${t('funnel.field.owner')}</dt><dd>${v.who.name(d.ownerId) || '—'}</dd>
      </dl>`;
    }

    function history() {
      const name = (stageId) => (stageId ? (v.pipes.stages.get(stageId) || { name: t('funnel.deal.removedStage') }).name : '—');
      return html`<section class="card" aria-labelledby="funnel-history-title">
        <h2 id="funnel-history-title">${t('funnel.deal.history')}</h2>
        ${tableWrap(mosaic, t('funnel.deal.history'), html`<table id="funnel-deal-history">
          <thead><tr><th scope="col">${t('funnel.history.at')}</th><th scope="col">${t('funnel.history.from')}</th>
            <th scope="col">${t('funnel.history.to')}</th><th scope="col">${t('funnel.history.by')}</th>
            <th scope="col">${t('funnel.field.amount')}</th></tr></thead>
          <tbody>${v.history.map((m) => html`<tr>
            <td>${fmt.dateTime(m.at)}</td><td>${m.fromStageId ? name(m.fromStageId) : t('funnel.history.created')}</td>
            <td>${name(m.toStageId)}</td><td>${v.who.name(m.by) || '—'}</td>
            <td>${m.amount ? fmt.money(m.amount, m.currency) : '—'}</td></tr>`)}</tbody>
        </table>`)}
      </section>`;
    }

    v.render = () => (creating ? html`${tabs(mosaic, 'deals')}${dealForm()}`
      : html`${tabs(mosaic, 'deals')}${facts()}<div class="funnel-deal">${dealForm()}<div>${moveCard()}${history()}</div></div>`);
    return v;
  };
}
