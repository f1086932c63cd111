// Search results for ?q=…: hits across every record type the user may read, counts per type,
// and the matched words marked. The snippet arrives with HTML escaped and <mark> around matches;
// it is split into text pieces here, so customer data is only ever rendered as text.


function pieces(snippet) {
  const unescape = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#x27;/g, "'")
    .replace(/&#39;/g, "'").replace(/&#x2F;/g, '/').replace(/&amp;/g, '&');
  return snippet.split(/(<mark>.*?<\/mark>)/).filter((p) => p).map((p) => (p.startsWith('<mark>')
    ? { marked: true, text: unescape(p.slice(6, -7)) } : { marked: false, text: unescape(p) }));
}

export function mount(host, mosaic) {
  const { html, render, nothing, api, t, fmt, problemText } = mosaic;
  // A type in the user's language: the owning module names it (RecordIndexer.typeKey) in its messages.
  const typeName = (answer, type) => {
    const key = answer.types && answer.types[type];
    const name = key ? t(key) : key;
    return name && name !== key ? name : type;
  };
  const q = (mosaic.query.get('q') || '').trim();

  const show = (body) => render(html`<section class="card">
      <h1>${t('search.title')}</h1>
      <form role="search" @submit=${(e) => {
        e.preventDefault();
        const next = new FormData(e.target).get('q').trim();
        if (next) {
          mosaic.navigate(`/search?q=${encodeURIComponent(next)}`);
        }
      }}>
        <label class="field">${t('search.label')} <input type="search" name="q" .value=${q}></label>
      </form>
      ${body}
    </section>`, host);

  if (!q) {
    show(nothing);
    return undefined;
  }
  show(html`<p class="hint">${t('search.searching')}</p>`);
  api.get(`search?q=${encodeURIComponent(q)}&limit=50`).then((answer) => {
    mosaic.announce(t('search.found', { count: fmt.number(answer.total) }));
    show(html`
      <p>${t('search.found', { count: fmt.number(answer.total) })}
        ${Object.entries(answer.facets).map(([type, count]) => html` <span class="tag">${typeName(answer, type)}: ${fmt.number(count)}</span>`)}</p>
      <ul class="search-results">
        ${answer.items.map((hit) => html`<li>
          ${hit.href ? html`<a href=${hit.href}>${hit.title}</a>` : html`<strong>${hit.title}</strong>`}
          <span class="hint">${typeName(answer, hit.type)}</span>
          <div>${pieces(hit.snippet).map((p) => (p.marked ? html`<mark>${p.text}</mark>` : p.text))}</div>
        </li>`)}
      </ul>`);
  }).catch((error) => show(html`<p class="alert error">${problemText(error)}</p>`));
  return undefined;
}
