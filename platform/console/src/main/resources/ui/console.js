// The admin console, contributed to the shell like any module's pages: modules (switches and
// .kar upload), users (and invitations by mail), roles, teams, the audit log, system health, the
// outgoing mail (settings, test mail, outbox) and the company settings.
// Every name and value from the server is bound into templates, so it shows as text. The page
// frame, alerts and tables come from the shell's UI kit; the sections are the console's own.

import {
  ariaInvalid, conflictBox, errorBox, fieldsView, formAlert, formState, input, mountView, okBox, submit, tableWrap, totalText,
} from '/ui/shell/kit.js';

/**
 * An audit entry's detail for people: a record change as its fields' labels (the server says
 * them in the reader's language) with the values before and after; other entries as stored.
 */
function auditDetail(mosaic, entry) {
  const { html, t } = mosaic;
  if (!entry.changes || !entry.changes.length) return entry.name ? '' : entry.detail;
  const value = (v) => (v === null || v === undefined || v === '' ? t('console.audit.empty') : v);
  return html`<ul class="audit-changes">${entry.changes.map((c) => html`<li><strong>${c.label}</strong>${
    c.before === null && c.after === null ? '' : html`: ${value(c.before)} → ${value(c.after)}`}</li>`)}</ul>`;
}

const SECTIONS = ['modules', 'users', 'roles', 'teams', 'fields', 'audit', 'health', 'mail', 'settings'];

export function mount(host, mosaic) {
  const rest = mosaic.path.replace(/^\/admin\/?/, '');
  const section = rest === '' ? 'modules' : rest;
  const factory = SECTIONS.includes(section) ? VIEWS[section] : notFound;
  return mountView(host, mosaic, factory, { frame: (view, body) => layout(mosaic, section, body) });
}

function notFound(mosaic) {
  return { load: async () => {}, render: () => mosaic.html`<p>${mosaic.t('console.notFound')}</p>` };
}

function layout(mosaic, section, body) {
  const { html, t } = mosaic;
  return html`
    <h1>${t('console.title')}</h1>
    <nav class="console-tabs" aria-label=${t('console.sections')}>
      <ul>${SECTIONS.map((s) => html`<li><a href=${`/admin/${s}`} aria-current=${s === section ? 'page' : 'false'}>${t(`console.${s}`)}</a></li>`)}</ul>
    </nav>
    <section class="console-section" aria-labelledby="console-section-title">
      <h2 id="console-section-title">${SECTIONS.includes(section) ? t(`console.${section}`) : t('console.notFoundTitle')}</h2>
      ${body}
    </section>`;
}

// ---- shared pieces --------------------------------------------------------------------

function roleCheckboxes(mosaic, idPrefix, roles, checked) {
  const { html } = mosaic;
  return html`${roles.map((r) => html`<label class="check"><input type="checkbox" name="roles" value=${r.name}
      id=${`${idPrefix}-${r.id}`} ?checked=${checked.includes(r.name)}> ${r.name}</label>`)}`;
}

/** A section's change: the call, then the section read again; a failure is kept under {@code key} for the alert of its form. */
function runner(v, draw) {
  return async (action, key) => {
    v[key] = null;
    try {
      await action();
      await v.load();
    } catch (e) {
      v[key] = e;
    }
    draw();
  };
}

/** The form that edits a table's row, in a row of its own below it: the failure, the inputs, save and cancel. */
function rowForm(mosaic, { colspan, save, error, cancel, label }, inputs) {
  const { html, t, ifDefined } = mosaic;
  return html`<tr><td colspan=${colspan}><form class="inline-form" @submit=${save} aria-label=${ifDefined(label)}>
    ${errorBox(mosaic, error)}
    ${inputs}
    <button type="submit" class="primary">${t('console.save')}</button>
    <button type="button" @click=${cancel}>${t('console.cancel')}</button>
  </form></td></tr>`;
}

/**
 * A random password of 16 characters (about 92 bits) from letters and digits that are hard to
 * confuse when read aloud or copied, which meets the password policy (never containing the user name).
 */
function generatedPassword(username) {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
  for (;;) {
    const bytes = crypto.getRandomValues(new Uint32Array(16));
    const password = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
    if (!password.toLowerCase().includes(username.toLowerCase()) && new Set(password).size >= 8) return password;
  }
}

