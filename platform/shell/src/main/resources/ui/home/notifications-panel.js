// Start page panel of the platform: the user's unread notifications, each opening what it is
// about and marked read when opened or dismissed.

export async function mount(card, mosaic) {
  const { html, render, t, api, fmt } = mosaic;
  let items = null;
  let error = null;

  const open = async (n, event) => {
    event.preventDefault();
    await api.post(`notifications/${encodeURIComponent(n.id)}/read`, {}).catch(() => {});
    if (n.link) mosaic.navigate(n.link);
    else load();
  };

  const draw = () => render(html`
    <h2 id="home-notifications">${t('home.notifications.title')}</h2>
    ${error ? html`<p class="alert error" role="alert">${mosaic.problemText(error)}</p>` : ''}
    ${items === null ? html`<p aria-busy="true">${t('shell.loading')}</p>`
    : items.length === 0 ? html`<p class="hint">${t('home.notifications.none')}</p>`
      : html`<ul class="home-list">${items.map((n) => html`<li>
          <a href=${n.link || '#'} @click=${(e) => open(n, e)}>${n.title}</a>
          <span class="hint">${fmt.dateTime(n.createdAt)}</span>
        </li>`)}</ul>`}`, card);

  const load = async () => {
    try {
      items = (await api.get('notifications?unread=true&limit=10')).items;
      error = null;
    } catch (e) {
      error = e;
      items = [];
    }
    draw();
  };
  draw();
  await load();
  return undefined;
}
