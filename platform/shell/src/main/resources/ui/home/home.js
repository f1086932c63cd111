// The start page, a UI contribution of the shell itself: it greets the user and lists the
// pages of the enabled modules they may open.

export function mount(host, mosaic) {
  const { html, render, t } = mosaic;
  const entries = mosaic.menu().filter((m) => m.route !== '/');
  const company = mosaic.company();
  render(html`
    <h1>${t('home.welcome', { name: mosaic.user.username })}</h1>
    <p class="hint">${company.name}</p>
    <section class="card" aria-labelledby="home-where">
      <h2 id="home-where">${t('home.where')}</h2>
      ${entries.length === 0
        ? html`<p>${mosaic.user.admin ? t('home.nothing.admin') : t('home.nothing')}</p>`
        : html`<ul class="home-links">${entries.map((m) => html`<li><a href=${m.route}>${m.label}</a></li>`)}</ul>`}
    </section>`, host);
}
