// The funnel's pages: /funnel (the sales board), /funnel/deals (the list), /funnel/deals/new and
// /funnel/deals/<id> (a deal: its form, Move, stage history, delete), and for administrators
// /funnel/pipelines (pipelines and their stages). Everything is the shell's UI kit; what is the
// funnel's own is the board and what the pages say.

import {
  conflictBox, countLine, cursorPaging, customFields, customFromForm, customInput, customText, customToForm, dataTable, errorBox,
  formAlert, formState, input, lookupInput, mountView, okBox, pager, submit, tableWrap,
} from '/ui/shell/kit.js';

const LIMIT = 25;
const SORTS = ['-updatedAt', 'title', 'expectedClose', '-createdAt'];
const KINDS = ['open', 'won', 'lost'];
const LAST_CURRENCY = 'mosaic.funnel.currency';

// ---- what several pages share ----

const dealHref = (id) => `/funnel/deals/${encodeURIComponent(id)}`;

/** The pages' tabs: board, deals and, for administrators, pipelines. */
function tabs(mosaic, current) {
  const { html, t, nothing } = mosaic;
  const tab = (key, href) => html`<a class=${key === current ? 'button primary' : 'button'} href=${href}
      aria-current=${key === current ? 'page' : 'false'}>${t(`funnel.tab.${key}`)}</a>`;
  return html`<nav class="kit-actions funnel-tabs" aria-label=${t('funnel.tabs')}>
    ${tab('board', '/funnel')}${tab('deals', '/funnel/deals')}
    ${mosaic.can('funnel.admin') ? tab('pipelines', '/funnel/pipelines') : nothing}
    ${mosaic.can('funnel.write') ? html`<a class="button" id="funnel-new-deal" href="/funnel/deals/new">${t('funnel.deal.new')}</a>`
    : nothing}
  </nav>`;
}

/**
 * Who is who: the users (only administrators may list them; others know themselves) and the
 * teams (everyone may list them). A page works without either, showing fewer names.
 */
async function people(mosaic) {
  const { api, user } = mosaic;
  const quietly = (path) => api.get(path, { quiet: true }).then((a) => a.items, () => []);
  const [users, teams] = await Promise.all([user && user.admin ? quietly('users?limit=200') : [], quietly('teams?limit=200')]);
  const names = new Map(users.map((u) => [u.id, u.username]));
  if (user) names.set(user.id, user.username);
  // The owner filter's choices: everyone for administrators, oneself for the others.
  const owners = users.length ? users.map((u) => [u.id, u.username])
    : [[user.id, mosaic.t('funnel.filter.me', { name: user.username })]];
  return { users, teams, owners, name: (id) => names.get(id) || null };
}

/** Pipelines with their stages, and each stage by id with its pipeline. */
async function pipelines(api) {
  const items = (await api.get('funnel/pipelines')).items;
  const stages = new Map();
  for (const p of items) for (const s of p.stages) stages.set(s.id, { ...s, pipeline: p });
  return { items, stages };
}

/** Options of a stage select across pipelines: "Pipeline › Stage" when there are several. */
function stageOptions(pipes, pipelineId) {
  const shown = pipelineId ? pipes.items.filter((p) => p.id === pipelineId) : pipes.items;
  return shown.flatMap((p) => p.stages.map((s) => [s.id, shown.length > 1 ? `${p.name} › ${s.name}` : s.name]));
}

function closing(stage) {
  return stage && stage.kind !== 'open';
}

// ---- the sales board ----

