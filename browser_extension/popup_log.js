// @ts-check
// The popup's networking log: the follow-ups due (done, or tomorrow instead), the meetings
// marked lately (went or skipped, and who the person met there) with a short form that is quick to
// fill on a phone-sized popup, and what each kind of meeting has brought. It asks the service worker, never the API; what the API refuses it
// shows in the API's own words (which never repeat a contact's name).
'use strict';
(function () {
  const { followupWhen } = MeetscoutFlagView;
  let formFor = null; // the meeting the form adds a person to

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function button(text, className, onClick) {
    const b = el('button', className, text);
    b.type = 'button';
    b.addEventListener('click', onClick);
    return b;
  }

  async function ask(message) {
    try {
      return await chrome.runtime.sendMessage(message);
    } catch {
      return null;
    }
  }

  function say(text, error = false) {
    const result = document.getElementById('log-result');
    result.textContent = text;
    result.classList.toggle('error', error);
  }

  function failed(reply) {
    say((reply && (reply.detail || reply.help)) || 'Could not reach meetscout.', true);
  }

  function day(iso) {
    const date = new Date(iso);
    return Number.isNaN(date.getTime())
      ? ''
      : date.toLocaleString(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' });
  }

  function renderFollowups(followups, open) {
    const section = document.getElementById('followups');
    const list = document.getElementById('followup-list');
    list.replaceChildren();
    document.getElementById('followups-count').textContent = open ? String(open) : '';
    for (const f of followups) {
      const li = el('li');
      li.dataset.followup = String(f.id);
      li.append(el('div', 'title', f.company ? `${f.name} · ${f.company}` : f.name));
      li.append(el('div', `when ${f.state}`, followupWhen(f)));
      if (f.meeting) li.append(el('div', 'when', `Met at ${f.meeting}`));
      const row = el('div', 'row');
      row.append(
        button('Done', 'done', () => act({ type: 'followupDone', id: f.id }, 'Follow-up done.')),
        button('Tomorrow', 'later quiet', () => act({ type: 'followupLater', id: f.id }, 'Moved to tomorrow.')),
      );
      li.append(row);
      list.append(li);
    }
    section.hidden = followups.length === 0;
  }

  function renderMeetings(meetings) {
    const section = document.getElementById('after');
    const list = document.getElementById('meeting-list');
    list.replaceChildren();
    for (const m of meetings) {
      const li = el('li');
      li.dataset.meeting = m.id;
      li.append(el('div', 'title', m.title));
      const when = [day(m.starts_at), m.group_name].filter(Boolean).join(' · ');
      if (when) li.append(el('div', 'when', when));
      if (m.contacts) li.append(el('div', 'when', `${m.contacts} ${m.contacts === 1 ? 'person' : 'people'} met`));
      const row = el('div', 'row');
      for (const [value, text] of [['attended', 'I went'], ['skipped', 'I skipped it']]) {
        const b = button(text, `presence ${value}`, () =>
          act({ type: 'presence', id: m.id, presence: value }, value === 'attended' ? 'Recorded as attended.' : 'Recorded as skipped.'),
        );
        b.setAttribute('aria-pressed', String(m.presence === value));
        row.append(b);
      }
      if (m.presence !== 'skipped') row.append(button('Add who you met', 'add-contact', () => openForm(m)));
      li.append(row);
      list.append(li);
    }
    section.hidden = meetings.length === 0;
  }

  // Where networking has worked: per kind of meeting, what it brought (GET /v1/report).
  function renderReport(report) {
    const section = document.getElementById('worked');
    const kinds = (report && report.by_kind) || [];
    const body = document.querySelector('#worked-kinds tbody');
    body.replaceChildren();
    for (const t of kinds) {
      const tr = el('tr');
      tr.dataset.kind = t.key;
      const name = el('th', '', t.label);
      name.scope = 'row';
      tr.append(name, el('td', '', String(t.attended)), el('td', '', String(t.contacts)), el('td', 'targets', String(t.at_targets)));
      body.append(tr);
    }
    const month = report && report.months && report.months[report.months.length - 1];
    document.getElementById('worked-months').textContent = month
      ? `This month: ${month.employed} where the employed go (about ${month.employed_goal} expected so far), ${month.job_seekers} of ${month.job_seeker_limit} job-seeker meetings.`
      : '';
    section.hidden = kinds.length === 0;
  }

  function openForm(meeting) {
    formFor = meeting;
    const form = /** @type {HTMLFormElement} */ (document.getElementById('met-form'));
    form.reset();
    document.getElementById('met-where').textContent = `Met at ${meeting.title}`;
    form.hidden = false;
    say('');
    document.getElementById('met-name').focus();
  }

  function closeForm() {
    formFor = null;
    document.getElementById('met-form').hidden = true;
  }

  async function act(message, done) {
    const reply = await ask(message);
    if (!reply || !reply.ok) return failed(reply);
    say(done);
    await load();
  }

  async function save(event) {
    event.preventDefault();
    if (!formFor) return;
    const form = /** @type {HTMLFormElement} */ (event.target);
    const data = Object.fromEntries(new FormData(form));
    const reply = await ask({ type: 'addContact', id: formFor.id, ...data });
    if (!reply || !reply.ok) return failed(reply);
    const contact = reply.contact;
    const parts = ['Saved.'];
    if (contact.targets && contact.targets.length) parts.push(`At a target company: ${contact.targets.join(', ')}.`);
    if (contact.followup) parts.push(`Follow up by ${day(contact.followup.due_at)}.`);
    closeForm();
    say(parts.join(' '));
    await load();
  }

  async function load() {
    const reply = await ask({ type: 'networking' });
    if (reply && reply.ok) {
      renderFollowups(reply.followups || [], reply.open || 0);
      renderMeetings(reply.meetings || []);
      renderReport(reply.report);
    }
    document.body.dataset.log = reply && reply.ok ? 'ready' : 'unavailable';
  }

  document.getElementById('met-form').addEventListener('submit', save);
  document.getElementById('met-cancel').addEventListener('click', closeForm);
  load();
})();
