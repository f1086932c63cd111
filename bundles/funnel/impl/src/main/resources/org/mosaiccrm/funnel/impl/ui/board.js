// The sales board (/funnel): one column per stage of a pipeline with its count, sum and weighted
// sum; cards moved by dragging, by a Move to… menu or by Shift+arrow keys; a closing stage asks
// for the optional reason first; a move that lost a race says so in words and shows the board as
// it is now. Filters (pipeline, owner, team, currency) live in the address.

import { formState, input, tableWrap } from '/ui/shell/kit.js';
import { action, closing, dealHref, money as moneyText, people, pipelines, tabs } from './common.js';

export function boardView(mosaic, draw) {
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

  const money = (amount, currency) => moneyText(mosaic, amount, currency);

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
      <div class="kit-actions">${action(mosaic, { id: 'funnel-new-deal', href: `/funnel/deals/new?pipelineId=${encodeURIComponent(v.board.pipelineId)}`,
        label: t('funnel.deal.new'), permission: 'funnel.write' })}</div>
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
