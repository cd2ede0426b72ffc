// @ts-check
// Pure helpers shared by the badge, the service worker, the popup and the options page: what a
// flag says in words, how API failures read to a person, and small parsing chores. No DOM, no
// chrome.* here, so node --test checks them directly.
(function (root) {
  'use strict';

  const ACCESS_LABELS = {
    free: 'Free',
    free_for_job_seekers: 'Free for job seekers',
    guest_pass: 'Guest pass',
    volunteer: 'Volunteer to attend free',
    drinks_only: 'Cash bar only',
    virtual: 'Virtual',
    members_only: 'Members only',
  };

  const CROWD_LABELS = {
    employed: 'Where the employed go',
    job_seekers: 'Job-seeker meeting',
    not_networking: 'Not networking',
  };

  // A cancelled meeting's flag, whoever would have gone: it shows no chips and no count.
  const CANCELLED_LABEL = 'Cancelled';

  // A judgement meetscout is not sure of (few or conflicting clues): shown quietly, with its reasons.
  const UNSURE_LABEL = 'Not sure';
  // The same meeting's listing on another site, by its source (shared/labels.json).
  const ALSO_AT_LABELS = {
    calendar: "Also on the chapter's site",
    meetup: 'Also on Meetup',
    linkedin: 'Also on LinkedIn',
  };

  const HELP = {
    down: 'Start meetscout with `meetscout serve`',
    token: 'Paste the token from `meetscout token`',
    setup: 'Set the API address and token in the options',
    error: 'meetscout answered with an error; see `meetscout serve` output',
  };

  // A flag from POST /v1/flags -> what the badge shows, or null when there is nothing to show.
  function describeFlag(flag) {
    if (!flag || !Object.hasOwn(CROWD_LABELS, flag.crowd)) return null;
    const cancelled = flag.cancelled === true;
    const sure = flag.sure !== false;
    const tone = cancelled ? 'cancelled' : !sure || flag.crowd === 'not_networking' ? 'quiet' : flag.crowd;
    const label = cancelled ? CANCELLED_LABEL : sure ? CROWD_LABELS[flag.crowd] : UNSURE_LABEL;
    let count = null;
    let overLimit = false;
    const jsc = flag.job_seeker_count;
    if (!cancelled && sure && flag.crowd === 'job_seekers' && jsc && Number(jsc.marked) > 0) {
      // The month the meeting is in, which need not be this one.
      const month = typeof jsc.month_name === 'string' && jsc.month_name ? `in ${jsc.month_name}` : 'this month';
      count = `${Number(jsc.marked)} of ${Number(jsc.limit)} ${month}`;
      overLimit = Number(jsc.marked) > Number(jsc.limit);
    }
    const chips = [];
    if (tone !== 'quiet' && tone !== 'cancelled') {
      for (const access of flag.access || []) {
        if (Object.hasOwn(ACCESS_LABELS, access)) chips.push({ kind: 'access', text: ACCESS_LABELS[access] });
      }
      for (const target of flag.targets || []) chips.push({ kind: 'target', text: `Target: ${String(target)}` });
    }
    const reasons = (flag.reasons || []).map(String).filter(Boolean);
    const links = [];
    for (const other of flag.also_at || []) {
      const text = Object.hasOwn(ALSO_AT_LABELS, other.source) ? ALSO_AT_LABELS[other.source] : null;
      if (text && /^https?:\/\//i.test(String(other.url))) links.push({ text, url: String(other.url) });
    }
    const parts = [`meetscout: ${label}`];
    if (count) parts.push(count);
    if (chips.length) parts.push(chips.map((c) => c.text).join(', '));
    return { tone, sure, label, cancelled, count, overLimit, chips, reasons, links, name: parts.join('. ') };
  }

  function chunk(items, size) {
    const out = [];
    for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
    return out;
  }

  // An HTTP status (or a fetch that never got one: status 0) -> what went wrong, for the popup.
  function failureFor(status) {
    if (status === 0) return 'down';
    if (status === 401 || status === 403) return 'token';
    return 'error';
  }

  // "127.0.0.1:8787/" -> "http://127.0.0.1:8787"; anything but a local http(s) origin -> null.
  function normalizeApiBase(text) {
    let value = String(text || '').trim();
    if (!value) return null;
    if (!/^[a-z]+:\/\//i.test(value)) value = `http://${value}`;
    let u;
    try {
      u = new URL(value);
    } catch {
      return null;
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    if (!['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname)) return null;
    return u.origin;
  }

  // "Acme, Globex\nInitech" -> ["Acme", "Globex", "Initech"]
  function parseList(text) {
    const seen = new Set();
    const out = [];
    for (const piece of String(text || '').split(/[,\n]/)) {
      const item = piece.trim();
      if (item && !seen.has(item.toLowerCase())) {
        seen.add(item.toLowerCase());
        out.push(item);
      }
    }
    return out;
  }

  // An ISO time -> "3 hours ago" style freshness, relative to `now` (a Date).
  function ago(iso, now) {
    const then = Date.parse(iso);
    if (Number.isNaN(then)) return 'never';
    const minutes = Math.round((now.getTime() - then) / 60000);
    if (minutes < 1) return 'just now';
    if (minutes < 60) return `${minutes} minute${minutes === 1 ? '' : 's'} ago`;
    const hours = Math.round(minutes / 60);
    if (hours < 48) return `${hours} hour${hours === 1 ? '' : 's'} ago`;
    const days = Math.round(hours / 24);
    return `${days} days ago`;
  }

  // Once the meeting is over (`over_at`, the API's rule), its flag asks "did you go?" instead of
  // offering "I'm going".
  function afterMeeting(flag, now) {
    const over = flag && Date.parse(flag.over_at);
    return Boolean(flag) && !Number.isNaN(over) && over <= now.getTime();
  }

  // What the flag's menu says once the person told meetscout.
  const PRESENCE_WORDS = { attended: 'You went', skipped: 'You skipped it' };

  // The number on the toolbar icon: follow-ups due or overdue ('' hides it).
  function countText(count) {
    const n = Number(count);
    if (!Number.isFinite(n) || n <= 0) return '';
    return n > 99 ? '99+' : String(Math.floor(n));
  }

  // A follow-up from GET /v1/followups -> "Overdue since Thu 3 Dec" / "Due by Thu 3 Dec, 20:30".
  function followupWhen(followup, locale) {
    const due = new Date(followup.due_at);
    if (Number.isNaN(due.getTime())) return '';
    const day = due.toLocaleDateString(locale, { weekday: 'short', day: 'numeric', month: 'short' });
    const time = due.toLocaleTimeString(locale, { hour: 'numeric', minute: '2-digit' });
    if (followup.state === 'overdue') return `Overdue since ${day}`;
    if (followup.state === 'done') return 'Done';
    return `Due by ${day}, ${time}`;
  }

  // The API's one sentence from an error body ('{"detail": "…"}'), else the text itself.
  function apiDetail(text) {
    try {
      const parsed = JSON.parse(text);
      if (parsed && typeof parsed.detail === 'string') return parsed.detail;
    } catch {
      // not JSON: use the text as it came
    }
    return String(text || '');
  }

  // A meeting's time as the CLI shows it (meetscout/times.py): in the person's zone, which is
  // this computer's and so the browser's, with the zone named ("Fri, Dec 4, 7:00 PM EST").
  // `options.timeZone` and `options.locale` are for tests; '' when the time is unreadable.
  function whenText(iso, options = {}) {
    const date = new Date(iso);
    if (!iso || Number.isNaN(date.getTime())) return '';
    return date.toLocaleString(options.locale, {
      weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit',
      timeZoneName: 'short', timeZone: options.timeZone,
    });
  }

  // The zone times are shown in, by its name ("America/New_York"), for a heading.
  function zoneName(options = {}) {
    return new Intl.DateTimeFormat(undefined, { timeZone: options.timeZone }).resolvedOptions().timeZone;
  }

  // The toolbar icon's text for what is new since the person last looked at the plan.
  function newBadgeText(plan) {
    const count = plan && Array.isArray(plan.new) ? plan.new.length : 0;
    if (!count) return '';
    return count > 99 ? '99+' : String(count);
  }

  // GET /v1/plan -> what the popup shows: this week's picks with the choices each allows, the
  // budget lines, the week's note and nearest alternatives, and how many are new.
  function describePlan(plan) {
    const week = plan && Array.isArray(plan.weeks) ? plan.weeks[0] : null;
    if (!week) return null;
    const picks = (week.picks || []).map((pick) => ({
      id: String(pick.id),
      title: String(pick.title),
      url: String(pick.url),
      when: String(pick.when || ''),
      why: String(pick.why || ''),
      state: String(pick.state),
      isNew: Boolean(pick.new),
      // Accepted or going already: it can still be swapped or dropped; cancelled: nothing to do.
      choices: pick.state === 'cancelled' ? [] : pick.state === 'suggested' ? ['accept', 'swap', 'drop'] : ['swap', 'drop'],
    }));
    const alternatives = (week.alternatives || []).slice(0, 2).map((a) => ({
      title: String(a.title), when: String(a.when || ''), why: String(a.why || ''), url: String(a.url),
    }));
    return {
      label: String(week.label || ''),
      picks,
      note: week.note ? String(week.note) : null,
      alternatives,
      budgets: (plan.budgets || []).map((b) => String(b.line)),
      newCount: Array.isArray(plan.new) ? plan.new.length : 0,
      message: plan.message ? String(plan.message) : null,
    };
  }

  // The toolbar icon's one number: follow-ups due or overdue first (red: they cannot wait),
  // else what is new in the plan (green), else nothing.
  function toolbarBadge(followupsDue, plan) {
    const due = countText(followupsDue);
    if (due) {
      const n = Number(followupsDue);
      return { text: due, color: '#b91c1c', title: `meetscout: ${n} follow-up${n === 1 ? '' : 's'} due` };
    }
    const fresh = newBadgeText(plan);
    if (fresh) return { text: fresh, color: '#14532d', title: `meetscout: new meetings where the employed go (${fresh})` };
    return { text: '', color: '#14532d', title: 'meetscout' };
  }

  const api = {
    ACCESS_LABELS, ALSO_AT_LABELS, CROWD_LABELS, CANCELLED_LABEL, UNSURE_LABEL, HELP, PRESENCE_WORDS, describeFlag,
    chunk, failureFor, normalizeApiBase, parseList, ago, afterMeeting, countText, followupWhen, apiDetail, whenText,
    zoneName, newBadgeText, describePlan, toolbarBadge,
  };
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  else root.MeetscoutFlagView = api;
})(globalThis);
