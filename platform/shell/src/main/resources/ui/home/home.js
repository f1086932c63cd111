// The start page, a UI contribution of the shell itself: the user's day. Every enabled module
// may contribute panels (UiContribution#panels, listed by GET /api/v1/ui/panels for this user);
// each panel is an ES module whose mount(container, mosaic) renders into its own card, so the
// page works with any mix of modules. /setup, the administrator's first-start setup, lives here too.

import { errorBox, mountPanels, panelCard } from '/ui/shell/kit.js';

export async function mount(host, mosaic) {
  if (mosaic.path === '/setup') {
    return (await import('./setup.js')).mount(host, mosaic);
  }
  const { html, render, t, api } = mosaic;
  const company = mosaic.company();
  const entries = mosaic.menu().filter((m) => m.route !== '/');
  const locked = mosaic.locked();
  let panels = null;
  let error = null;

  const where = () => {
    if (entries.length > 0) {
      return html`<ul class="home-links">${entries.map((m) => html`<li><a href=${m.route}>${m.label}</a></li>`)}</ul>`;
    }
    // Modules are on, but none of this user's roles lets them in: say what to ask for.
    if (locked.length > 0) {
      const needed = [...new Map(locked.map((l) => [l.permission, l])).values()];
      return html`<p>${t('home.locked')}</p><ul class="home-needed">${needed.map((l) => html`<li>${l.text}</li>`)}</ul>`;
    }
    return html`<p>${mosaic.user.admin ? t('home.nothing.admin') : t('home.nothing')}</p>`;
  };

  const draw = () => render(html`
    <h1>${t('home.welcome', { name: mosaic.user.username })}</h1>
    ${company.name ? html`<p class="hint">${company.name}</p>` : ''}
    ${errorBox(mosaic, error)}
    <div class="home-panels">
      ${(panels || []).map((p) => html`<section class="card home-panel" data-panel=${`${p.moduleId}:${p.id}`}
        aria-busy="true"></section>`)}
    </div>
    <section class="card" aria-labelledby="home-where">
      <h2 id="home-where">${t('home.where')}</h2>
      ${where()}
    </section>`, host);

  draw();
  try {
    panels = await api.get('ui/panels');
  } catch (e) {
    error = e;
    panels = [];
  }
  draw();
  // Each panel loads on its own: a slow or failing one never holds up the others.
  return mountPanels(mosaic, panels, panelCard(host));
}
