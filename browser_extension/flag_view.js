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
    const sure = flag.sure !== false;
    const tone = !sure || flag.crowd === 'not_networking' ? 'quiet' : flag.crowd;
    const label = sure ? CROWD_LABELS[flag.crowd] : UNSURE_LABEL;
    let count = null;
    let overLimit = false;
    const jsc = flag.job_seeker_count;
    if (sure && flag.crowd === 'job_seekers' && jsc && Number(jsc.marked) > 0) {
      // The month the meeting is in, which need not be this one.
      const month = typeof jsc.month_name === 'string' && jsc.month_name ? `in ${jsc.month_name}` : 'this month';
      count = `${Number(jsc.marked)} of ${Number(jsc.limit)} ${month}`;
      overLimit = Number(jsc.marked) > Number(jsc.limit);
    }
    const chips = [];
    if (tone !== 'quiet') {
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
    return { tone, sure, label, count, overLimit, chips, reasons, links, name: parts.join('. ') };
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

  const api = {
    ACCESS_LABELS, ALSO_AT_LABELS, CROWD_LABELS, UNSURE_LABEL, HELP, describeFlag, chunk, failureFor, normalizeApiBase,
    parseList, ago,
    newBadgeText, describePlan,
  };
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  else root.MeetscoutFlagView = api;
})(globalThis);
