// What the analytics pages share: their sub-navigation, CSV links and how figures are summed.

/** The sections of analytics; the one open is marked as the current page. */
export function tabs(mosaic, current) {
  const { html, t, can } = mosaic;
  const items = [['/analytics', 'analytics.dashboards'], ['/analytics/rfm', 'analytics.rfm.title'],
    ['/analytics/cohorts', 'analytics.cohorts.title'], ['/analytics/basket', 'analytics.basket.title']];
  return html`<nav class="analytics-tabs" aria-label=${t('analytics.title')}><ul>${items.map(([href, key]) => html`<li>
    <a href=${href} aria-current=${href === current ? 'page' : 'false'}>${t(key)}</a></li>`)}</ul>
    ${can('analytics.export') ? mosaic.nothing : html`<p class="hint">${t('analytics.noExport')}</p>`}</nav>`;
}

/** A link that downloads an answer as CSV (the session cookie authorises a GET; no CSRF header is needed). */
export function csvLink(mosaic, path) {
  if (!mosaic.can('analytics.export')) return mosaic.nothing;
  const separator = path.includes('?') ? '&' : '?';
  return mosaic.html`<a class="button" href=${`/api/v1/${path}${separator}format=csv`} download>${mosaic.t('analytics.csv')}</a>`;
}

/** Decimal strings added exactly (money is never a float): in units of 10^-scale as BigInt. */
export function decimalSum(values) {
  const scale = Math.max(0, ...values.map((v) => (String(v).split('.')[1] || '').length));
  const units = values.reduce((sum, v) => {
    const [whole, fraction = ''] = String(v).replace('-', '').split('.');
    const n = BigInt(whole + fraction.padEnd(scale, '0'));
    return sum + (String(v).startsWith('-') ? -n : n);
  }, 0n);
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const text = scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  return negative ? `-${text}` : text;
}

/** A share (0.6667) as a percentage in the user's language. */
export function percent(mosaic, share) {
  if (share === null || share === undefined) return '–';
  return new Intl.NumberFormat(mosaic.language, { style: 'percent', maximumFractionDigits: 1 }).format(Number(share));
}

/** A ratio such as a lift (1.12) to three decimals in the user's language. */
export function ratio(mosaic, value) {
  return new Intl.NumberFormat(mosaic.language, { maximumFractionDigits: 3 }).format(Number(value));
}

/** How often a panel asks again for an analysis being computed, at most: about a minute at the server's usual two seconds. */
const PANEL_TRIES = 30;

/**
 * Follows an analysis the server computes by a job, for a panel: calls {@code show({answer,
 * computing, gaveUp, error})} with each answer. While there is none yet (202, {@code retryAfter}
 * seconds given) or a newer one is being computed (the answer names the run in {@code refreshing}),
 * it asks again after those seconds, a bounded number of times; then {@code gaveUp} is true.
 * Returns the function that stops it.
 */
export function followAnalysis(mosaic, path, show) {
  let timer = null;
  let stopped = false;
  let left = PANEL_TRIES;
  let last = null;
  const ask = async () => {
    try {
      const a = await mosaic.api.get(path, left < PANEL_TRIES ? { background: true } : undefined);
      if (stopped) return;
      const pending = Boolean(a && a.state === 'computing');
      if (!pending) last = a;
      const again = pending || Boolean(a && a.refreshing);
      show({ answer: last, computing: again && left > 0, gaveUp: again && left === 0, error: null });
      if (again && left > 0) {
        left -= 1;
        const seconds = pending ? Math.min(Math.max(Number(a.retryAfter) || 2, 1), 60) : 2;
        timer = setTimeout(ask, seconds * 1000);
      }
    } catch (e) {
      if (!stopped) show({ answer: last, computing: false, gaveUp: false, error: e });
    }
  };
  ask();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/** Items of a rule (SKUs), each a link to the products matching it. */
export function skuList(mosaic, items) {
  const { html } = mosaic;
  return html`${items.map((sku, i) => html`${i ? ' + ' : ''}<a href=${`/funnel/products?q=${encodeURIComponent(sku)}`}><code>${sku}</code></a>`)}`;
}

/** Where a panel's analysis stands: computing, given up waiting, computed at, or changed since. */
export function panelStatus(mosaic, state) {
  const { html, t, nothing } = mosaic;
  if (state.computing && !state.answer) return html`<p class="hint analytics-computing" role="status">${t('analytics.panel.computing')}</p>`;
  if (state.gaveUp && !state.answer) return html`<p class="hint" role="status">${t('analytics.panel.stillComputing')}</p>`;
  if (!state.answer) return nothing;
  return html`<p class="hint analytics-computed">${state.answer.computedAt
    ? t('analytics.computedAt', { time: mosaic.fmt.dateTime(state.answer.computedAt) }) : nothing}
    ${state.answer.stale ? html` ${t('analytics.stale')}` : nothing}</p>`;
}

/**
 * A panel's list of rules: what is bought together, with the products that lead to it (but
 * {@code besides}, the product whose page it is), confidence and lift.
 */
export function ruleList(mosaic, rules, { besides } = {}) {
  const { html, t, nothing } = mosaic;
  return html`<ul class="analytics-together">${rules.map((r) => {
    const leading = r.antecedent.filter((sku) => sku !== besides);
    return html`<li data-sku=${r.consequent.join(' ')}>${skuList(mosaic, r.consequent)}
      ${leading.length ? html`<span class="hint">${t('analytics.panel.with')}</span> ${skuList(mosaic, leading)}` : nothing}
      <span class="hint" data-fact="figures">${t('analytics.panel.figures', { confidence: percent(mosaic, r.confidence),
        lift: ratio(mosaic, r.lift), count: mosaic.fmt.number(r.count) })}</span></li>`;
  })}</ul>`;
}