function boardView(mosaic, draw) {
  const { html, t, api, navigate, fmt, nothing, repeat, query } = mosaic;
  const v = { board: null, pipes: null, who: null, notice: null, pending: null, busy: null, dragging: null, over: null, menu: null };
  const filters = formState('funnel-board', {
    pipelineId: query.get('pipelineId') || '', ownerId: query.get('ownerId') || '', teamId: query.get('teamId') || '',
    currency: query.get('currency') || '',
  });
  let reasonForm = formState('funnel-close', {});

  const boardQuery = () => {
    const params = new URLSearchParams();
    for (const [k, value] of Object.entries(filters.values)) if (value) params.set(k, value);
    return params;
  };
  const loadBoard = async () => {
    v.board = await api.get(`funnel/board?${boardQuery()}`);
  };

  v.title = () => t('funnel.board.title');
  v.load = async () => {
    [v.pipes, v.who] = await Promise.all([pipelines(api), people(mosaic)]);
    if (v.pipes.items.length) await loadBoard();
  };

  function applyFilters() {
    // Another pipeline may be in other currencies: its board starts in its own main one.
    if (v.board && filters.values.pipelineId !== v.board.pipelineId) filters.values.currency = '';
    const params = boardQuery();
    const s = params.toString();
    navigate(s ? `/funnel?${s}` : '/funnel');
  }

  const cardOf = (id) => {
    for (const column of v.board.stages) {
      const card = column.deals.find((d) => d.id === id);
      if (card) return { card, column };
    }
    return null;
  };

  /** Puts the keyboard back on a card after the board was drawn again (its element is new). */
  function focusCard(id) {
    requestAnimationFrame(() => document.querySelector(`#page .funnel-card[data-deal="${CSS.escape(id)}"]`)?.focus());
  }

  /** A move chosen by drag, menu or keys; a closing stage first asks for the optional reason. */
  function choose(card, fromId, stage) {
    v.menu = null;
    if (!stage || stage.id === fromId) {
      draw();
      return;
    }
    if (closing(stage)) {
      v.pending = { card, stage };
      reasonForm = formState('funnel-close', { closeReason: '' });
      draw();
      requestAnimationFrame(() => document.getElementById('funnel-close-closeReason')?.focus());
      return;
    }
    move(card, stage, null);
  }

  /**
   * Sends the move with the version the card was drawn with. A 409 means the deal changed
   * since (someone moved or edited it): nothing moved, the page says so in words and shows the
   * board as it is now, with the deal where it really is. The outcome is read out from the
   * board's own live region (it stays in the page, so screen readers hear each new text).
   */
  async function move(card, stage, closeReason) {
    v.pending = null;
    v.busy = card.id;
    v.notice = null;
    draw();
    const body = { stageId: stage.id, version: card.version };
    if (closeReason) body.closeReason = closeReason;
    let lost = false;
    try {
      await api.post(`funnel/deals/${encodeURIComponent(card.id)}/move`, body);
      v.notice = { ok: true, text: t('funnel.board.moved', { title: card.title, stage: stage.name }) };
    } catch (e) {
      if (e.status === 409) lost = true;
      else v.notice = { ok: false, text: mosaic.problemText(e) };
    }
    try {
      await loadBoard();
    } catch (e) {
      v.notice = { ok: false, text: mosaic.problemText(e) };
    }
    if (lost) {
      const now = cardOf(card.id);
      v.notice = { ok: false, race: true, text: now
        ? t('funnel.board.raceLost', { title: card.title, stage: now.column.name })
        : t('funnel.board.raceLostGone', { title: card.title }) };
    }
    v.busy = null;
    draw();
    focusCard(card.id);
  }

  function cardKeys(e, card, column) {
    // Shift+←/→ moves the card to the stage on its left/right, the keyboard's drag.
    if (!e.shiftKey || (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') || e.target !== e.currentTarget) return;
    e.preventDefault();
    if (!mosaic.can('funnel.write') || v.busy) return;
    const at = v.board.stages.findIndex((s) => s.id === column.id);
    const target = v.board.stages[at + (e.key === 'ArrowRight' ? 1 : -1)];
    if (target) choose(card, column.id, target);
  }

  function toggleMenu(card) {
    v.menu = v.menu === card.id ? null : card.id;
    draw();
    if (v.menu) requestAnimationFrame(() => document.querySelector(`#funnel-move-${CSS.escape(card.id)} button`)?.focus());
  }

  function menuKeys(e, card) {
    if (e.key === 'Escape') {
      v.menu = null;
      draw();
      focusCard(card.id);
    }
  }

  // HTML5 drag and drop: a card carries its id; a column takes it.
  const dragStart = (e, card, column) => {
    v.dragging = { card, from: column.id };
    e.dataTransfer.effectAllowed = 'move';
    e.dataTransfer.setData('text/plain', card.id);
  };
  const dragOver = (e, column) => {
    if (!v.dragging) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'move';
    if (v.over !== column.id) {
      v.over = column.id;
      draw();
    }
  };
  const dragEnd = () => {
    v.dragging = null;
    v.over = null;
    draw();
  };
  const drop = (e, column) => {
    e.preventDefault();
    const dragging = v.dragging;
    v.dragging = null;
    v.over = null;
    if (dragging) choose(dragging.card, dragging.from, column);
    else draw();
  };

  const money = (amount, currency) => (amount === null || amount === undefined ? '—' : fmt.money(amount, currency));

  function columnHead(column) {
    const currency = v.board.currency;
    const several = column.totals.length > 1;
    // Won and lost columns say so, unless their name already does.
    const kind = column.kind === 'open' ? null : t(`funnel.kind.${column.kind}`);
    return html`<header class="funnel-column-head">
      <h2 id=${`funnel-stage-${column.id}`}>${column.name}
        ${kind && kind.toLowerCase() !== column.name.toLowerCase() ? html`<span class=${`funnel-kind ${column.kind}`}>${kind}</span>` : nothing}</h2>
      <p class="funnel-sums" data-stage-count=${column.count}>
        <span>${t('funnel.board.count', { count: fmt.number(column.count) })}</span>
        ${currency ? html`<span>${t('funnel.board.amount', { amount: money(column.amount, currency) })}</span>
          <span>${t('funnel.board.weighted', { amount: money(column.weighted, currency), probability: fmt.number(column.probability) })}</span>`
    : nothing}
      </p>
      ${several ? html`<ul class="funnel-totals" aria-label=${t('funnel.board.perCurrency')}>
        ${column.totals.map((x) => html`<li>${t('funnel.board.currencyTotal', { currency: x.currency, count: fmt.number(x.count), amount: money(x.amount, x.currency),
          weighted: money(x.weighted, x.currency) })}</li>`)}</ul>` : nothing}
    </header>`;
  }

  function cardView(card, column) {
    const owner = v.who.name(card.ownerId);
    const writable = mosaic.can('funnel.write');
    const others = v.board.stages.filter((s) => s.id !== column.id);
    return html`<li>
      <article class=${`funnel-card${card.rotting ? ' rotting' : ''}${v.busy === card.id ? ' busy' : ''}`} data-deal=${card.id}
          tabindex="0" draggable=${writable ? 'true' : 'false'} aria-labelledby=${`funnel-card-${card.id}`}
          aria-describedby=${writable ? 'funnel-board-keys' : nothing} aria-busy=${v.busy === card.id ? 'true' : 'false'}
          @dragstart=${(e) => dragStart(e, card, column)} @dragend=${dragEnd} @keydown=${(e) => cardKeys(e, card, column)}>
        <h3 id=${`funnel-card-${card.id}`}><a href=${dealHref(card.id)} draggable="false">${card.title}</a></h3>
        ${card.organizationName ? html`<p class="funnel-org">${card.organizationName}</p>` : nothing}
        <p class="funnel-card-facts">
          <span class="funnel-amount">${money(card.amount, card.currency)}</span>
          ${owner ? html`<span class="funnel-owner">${owner}</span>` : nothing}
          ${card.expectedClose ? html`<span>${t('funnel.board.closes', { date: fmt.date(`${card.expectedClose}T00:00`) })}</span>` : nothing}
        </p>
        ${card.rotting ? html`<p class="funnel-rotting">${t('funnel.board.rotting', { days: fmt.number(column.rotDays) })}</p>` : nothing}
        ${writable ? html`<div class="funnel-move">
          <button type="button" class="funnel-move-button" aria-expanded=${v.menu === card.id ? 'true' : 'false'}
              aria-controls=${`funnel-move-${card.id}`} ?disabled=${Boolean(v.busy)} @click=${() => toggleMenu(card)}>
            ${t('funnel.board.moveTo')}<span class="visually-hidden"> ${card.title}</span></button>
          <ul id=${`funnel-move-${card.id}`} class="funnel-move-menu" ?hidden=${v.menu !== card.id} @keydown=${(e) => menuKeys(e, card)}>
            ${others.map((s) => html`<li><button type="button" data-stage=${s.id} @click=${() => choose(card, column.id, s)}>${s.name}</button></li>`)}
          </ul>
        </div>` : nothing}
      </article>
    </li>`;
  }

  function closeDialog() {
    if (!v.pending) return nothing;
    const { card, stage } = v.pending;
    const confirm = (e) => {
      e.preventDefault();
      move(card, stage, String(reasonForm.values.closeReason || '').trim() || null);
    };
    const cancel = () => {
      v.pending = null;
      draw();
      focusCard(card.id);
    };
    return html`<form class="card funnel-close" id="funnel-close" role="dialog" aria-labelledby="funnel-close-title" @submit=${confirm}
        @keydown=${(e) => { if (e.key === 'Escape') cancel(); }}>
      <h2 id="funnel-close-title">${t(`funnel.board.close.${stage.kind}`, { title: card.title, stage: stage.name })}</h2>
      ${input(mosaic, reasonForm, 'closeReason', t('funnel.field.closeReason'), { hint: t('funnel.board.close.hint') })}
      <div class="kit-actions">
        <button type="submit" class="primary">${t('funnel.board.close.confirm', { stage: stage.name })}</button>
        <button type="button" @click=${cancel}>${t('funnel.cancel')}</button>
      </div>
    </form>`;
  }

  function filterForm() {
    const currencies = [...new Set(v.board.stages.flatMap((s) => s.totals.map((x) => x.currency)))].sort();
    return html`<form class="card funnel-filters" role="search" id="funnel-board-filters" aria-label=${t('funnel.filter.label')}
        @change=${applyFilters} @submit=${(e) => { e.preventDefault(); applyFilters(); }}>
      ${input(mosaic, filters, 'pipelineId', t('funnel.field.pipeline'), { type: 'select',
        options: v.pipes.items.map((p) => [p.id, p.name]) })}
      ${input(mosaic, filters, 'ownerId', t('funnel.field.owner'), { type: 'select', options: [['', t('funnel.filter.anyone')], ...v.who.owners] })}
      ${v.who.teams.length ? input(mosaic, filters, 'teamId', t('funnel.field.team'), { type: 'select',
        options: [['', t('funnel.filter.anyTeam')], ...v.who.teams.map((tm) => [tm.id, tm.name])] }) : nothing}
      ${currencies.length > 1 ? input(mosaic, filters, 'currency', t('funnel.field.currency'), { type: 'select',
        options: currencies.map((c) => [c, c]) }) : nothing}
      <noscript><button type="submit">${t('funnel.filter.apply')}</button></noscript>
    </form>`;
  }

  v.render = () => {
    if (!v.pipes.items.length) {
      return html`${tabs(mosaic, 'board')}<p>${t('funnel.board.noPipeline')}</p>
        ${mosaic.can('funnel.admin') ? html`<p><a class="button primary" href="/funnel/pipelines">${t('funnel.pipelines.create')}</a></p>`
    : nothing}`;
    }
    if (!filters.values.pipelineId) filters.values.pipelineId = v.board.pipelineId;
    if (!filters.values.currency && v.board.currency) filters.values.currency = v.board.currency;
    return html`
      ${tabs(mosaic, 'board')}
      ${filterForm()}
      <p class="visually-hidden" id="funnel-board-keys">${t('funnel.board.keys')}</p>
      <div class="funnel-notice" aria-live="assertive" aria-atomic="true">${v.notice ? html`<p id="funnel-board-notice"
          class=${`alert ${v.notice.ok ? 'success' : 'error'}`} data-race=${v.notice.race ? 'true' : 'false'}>${v.notice.text}</p>` : nothing}</div>
      ${closeDialog()}
      ${tableWrap(mosaic, t('funnel.board.label', { name: v.board.pipelineName }), html`<div class="funnel-board" id="funnel-board">
        ${repeat(v.board.stages, (s) => s.id, (column) => html`<section class=${`funnel-column ${column.kind}${v.over === column.id ? ' over' : ''}`}
            data-stage=${column.id} aria-labelledby=${`funnel-stage-${column.id}`}
            @dragover=${(e) => dragOver(e, column)} @dragleave=${(e) => { if (e.currentTarget === e.target && v.over === column.id) { v.over = null; draw(); } }}
            @drop=${(e) => drop(e, column)}>
          ${columnHead(column)}
          <ul class="funnel-cards">${repeat(column.deals, (d) => d.id, (card) => cardView(card, column))}</ul>
          ${column.more ? html`<p class="hint"><a href=${`/funnel/deals?${new URLSearchParams({ pipelineId: v.board.pipelineId, stageId: column.id })}`}>
            ${t('funnel.board.more', { count: fmt.number(column.count) })}</a></p>` : nothing}
        </section>`)}
      </div>`)}`;
  };
  return v;
}

// ---- the deals list ----

/** The list's filters and sort as the export takes them. */
function exportQuery(paging) {
  const query = new URLSearchParams(paging.filters);
  query.set('format', 'csv');
  return query;
}

function listView(mosaic, draw) {
  const { html, t, api, navigate, fmt, nothing } = mosaic;
  const paging = cursorPaging(mosaic.query, '/funnel/deals', LIMIT);
  const form = formState('funnel-deals-filter', Object.fromEntries(paging.filters));
  const v = { fields: [], page: null, pipes: null, who: null };

  v.title = () => t('funnel.deals.title');
  v.load = async () => {
    [v.fields, v.page, v.pipes, v.who] = await Promise.all([customFields(api, 'funnel', 'deal'),
      api.get(`funnel/deals?${paging.request()}`), pipelines(api), people(mosaic)]);
    paging.focusCount();
  };

  function applyFilters(event) {
    event.preventDefault();
    navigate(paging.filtered(form.values));
  }

  v.render = () => {
    if (!form.values.sort) form.values.sort = SORTS[0];
    const stageName = (id) => (v.pipes.stages.get(id) || { name: '—' }).name;
    const columns = [
      { label: t('funnel.field.title'), cell: (d) => html`<a href=${dealHref(d.id)}>${d.title}</a>`, sort: 'title' },
      { label: t('funnel.field.organization'), cell: (d) => d.organizationName || '—' },
      { label: t('funnel.field.stage'), cell: (d) => stageName(d.stageId) },
      { label: t('funnel.field.amount'), cell: (d) => (d.amount ? fmt.money(d.amount, d.currency) : '—') },
      { label: t('funnel.field.probability'), cell: (d) => `${fmt.number(d.probability)} %` },
      { label: t('funnel.field.expectedClose'), cell: (d) => (d.expectedClose ? fmt.date(`${d.expectedClose}T00:00`) : '—'),
        sort: 'expectedClose' },
      { label: t('funnel.field.owner'), cell: (d) => v.who.name(d.ownerId) || '—' },
      ...v.fields.map((def) => ({ label: def.label, cell: (d) => customText(mosaic, def, (d.customFields || {})[def.key]) })),
      { label: t('funnel.field.updatedAt'), cell: (d) => fmt.dateTime(d.updatedAt), sort: 'updatedAt' },
    ];
    return html`
      ${tabs(mosaic, 'deals')}
      <form class="card funnel-filters" role="search" id="funnel-deals-filters" aria-label=${t('funnel.filter.label')} @submit=${applyFilters}
          @change=${draw}>
        ${input(mosaic, form, 'q', t('funnel.filter.q'), { type: 'search' })}
        ${input(mosaic, form, 'pipelineId', t('funnel.field.pipeline'), { type: 'select',
          options: [['', t('funnel.filter.anyPipeline')], ...v.pipes.items.map((p) => [p.id, p.name])] })}
        ${input(mosaic, form, 'stageId', t('funnel.field.stage'), { type: 'select',
          options: [['', t('funnel.filter.anyStage')], ...stageOptions(v.pipes, form.values.pipelineId)] })}
        ${input(mosaic, form, 'status', t('funnel.field.status'), { type: 'select',
          options: [['', t('funnel.filter.anyStatus')], ['open', t('funnel.status.open')], ['closed', t('funnel.status.closed')]] })}
        ${input(mosaic, form, 'ownerId', t('funnel.field.owner'), { type: 'select', options: [['', t('funnel.filter.anyone')], ...v.who.owners] })}
        ${v.fields.map((def) => customInput(mosaic, form, def, { filter: true }))}
        ${input(mosaic, form, 'sort', t('funnel.filter.sort'), { type: 'select', options: SORTS.map((s) => [s, t(`funnel.sort.${s}`)]) })}
        <div class="kit-actions">
          <button type="submit" class="primary">${t('funnel.filter.apply')}</button>
          <a href="/funnel/deals">${t('funnel.filter.clear')}</a>
          ${mosaic.can('funnel.export') ? html`<a class="button" id="funnel-deals-export"
              href=${`/api/v1/funnel/deals/export?${exportQuery(paging)}`} download="deals.csv">${t('funnel.deals.export')}</a>` : nothing}
        </div>
      </form>
      ${countLine(mosaic, paging, v.page)}
      ${v.page.items.length ? dataTable(mosaic, { label: t('funnel.deals.title'), id: 'funnel-deals', columns, rows: v.page.items,
        key: (d) => d.id, sort: paging.filters.get('sort') || SORTS[0], sortHref: paging.sortedBy }) : nothing}
      ${pager(mosaic, paging, v.page)}`;
  };
  return v;
}

// ---- a deal: the form (new or existing), Move, history, delete ----

/** The form's values of a deal (or of a new one in the given pipeline). */
function dealValues(deal, fields, orgName, pipelineId) {
  const values = {
    title: deal.title || '', pipelineId: deal.pipelineId || pipelineId || '', stageId: deal.stageId || '',
    amount: deal.amount || '', currency: deal.currency || (deal.id ? '' : localStorage.getItem(LAST_CURRENCY) || ''),
    expectedClose: deal.expectedClose || '', probability: deal.probabilityOwn ? String(deal.probability) : '',
    organizationId: deal.organizationId || '', organizationIdText: orgName || '', nextStep: deal.nextStep || '',
    nextStepAt: deal.nextStepAt || '', closeReason: deal.closeReason || '', ownerId: deal.ownerId || '', teamId: deal.teamId || '',
  };
  for (const def of fields) values[`cf.${def.key}`] = customToForm(def, (deal.customFields || {})[def.key]);
  return values;
}

/** The API body of the form: empty texts as null, the amount and probability as typed (the server checks them). */
function dealBody(values, fields, { creating, owners }) {
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
  if (owners) {
    if (text('ownerId')) body.ownerId = text('ownerId');
    if (text('teamId')) body.teamId = text('teamId');
  }
  if (fields.length) body.customFields = Object.fromEntries(fields.map((def) => [def.key, customFromForm(def, values[`cf.${def.key}`])]));
  return body;
}

function dealView(id) {
  return (mosaic, draw) => {
    const { html, t, api, navigate, fmt, nothing } = mosaic;
    const v = { fields: [], deal: null, pipes: null, who: null, history: [], orgName: null, moveError: null, moveNotice: null };
    let form = formState('deal', {});
    let moveForm = formState('deal-move', {});
    const creating = !id;

    const search = async (q) => (await api.get(`contacts/organizations?${new URLSearchParams({ q, limit: '10' })}`, { quiet: true }))
      .items.map((o) => [o.id, o.domain ? `${o.name} (${o.domain})` : o.name]);

    async function loadDeal() {
      v.deal = await api.get(`funnel/deals/${encodeURIComponent(id)}`);
      v.history = (await api.get(`funnel/deals/${encodeURIComponent(id)}/history`)).items;
      v.orgName = v.deal.organizationName || null;
      form = formState('deal', dealValues(v.deal, v.fields, v.orgName));
      moveForm = formState('deal-move', { stageId: v.deal.stageId, closeReason: v.deal.closeReason || '' });
    }

    v.title = () => (v.deal ? v.deal.title : t('funnel.deal.new'));
    v.load = async () => {
      [v.fields, v.pipes, v.who] = await Promise.all([customFields(api, 'funnel', 'deal'), pipelines(api), people(mosaic)]);
      if (creating) {
        const pipelineId = mosaic.query.get('pipelineId') || (v.pipes.items[0] || {}).id;
        form = formState('deal', dealValues({}, v.fields, null, pipelineId));
      } else {
        await loadDeal();
      }
    };

    const owners = () => v.who.users.length > 0;

    async function save(event) {
      event.preventDefault();
      const body = dealBody(form.values, v.fields, { creating, owners: owners() });
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
      if (!window.confirm(t('funnel.deal.deleteConfirm', { title: v.deal.title }))) return;
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
          ${lookupInput(mosaic, form, draw, 'organizationId', t('funnel.field.organization'), { search,
            hint: t('funnel.deal.organizationHint'), noMatch: t('funnel.deal.noOrganization') })}
          ${input(mosaic, form, 'nextStep', t('funnel.field.nextStep'))}
          ${input(mosaic, form, 'nextStepAt', t('funnel.field.nextStepAt'), { type: 'date' })}
          ${closing(stage) ? input(mosaic, form, 'closeReason', t('funnel.field.closeReason')) : nothing}
          ${owners() ? html`
            ${input(mosaic, form, 'ownerId', t('funnel.field.owner'), { type: 'select',
              options: [['', t('funnel.deal.ownerMe')], ...v.who.users.map((u) => [u.id, u.username])] })}
            ${input(mosaic, form, 'teamId', t('funnel.field.team'), { type: 'select',
              options: [['', t('funnel.deal.teamOwner')], ...v.who.teams.map((tm) => [tm.id, tm.name])] })}` : nothing}
        </div>
        ${v.fields.length ? html`<fieldset><legend>${t('funnel.customFields')}</legend>
          ${v.fields.map((def) => customInput(mosaic, form, def))}</fieldset>` : nothing}
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
          <dd><a href=${`/contacts/organizations/${encodeURIComponent(d.organizationId)}`}>${v.orgName || '—'}</a></dd>` : nothing}
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

    v.render = () => (creating ? html`${tabs(mosaic, 'new')}${dealForm()}`
      : html`${tabs(mosaic, 'deal')}${facts()}<div class="funnel-deal">${dealForm()}<div>${moveCard()}${history()}</div></div>`);
    return v;
  };
}

// ---- pipeline settings (funnel.admin) ----

function pipelinesView(mosaic) {
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

function pipelineView(id) {
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
      if (!window.confirm(t('funnel.pipelines.deleteConfirm', { name: v.pipeline.name }))) return;
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

function notFound(mosaic) {
  return {
    title: () => mosaic.t('funnel.board.title'),
    load: async () => {},
    render: () => mosaic.html`<p>${mosaic.t('kit.notFound')}</p><p><a href="/funnel">${mosaic.t('funnel.board.title')}</a></p>`,
  };
}

function pageFor(path) {
  const [section, id, ...rest] = path.split('/').filter(Boolean).slice(1);
  if (rest.length) return notFound;
  if (!section) return id ? notFound : boardView;
  if (section === 'deals') {
    if (!id) return listView;
    return dealView(id === 'new' ? null : id);
  }
  if (section === 'pipelines') {
    if (!id) return pipelinesView;
    return pipelineView(id === 'new' ? null : id);
  }
  return notFound;
}

export function mount(host, mosaic) {
  return mountView(host, mosaic, pageFor(mosaic.path), { className: 'funnel-page' });
}
