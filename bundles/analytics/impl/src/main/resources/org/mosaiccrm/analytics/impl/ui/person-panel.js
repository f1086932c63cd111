// Analytics on a person's page (a panel for contacts.person): their RFM scores and segment, churn
// risk in words, lifetime value (GET /api/v1/analytics/people/{id}: the customer's own orders,
// scored by the quintiles of the latest segmentation, or counted among all customers on request),
// and what customers who bought the same products also bought (the
// latest computation of the basket rules, GET /api/v1/analytics/basket/rules?customerId=…,
// followed while it is being computed).

import { errorBox } from '/ui/shell/kit.js';
import { followAnalysis, panelStatus, ruleList } from './common.js';

const SHOWN_RULES = 10;

/** The customer's figures; orders in several currencies are counted in the company's. */
async function figures(mosaic, id) {
  const path = `analytics/people/${encodeURIComponent(id)}`;
  try {
    return await mosaic.api.get(path);
  } catch (e) {
    const currency = mosaic.company().currency;
    if (e.status === 400 && currency && e.errors.some((f) => f.field === 'currency')) {
      return mosaic.api.get(`${path}?currency=${encodeURIComponent(currency)}`);
    }
    throw e;
  }
}

/** How overdue the customer is, in a sentence. */
function churnText(mosaic, churn) {
  const { t, fmt } = mosaic;
  const days = fmt.number(churn.daysSinceLast);
  if (churn.meanIntervalDays === null || churn.meanIntervalDays === undefined) return t('analytics.panel.churn.unknown', { days });
  const interval = fmt.number(Number(churn.meanIntervalDays));
  const overdue = Number(churn.overdueDays);
  return overdue > 0
    ? t('analytics.panel.churn.overdue', { interval, days, overdue: fmt.number(overdue) })
    : t('analytics.panel.churn.onTime', { interval, days });
}

export function mount(card, mosaic, record) {
  const { html, render, t, fmt, nothing } = mosaic;
  let person = null;
  let failed = null;
  let rules = { answer: null, computing: false, gaveUp: false, error: null };
  let stopRules = () => {};
  let gone = false;

  const figuresView = (p) => {
    if (!p.rfm) return html`<p class="hint" data-fact="none">${t('analytics.panel.noOrders')}</p>`;
    return html`<dl class="kit-facts">
      <dt>${t('analytics.panel.segment')}</dt>
      <dd data-fact="segment" data-segment=${p.rfm.segment}>${t(`analytics.segment.${p.rfm.segment.replace(' ', '')}`)}
        <span class="hint" data-fact="scores">${t('analytics.panel.scores', { r: p.rfm.r, f: p.rfm.f, m: p.rfm.m })}</span>
        ${p.rfmComputedAt ? html`<span class="hint" data-fact="scored-at">${t('analytics.panel.scoredAt',
          { time: fmt.dateTime(p.rfmComputedAt) })}</span>` : nothing}</dd>
      <dt>${t('analytics.panel.churn')}</dt>
      <dd data-fact="churn" data-risk=${p.churnRisk.risk}><strong>${t(`analytics.panel.risk.${p.churnRisk.risk}`)}</strong>:
        ${churnText(mosaic, p.churnRisk)}</dd>
      <dt>${t('analytics.panel.lifetimeValue')}</dt>
      <dd data-fact="lifetimeValue">${fmt.money(p.lifetimeValue, p.currency)}
        <span class="hint">${t('analytics.panel.orders', { count: fmt.number(p.orders) })}</span></dd>
    </dl>`;
  };

  const rulesView = () => {
    const a = rules.answer;
    return html`<h3>${t('analytics.panel.together')}</h3>
      ${panelStatus(mosaic, rules)}${errorBox(mosaic, rules.error)}
      ${a ? (a.rules.length ? ruleList(mosaic, a.rules)
        : html`<p class="hint" data-fact="no-rules">${t('analytics.panel.noRulesForPerson')}</p>`) : nothing}
      ${a ? html`<p><a href="/analytics/basket">${t('analytics.panel.allRules')}</a></p>` : nothing}`;
  };

  const draw = () => {
    if (gone) return;
    render(html`<h2>${t('analytics.panel.customer')}</h2>
      ${failed ? errorBox(mosaic, failed) : nothing}
      ${!person && !failed ? html`<p aria-busy="true">${t('shell.loading')}</p>` : nothing}
      ${person ? figuresView(person) : nothing}
      ${person && person.rfm ? rulesView() : nothing}`, card);
  };

  draw();
  figures(mosaic, record.id).then((p) => {
    person = p;
    draw();
    // Rules only speak of what a customer bought: none without orders.
    if (p.rfm && !gone) {
      stopRules = followAnalysis(mosaic, `analytics/basket/rules?customerId=${encodeURIComponent(record.id)}&limit=${SHOWN_RULES}`,
        (state) => { rules = state; draw(); });
    }
  }, (e) => {
    failed = e;
    draw();
  });
  return () => {
    gone = true;
    stopRules();
  };
}
