// Charts drawn by Apache ECharts (served from this bundle, lib/echarts.esm.min.js, loaded on the
// first chart). The shell's page requires Trusted Types, so no HTML is ever written: tooltips are
// drawn on the canvas (richText), and the one HTML write ECharts makes on its own, emptying the
// chart's element when it starts and ends (innerHTML = ""), is done through the DOM instead (any
// other HTML write on that element is refused). Colours come from the theme's custom properties.

let library;

function echarts() {
  library = library || import('./lib/echarts.esm.min.js');
  return library;
}

function themeColour(name, fallback) {
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return value || fallback;
}

const HTML = Object.getOwnPropertyDescriptor(Element.prototype, 'innerHTML');

/** Lets ECharts empty the element without writing HTML (which Trusted Types would block), and nothing more. */
function emptiedThroughTheDom(element) {
  if (Object.prototype.hasOwnProperty.call(element, 'innerHTML')) return;
  Object.defineProperty(element, 'innerHTML', {
    configurable: true,
    get() {
      return HTML.get.call(element);
    },
    set(value) {
      if (value !== '' && value !== null) throw new TypeError('A chart writes no HTML.');
      element.replaceChildren();
    },
  });
}

/** Draws (or redraws) an ECharts option into an element; charts resize with the window. */
export async function draw(element, option) {
  if (!element) return;
  emptiedThroughTheDom(element);
  const lib = await echarts();
  const chart = lib.getInstanceByDom(element) || lib.init(element, null, { renderer: 'canvas' });
  const text = themeColour('--text', '#222');
  // No animation: a dashboard shows its figures at once, and motion bothers some readers.
  chart.setOption({
    animation: false,
    textStyle: { color: text },
    tooltip: { renderMode: 'richText', trigger: option.series && option.series[0] && option.series[0].type === 'funnel' ? 'item' : 'axis' },
    legend: { textStyle: { color: text }, type: 'scroll', bottom: 0 },
    grid: { left: 48, right: 16, top: 16, bottom: 48, containLabel: true },
    ...option,
  }, true);
  if (!element.dataset.resizes) {
    element.dataset.resizes = 'yes';
    window.addEventListener('resize', () => chart.resize());
  }
}

/**
 * The series of a metric's figures: one per key and currency, a value per bucket (0 where the
 * bucket has no data), on the axis of every bucket of the period.
 */
export function metricSeries(figures, nameOf) {
  const axis = figures.buckets.length ? figures.buckets : [''];
  const groups = new Map();
  for (const p of figures.points) {
    const name = [p.key ? nameOf(p.key) : null, p.currency].filter(Boolean).join(' · ') || '∑';
    if (!groups.has(name)) groups.set(name, new Map());
    groups.get(name).set(p.bucket || '', Number(p.value));
  }
  return { axis, series: [...groups].map(([name, values]) => ({ name, data: axis.map((b) => values.get(b) || 0) })) };
}
