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
