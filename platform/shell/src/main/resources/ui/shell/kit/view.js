// The frame of a module's page (heading, loading, failure, stop on leave) and the alerts every
// page shows. Everything here takes the `mosaic` object the shell hands to `mount`, so the kit
// keeps no state of its own and always speaks the language the page was mounted in.

/**
 * Mounts a view made by {@code factory(mosaic, draw, alive)}: an object with {@code title()},
 * {@code load()} and {@code render()} (and optionally {@code stop()}). Until {@code load()}
 * settles the page says it is loading, and when it fails it shows why (a 404 as "not found").
 * The heading stays the same element across renders so that focus placed on it by the shell
 * stays there. {@code frame(view, body)} replaces the default frame (a heading and the body
 * inside a div of class kit-page and {@code className}) for pages with their own layout, like the console's tabs.
 * Returns the function the shell calls when the user leaves.
 */
export function mountView(host, mosaic, factory, { className = '', frame } = {}) {
  const { html, render } = mosaic;
  let alive = true;
  let ready = false;
  let failed = null;
  let view = null;
  const draw = () => {
    if (!alive || !view) return;
    let body;
    if (failed) body = failure(mosaic, failed);
    else if (!ready) body = loading(mosaic);
    else body = view.render();
    render(frame ? frame(view, body) : html`<div class=${`kit-page ${className}`.trim()}><h1>${view.title()}</h1>${body}</div>`, host);
  };
  view = factory(mosaic, draw, () => alive);
  draw();
  view.load().then(() => { ready = true; }, (e) => { failed = e; }).finally(draw);
  return () => {
    alive = false;
    if (view.stop) view.stop();
  };
}

export function loading(mosaic) {
  return mosaic.html`<p>${mosaic.t('shell.loading')}</p>`;
}

function failure(mosaic, error) {
  if (error.status === 404) return mosaic.html`<p class="alert error" role="alert">${mosaic.t('kit.notFound')}</p>`;
  return errorBox(mosaic, error);
}

/** A failed call as an alert: the problem's detail and each field's message (nothing without an error). */
export function errorBox(mosaic, error) {
  return error ? mosaic.html`<p class="alert error" role="alert">${mosaic.problemText(error)}</p>` : mosaic.nothing;
}

/** A confirmation as a polite status (nothing without a message). */
export function okBox(mosaic, message) {
  return message ? mosaic.html`<p class="alert success" role="status">${message}</p>` : mosaic.nothing;
}
