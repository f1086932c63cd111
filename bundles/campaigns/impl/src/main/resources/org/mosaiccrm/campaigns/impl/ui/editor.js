// A draft campaign's form (new, or changed until it is sent): name, segment, template, when it
// goes (as soon as it is sent, or at a date and time) and the follow-up: which responses count as
// interest (a reply, a click — on any link or only on the links listed), when the owner's call
// task is due and how soon the next call is due after "not reached" or "call back later".

import { combobox, formState, input, listSearch, setChoice } from '/ui/shell/kit.js';
import { formTop, fromLocalInput, href, saveRecord, tabs, toLocalInput } from './common.js';

const INPUTS = ['name', 'segmentId', 'templateId', 'scheduledAt', 'followUp'];

export function campaignFormView(id) {
  return (mosaic, draw) => {
    const { html, t, api, nothing, live } = mosaic;
    const creating = !id;
    const path = creating ? null : `campaigns/${encodeURIComponent(id)}`;
    const v = { campaign: null };
    const form = formState('campaign', {});

    v.title = () => (v.campaign ? t('campaigns.edit.title', { name: v.campaign.name }) : t('campaigns.new'));
    async function load() {
      v.campaign = creating ? null : await api.get(path);
      const c = v.campaign || { followUp: { on: ['reply', 'click'], taskDueDays: 3, reminderDays: 3, links: [] } };
      const f = c.followUp || { on: [], taskDueDays: 3, reminderDays: 3, links: [] };
      form.values = { name: c.name || '', when: c.scheduledAt ? 'later' : 'now', scheduledAt: toLocalInput(c.scheduledAt),
        onReply: f.on.includes('reply'), onClick: f.on.includes('click'), links: (f.links || []).join('\n'),
        taskDueDays: String(f.taskDueDays), reminderDays: String(f.reminderDays) };
      if (!creating) {
        const [segment, template] = await Promise.all([api.get(`campaigns/segments/${encodeURIComponent(c.segmentId)}`),
          api.get(`campaigns/templates/${encodeURIComponent(c.templateId)}`)]);
        setChoice(form, 'segmentId', segment.id, segment.name);
        setChoice(form, 'templateId', template.id, template.name);
      }
    }
    v.load = load;

    const days = (value) => (/^\d+$/.test(String(value).trim()) ? Number(value) : String(value).trim());
    const body = () => ({
      name: String(form.values.name || '').trim() || null,
      segmentId: form.values.segmentId || null,
      templateId: form.values.templateId || null,
      scheduledAt: form.values.when === 'later' ? fromLocalInput(form.values.scheduledAt) || '' : null,
      followUp: {
        on: [form.values.onReply ? 'reply' : null, form.values.onClick ? 'click' : null].filter(Boolean),
        taskDueDays: days(form.values.taskDueDays),
        reminderDays: days(form.values.reminderDays),
        links: form.values.onClick ? String(form.values.links || '').split(/\s+/).filter(Boolean) : [],
      },
    });

    async function save(event) {
      event.preventDefault();
      const saved = await saveRecord(mosaic, form, draw, 'campaigns', v.campaign, body());
      if (!saved) return;
      mosaic.announce(t('campaigns.saved', { name: saved.name }));
      mosaic.navigate(href(saved.id));
    }

    /** An input's hint and messages, with the ids its aria-describedby names (as the kit's inputs have them). */
    const messagesOf = (id, messages, hint) => html`${hint ? html`<span class="hint" id=${`${id}-hint`}>${hint}</span>` : nothing}
      ${messages.length ? html`<span class="field-error" id=${`${id}-error`}>${messages.join(' ')}</span>` : nothing}`;

    /** The server's messages for one part of the follow-up ({@code followUp.<key>}). */
    const followUpErrors = (key) => ((form.error && form.error.errors) || []).filter((e) => e.field === `followUp.${key}`)
      .map((e) => e.message);
    const dayInput = (key) => {
      const id = `campaign-${key}`;
      const messages = followUpErrors(key);
      return html`<div class="field"><label for=${id}>${t(`campaigns.followUp.${key}`)}</label>
        <input id=${id} type="number" min="0" max="365" inputmode="numeric" .value=${live(form.values[key])}
          aria-invalid=${messages.length ? 'true' : 'false'} aria-describedby=${messages.length ? `${id}-error` : nothing}
          @input=${(e) => { form.values[key] = e.target.value; }}>
        ${messagesOf(id, messages)}</div>`;
    };
    const whenChanged = () => {
      draw();
      if (form.values.when === 'later') requestAnimationFrame(() => document.getElementById('campaign-scheduledAt')?.focus());
    };

    v.render = () => html`${tabs(mosaic, 'list')}
      <form class="card" id="campaign-form" novalidate @submit=${save}>
        ${formTop(mosaic, form, draw, INPUTS, load)}
        ${input(mosaic, form, 'name', t('campaigns.field.name'), { required: true })}
        ${combobox(mosaic, form, draw, 'segmentId', t('campaigns.field.segment'), { required: true,
          search: listSearch(api, 'campaigns/segments', (s) => s.name) })}
        ${combobox(mosaic, form, draw, 'templateId', t('campaigns.field.template'), { required: true,
          search: listSearch(api, 'campaigns/templates', (s) => s.name) })}
        <fieldset @change=${whenChanged}>
          <legend>${t('campaigns.field.when')}</legend>
          ${['now', 'later'].map((w) => html`<label class="check"><input type="radio" name="campaign-when" id=${`campaign-when-${w}`}
            value=${w} .checked=${live(form.values.when === w)} @change=${() => { form.values.when = w; }}> ${t(`campaigns.when.${w}`)}</label>`)}
          ${form.values.when === 'later' ? input(mosaic, form, 'scheduledAt', t('campaigns.field.scheduledAt'), { type: 'datetime-local',
            required: true }) : nothing}
        </fieldset>
        <fieldset>
          <legend>${t('campaigns.followUp.title')}</legend>
          <p class="hint">${t('campaigns.followUp.intro')}</p>
          ${input(mosaic, form, 'onReply', t('campaigns.followUp.onReply'), { type: 'checkbox' })}
          <div @change=${() => draw()}>${input(mosaic, form, 'onClick', t('campaigns.followUp.onClick'), { type: 'checkbox' })}</div>
          ${followUpErrors('on').length ? html`<p class="field-error">${followUpErrors('on').join(' ')}</p>` : nothing}
          ${form.values.onClick ? html`<div class="field"><label for="campaign-links">${t('campaigns.followUp.links')}</label>
            <textarea id="campaign-links" rows="3" aria-describedby="campaign-links-hint${followUpErrors('links').length ? ' campaign-links-error' : ''}"
              aria-invalid=${followUpErrors('links').length ? 'true' : 'false'} .value=${live(form.values.links)}
              @input=${(e) => { form.values.links = e.target.value; }}></textarea>
            ${messagesOf('campaign-links', followUpErrors('links'), t('campaigns.followUp.linksHint'))}</div>` : nothing}
          ${dayInput('taskDueDays')}
          ${dayInput('reminderDays')}
        </fieldset>
        <div class="kit-actions">
          <button type="submit" class="primary" ?disabled=${form.busy}>${t('campaigns.save')}</button>
          <a class="button" href=${creating ? '/campaigns' : href(id)}>${t('campaigns.back')}</a>
        </div>
      </form>`;
    return v;
  };
}
