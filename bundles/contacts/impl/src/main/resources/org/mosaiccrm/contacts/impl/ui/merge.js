// Merging a duplicate into a person or organization (/contacts/<kind>/<id>/merge): choose the
// duplicate with a type-ahead, see both side by side and pick per field which value stays. The
// server does the rest in one transaction: emails, phones, tags and custom fields are united,
// the duplicate's activities, tasks and relationships (and an organization's people) move over,
// the duplicate is deleted and the merge is audited.

import { combobox, errorBox, formState, setChoice } from '/ui/shell/kit.js';
import { KINDS, organizationName, organizationSearch, personSearch, recordName } from './common.js';

/** The fields the server lets a merge take from the duplicate (Merger.PERSON_TAKEABLE / ORGANIZATION_TAKEABLE). */
const FIELDS = {
  people: ['firstName', 'lastName', 'jobTitle', 'organizationId', 'lifecycleStage', 'source', 'addresses', 'emailConsent'],
  organizations: ['name', 'domain', 'industry', 'size', 'addresses'],
};

function label(mosaic, field) {
  return mosaic.t(`contacts.field.${field === 'organizationId' ? 'organization' : field}`);
}

/** A field's value as the user reads it; '' when empty. */
function shown(mosaic, field, record, organizations) {
  const { t, fmt } = mosaic;
  const value = record[field];
  switch (field) {
    case 'organizationId': return value ? (organizations.get(value) || t('contacts.form.otherOrganization')) : '';
    case 'lifecycleStage': return value ? t(`contacts.stage.${value}`) : '';
    case 'addresses': return (value || []).map((a) => Object.values(a).filter(Boolean).join(', ')).join('; ');
    case 'emailConsent': return value && value.granted
      ? t('contacts.consent.granted', { date: fmt.date(value.at), source: value.source || '' }) : t('contacts.consent.none');
    default: return value == null ? '' : String(value);
  }
}

export function mergeView(kind, id) {
  return (mosaic, draw) => {
    const { html, t, api, nothing } = mosaic;
    const cfg = KINDS[kind];
    const v = { survivor: null, duplicate: null, organizations: new Map(), keep: {}, error: null, busy: false };
    const pick = formState('merge-pick', { duplicateId: '' });

    v.title = () => t('contacts.merge.title', { name: v.survivor ? recordName(mosaic, kind, v.survivor) : '' });

    async function nameOrganizations(records) {
      const ids = [...new Set(records.map((r) => r.organizationId).filter((o) => o && !v.organizations.has(o)))];
      await Promise.all(ids.map((o) => organizationName(api, o).then((name) => { if (name) v.organizations.set(o, name); })));
    }

    async function compare(duplicateId) {
      v.error = null;
      v.duplicate = null;
      if (!duplicateId) { draw(); return; }
      try {
        v.duplicate = await api.get(`${cfg.api}/${encodeURIComponent(duplicateId)}`);
        await nameOrganizations([v.survivor, v.duplicate]);
        // Each field keeps the survivor's value, unless only the duplicate has one.
        v.keep = Object.fromEntries(FIELDS[kind].map((f) => [f,
          !shown(mosaic, f, v.survivor, v.organizations) && shown(mosaic, f, v.duplicate, v.organizations) ? 'duplicate' : 'survivor']));
      } catch (e) {
        v.error = e;
      }
      draw();
    }

    v.load = async () => {
      v.survivor = await api.get(`${cfg.api}/${encodeURIComponent(id)}`);
      const other = mosaic.query.get('with');
      if (other && other !== id) {
        await compare(other);
        if (v.duplicate) setChoice(pick, 'duplicateId', other, recordName(mosaic, kind, v.duplicate));
      }
    };

    function choose(event) {
      event.preventDefault();
      compare(pick.values.duplicateId);
    }

    async function merge(event) {
      event.preventDefault();
      const take = FIELDS[kind].filter((f) => v.keep[f] === 'duplicate');
      v.busy = true;
      v.error = null;
      draw();
      try {
        const merged = await api.post(`${cfg.api}/${encodeURIComponent(id)}/merge`,
          { duplicateId: v.duplicate.id, take, version: v.survivor.version });
        mosaic.announce(t('contacts.merge.done', { name: recordName(mosaic, kind, merged) }));
        mosaic.navigate(`${cfg.route}/${encodeURIComponent(id)}`);
        return;
      } catch (e) {
        v.error = e.status === 409 ? new mosaic.ApiError(409, { detail: t('contacts.merge.stale') }) : e;
      }
      v.busy = false;
      draw();
    }

    const row = (field) => {
      const mine = shown(mosaic, field, v.survivor, v.organizations);
      const theirs = shown(mosaic, field, v.duplicate, v.organizations);
      const name = `merge-${field}`;
      const cell = (side, text) => html`<td><label class="check"><input type="radio" name=${name} value=${side}
          id=${`${name}-${side}`} .checked=${v.keep[field] === side} @change=${() => { v.keep[field] = side; }}>
        <span><span class="visually-hidden">${label(mosaic, field)}: </span>${text || html`<span class="hint">${t('contacts.merge.empty')}</span>`}</span>
      </label></td>`;
      return html`<tr data-field=${field}><th scope="row">${label(mosaic, field)}</th>${cell('survivor', mine)}${cell('duplicate', theirs)}</tr>`;
    };

    v.render = () => {
      const search = kind === 'people' ? personSearch(mosaic, id) : async (text) => {
        const page = await organizationSearch(api)(text);
        return { items: page.items.filter(([oid]) => oid !== id), total: page.total };
      };
      return html`
        <p>${t(`contacts.merge.intro.${kind}`, { name: recordName(mosaic, kind, v.survivor) })}</p>
        <form class="card contacts-inline" id="contacts-merge-pick" @submit=${choose}>
          ${combobox(mosaic, pick, draw, 'duplicateId', t(`contacts.merge.duplicate.${kind}`), { search })}
          <button type="submit">${t('contacts.merge.compare')}</button>
        </form>
        ${errorBox(mosaic, v.error)}
        ${v.duplicate ? html`<form class="card" id="contacts-merge-form" @submit=${merge}>
          <h2>${t('contacts.merge.choose')}</h2>
          <div class="table-wrap"><table class="contacts-merge">
            <caption class="visually-hidden">${t('contacts.merge.choose')}</caption>
            <thead><tr><th scope="col">${t('contacts.merge.field')}</th>
              <th scope="col">${t('contacts.merge.keeps', { name: recordName(mosaic, kind, v.survivor) })}</th>
              <th scope="col">${t('contacts.merge.goes', { name: recordName(mosaic, kind, v.duplicate) })}</th></tr></thead>
            <tbody>${FIELDS[kind].map(row)}</tbody>
          </table></div>
          <p class="hint">${t(`contacts.merge.united.${kind}`, { name: recordName(mosaic, kind, v.duplicate) })}</p>
          <div class="kit-actions">
            <button type="submit" class="primary" id="contacts-merge-submit" ?disabled=${v.busy}>${t('contacts.merge.submit')}</button>
            <a href=${`${cfg.route}/${encodeURIComponent(id)}`}>${t('contacts.form.cancel')}</a>
          </div>
        </form>` : nothing}
        ${v.duplicate ? nothing : html`<p><a href=${`${cfg.route}/${encodeURIComponent(id)}`}>${t('contacts.form.cancel')}</a></p>`}`;
    };
    return v;
  };
}
