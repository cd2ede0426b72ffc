// @ts-check
// The popup: is meetscout reachable, how fresh its data is, this month's job-seeker meetings against
// the limit, this week's plan (accept, swap or drop each pick), and the next meetings where the
// employed go. It asks the service worker, never the API.
'use strict';
const { ago, describePlan, whenText, zoneName } = MeetscoutFlagView;
const CHOICE_WORDS = { accept: 'Accept', swap: 'Swap', drop: 'Drop' };
const STATE_WORDS = { accepted: 'Accepted', going: 'Going', cancelled: 'Cancelled' };

function node(tag, className, text) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

function link(title, url) {
  const a = node('a', '', title || url);
  if (/^https:\/\/www\.(meetup|linkedin)\.com\//.test(url || '')) a.href = url;
  a.target = '_blank';
  return a;
}

// This week's picks, each with one line of why and the choices it allows; the budget lines.
function showPlan(plan) {
  const view = describePlan(plan);
  const section = document.getElementById('plan');
  if (!view) {
    section.hidden = true;
    return;
  }
  document.getElementById('plan-week').textContent = view.label;
  const fresh = document.getElementById('plan-new');
  fresh.hidden = !view.newCount;
  fresh.textContent = view.newCount === 1
    ? '1 new meeting where the employed go since you last looked'
    : `${view.newCount} new meetings where the employed go since you last looked`;
  const list = document.getElementById('plan-picks');
  list.replaceChildren();
  for (const pick of view.picks) {
    const li = node('li', 'pick');
    li.dataset.id = pick.id;
    li.dataset.state = pick.state;
    const head = node('div', 'title');
    head.append(link(pick.title, pick.url));
    if (STATE_WORDS[pick.state]) head.append(node('span', `tag state ${pick.state}`, STATE_WORDS[pick.state]));
    if (pick.isNew) head.append(node('span', 'tag new', 'New'));
    li.append(head, node('div', 'meta', pick.when), node('div', 'why', pick.why));
    if (pick.choices.length) {
      const row = node('div', 'choices');
      for (const choice of pick.choices) {
        const button = node('button', `choice ${choice}`, CHOICE_WORDS[choice]);
        button.type = 'button';
        button.addEventListener('click', () => choose(choice, pick));
        row.append(button);
      }
      li.append(row);
    }
    list.append(li);
  }
  const note = document.getElementById('plan-note');
  note.hidden = !(view.note || view.message);
  note.textContent = view.message || view.note || '';
  const alternatives = document.getElementById('plan-alternatives');
  alternatives.replaceChildren();
  for (const alt of view.alternatives) {
    const li = node('li');
    li.append(link(alt.title, alt.url), ` · ${alt.when}: ${alt.why}`);
    alternatives.append(li);
  }
  alternatives.hidden = !view.alternatives.length;
  document.getElementById('plan-budgets').replaceChildren(...view.budgets.map((line) => node('p', '', line)));
  section.hidden = false;
}

async function choose(choice, pick) {
  const status = document.getElementById('plan-status');
  status.textContent = 'Saving…';
  for (const b of document.querySelectorAll('#plan-picks button')) /** @type {HTMLButtonElement} */ (b).disabled = true;
  const reply = await chrome.runtime.sendMessage({ type: 'planChoice', choice, id: pick.id }).catch(() => null);
  if (reply && reply.ok) {
    showPlan(reply.plan);
    status.textContent = choice === 'accept' ? `Accepted: ${pick.title}` : choice === 'swap' ? `Swapped out: ${pick.title}` : `Dropped: ${pick.title}`;
  } else {
    for (const b of document.querySelectorAll('#plan-picks button')) /** @type {HTMLButtonElement} */ (b).disabled = false;
    status.textContent = `Not saved: ${reply ? (reply.state === 'error' && reply.detail) || reply.help : 'the extension did not answer'}`;
  }
}

async function loadPlan() {
  const reply = await chrome.runtime.sendMessage({ type: 'plan' }).catch(() => null);
  if (!reply || !reply.ok) return;
  showPlan(reply.plan);
  // Shown: from now on these are no longer new (this popup keeps their mark until it closes).
  if (reply.plan.new && reply.plan.new.length) chrome.runtime.sendMessage({ type: 'planLooked' }).catch(() => null);
}

// First present value among dotted paths, so the popup tolerates small shape changes in /v1/status.
function pick(obj, paths) {
  for (const path of paths) {
    let value = obj;
    for (const key of path.split('.')) value = value == null ? undefined : value[key];
    if (value !== undefined && value !== null) return value;
  }
  return undefined;
}

function show(reply) {
  const reach = document.getElementById('reach');
  const help = document.getElementById('help');
  if (!reply || !reply.ok) {
    reach.textContent = reply && reply.state === 'token'
      ? 'meetscout is running but did not accept the token.'
      : reply && reply.state === 'down'
        ? `meetscout is not reachable at ${reply.apiBase}.`
        : 'meetscout answered with an error.';
    help.textContent = reply ? reply.help : 'Start meetscout with `meetscout serve`';
    help.hidden = false;
    document.body.dataset.state = reply ? reply.state : 'down';
    return;
  }
  document.body.dataset.state = 'ok';
  reach.textContent = `meetscout is running at ${reply.apiBase}.`;
  const s = reply.status || {};
  const last = pick(s, ['last_crawl.finished', 'last_crawl.started', 'last_crawl_at']);
  const lastStatus = pick(s, ['last_crawl.status']);
  document.getElementById('freshness').textContent = typeof last === 'string'
    ? `${ago(last, new Date())}${lastStatus ? ` (${lastStatus})` : ''}`
    : 'never: run `meetscout crawl`';
  const marked = pick(s, ['job_seeker_count.marked', 'job_seekers.marked', 'job_seeker_marked']);
  const limit = pick(s, ['job_seeker_count.limit', 'job_seekers.limit', 'job_seeker_limit']);
  const js = document.getElementById('jobseekers');
  js.textContent = `${marked ?? 0} of ${limit ?? '?'}`;
  js.classList.toggle('over', Number(marked) > Number(limit));
  const list = document.getElementById('next');
  list.replaceChildren();
  const next = pick(s, ['next_employed', 'next_employed_meetings', 'next']) || [];
  for (const event of next) {
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.textContent = event.title || event.url;
    if (/^https:\/\/www\.(meetup|linkedin)\.com\//.test(event.url || '')) a.href = event.url;
    a.target = '_blank';
    li.append(a);
    const time = whenText(event.starts_at);
    if (time) li.append(` · ${time}`);
    list.append(li);
  }
  if (!next.length) {
    const li = document.createElement('li');
    li.textContent = 'None found yet: crawl your groups with `meetscout crawl`.';
    list.append(li);
  }
  document.getElementById('zone').textContent = `Times in your zone, ${zoneName()}.`;
  document.getElementById('summary').hidden = false;
  loadPlan();
}

chrome.runtime.sendMessage({ type: 'status' }).then(show, () => show(null));
