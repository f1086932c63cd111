// The tickets module's page in the customer portal (/portal, hash routes): accepting the
// invitation, signing in, the customer's tickets (and their organization's for its manager),
// a ticket's public conversation and the reply form, a new ticket with suggested articles as
// the subject is typed, their own details, and the knowledge base. Everything goes through
// /api/v1/portal/...; the session is the portal's own cookie and CSRF token. A solved ticket is
// rated from its page, or without signing in from the link of the mail (#rate=<token>). A
// forgotten password is replaced through a mailed link (#forgot, then #reset=<token>); a
// signed-in customer changes theirs on their details' page.

import { fileSize, withFiles } from './common.js';

const PRIORITIES = ['low', 'normal', 'high', 'urgent'];

export function mountPortal(root, portal) {
  const { html, render, api, ApiError, setCsrfToken, t, fmt, ref } = portal;
  const state = { me: null, busy: false, error: null, notice: null, view: null, data: null, suggestions: [] };

  function problemText(e) {
    if (!(e instanceof ApiError)) return e.message;
    if (e.status === 429) return t('tickets.portal.throttled');
    if (e.status === 413 && e.problem.params && e.problem.params.name) {
      return t('tickets.attach.tooLarge', { name: e.problem.params.name, limit: e.problem.params.limitMb });
    }
    const fields = e.errors.map((x) => `${x.field}: ${x.message}`).join('; ');
    return fields || e.message;
  }

  function route() {
    const hash = location.hash.slice(1);
    const [name, arg] = hash.split('/');
    return { name: name || 'tickets', arg: arg ? decodeURIComponent(arg) : null, hash };
  }

  async function show() {
    const r = route();
    state.error = null;
    if (r.hash.startsWith('accept=')) {
      state.view = 'accept';
      state.data = { token: r.hash.slice('accept='.length), invitee: null };
      try {
        state.data.invitee = await api.post('portal/auth/lookup', { token: state.data.token }, { quiet: true });
      } catch (e) {
        state.error = problemText(e);
      }
      return draw();
    }
    if (r.hash.startsWith('reset=')) {
      state.view = 'reset';
      state.data = { token: r.hash.slice('reset='.length) };
      return draw();
    }
    if (r.name === 'forgot') {
      state.view = 'forgot';
      return draw();
    }
    if (r.hash.startsWith('rate=')) {
      state.view = 'rate';
      state.data = { token: r.hash.slice('rate='.length), ticket: null };
      try {
        state.data.ticket = await api.post('tickets/ratings/lookup', { token: state.data.token }, { quiet: true });
      } catch (e) {
        state.error = problemText(e);
      }
      return draw();
    }
    if (!state.me) {
      try {
        state.me = await api.get('portal/me', { quiet: true });
        setCsrfToken(state.me.csrfToken);
      } catch (e) {
        state.view = 'signin';
        return draw();
      }
    }
    state.view = r.name;
    state.data = null;
    draw();
    try {
      if (r.name === 'tickets') {
        const scope = r.arg === 'organization' ? 'organization' : 'mine';
        state.data = { scope, page: await api.get(`portal/tickets?scope=${scope}&limit=50`) };
      } else if (r.name === 'ticket') {
        const [ticket, comments] = await Promise.all([api.get(`portal/tickets/${encodeURIComponent(r.arg)}`),
          api.get(`portal/tickets/${encodeURIComponent(r.arg)}/comments`)]);
        state.data = { ticket, comments: comments.items, files: comments.attachments || [] };
      } else if (r.name === 'kb' && r.arg) {
        state.data = { article: await api.get(`portal/kb/${encodeURIComponent(r.arg)}`) };
      } else if (r.name === 'kb') {
        state.data = { q: '', page: await api.get('portal/kb?limit=20') };
      } else {
        state.data = {};
      }
    } catch (e) {
      state.error = problemText(e);
    }
    draw();
  }

  async function submit(event, work) {
    event.preventDefault();
    state.busy = true;
    state.error = null;
    draw();
    try {
      await work(Object.fromEntries(new FormData(event.target)));
    } catch (e) {
      state.error = problemText(e);
    } finally {
      state.busy = false;
      draw();
    }
  }

  const signIn = (e) => submit(e, async (form) => {
    const signedIn = await api.post('portal/auth/login', { email: form.email, password: form.password }, { quiet: true });
    setCsrfToken(signedIn.csrfToken);
    state.me = null;
    location.hash = '#tickets';
    await show();
  });

  const accept = (e) => submit(e, async (form) => {
    await api.post('portal/auth/accept', { token: state.data.token, password: form.password }, { quiet: true });
    state.notice = t('tickets.portal.accepted');
    history.replaceState(null, '', '/portal');
    state.view = 'signin';
  });

  const signOut = async () => {
    await api.post('portal/auth/logout', {}, { quiet: true }).catch(() => {});
    setCsrfToken(null);
    state.me = null;
    state.view = 'signin';
    draw();
  };

  /** The files chosen in a form's picker. */
  const chosen = (formElement) => [...((formElement.querySelector('input[type=file]') || {}).files || [])];

  /** Fields, and files if any were chosen (multipart/form-data). */
  const body = (fields, files) => (files.length ? withFiles(fields, files) : fields);

  /** A ticket's or reply's files as download links (always served as downloads). */
  function fileList(files) {
    if (!files || !files.length) return '';
    const ticketId = encodeURIComponent(state.data.ticket.id);
    return html`<ul class="portal-files" aria-label=${t('tickets.attach.files')}>${files.map((f) => html`<li>
      <a href="/api/v1/portal/tickets/${ticketId}/attachments/${encodeURIComponent(f.id)}" download=${f.name}>${f.name}</a>
      <small>(${fileSize(portal, f.size)})</small></li>`)}</ul>`;
  }

  const filePicker = (id) => html`<div class="field"><label for=${id}>${t('tickets.attach.choose')}</label>
    <input type="file" id=${id} name="files" multiple><p class="hint">${t('tickets.attach.hint')}</p></div>`;

  const openTicket = (e) => submit(e, async (form) => {
    const ticket = await api.post('portal/tickets', body({ subject: form.subject, description: form.description, priority: form.priority },
      chosen(e.target)));
    location.hash = `#ticket/${ticket.id}`;
  });

  const reply = (e) => submit(e, async (form) => {
    await api.post(`portal/tickets/${encodeURIComponent(state.data.ticket.id)}/comments`, body({ body: form.body }, chosen(e.target)));
    e.target.reset();
    await show();
  });

  const forgot = (e) => submit(e, async (form) => {
    const asked = await api.post('portal/auth/forgot', { email: form.email }, { quiet: true });
    state.notice = asked.detail;
  });

  const resetPassword = (e) => submit(e, async (form) => {
    await api.post('portal/auth/reset', { token: state.data.token, password: form.password }, { quiet: true });
    state.notice = t('tickets.portal.passwordReset');
    history.replaceState(null, '', '/portal');
    state.view = 'signin';
  });

  const changePassword = (e) => submit(e, async (form) => {
    await api.post('portal/auth/password', { currentPassword: form.currentPassword, newPassword: form.newPassword });
    e.target.reset();
    state.notice = t('tickets.portal.passwordChanged');
  });

  const ratingBody = (form) => ({ score: Number(form.score), comment: form.comment || null });

  const rateByLink = (e) => submit(e, async (form) => {
    state.data.ticket = await api.post('tickets/ratings', { token: state.data.token, ...ratingBody(form) }, { quiet: true });
    state.notice = t('tickets.rating.thanks');
  });

  const rateTicket = (e) => submit(e, async (form) => {
    state.data.ticket = await api.post(`portal/tickets/${encodeURIComponent(state.data.ticket.id)}/rating`, ratingBody(form));
    state.notice = t('tickets.rating.thanks');
  });

  /** The rating form: 1 to 5 as radio buttons (keyboard-reachable), a comment; what was given before is preselected. */
  function ratingForm(id, given, onSubmit) {
    return html`<form class="card portal-rating" id=${id} @submit=${onSubmit}>
      <fieldset><legend>${t('tickets.rating.question')}</legend>
        ${[1, 2, 3, 4, 5].map((n) => html`<label class="portal-rating-score"><input type="radio" name="score" value=${n} required
          .checked=${!!given && given.score === n}> ${t(`tickets.rating.score${n}`)}</label>`)}</fieldset>
      <div class="field"><label for="${id}-comment">${t('tickets.rating.comment')}</label>
        <textarea id="${id}-comment" name="comment" rows="3" maxlength="2000" .value=${given && given.comment ? given.comment : ''}></textarea></div>
      <button class="primary" type="submit" ?disabled=${state.busy}>${t('tickets.rating.submit')}</button></form>`;
  }

  /** May the ticket be rated now: solved, or closed and never rated (the server says so too). */
  const ratable = (x) => x.status === 'solved' || (x.status === 'closed' && !x.satisfaction);

  function rateView() {
    const x = state.data.ticket;
    return html`<main id="main" class="signin"><div class="card signin-card" id="portal-rate">
      <h1>${t('tickets.rating.title')}</h1>${alerts()}
      ${x ? html`<p id="portal-rate-ticket">#${x.number} ${x.subject}</p>
        ${ratable(x) ? ratingForm('portal-rate-form', x.satisfaction, rateByLink) : html`<p>${t('tickets.rating.closed')}</p>`}` : ''}
      <p><a href="/portal">${t('signin.submit')}</a></p></div></main>`;
  }

  const saveMe = (e) => submit(e, async (form) => {
    const address = ['street', 'city', 'postalCode', 'country'].some((k) => form[k]) ? [{
      label: 'home', street: form.street || undefined, city: form.city || undefined, postalCode: form.postalCode || undefined,
      country: form.country || undefined,
    }] : [];
    state.me = await api.patch('portal/me', {
      firstName: form.firstName || null, lastName: form.lastName || null,
      phones: form.phone ? [{ number: form.phone, label: 'work' }] : [], addresses: address,
      emailConsent: form.emailConsent === 'on', version: state.me.version,
    });
    state.notice = t('tickets.portal.saved');
  });

  const searchKb = (e) => submit(e, async (form) => {
    const q = form.q.trim();
    state.data = { q, page: await api.get(q ? `portal/kb?q=${encodeURIComponent(q)}` : 'portal/kb?limit=20') };
  });

  let suggestTimer = null;
  const suggest = (e) => {
    const q = e.target.value.trim();
    clearTimeout(suggestTimer);
    suggestTimer = setTimeout(async () => {
      state.suggestions = q.length < 3 ? [] : (await api.get(`portal/kb?q=${encodeURIComponent(q)}&limit=5`).catch(() => ({ items: [] }))).items;
      draw();
    }, 300);
  };

  /** The article's body is HTML the server sanitised; read as an inert document (no script runs), then its nodes are shown. */
  const articleBody = (article) => ref((el) => {
    if (!el || el.dataset.article === article.id) return;
    el.dataset.article = article.id;
    const xhr = new XMLHttpRequest();
    xhr.open('GET', `/api/v1/portal/kb/${encodeURIComponent(article.id)}/body`);
    xhr.responseType = 'document';
    xhr.onload = () => {
      if (xhr.status === 200 && xhr.response && xhr.response.body) {
        el.replaceChildren(...Array.from(xhr.response.body.childNodes).map((n) => document.importNode(n, true)));
      }
    };
    xhr.send();
  });

  const alerts = () => html`${state.error ? html`<p class="alert error" role="alert" id="portal-error">${state.error}</p>` : ''}${
    state.notice ? html`<p class="alert success" role="status" id="portal-notice">${state.notice}</p>` : ''}`;

  function signinView() {
    return html`<main id="main" class="signin"><form class="card signin-card" id="portal-signin" @submit=${signIn}>
      <h1>${t('portal.title')}</h1>${alerts()}
      <div class="field"><label for="portal-email">${t('tickets.portal.email')}</label>
        <input id="portal-email" name="email" type="email" autocomplete="username" required></div>
      <div class="field"><label for="portal-password">${t('signin.password')}</label>
        <input id="portal-password" name="password" type="password" autocomplete="current-password" required></div>
      <button class="primary" type="submit" ?disabled=${state.busy}>${t('signin.submit')}</button>
      <p><a href="#forgot" id="portal-forgot-link">${t('tickets.portal.forgot')}</a></p>
      <p>${portal.languagePicker()}</p></form></main>`;
  }

  function forgotView() {
    return html`<main id="main" class="signin"><form class="card signin-card" id="portal-forgot" @submit=${forgot}>
      <h1>${t('tickets.portal.forgotTitle')}</h1>${alerts()}
      <p>${t('tickets.portal.forgotIntro')}</p>
      <div class="field"><label for="portal-forgot-email">${t('tickets.portal.email')}</label>
        <input id="portal-forgot-email" name="email" type="email" autocomplete="username" required></div>
      <button class="primary" type="submit" ?disabled=${state.busy}>${t('tickets.portal.forgotSubmit')}</button>
      <p><a href="/portal">${t('signin.submit')}</a></p></form></main>`;
  }

  function resetView() {
    return html`<main id="main" class="signin"><form class="card signin-card" id="portal-reset" @submit=${resetPassword}>
      <h1>${t('tickets.portal.resetTitle')}</h1>${alerts()}
      <div class="field"><label for="portal-reset-password">${t('tickets.portal.choosePassword')}</label>
        <input id="portal-reset-password" name="password" type="password" autocomplete="new-password" required></div>
      <button class="primary" type="submit" ?disabled=${state.busy}>${t('tickets.portal.resetSubmit')}</button>
      <p><a href="/portal">${t('signin.submit')}</a></p></form></main>`;
  }

  function acceptView() {
    const invitee = state.data.invitee;
    return html`<main id="main" class="signin"><form class="card signin-card" id="portal-accept" @submit=${accept}>
      <h1>${t('tickets.portal.acceptTitle')}</h1>${alerts()}
      ${invitee ? html`<p>${t('tickets.portal.acceptFor', { email: invitee.email })}</p>
        <div class="field"><label for="portal-new-password">${t('tickets.portal.choosePassword')}</label>
          <input id="portal-new-password" name="password" type="password" autocomplete="new-password" required></div>
        <button class="primary" type="submit" ?disabled=${state.busy}>${t('tickets.portal.acceptSubmit')}</button>` : ''}
      <p><a href="/portal">${t('signin.submit')}</a></p></form></main>`;
  }

  const statusText = (s) => t(`tickets.status.${s}`);

  function ticketsView() {
    const d = state.data;
    return html`<h1>${t('tickets.portal.tickets')}</h1>
      ${state.me.organizationManager ? html`<p class="portal-scope">
        <a href="#tickets" aria-current=${d && d.scope === 'mine' ? 'page' : 'false'}>${t('tickets.portal.mine')}</a> ·
        <a href="#tickets/organization" aria-current=${d && d.scope === 'organization' ? 'page' : 'false'}>${t('tickets.portal.organization')}</a></p>` : ''}
      <p><a href="#new">${t('tickets.new')}</a></p>
      ${!d ? html`<p>…</p>` : d.page.items.length === 0 ? html`<p id="portal-no-tickets">${t('tickets.portal.none')}</p>` : html`
      <table class="portal-tickets" id="portal-tickets"><thead><tr><th>#</th><th>${t('tickets.portal.subject')}</th>
        <th>${t('tickets.portal.status')}</th><th>${t('tickets.portal.updated')}</th></tr></thead>
        <tbody>${d.page.items.map((x) => html`<tr><td>${x.number}</td><td><a href="#ticket/${x.id}">${x.subject}</a>${
          x.mine ? '' : html` <small>(${x.requesterName || ''})</small>`}</td>
          <td>${statusText(x.status)}</td><td>${fmt.dateTime(x.updatedAt)}</td></tr>`)}</tbody></table>`}`;
  }

  function ticketView() {
    const d = state.data;
    if (!d) return html`<p>…</p>`;
    const x = d.ticket;
    return html`<p><a href="#tickets">${t('tickets.portal.tickets')}</a></p>
      <h1 id="portal-ticket-subject">#${x.number} ${x.subject}</h1>
      <p>${t('tickets.portal.status')}: <strong id="portal-ticket-status">${statusText(x.status)}</strong> ·
        ${t(`tickets.priority.${x.priority}`)} · ${fmt.dateTime(x.createdAt)}</p>
      ${x.description ? html`<p class="portal-description">${x.description}</p>` : ''}
      ${fileList(d.files)}
      <h2>${t('tickets.portal.conversation')}</h2>
      <ol class="portal-conversation" id="portal-conversation">${d.comments.map((c) => html`<li class=${c.fromCustomer ? 'from-customer' : 'from-desk'}>
        <p><strong>${c.fromCustomer ? (c.authorName || t('tickets.portal.you')) : t('tickets.portal.desk')}</strong> · ${fmt.dateTime(c.createdAt)}</p>
        <p class="portal-comment-body">${c.body}</p>${fileList(c.attachments)}</li>`)}</ol>
      ${x.mine && ratable(x) ? html`<h2>${t('tickets.rating.title')}</h2>${ratingForm('portal-rating', x.satisfaction, rateTicket)}`
        : x.satisfaction ? html`<p id="portal-rated">${t('tickets.rating.given', { score: x.satisfaction.score })}</p>` : ''}
      ${x.status === 'closed' ? html`<p>${t('tickets.portalTicketClosed')}</p>` : html`
      <form class="card" id="portal-reply" @submit=${reply}>
        <div class="field"><label for="portal-reply-body">${t('tickets.portal.reply')}</label>
          <textarea id="portal-reply-body" name="body" rows="4" required></textarea></div>
        ${filePicker('portal-reply-files')}
        <button class="primary" type="submit" ?disabled=${state.busy}>${t('tickets.portal.send')}</button></form>`}`;
  }

  function newView() {
    return html`<p><a href="#tickets">${t('tickets.portal.tickets')}</a></p><h1>${t('tickets.new')}</h1>
      <form class="card" id="portal-new" @submit=${openTicket}>
        <div class="field"><label for="portal-subject">${t('tickets.portal.subject')}</label>
          <input id="portal-subject" name="subject" maxlength="300" required @input=${suggest}></div>
        ${state.suggestions.length ? html`<div class="portal-suggestions" id="portal-suggestions"><p>${t('tickets.portal.suggested')}</p>
          <ul>${state.suggestions.map((a) => html`<li><a href="#kb/${a.id}">${a.title}</a></li>`)}</ul></div>` : ''}
        <div class="field"><label for="portal-description">${t('tickets.portal.description')}</label>
          <textarea id="portal-description" name="description" rows="6"></textarea></div>
        <div class="field"><label for="portal-priority">${t('tickets.portal.priority')}</label>
          <select id="portal-priority" name="priority">${PRIORITIES.map((p) => html`<option value=${p} ?selected=${p === 'normal'}>${
            t(`tickets.priority.${p}`)}</option>`)}</select></div>
        ${filePicker('portal-new-files')}
        <button class="primary" type="submit" ?disabled=${state.busy}>${t('tickets.create')}</button></form>`;
  }

  function meView() {
    const me = state.me;
    const address = me.addresses[0] || {};
    const field = (name, label, value, type = 'text') => html`<div class="field"><label for="portal-me-${name}">${label}</label>
      <input id="portal-me-${name}" name=${name} type=${type} .value=${value || ''}></div>`;
    return html`<h1>${t('tickets.portal.me')}</h1>
      <form class="card" id="portal-me" @submit=${saveMe}>
        <p>${t('tickets.portal.email')}: <strong>${me.email}</strong>${me.organizationName ? html` · ${me.organizationName}` : ''}</p>
        ${field('firstName', t('tickets.portal.firstName'), me.firstName)}
        ${field('lastName', t('tickets.portal.lastName'), me.lastName)}
        ${field('phone', t('tickets.portal.phone'), me.phones[0] && me.phones[0].number, 'tel')}
        ${field('street', t('tickets.portal.street'), address.street)}
        ${field('postalCode', t('tickets.portal.postalCode'), address.postalCode)}
        ${field('city', t('tickets.portal.city'), address.city)}
        ${field('country', t('tickets.portal.country'), address.country)}
        <label><input type="checkbox" name="emailConsent" id="portal-me-consent" .checked=${me.emailConsent}> ${t('tickets.portal.consent')}</label>
        <p><button class="primary" type="submit" ?disabled=${state.busy}>${t('tickets.portal.save')}</button></p></form>
      <form class="card" id="portal-password" @submit=${changePassword}>
        <h2>${t('tickets.portal.passwordTitle')}</h2>
        <div class="field"><label for="portal-current-password">${t('tickets.portal.currentPassword')}</label>
          <input id="portal-current-password" name="currentPassword" type="password" autocomplete="current-password" required></div>
        <div class="field"><label for="portal-changed-password">${t('tickets.portal.newPassword')}</label>
          <input id="portal-changed-password" name="newPassword" type="password" autocomplete="new-password" required></div>
        <p><button class="primary" type="submit" ?disabled=${state.busy}>${t('tickets.portal.passwordSubmit')}</button></p></form>`;
  }

  function kbView() {
    const d = state.data;
    if (d && d.article) {
      const a = d.article;
      return html`<p><a href="#kb">${t('tickets.portal.kb')}</a></p><h1 id="portal-article-title">${a.title}</h1>
        <article class="portal-article" id="portal-article" ${articleBody(a)}></article>`;
    }
    return html`<h1>${t('tickets.portal.kb')}</h1>
      <form class="card" id="portal-kb-search" @submit=${searchKb}>
        <div class="field"><label for="portal-kb-q">${t('tickets.portal.search')}</label>
          <input id="portal-kb-q" name="q" type="search" .value=${d ? d.q : ''}></div>
        <button type="submit" ?disabled=${state.busy}>${t('tickets.portal.search')}</button></form>
      ${!d ? '' : d.page.items.length === 0 ? html`<p>${t('tickets.portal.noArticles')}</p>` : html`<ul class="portal-articles" id="portal-articles">
        ${d.page.items.map((a) => html`<li><a href="#kb/${a.id}">${a.title}</a>${a.category ? html` <small>${a.category}</small>` : ''}</li>`)}</ul>`}`;
  }

  const VIEWS = { tickets: ticketsView, ticket: ticketView, new: newView, me: meView, kb: kbView };

  function draw() {
    if (state.view === 'accept') return render(acceptView(), root);
    if (state.view === 'rate') return render(rateView(), root);
    if (state.view === 'forgot') return render(forgotView(), root);
    if (state.view === 'reset') return render(resetView(), root);
    if (state.view === 'signin' || !state.me) return render(signinView(), root);
    const view = VIEWS[state.view] || ticketsView;
    render(html`<header class="portal-header"><strong>${portal.company.name || t('portal.title')}</strong>
        <nav><a href="#tickets">${t('tickets.portal.tickets')}</a> <a href="#new">${t('tickets.new')}</a>
          <a href="#kb">${t('tickets.portal.kb')}</a> <a href="#me">${t('tickets.portal.me')}</a>
          <button class="link" id="portal-signout" @click=${signOut}>${t('tickets.portal.signOut')}</button></nav>
        ${portal.languagePicker()}</header>
      <main id="main" class="portal-main">${alerts()}${view()}</main>`, root);
    return undefined;
  }

  window.addEventListener('hashchange', () => {
    state.notice = null;
    state.error = null;
    state.suggestions = [];
    show();
  });
  show();
}
