// @ts-check
// The popup: is meetscout reachable, how fresh its data is, this month's job-seeker meetings against
// the limit, and the next meetings where the employed go. It asks the service worker, never the API.
'use strict';
const { ago, whenText, zoneName } = MeetscoutFlagView;

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
}

chrome.runtime.sendMessage({ type: 'status' }).then(show, () => show(null));
