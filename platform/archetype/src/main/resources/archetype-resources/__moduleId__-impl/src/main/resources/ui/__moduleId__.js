// The ${moduleId} page at /${moduleId}: the records the user may see, newest first, and a form
// to add one. Text goes into templates as bindings (lit-html renders it as text); the server
// checks every call, mosaic.can() only hides what the user could not do.

const MODULE = '${moduleId}';

#[[export function mount(host, mosaic) {
  const { html, render, t, api } = mosaic;
  let records = [];
  let error = '';

  async function load() {
    records = (await api.get(`${MODULE}/records?limit=50`)).items;
    draw();
  }

  async function add(event) {
    event.preventDefault();
    const form = event.target;
    try {
      const created = await api.post(`${MODULE}/records`, { name: form.elements.name.value });
      form.reset();
      error = '';
      mosaic.announce(t(`${MODULE}.saved`, { name: created.name }));
      await load();
    } catch (e) {
      error = mosaic.problemText(e);
      draw();
    }
  }

  function draw() {
    render(html`
      <h1>${t(`${MODULE}.title`)}</h1>
      ${mosaic.can(`${MODULE}.write`) ? html`
        <form class="card" id="${MODULE}-new" @submit=${add}>
          <div class="field">
            <label for="${MODULE}-name">${t(`${MODULE}.field.name`)}</label>
            <input id="${MODULE}-name" name="name" required maxlength="200">
          </div>
          ${error ? html`<p class="alert error" role="alert">${error}</p>` : ''}
          <button class="primary" type="submit">${t(`${MODULE}.add`)}</button>
        </form>` : ''}
      ${records.length === 0 ? html`<p>${t(`${MODULE}.empty`)}</p>` : html`
        <div class="table-wrap"><table>
          <thead><tr><th>${t(`${MODULE}.field.name`)}</th></tr></thead>
          <tbody>${records.map((r) => html`<tr><td>${r.name}</td></tr>`)}</tbody>
        </table></div>`}`, host);
  }

  load().catch((e) => {
    error = mosaic.problemText(e);
    draw();
  });
}
]]#
