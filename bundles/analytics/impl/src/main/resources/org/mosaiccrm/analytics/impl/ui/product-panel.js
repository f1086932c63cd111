// Analytics on a product's page (a panel for funnel.product): what is bought together with it,
// from the latest computation of the basket rules over the orders the user may see
// (GET /api/v1/analytics/basket/rules?sku=…: rules whose antecedent holds the product's SKU),
// with each rule's confidence and lift; followed while the rules are being computed.

import { errorBox } from '/ui/shell/kit.js';
import { followAnalysis, panelStatus, ruleList } from './common.js';

const SHOWN_RULES = 10;

export function mount(card, mosaic, record) {
  const { html, render, t, nothing } = mosaic;
  let state = { answer: null, computing: false, gaveUp: false, error: null };
  let stop = () => {};
  let gone = false;

  const draw = () => {
    if (gone) return;
    const a = state.answer;
    render(html`<h2>${t('analytics.panel.together')}</h2>
      ${!a && !state.computing && !state.gaveUp && !state.error ? html`<p aria-busy="true">${t('shell.loading')}</p>` : nothing}
      ${panelStatus(mosaic, state)}${errorBox(mosaic, state.error)}
      ${a ? (a.rules.length ? ruleList(mosaic, a.rules, { besides: state.sku })
        : html`<p class="hint" data-fact="no-rules">${t('analytics.panel.noRulesForProduct')}</p>`) : nothing}
      ${a ? html`<p class="hint">${t('analytics.panel.howTogether')} <a href="/analytics/basket">${t('analytics.panel.allRules')}</a></p>`
        : nothing}`, card);
  };

  draw();
  // The rules name products by SKU: the product's own, read as the user may see it.
  mosaic.api.get(`funnel/products/${encodeURIComponent(record.id)}`).then((product) => {
    if (gone) return;
    stop = followAnalysis(mosaic, `analytics/basket/rules?sku=${encodeURIComponent(product.sku)}&limit=${SHOWN_RULES}`,
      (s) => { state = { ...s, sku: product.sku }; draw(); });
  }, (e) => {
    state = { ...state, error: e };
    draw();
  });
  return () => {
    gone = true;
    stop();
  };
}
