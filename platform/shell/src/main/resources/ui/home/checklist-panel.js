// Start page panel for administrators: how far the company's setup is, each step read from
// the real state (settings, users, teams, modules, the audit log's imports), each with a link
// to where it is done. It keeps out of the way once every step is done.

export async function mount(card, mosaic) {
  const { html, render, t, api } = mosaic;
  render(html`<h2>${t('home.checklist.title')}</h2><p aria-busy="true">${t('shell.loading')}</p>`, card);
  const [settings, users, teams, modules] = await Promise.all([
    api.get('settings'), api.get('users?limit=1'), api.get('teams?limit=1'), api.get('modules'),
  ]);
  const enabled = modules.items.filter((m) => m.state === 'enabled');
  // An import is audited as "<module>.import.started"; any enabled module's counts.
  const imported = (await Promise.all(enabled.map((m) => api.get(`audit?action=${encodeURIComponent(`${m.id}.import`)}&limit=1`)
    .then((page) => page.items.length > 0).catch(() => false)))).some(Boolean);
  const steps = [
    { key: 'setup', done: settings.setupDone, href: '/setup' },
    { key: 'users', done: users.total > 1, href: '/admin/users' },
    { key: 'teams', done: teams.total > 1, href: '/admin/teams' },
    { key: 'modules', done: enabled.length > 0, href: '/admin/modules' },
    { key: 'import', done: imported, href: enabled.some((m) => m.id === 'contacts') ? '/contacts/import' : '/admin/modules' },
  ];
  const left = steps.filter((s) => !s.done).length;
  if (left === 0) {
    card.hidden = true;
    return undefined;
  }
  render(html`
    <h2>${t('home.checklist.title')}</h2>
    <p class="hint">${t('home.checklist.left', { count: left, total: steps.length })}</p>
    <ul class="home-checklist">${steps.map((s) => html`<li data-step=${s.key} data-done=${s.done ? 'true' : 'false'}>
      <span aria-hidden="true">${s.done ? '✓' : '○'}</span>
      ${s.done ? html`<span>${t(`home.checklist.${s.key}`)}</span><span class="visually-hidden">${t('home.checklist.done')}</span>`
        : html`<a href=${s.href}>${t(`home.checklist.${s.key}`)}</a>`}
    </li>`)}</ul>`, card);
  return undefined;
}
