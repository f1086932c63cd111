// The responses-over-time chart of a campaign's page: one line per response (opened, clicked,
// replied, bounced, unsubscribed, interested) over hours or days, drawn as inline SVG here. Each
// line has its own colour, dash and marker shape so that colour is never the only difference; the
// SVG is one labelled image with a summary, and the same figures follow as a table for screen
// readers and for anyone who wants the numbers.

// svg: the SVG twin of the html tag the shell hands pages, from the same lit-html the shell serves.
import { svg } from '/ui/lib/lit-html/lit-html.js';
import { tableWrap } from '/ui/shell/kit.js';

const W = 640;
const H = 240;
const PAD = { left: 40, right: 12, top: 12, bottom: 28 };
const MARKERS = ['circle', 'square', 'diamond', 'triangle', 'cross', 'bar'];

/** The marker of series {@code i} at (x, y): a small shape the legend repeats. */
function marker(i, x, y) {
  const r = 3.5;
  switch (MARKERS[i % MARKERS.length]) {
    case 'circle': return svg`<circle cx=${x} cy=${y} r=${r}></circle>`;
    case 'square': return svg`<rect x=${x - r} y=${y - r} width=${2 * r} height=${2 * r}></rect>`;
    case 'diamond': return svg`<polygon points=${`${x},${y - r - 1} ${x + r + 1},${y} ${x},${y + r + 1} ${x - r - 1},${y}`}></polygon>`;
    case 'triangle': return svg`<polygon points=${`${x},${y - r - 1} ${x + r + 1},${y + r} ${x - r - 1},${y + r}`}></polygon>`;
    case 'cross': return svg`<path d=${`M${x - r} ${y - r}L${x + r} ${y + r}M${x - r} ${y + r}L${x + r} ${y - r}`}></path>`;
    default: return svg`<rect x=${x - 1.5} y=${y - r - 1} width="3" height=${2 * r + 2}></rect>`;
  }
}

/** A round upper bound for the y axis: 1, 2, 5, 10, 20, 50 … at least {@code max}. */
function ceiling(max) {
  if (max <= 1) return 1;
  const step = 10 ** Math.floor(Math.log10(max));
  return [1, 2, 5, 10].map((m) => m * step).find((c) => c >= max);
}

/**
 * The chart and its table for {@code data} ({@code {bucket, series, points:[{at, counts}]}}).
 * {@code label} names the chart; {@code seriesLabel(name)} names a response.
 */
export function responsesChart(mosaic, data, { id, label, seriesLabel }) {
  const { html, t, fmt } = mosaic;
  const { points, series } = data;
  if (!points.length) return html`<p id=${`${id}-none`}>${t('campaigns.chart.none')}</p>`;
  const when = (at) => (data.bucket === 'hour' ? fmt.dateTime(at) : fmt.date(at));
  const max = ceiling(Math.max(...points.flatMap((p) => series.map((s) => p.counts[s]))));
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const x = (i) => PAD.left + (points.length === 1 ? innerW / 2 : (i * innerW) / (points.length - 1));
  const y = (n) => PAD.top + innerH - (n * innerH) / max;
  const ticks = [0, max / 2, max].filter((n, i, all) => Number.isInteger(n) && all.indexOf(n) === i);
  const labelled = [...new Set([0, Math.floor((points.length - 1) / 2), points.length - 1])];
  const totals = series.map((s) => points.reduce((sum, p) => sum + p.counts[s], 0));
  const summary = t('campaigns.chart.summary', {
    from: when(points[0].at), to: when(points[points.length - 1].at),
    totals: series.map((s, i) => `${seriesLabel(s)} ${fmt.number(totals[i])}`).join(', '),
  });

  return html`<figure class="campaigns-chart" id=${id}>
    <svg viewBox=${`0 0 ${W} ${H}`} role="img" aria-labelledby=${`${id}-title ${id}-desc`} preserveAspectRatio="xMidYMid meet">
      <title id=${`${id}-title`}>${label}</title>
      <desc id=${`${id}-desc`}>${summary}</desc>
      <g class="axis" aria-hidden="true">
        ${ticks.map((n) => svg`<line x1=${PAD.left} x2=${W - PAD.right} y1=${y(n)} y2=${y(n)} class="grid"></line>
          <text x=${PAD.left - 6} y=${y(n) + 4} text-anchor="end">${fmt.number(n)}</text>`)}
        ${labelled.map((i) => svg`<text x=${x(i)} y=${H - 8} text-anchor=${i === 0 ? 'start' : i === points.length - 1 ? 'end' : 'middle'}>${when(points[i].at)}</text>`)}
      </g>
      ${series.map((s, si) => svg`<g class=${`series series-${si}`} data-series=${s} aria-hidden="true">
        <polyline fill="none" points=${points.map((p, i) => `${x(i)},${y(p.counts[s])}`).join(' ')}></polyline>
        ${points.map((p, i) => marker(si, x(i), y(p.counts[s])))}
      </g>`)}
    </svg>
    <figcaption>
      <ul class="campaigns-legend">${series.map((s, si) => html`<li class=${`series-${si}`}><svg width="28" height="12" aria-hidden="true"
        viewBox="0 0 28 12"><line x1="0" x2="28" y1="6" y2="6"></line>${marker(si, 14, 6)}</svg>${seriesLabel(s)}</li>`)}</ul>
    </figcaption>
    <details>
      <summary>${t('campaigns.chart.table')}</summary>
      ${tableWrap(mosaic, label, html`<table id=${`${id}-table`}>
        <caption class="visually-hidden">${label}</caption>
        <thead><tr><th scope="col">${t(`campaigns.chart.bucket.${data.bucket}`)}</th>
          ${series.map((s) => html`<th scope="col">${seriesLabel(s)}</th>`)}</tr></thead>
        <tbody>${points.map((p) => html`<tr><th scope="row">${when(p.at)}</th>
          ${series.map((s) => html`<td data-series=${s}>${fmt.number(p.counts[s])}</td>`)}</tr>`)}</tbody>
      </table>`)}
    </details>
  </figure>`;
}