function checkedValues(form, name) {
  return [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((i) => i.value);
}

/** What invitations by mail lack on this installation (outgoing mail, MOSAIC_PUBLIC_URL), as sentences; empty when nothing. */
function invitationsMissing(mosaic, mail) {
  const { t } = mosaic;
  if (!mail) return [];
  const missing = [];
  if (mail.source === 'none') missing.push(t('console.users.inviteNoMail'));
  if (!mail.publicUrl) missing.push(t('console.mail.noPublicUrl'));
  return missing;
}

/** The invitation of a user who has not accepted it yet, as the status column says it. */
function invitationState(mosaic, u) {
  const { t, fmt } = mosaic;
  if (!u.invitation) return u.enabled ? t('console.users.active') : t('console.users.disabledState');
  if (u.invitation.expired || !u.invitation.expiresAt) return t('console.users.invitationExpired');
  return t('console.users.invited', { until: fmt.dateTime(u.invitation.expiresAt) });
}

// ---- sections -------------------------------------------------------------------------

const VIEWS = {

  modules(mosaic, draw) {
    const { html, t, api, nothing } = mosaic;
    const v = { modules: null, busy: null, errors: {}, upload: { busy: false, error: null, done: null } };
    const byId = () => Object.fromEntries(v.modules.map((m) => [m.id, m]));
    const names = (ids) => ids.map((id) => (byId()[id] ? byId()[id].name : id)).join(', ');
    v.load = async () => { v.modules = (await api.get('modules')).items; };

    async function toggle(m) {
      const enable = m.state !== 'enabled';
      v.busy = m.id;
      v.errors = {};
      draw();
      try {
        await api.post(`modules/${encodeURIComponent(m.id)}/${enable ? 'enable' : 'disable'}`, {});
        mosaic.announce(t(enable ? 'console.modules.enabledNow' : 'console.modules.disabledNow', { name: m.name }));
      } catch (e) {
        if (e.status === 409) {
          const dependents = v.modules.filter((o) => o.state === 'enabled' && o.requires.includes(m.id)).map((o) => o.id);
          v.errors[m.id] = t('console.modules.cannotDisable', { name: m.name, dependents: dependents.length ? names(dependents) : e.message });
        } else {
          v.errors[m.id] = mosaic.problemText(e);
        }
      }
      v.busy = null;
      await v.load().catch(() => {});
      draw();
      await mosaic.refreshUi();
    }

    async function upload(event) {
      event.preventDefault();
      const input = event.target.elements.archive;
      const file = input.files[0];
      if (!file) {
        v.upload = { busy: false, error: null, done: null, missing: true };
        draw();
        input.focus();
        return;
      }
      v.upload = { busy: true, error: null, done: null };
      draw();
      try {
        const answer = await api.upload(`modules/archives?filename=${encodeURIComponent(file.name)}`, file);
        v.upload = { busy: false, error: null,
          done: t('console.modules.uploaded', { file: answer.archive, modules: answer.modules.length ? answer.modules.join(', ') : t('console.none') }) };
        event.target.reset();
        await v.load();
        await mosaic.refreshUi();
      } catch (e) {
        v.upload = { busy: false, error: e, done: null };
      }
      draw();
    }

    v.render = () => html`
      <p class="hint">${t('console.modules.intro')}</p>
      <ul class="module-list">
        ${v.modules.map((m) => {
          const on = m.state === 'enabled';
          const requiredBy = v.modules.filter((o) => o.requires.includes(m.id)).map((o) => o.id);
          return html`<li class="card module" data-module=${m.id}>
            <div class="module-head">
              <h3 id=${`module-${m.id}-name`}>${m.name}</h3>
              <span class=${on ? 'state on' : 'state off'} data-state=${m.state}>${t(on ? 'console.modules.enabled' : 'console.modules.disabled')}</span>
            </div>
            ${m.description ? html`<p>${m.description}</p>` : nothing}
            <dl class="facts">
              <dt>${t('console.modules.id')}</dt><dd><code>${m.id}</code></dd>
              <dt>${t('console.modules.version')}</dt><dd>${m.version}</dd>
              <dt>${t('console.modules.requires')}</dt><dd>${m.requires.length ? names(m.requires) : t('console.none')}</dd>
              <dt>${t('console.modules.requiredBy')}</dt><dd>${requiredBy.length ? names(requiredBy) : t('console.none')}</dd>
            </dl>
            <button type="button" role="switch" class="switch" data-switch=${m.id} aria-checked=${on ? 'true' : 'false'}
                aria-label=${t('console.modules.switchLabel', { name: m.name })} ?disabled=${v.busy !== null}
                @click=${() => toggle(m)}>
              <span class="switch-track" aria-hidden="true"><span class="switch-thumb"></span></span>
              <span>${v.busy === m.id ? t('console.modules.switching') : t(on ? 'console.modules.on' : 'console.modules.off')}</span>
            </button>
            ${v.errors[m.id] ? html`<p class="alert error" role="alert" data-error=${m.id}>${v.errors[m.id]}</p>` : nothing}
          </li>`;
        })}
      </ul>
      <h3>${t('console.modules.upload')}</h3>
      <form class="card upload" @submit=${upload}>
        ${errorBox(mosaic, v.upload.error)}
        ${okBox(mosaic, v.upload.done)}
        <div class="field">
          <label for="kar-file">${t('console.modules.archive')}</label>
          <input id="kar-file" name="archive" type="file" accept=".kar" aria-describedby="kar-hint"
              aria-invalid=${v.upload.missing ? 'true' : 'false'}>
          <span id="kar-hint" class="hint">${t('console.modules.archiveHint')}</span>
        </div>
        <button type="submit" class="primary" ?disabled=${v.upload.busy}>${v.upload.busy ? t('console.busy') : t('console.modules.uploadButton')}</button>
      </form>`;
    return v;
  },

  users(mosaic, draw) {
    const { html, t, api, nothing, fmt } = mosaic;
    const v = { users: null, teams: [], roles: [], editing: null, error: null, createError: null, editError: null,
      resetting: null, resetError: null, resetShown: false, resetDone: null, mail: null, invited: null,
      invite: formState('invite', { username: '', email: '', teamId: '', validFor: 'P7D' }) };
    v.load = async () => {
      const [users, teams, roles, mail] = await Promise.all([api.get('users?limit=200'), api.get('teams?limit=200'), api.get('roles'),
        api.get('mail/settings').catch(() => null)]);
      v.users = users.items;
      v.teams = teams.items;
      v.roles = roles.items;
      v.mail = mail;
    };
    const teamName = (id) => (v.teams.find((x) => x.id === id) || { name: id }).name;
    const teamOptions = (selected) => v.teams.map((tm) => html`<option value=${tm.id} ?selected=${tm.id === selected}>${tm.name}</option>`);

    const run = runner(v, draw);


    const create = (event) => {
      event.preventDefault();
      const f = event.target;
      run(async () => {
        await api.post('users', { username: f.elements.username.value.trim(), email: f.elements.email.value.trim() || null,
          password: f.elements.password.value, teamId: f.elements.teamId.value || null, roles: checkedValues(f, 'roles') });
        f.reset();
        mosaic.announce(t('console.saved'));
      }, 'createError');
    };
    // An invitation: the account exists at once but cannot sign in until its owner chooses a
    // password through the link the server mails; it can be sent again (a new link) or revoked.
    const invite = async (event) => {
      const f = event.target;
      event.preventDefault();
      const values = v.invite.values;
      v.invited = null;
      const ok = await submit(v.invite, draw, async () => {
        await api.post('invitations', { username: values.username.trim(), email: values.email.trim(), teamId: values.teamId || null,
          roles: checkedValues(f, 'roles'), validFor: values.validFor });
        await v.load();
      });
      if (ok) {
        v.invited = t('console.users.invitationSent', { name: values.username.trim(), email: values.email.trim() });
        v.invite.values = { username: '', email: '', teamId: '', validFor: values.validFor };
        mosaic.announce(v.invited);
        draw();
      }
    };
    const resend = (u) => run(async () => {
      await api.post(`invitations/${u.id}/resend`, {});
      mosaic.announce(t('console.users.invitationResent', { name: u.username, email: u.email }));
    }, 'error');
    const revoke = (u) => {
      if (window.confirm(t('console.users.confirmRevoke', { name: u.username }))) {
        run(async () => {
          await api.del(`invitations/${u.id}`);
          mosaic.announce(t('console.users.invitationRevoked', { name: u.username }));
        }, 'error');
      }
    };
    const toggleEnabled = (u) => run(() => api.patch(`users/${u.id}`, { enabled: !u.enabled, version: u.version }), 'error');
    const remove = (u) => {
      if (window.confirm(t('console.users.confirmDelete', { name: u.username }))) run(() => api.del(`users/${u.id}`), 'error');
    };
    const save = (event, u) => {
      event.preventDefault();
      const f = event.target;
      run(async () => {
        const changes = { teamId: f.elements.teamId.value, roles: checkedValues(f, 'roles'), version: u.version };
        // Sent only when changed; emptied, it removes the address.
        const email = f.elements.email.value.trim();
        if (email !== (u.email || '')) changes.email = email;
        await api.patch(`users/${u.id}`, changes);
        v.editing = null;
        mosaic.announce(t('console.saved'));
      }, 'editError');
    };

    // Resetting a password: the administrator types one or has one generated (shown in the form and
    // once more after saving, never again: the server keeps only its hash and never answers with it).
    // The user's sessions and tokens end at once.
    const startReset = (u) => {
      v.resetting = u.id;
      v.resetError = null;
      v.resetShown = false;
      v.resetDone = null;
      draw();
      requestAnimationFrame(() => document.getElementById('reset-password')?.focus());
    };
    const generate = (u) => {
      const field = document.getElementById('reset-password');
      field.value = generatedPassword(u.username);
      v.resetShown = true;
      draw();
      field.focus();
    };
    const reset = (event, u) => {
      event.preventDefault();
      const password = event.target.elements.password.value;
      const shown = v.resetShown;
      run(async () => {
        await api.patch(`users/${u.id}`, { password, version: u.version });
        v.resetting = null;
        v.resetDone = { username: u.username, password: shown ? password : null };
        mosaic.announce(t('console.users.resetDone', { name: u.username }));
      }, 'resetError');
    };

    v.render = () => html`
      ${errorBox(mosaic, v.error)}
      ${v.resetDone ? html`<div class="alert success" role="status" id="reset-done">
        <p>${t('console.users.resetDone', { name: v.resetDone.username })}</p>
        ${v.resetDone.password ? html`<p>${t('console.users.resetShownOnce')} <code id="reset-generated">${v.resetDone.password}</code></p>` : nothing}
        <button type="button" @click=${() => { v.resetDone = null; draw(); }}>${t('console.users.resetDismiss')}</button></div>` : nothing}
      ${tableWrap(mosaic, t('console.users'), html`<table>
        <thead><tr><th scope="col">${t('field.username')}</th><th scope="col">${t('console.users.email')}</th>
          <th scope="col">${t('field.teamId')}</th><th scope="col">${t('field.roles')}</th>
          <th scope="col">${t('console.status')}</th><th scope="col">${t('console.created')}</th><th scope="col">${t('console.actions')}</th></tr></thead>
        <tbody>${v.users.map((u) => html`<tr data-user=${u.username}>
          <td>${u.username}</td><td>${u.email || '—'}</td><td>${teamName(u.teamId)}</td><td>${u.roles.join(', ')}</td>
          <td data-status=${u.invitation ? 'invited' : u.enabled ? 'active' : 'disabled'}>${invitationState(mosaic, u)}</td>
          <td>${fmt.dateTime(u.createdAt)}</td>
          <td class="actions">
            <button type="button" @click=${() => { v.editing = u.id; v.editError = null; draw(); }}
                aria-label=${t('console.editNamed', { name: u.username })}>${t('console.edit')}</button>
            ${u.invitation ? html`
              <button type="button" @click=${() => resend(u)} data-resend=${u.username}
                  aria-label=${t('console.users.resendNamed', { name: u.username })}>${t('console.users.resend')}</button>
              <button type="button" class="danger" @click=${() => revoke(u)} data-revoke=${u.username}
                  aria-label=${t('console.users.revokeNamed', { name: u.username })}>${t('console.users.revoke')}</button>` : html`
              <button type="button" @click=${() => startReset(u)} aria-label=${t('console.users.resetNamed', { name: u.username })}
                  data-reset=${u.username}>${t('console.users.reset')}</button>
              <button type="button" @click=${() => toggleEnabled(u)}>${u.enabled ? t('console.users.disable') : t('console.users.enable')}</button>
              <button type="button" class="danger" @click=${() => remove(u)} aria-label=${t('console.deleteNamed', { name: u.username })}>${t('console.delete')}</button>`}
          </td></tr>
          ${v.editing === u.id ? rowForm(mosaic, { colspan: 7, save: (e) => save(e, u), error: v.editError,
            cancel: () => { v.editing = null; draw(); }, label: t('console.editNamed', { name: u.username }) }, html`
              <div class="field"><label for="edit-email">${t('console.users.email')}</label>
                <input id="edit-email" name="email" type="email" autocomplete="off" .value=${u.email || ''}
                  aria-invalid=${ariaInvalid(v.editError, 'email')}></div>
              <div class="field"><label for="edit-team">${t('field.teamId')}</label>
                <select id="edit-team" name="teamId">${teamOptions(u.teamId)}</select></div>
              <fieldset><legend>${t('field.roles')}</legend>${roleCheckboxes(mosaic, 'edit-role', v.roles, u.roles)}</fieldset>`) : nothing}
          ${v.resetting === u.id ? rowForm(mosaic, { colspan: 7, save: (e) => reset(e, u), error: v.resetError,
            cancel: () => { v.resetting = null; draw(); }, label: t('console.users.resetNamed', { name: u.username }) }, html`
              <div class="field"><label for="reset-password">${t('console.users.newPassword')}</label>
                <input id="reset-password" name="password" type=${v.resetShown ? 'text' : 'password'} autocomplete="new-password"
                  spellcheck="false" required aria-describedby="reset-password-hint" aria-invalid=${ariaInvalid(v.resetError, 'password')}>
                <span id="reset-password-hint" class="hint">${t('console.users.resetHint')}</span></div>
              <button type="button" id="reset-generate" @click=${() => generate(u)}>${t('console.users.generate')}</button>`) : nothing}`)}
        </tbody></table>`)}
      <h3 id="invite-title">${t('console.users.invite')}</h3>
      <form class="card invite" @submit=${invite} aria-labelledby="invite-title" novalidate>
        <p class="hint">${t('console.users.inviteIntro')}</p>
        ${invitationsMissing(mosaic, v.mail).length ? html`<div class="alert notice" id="invite-missing">
          ${invitationsMissing(mosaic, v.mail).map((m) => html`<p>${m}</p>`)}
          <p><a href="/admin/mail">${t('console.users.inviteSetUp')}</a></p></div>` : nothing}
        ${v.invite.error && v.invite.error.status === 503 ? html`<p class="alert error" role="alert">${t('console.users.inviteUnavailable')}
          ${mosaic.problemText(v.invite.error)}</p>` : formAlert(mosaic, v.invite, ['username', 'email', 'teamId', 'validFor'])}
        ${okBox(mosaic, v.invited)}
        <div class="grid-2">
          ${input(mosaic, v.invite, 'username', t('field.username'), { required: true, autocomplete: 'off' })}
          ${input(mosaic, v.invite, 'email', t('console.users.email'), { type: 'email', required: true, autocomplete: 'off',
            hint: t('console.users.inviteEmailHint') })}
          ${input(mosaic, v.invite, 'teamId', t('field.teamId'), { type: 'select', required: true,
            options: [['', t('console.choose')], ...v.teams.map((tm) => [tm.id, tm.name])] })}
          ${input(mosaic, v.invite, 'validFor', t('console.users.validFor'), { type: 'select',
            options: ['P1D', 'P3D', 'P7D', 'P14D', 'P30D'].map((d) => [d, t(`console.users.valid.${d}`)]) })}
          <fieldset aria-invalid=${ariaInvalid(v.invite.error, 'roles')}><legend>${t('field.roles')}</legend>
            ${roleCheckboxes(mosaic, 'invite-role', v.roles, ['user'])}</fieldset>
        </div>
        <button type="submit" class="primary" ?disabled=${v.invite.busy}>${v.invite.busy ? t('console.busy') : t('console.users.inviteSend')}</button>
      </form>
      <h3>${t('console.users.new')}</h3>
      <form class="card" @submit=${create}>
        ${errorBox(mosaic, v.createError)}
        <div class="grid-2">
          <div class="field"><label for="new-username">${t('field.username')}</label>
            <input id="new-username" name="username" autocomplete="off" required aria-invalid=${ariaInvalid(v.createError, 'username')}></div>
          <div class="field"><label for="new-email">${t('console.users.email')}</label>
            <input id="new-email" name="email" type="email" autocomplete="off" aria-invalid=${ariaInvalid(v.createError, 'email')}
              aria-describedby="new-email-hint">
            <span id="new-email-hint" class="hint">${t('console.users.emailHint')}</span></div>
          <div class="field"><label for="new-password">${t('field.password')}</label>
            <input id="new-password" name="password" type="password" autocomplete="new-password" required
              aria-invalid=${ariaInvalid(v.createError, 'password')} aria-describedby="new-password-hint">
            <span id="new-password-hint" class="hint">${t('console.users.passwordHint')}</span></div>
          <div class="field"><label for="new-team">${t('field.teamId')}</label>
            <select id="new-team" name="teamId" aria-invalid=${ariaInvalid(v.createError, 'teamId')}>
              <option value="">${t('console.choose')}</option>${teamOptions(null)}</select></div>
          <fieldset aria-invalid=${ariaInvalid(v.createError, 'roles')}><legend>${t('field.roles')}</legend>
            ${roleCheckboxes(mosaic, 'new-role', v.roles, ['user'])}</fieldset>
        </div>
        <button type="submit" class="primary">${t('console.users.create')}</button>
      </form>`;
    return v;
  },

  roles(mosaic, draw) {
    const { html, t, api, nothing } = mosaic;
    const v = { roles: null, permissions: [], editing: null, error: null, createError: null, editError: null };
    v.load = async () => {
      const [roles, permissions] = await Promise.all([api.get('roles'), api.get('permissions')]);
      v.roles = roles.items;
      v.permissions = permissions.items;
    };
    const permissionBoxes = (idPrefix, checked) => (v.permissions.length === 0
      ? html`<p class="hint">${t('console.roles.noPermissions')}</p>`
      : v.permissions.map((p) => html`<label class="check"><input type="checkbox" name="permissions" value=${p.id}
          id=${`${idPrefix}-${p.id}`} ?checked=${checked.includes(p.id)}> <code>${p.id}</code> — ${p.description}</label>`));

    const run = runner(v, draw);
    const create = (event) => {
      event.preventDefault();
      const f = event.target;
      run(async () => {
        await api.post('roles', { name: f.elements.name.value.trim(), permissions: checkedValues(f, 'permissions') });
        f.reset();
        mosaic.announce(t('console.saved'));
      }, 'createError');
    };
    const save = (event, r) => {
      event.preventDefault();
      run(async () => {
        await api.patch(`roles/${r.id}`, { permissions: checkedValues(event.target, 'permissions') });
        v.editing = null;
        mosaic.announce(t('console.saved'));
      }, 'editError');
    };
    const remove = (r) => {
      if (window.confirm(t('console.roles.confirmDelete', { name: r.name }))) run(() => api.del(`roles/${r.id}`), 'error');
    };

    v.render = () => html`
      ${errorBox(mosaic, v.error)}
      ${tableWrap(mosaic, t('console.roles'), html`<table>
        <thead><tr><th scope="col">${t('field.name')}</th><th scope="col">${t('field.permissions')}</th><th scope="col">${t('console.actions')}</th></tr></thead>
        <tbody>${v.roles.map((r) => html`<tr data-role=${r.name}>
          <td>${r.name}${r.builtin ? html` <span class="hint">(${t('console.roles.builtin')})</span>` : nothing}</td>
          <td>${r.name === 'admin' ? t('console.roles.all') : (r.permissions.length ? r.permissions.join(', ') : t('console.none'))}</td>
          <td class="actions">
            ${r.name === 'admin' ? nothing : html`<button type="button" @click=${() => { v.editing = r.id; v.editError = null; draw(); }}
                aria-label=${t('console.editNamed', { name: r.name })}>${t('console.edit')}</button>`}
            ${r.builtin ? nothing : html`<button type="button" class="danger" @click=${() => remove(r)}
                aria-label=${t('console.deleteNamed', { name: r.name })}>${t('console.delete')}</button>`}
          </td></tr>
          ${v.editing === r.id ? rowForm(mosaic, { colspan: 3, save: (e) => save(e, r), error: v.editError,
            cancel: () => { v.editing = null; draw(); } }, html`
            <fieldset><legend>${t('console.roles.permissionsOf', { name: r.name })}</legend>${permissionBoxes('edit-perm', r.permissions)}</fieldset>`)
            : nothing}`)}
        </tbody></table>`)}
      <h3>${t('console.roles.new')}</h3>
      <form class="card" @submit=${create}>
        ${errorBox(mosaic, v.createError)}
        <div class="field"><label for="new-role-name">${t('field.name')}</label>
          <input id="new-role-name" name="name" required aria-invalid=${ariaInvalid(v.createError, 'name')}></div>
        <fieldset><legend>${t('field.permissions')}</legend>${permissionBoxes('new-perm', [])}</fieldset>
        <button type="submit" class="primary">${t('console.roles.create')}</button>
      </form>`;
    return v;
  },

  teams(mosaic, draw) {
    const { html, t, api, nothing, fmt } = mosaic;
    const v = { teams: null, renaming: null, error: null, createError: null, renameError: null };
    v.load = async () => { v.teams = (await api.get('teams?limit=200')).items; };
    const run = runner(v, draw);
    const create = (event) => {
      event.preventDefault();
      const f = event.target;
      run(async () => {
        await api.post('teams', { name: f.elements.name.value });
        f.reset();
        mosaic.announce(t('console.saved'));
      }, 'createError');
    };
    const rename = (event, tm) => {
      event.preventDefault();
      run(async () => {
        await api.patch(`teams/${tm.id}`, { name: event.target.elements.name.value });
        v.renaming = null;
        mosaic.announce(t('console.saved'));
      }, 'renameError');
    };
    const remove = (tm) => {
      if (window.confirm(t('console.teams.confirmDelete', { name: tm.name }))) run(() => api.del(`teams/${tm.id}`), 'error');
    };
    v.render = () => html`
      ${errorBox(mosaic, v.error)}
      ${tableWrap(mosaic, t('console.teams'), html`<table>
        <thead><tr><th scope="col">${t('field.name')}</th><th scope="col">${t('console.teams.members')}</th>
          <th scope="col">${t('console.created')}</th><th scope="col">${t('console.actions')}</th></tr></thead>
        <tbody>${v.teams.map((tm) => html`<tr data-team=${tm.id}>
          <td class="team-name">${tm.name}</td><td>${fmt.number(tm.members)}</td><td>${fmt.dateTime(tm.createdAt)}</td>
          <td class="actions">
            <button type="button" @click=${() => { v.renaming = tm.id; v.renameError = null; draw(); }}
                aria-label=${t('console.teams.renameNamed', { name: tm.name })}>${t('console.teams.rename')}</button>
            <button type="button" class="danger" @click=${() => remove(tm)} aria-label=${t('console.deleteNamed', { name: tm.name })}>${t('console.delete')}</button>
          </td></tr>
          ${v.renaming === tm.id ? rowForm(mosaic, { colspan: 4, save: (e) => rename(e, tm), error: v.renameError,
            cancel: () => { v.renaming = null; draw(); } }, html`
            <div class="field"><label for="rename-team">${t('field.name')}</label>
              <input id="rename-team" name="name" .value=${tm.name} required></div>`) : nothing}`)}
        </tbody></table>`)}
      <h3>${t('console.teams.new')}</h3>
      <form class="card" @submit=${create}>
        ${errorBox(mosaic, v.createError)}
        <div class="field"><label for="new-team-name">${t('field.name')}</label>
          <input id="new-team-name" name="name" required aria-invalid=${ariaInvalid(v.createError, 'name')}></div>
        <button type="submit" class="primary">${t('console.teams.create')}</button>
      </form>`;
    return v;
  },

  audit(mosaic, draw) {
    const { html, t, api, nothing, fmt } = mosaic;
    const v = { entries: null, next: null, page: null, filters: {}, error: null };
    const query = (cursor) => {
      const q = new URLSearchParams({ limit: '50' });
      for (const [k, val] of Object.entries(v.filters)) if (val) q.set(k, val);
      if (cursor) q.set('cursor', cursor);
      return `audit?${q}`;
    };
    v.load = async () => {
      const page = await api.get(query());
      v.entries = page.items;
      v.next = page.next;
      v.page = page;
    };
    const toInstant = (local) => (local ? new Date(local).toISOString() : '');
    const apply = async (event) => {
      event.preventDefault();
      const f = event.target.elements;
      v.filters = { actor: f.actor.value.trim(), action: f.action.value.trim(), target: f.target.value.trim(),
        from: toInstant(f.from.value), to: toInstant(f.to.value) };
      v.error = null;
      try {
        await v.load();
      } catch (e) {
        v.error = e;
      }
      draw();
    };
    const clear = async (event) => {
      event.target.closest('form').reset();
      v.filters = {};
      v.error = null;
      try {
        await v.load();
      } catch (e) {
        v.error = e;
      }
      draw();
    };
    const more = async () => {
      try {
        const page = await api.get(query(v.next));
        v.entries = v.entries.concat(page.items);
        v.next = page.next;
      } catch (e) {
        v.error = e;
      }
      draw();
    };
    v.render = () => html`
      <form class="card filters" @submit=${apply}>
        <div class="grid-3">
          <div class="field"><label for="audit-actor">${t('console.audit.actor')}</label><input id="audit-actor" name="actor"></div>
          <div class="field"><label for="audit-action">${t('console.audit.action')}</label>
            <input id="audit-action" name="action" aria-describedby="audit-action-hint">
            <span id="audit-action-hint" class="hint">${t('console.audit.actionHint')}</span></div>
          <div class="field"><label for="audit-target">${t('console.audit.target')}</label><input id="audit-target" name="target"></div>
          <div class="field"><label for="audit-from">${t('console.audit.from')}</label><input id="audit-from" name="from" type="datetime-local"></div>
          <div class="field"><label for="audit-to">${t('console.audit.to')}</label><input id="audit-to" name="to" type="datetime-local"></div>
        </div>
        <button type="submit" class="primary">${t('console.audit.apply')}</button>
        <button type="button" @click=${clear}>${t('console.audit.clear')}</button>
      </form>
      ${errorBox(mosaic, v.error)}
      <p role="status">${t('console.audit.count', { shown: fmt.number(v.entries.length), total: totalText(mosaic, v.page) })}</p>
      ${tableWrap(mosaic, t('console.audit'), html`<table class="audit">
        <thead><tr><th scope="col">${t('console.audit.when')}</th><th scope="col">${t('console.audit.actor')}</th>
          <th scope="col">${t('console.audit.action')}</th><th scope="col">${t('console.audit.target')}</th>
          <th scope="col">${t('console.audit.detail')}</th><th scope="col">${t('console.audit.address')}</th></tr></thead>
        <tbody>${v.entries.map((e) => html`<tr>
          <td>${fmt.dateTime(e.at)}</td><td>${e.actor}</td><td><code>${e.action}</code></td>
          <td>${e.name ? html`<span class="audit-name">${e.name}</span> <span class="hint">${e.target}</span>` : e.target}</td>
          <td class="detail">${auditDetail(mosaic, e)}</td><td>${e.address}</td></tr>`)}</tbody></table>`)}
      ${v.next ? html`<button type="button" @click=${more}>${t('console.audit.more')}</button>` : nothing}`;
    return v;
  },

  health(mosaic, draw) {
    const { html, t, api, fmt } = mosaic;
    const v = { health: null, system: null, error: null };
    v.load = async () => {
      [v.health, v.system] = await Promise.all([api.get('health'), api.get('system')]);
    };
    const refresh = async () => {
      v.error = null;
      try {
        await v.load();
        mosaic.announce(t('console.health.refreshed'));
      } catch (e) {
        v.error = e;
      }
      draw();
    };
    v.render = () => {
      const s = v.system;
      const up = v.health.status === 'UP';
      return html`
        ${errorBox(mosaic, v.error)}
        <dl class="card facts health">
          <dt>${t('console.health.status')}</dt><dd><span class=${up ? 'state on' : 'state off'}>${up ? t('console.health.up') : t('console.health.down')}</span></dd>
          <dt>${t('console.health.version')}</dt><dd>${s.version}</dd>
          <dt>${t('console.health.database')}</dt><dd data-fact="database">${s.database}</dd>
          <dt>${t('console.health.started')}</dt><dd>${fmt.dateTime(s.startedAt)}</dd>
          <dt>${t('console.health.uptime')}</dt><dd>${fmt.duration(s.uptimeSeconds)}</dd>
          <dt>${t('console.health.memoryUsed')}</dt><dd data-fact="memory">${fmt.bytes(s.heap.usedBytes)}</dd>
          <dt>${t('console.health.memoryCommitted')}</dt><dd>${fmt.bytes(s.heap.committedBytes)}</dd>
          <dt>${t('console.health.memoryMax')}</dt><dd>${fmt.bytes(s.heap.maxBytes)}</dd>
          <dt>${t('console.health.java')}</dt><dd>${s.javaVersion}</dd>
          <dt>${t('console.health.processors')}</dt><dd>${fmt.number(s.processors)}</dd>
          <dt>${t('console.health.bundles')}</dt><dd>${fmt.number(s.bundles)}</dd>
        </dl>
        <button type="button" @click=${refresh}>${t('console.health.refresh')}</button>`;
    };
    return v;
  },

  // The custom fields of every enabled module's customizable entities: the entities the
  // administrator may change, then the shell kit's fields page for the chosen one.
  fields(mosaic, draw) {
    const { html, t, api, query, nothing } = mosaic;
    const v = { entities: [], inner: null };
    const href = (e) => `/admin/fields?module=${encodeURIComponent(e.module)}&entity=${encodeURIComponent(e.entity)}`;
    v.load = async () => {
      v.entities = (await api.get('fields')).items.filter((e) => e.mayCustomize);
      const chosen = v.entities.find((e) => e.module === query.get('module') && e.entity === query.get('entity')) || v.entities[0];
      if (!chosen) return;
      v.chosen = chosen;
      v.inner = fieldsView(mosaic, draw, { module: chosen.module, entities: [], entity: chosen.entity, idPrefix: 'console',
        href: () => href(chosen) });
      await v.inner.load();
    };
    v.render = () => {
      if (!v.inner) return html`<p>${t('console.fields.none')}</p>`;
      return html`
        <p>${t('console.fields.intro')}</p>
        <nav class="kit-actions" aria-label=${t('console.fields.entities')}>
          ${v.entities.map((e) => {
            const current = e === v.chosen;
            return html`<a class=${current ? 'button primary' : 'button'} href=${href(e)} aria-current=${current ? 'page' : 'false'}
                data-module=${e.module} data-entity=${e.entity}>${e.moduleName}: ${e.label}</a>`;
          })}
        </nav>
        ${v.inner.render()}`;
    };
    return v;
  },

  // Outgoing mail: the SMTP settings (the password can be replaced or removed, never read back),
  // where they come from, a test mail that shows what the server answered, and the outbox.
  mail(mosaic, draw) {
    const { html, t, api, nothing, fmt } = mosaic;
    const STATES = ['queued', 'sending', 'sent', 'failed', 'unknown'];
    const v = { settings: null, outbox: null, configured: false, filter: '', outboxError: null, saved: null, cleared: null,
      form: null, test: formState('mail-test', { to: '' }), tested: null };
    const toForm = (s) => formState('mail', { host: s.host || '', port: s.port ? String(s.port) : '', security: s.security || 'starttls',
      username: s.username || '', password: '', clearPassword: false, fromAddress: s.fromAddress || '', fromName: s.fromName || '' });
    const loadOutbox = async () => {
      const answer = await api.get(`mail/outbox?limit=50${v.filter ? `&state=${encodeURIComponent(v.filter)}` : ''}`);
      v.outbox = answer.items;
      v.configured = answer.configured;
    };
    v.load = async () => {
      v.settings = await api.get('mail/settings');
      v.form = toForm(v.settings);
      await loadOutbox();
    };
    const reload = async () => {
      v.settings = await api.get('mail/settings');
      v.form = toForm(v.settings);
    };

    const save = async (event) => {
      event.preventDefault();
      const f = v.form.values;
      v.saved = null;
      v.cleared = null;
      const body = { host: f.host.trim(), security: f.security, username: f.username.trim() || null, fromAddress: f.fromAddress.trim(),
        fromName: f.fromName.trim() || null, version: v.settings.version };
      if (f.port.trim()) body.port = /^\d+$/.test(f.port.trim()) ? Number(f.port.trim()) : f.port.trim();
      // The password goes only when replaced (typed) or removed; absent, the saved one stays.
      if (f.password) body.password = f.password;
      else if (f.clearPassword) body.password = '';
      const ok = await submit(v.form, draw, async () => {
        v.settings = await api.put('mail/settings', body);
      }, { versioned: true });
      if (ok) {
        v.form = toForm(v.settings);
        v.saved = t('console.saved');
        mosaic.announce(v.saved);
        await loadOutbox().catch(() => {});
        draw();
      }
    };
    const useEnvironment = async () => {
      if (!window.confirm(t('console.mail.confirmEnvironment'))) return;
      v.saved = null;
      const ok = await submit(v.form, draw, async () => {
        v.settings = await api.del(`mail/settings?version=${v.settings.version}`);
      }, { versioned: true });
      if (ok) {
        v.form = toForm(v.settings);
        v.cleared = t('console.mail.environmentAgain');
        mosaic.announce(v.cleared);
        draw();
      }
    };
    const sendTest = async (event) => {
      event.preventDefault();
      v.tested = null;
      await submit(v.test, draw, async () => {
        const answer = await api.post('mail/test', { to: v.test.values.to.trim() });
        v.tested = answer.reply;
        mosaic.announce(t('console.mail.testSent'));
      });
      await loadOutbox().catch(() => {});
      draw();
    };
    const filter = async (event) => {
      v.filter = event.target.value;
      v.outboxError = null;
      try {
        await loadOutbox();
      } catch (e) {
        v.outboxError = e;
      }
      draw();
    };
    const retry = async (m) => {
      v.outboxError = null;
      try {
        await api.post(`mail/outbox/${m.id}/retry`, {});
        mosaic.announce(t('console.mail.retried', { subject: m.subject }));
        await loadOutbox();
      } catch (e) {
        v.outboxError = e;
      }
      draw();
    };

    const sourceText = (s) => {
      if (s.source === 'database') return t('console.mail.sourceDatabase');
      if (s.source === 'environment') return t('console.mail.sourceEnvironment');
      return t('console.mail.sourceNone');
    };
    const securityOptions = [['starttls', t('console.mail.starttls')], ['tls', t('console.mail.tls')], ['none', t('console.mail.none')]];

    v.render = () => {
      const s = v.settings;
      const f = v.form;
      return html`
        <p class="hint">${t('console.mail.intro')}</p>
        <dl class="card facts mail-facts">
          <dt>${t('console.mail.source')}</dt><dd data-fact="source">${sourceText(s)}</dd>
          <dt>${t('console.mail.publicUrl')}</dt><dd data-fact="publicUrl">${s.publicUrl ? html`<code>${s.publicUrl}</code>`
            : html`<span class="state off">${t('console.mail.noPublicUrl')}</span>`}</dd>
        </dl>
        <form class="card mail-settings" @submit=${save} novalidate aria-labelledby="mail-settings-title">
          <h3 id="mail-settings-title">${t('console.mail.server')}</h3>
          ${conflictBox(mosaic, f, draw, { id: 'mail-conflict', message: t('console.mail.conflict'), reload })}
          ${formAlert(mosaic, f, ['host', 'port', 'security', 'username', 'password', 'fromAddress', 'fromName'])}
          ${okBox(mosaic, v.saved || v.cleared)}
          <div class="grid-2">
            ${input(mosaic, f, 'host', t('console.mail.host'), { required: true, autocomplete: 'off', hint: t('console.mail.hostHint') })}
            ${input(mosaic, f, 'security', t('console.mail.security'), { type: 'select', options: securityOptions })}
            ${input(mosaic, f, 'port', t('console.mail.port'), { type: 'number', hint: t('console.mail.portHint') })}
            ${input(mosaic, f, 'username', t('console.mail.username'), { autocomplete: 'off', hint: t('console.mail.usernameHint') })}
            <div class="field" data-field="password">
              <label for="mail-password">${t('console.mail.password')}</label>
              <p class="hint" id="mail-password-state" data-password=${s.passwordSet ? 'set' : 'unset'}>${s.passwordSet
                ? t('console.mail.passwordSet') : t('console.mail.passwordUnset')}</p>
              <input id="mail-password" name="password" type="password" autocomplete="new-password" .value=${mosaic.live(f.values.password)}
                aria-describedby="mail-password-state mail-password-hint" aria-invalid=${ariaInvalid(f.error, 'password')}
                @input=${(e) => { f.values.password = e.target.value; }}>
              <span class="hint" id="mail-password-hint">${t(s.passwordSet ? 'console.mail.passwordReplaceHint' : 'console.mail.passwordNewHint')}</span>
              ${s.passwordSet ? html`<label class="check"><input type="checkbox" id="mail-clearPassword" .checked=${mosaic.live(f.values.clearPassword)}
                @change=${(e) => { f.values.clearPassword = e.target.checked; }}> ${t('console.mail.passwordClear')}</label>` : nothing}
            </div>
            ${input(mosaic, f, 'fromAddress', t('console.mail.fromAddress'), { type: 'email', required: true, autocomplete: 'off',
              hint: t('console.mail.fromAddressHint') })}
            ${input(mosaic, f, 'fromName', t('console.mail.fromName'), { autocomplete: 'off', hint: t('console.mail.fromNameHint') })}
          </div>
          <button type="submit" class="primary" ?disabled=${f.busy}>${f.busy ? t('console.busy') : t('console.save')}</button>
          ${s.source === 'database' && s.environment ? html`<button type="button" id="mail-use-environment" @click=${useEnvironment}>
            ${t('console.mail.useEnvironment')}</button>` : nothing}
        </form>
        <form class="card mail-test" @submit=${sendTest} novalidate aria-labelledby="mail-test-title">
          <h3 id="mail-test-title">${t('console.mail.test')}</h3>
          <p class="hint">${t('console.mail.testIntro')}</p>
          ${formAlert(mosaic, v.test, ['to'])}
          ${v.tested ? html`<div class="alert success" role="status" id="mail-test-result"><p>${t('console.mail.testSent')}</p>
            <p>${t('console.mail.serverReplied')} <code class="server-reply">${v.tested}</code></p></div>` : nothing}
          ${input(mosaic, v.test, 'to', t('console.mail.testTo'), { type: 'email', required: true, autocomplete: 'email' })}
          <button type="submit" id="mail-test-send" ?disabled=${v.test.busy}>${v.test.busy ? t('console.mail.testSending') : t('console.mail.testSend')}</button>
        </form>
        <h3 id="mail-outbox-title">${t('console.mail.outbox')}</h3>
        <p class="hint">${v.configured ? t('console.mail.outboxIntro') : t('console.mail.outboxNotConfigured')}</p>
        <div class="field inline"><label for="mail-outbox-state">${t('console.mail.showState')}</label>
          <select id="mail-outbox-state" @change=${filter}>
            <option value="" ?selected=${!v.filter}>${t('console.mail.allStates')}</option>
            ${STATES.map((st) => html`<option value=${st} ?selected=${v.filter === st}>${t(`console.mail.state.${st}`)}</option>`)}
          </select>
          <button type="button" @click=${() => filter({ target: { value: v.filter } })}>${t('console.mail.refresh')}</button></div>
        ${errorBox(mosaic, v.outboxError)}
        ${v.outbox.length === 0 ? html`<p>${t('console.mail.outboxEmpty')}</p>` : tableWrap(mosaic, t('console.mail.outbox'), html`<table class="outbox">
          <thead><tr><th scope="col">${t('console.created')}</th><th scope="col">${t('console.mail.to')}</th>
            <th scope="col">${t('console.mail.subject')}</th><th scope="col">${t('console.status')}</th>
            <th scope="col">${t('console.mail.attempts')}</th><th scope="col">${t('console.mail.answer')}</th>
            <th scope="col">${t('console.actions')}</th></tr></thead>
          <tbody>${v.outbox.map((m) => html`<tr data-mail=${m.id} data-state=${m.state}>
            <td>${fmt.dateTime(m.createdAt)}</td><td>${m.to.join(', ')}</td><td>${m.subject}</td>
            <td><span class=${m.state === 'sent' ? 'state on' : m.state === 'failed' || m.state === 'unknown' ? 'state off' : 'state'}>${t(`console.mail.state.${m.state}`)}</span>
              ${m.sentAt ? html`<br><small>${fmt.dateTime(m.sentAt)}</small>` : nothing}</td>
            <td>${fmt.number(m.attempts)}</td>
            <td class="detail">${m.lastError ? m.lastError : m.serverReply ? html`<code>${m.serverReply}</code>` : '—'}</td>
            <td class="actions">${m.state === 'failed' || m.state === 'unknown' ? html`<button type="button" @click=${() => retry(m)}
              aria-label=${t('console.mail.retryNamed', { subject: m.subject })}>${t('console.mail.retry')}</button>` : nothing}</td>
          </tr>`)}</tbody></table>`)}`;
    };
    return v;
  },

  settings(mosaic, draw) {
    const { html, t, api } = mosaic;
    const v = { settings: null, error: null, saved: null };
    v.load = async () => { v.settings = await api.get('settings'); };
    const save = async (event) => {
      event.preventDefault();
      const f = event.target.elements;
      v.error = null;
      v.saved = null;
      try {
        v.settings = await api.put('settings', { companyName: f.companyName.value, defaultLanguage: f.defaultLanguage.value,
          theme: f.theme.value, timeZone: f.timeZone.value.trim(), currency: f.currency.value.trim().toUpperCase(),
          version: v.settings.version });
        v.saved = t('console.saved');
        await mosaic.refreshUi();
      } catch (e) {
        v.error = e;
        if (e.status === 409) await v.load().catch(() => {});
      }
      draw();
    };
    v.render = () => {
      const s = v.settings;
      return html`
        <form class="card settings" @submit=${save}>
          ${errorBox(mosaic, v.error)}
          ${v.saved ? okBox(mosaic, v.saved) : ''}
          <div class="field"><label for="settings-company">${t('field.companyName')}</label>
            <input id="settings-company" name="companyName" maxlength="100" .value=${s.companyName}
              aria-invalid=${ariaInvalid(v.error, 'companyName')}></div>
          <div class="field"><label for="settings-language">${t('field.defaultLanguage')}</label>
            <select id="settings-language" name="defaultLanguage" aria-describedby="settings-language-hint">
              ${mosaic.languages().map((l) => html`<option value=${l.code} lang=${l.code} ?selected=${l.code === s.defaultLanguage}>${l.name}</option>`)}
            </select>
            <span id="settings-language-hint" class="hint">${t('console.settings.languageHint')}</span></div>
          <div class="field"><label for="settings-theme">${t('field.theme')}</label>
            <select id="settings-theme" name="theme" aria-describedby="settings-theme-hint">
              ${mosaic.themes().map((th) => html`<option value=${th.id} ?selected=${th.id === s.theme}>${th.name}</option>`)}
            </select>
            <span id="settings-theme-hint" class="hint">${t('console.settings.themeHint')}</span></div>
          <div class="field"><label for="settings-zone">${t('field.timeZone')}</label>
            <input id="settings-zone" name="timeZone" .value=${s.timeZone} aria-describedby="settings-zone-hint"
              aria-invalid=${ariaInvalid(v.error, 'timeZone')}>
            <span id="settings-zone-hint" class="hint">${t('console.settings.zoneHint')}</span></div>
          <div class="field"><label for="settings-currency">${t('field.currency')}</label>
            <input id="settings-currency" name="currency" maxlength="3" .value=${s.currency} aria-describedby="settings-currency-hint"
              aria-invalid=${ariaInvalid(v.error, 'currency')}>
            <span id="settings-currency-hint" class="hint">${t('console.settings.currencyHint')}</span></div>
          <button type="submit" class="primary">${t('console.save')}</button>
          <p><a href="/setup">${t('console.settings.setupAgain')}</a></p>
        </form>`;
    };
    return v;
  },
};
