// @ts-check
// The only code that talks to meetscout's API (Chrome keeps content scripts off loopback).
// It keeps the API address and token from the options page, caches flags per URL for the browser
// session, sends cards in batches, and remembers whether the last call worked so the popup can say
// what to do. Failures never reach the page: the content script just gets no flags.
importScripts('flag_view.js');

const { chunk, failureFor, HELP, apiDetail, toolbarBadge } = MeetscoutFlagView;
const DEFAULT_API = 'http://127.0.0.1:8787';
const BATCH = 50; // cards per POST /v1/flags
const TIMEOUT_MS = 8000;
const FOLLOWUP_CHECK_MINUTES = 30; // how often the toolbar's follow-up count is read again
const NEW_CHECK_MS = 5 * 60 * 1000; // how often a page load may ask for the count of new meetings

const cache = new Map(); // canonical URL -> flag
const inflight = new Map(); // canonical URL -> Promise<flag|undefined>
let hydrated = null;

class ApiFailure extends Error {
  constructor(state, status = 0, detail = '') {
    super(`${state} ${status} ${detail}`.trim());
    this.state = state;
    this.status = status;
    this.detail = detail; // meetscout's own sentence, for the person
  }
}

// Read once per worker start and kept until the options change them: every flag request needs
// them, and a storage read per request is most of a cached answer's time.
let settingsRead = null;
function settings() {
  settingsRead ??= chrome.storage.local
    .get({ apiBase: DEFAULT_API, token: '', capture: false })
    .then((s) => ({ apiBase: s.apiBase || DEFAULT_API, token: s.token || '', capture: Boolean(s.capture) }));
  return settingsRead;
}

// Written only when it changes, for the popup; a page load costs no storage write.
let lastHealth = null;
async function setHealth(state, detail = '') {
  if (state === lastHealth && state === 'ok') return;
  lastHealth = state;
  await chrome.storage.session.set({ health: { state, detail, at: new Date().toISOString() } });
}

// The session cache survives the worker being stopped and started again within one browser session.
function hydrate() {
  hydrated ??= chrome.storage.session.get({ flags: {} }).then(({ flags }) => {
    for (const [url, flag] of Object.entries(flags)) if (!cache.has(url)) cache.set(url, flag);
  });
  return hydrated;
}

function persist() {
  chrome.storage.session.set({ flags: Object.fromEntries(cache) }).catch(() => {});
}

async function clearCache() {
  cache.clear();
  await chrome.storage.session.set({ flags: {} });
}

/**
 * @param {string} path
 * @param {{ method?: string, body?: unknown, auth?: boolean }} [options]
 */
async function call(path, { method = 'GET', body = undefined, auth = true } = {}) {
  const { apiBase, token } = await settings();
  if (auth && !token) {
    // Tell "not running" from "no token yet", so the popup gives the right instruction.
    await call('/healthz', { auth: false });
    throw new ApiFailure('token', 401, 'no token set');
  }
  let response;
  try {
    response = await fetch(apiBase + path, {
      method,
      headers: {
        ...(auth ? { Authorization: `Bearer ${token}` } : {}),
        ...(body ? { 'Content-Type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch {
    throw new ApiFailure('down');
  }
  if (!response.ok) {
    const text = await response.text().catch(() => '');
    throw new ApiFailure(failureFor(response.status), response.status, apiDetail(text).slice(0, 300));
  }
  return response.json();
}

async function fetchFlags(items) {
  const found = new Map();
  for (const batch of chunk(items, BATCH)) {
    const data = await call('/v1/flags', { method: 'POST', body: { items: batch } });
    const flags = Array.isArray(data.flags) ? data.flags : [];
    // The API answers in order; key by what we asked, which is what the page knows.
    flags.forEach((flag, i) => {
      const asked = flags.length === batch.length ? batch[i].url : flag.url;
      found.set(asked, { ...flag, url: asked });
    });
  }
  return found;
}

async function flagsFor(items, fresh) {
  await hydrate();
  const out = new Map();
  const waiting = [];
  const missing = [];
  for (const item of items) {
    if (!fresh && cache.has(item.url)) out.set(item.url, cache.get(item.url));
    else if (!fresh && inflight.has(item.url)) waiting.push([item.url, inflight.get(item.url)]);
    else missing.push(item);
  }
  if (missing.length) {
    const request = fetchFlags(missing);
    for (const item of missing) {
      inflight.set(item.url, request.then((m) => m.get(item.url)).catch(() => undefined));
    }
    try {
      const found = await request;
      for (const [url, flag] of found) {
        cache.set(url, flag);
        out.set(url, flag);
      }
      persist();
    } finally {
      for (const item of missing) inflight.delete(item.url);
    }
  }
  for (const [url, promise] of waiting) {
    const flag = await promise;
    if (flag) out.set(url, flag);
  }
  return [...out.values()];
}

async function refetch(url) {
  await clearCache();
  const [flag] = await flagsFor([{ url }], true);
  return flag || null;
}

async function apiStatus() {
  const s = await settings();
  const base = { apiBase: s.apiBase, hasToken: Boolean(s.token) };
  try {
    const data = await call('/v1/status');
    await setHealth('ok');
    await showFollowupCount(data.followups_open);
    return { ok: true, state: 'ok', ...base, status: data };
  } catch (error) {
    const state = error instanceof ApiFailure ? error.state : 'error';
    await setHealth(state, error.message);
    return { ok: false, state, help: HELP[state] || HELP.error, ...base };
  }
}

// The toolbar icon carries one number: the follow-ups due or overdue when there are any (they
// cannot wait), else how many meetings where the employed go arrived since the person last
// looked at the plan (flag_view.js's toolbarBadge decides). Each is remembered as last read.
const iconState = { followupsDue: 0, plan: null };
async function paintToolbar() {
  const badge = toolbarBadge(iconState.followupsDue, iconState.plan);
  await chrome.action.setBadgeBackgroundColor({ color: badge.color }).catch(() => {});
  await chrome.action.setBadgeText({ text: badge.text }).catch(() => {});
  await chrome.action.setTitle({ title: badge.title }).catch(() => {});
}

async function showFollowupCount(count) {
  iconState.followupsDue = Number(count) || 0;
  await paintToolbar();
}

async function refreshFollowupCount() {
  const { token } = await settings();
  if (!token) return showFollowupCount(0);
  try {
    const data = await call('/v1/followups');
    await showFollowupCount(data.open);
    return data;
  } catch {
    await showFollowupCount(0);
    return null;
  }
}

let newCheckedAt = 0;
function showNew(plan) {
  newCheckedAt = Date.now();
  iconState.plan = plan;
  return paintToolbar();
}

async function checkNew() {
  if (Date.now() - newCheckedAt < NEW_CHECK_MS) return;
  newCheckedAt = Date.now();
  const { token } = await settings();
  if (!token) return;
  try {
    await showNew(await call('/v1/plan'));
  } catch {
    // Not reachable now: the popup says why; the count waits for the next page.
  }
}

async function tellTabs() {
  const tabs = await chrome.tabs.query({});
  for (const tab of tabs) chrome.tabs.sendMessage(tab.id, { type: 'refresh' }).catch(() => {});
}

const handlers = {
  // A page that will want flags is loading: read the settings and the session cache now.
  async hello() {
    await Promise.all([hydrate(), settings()]);
    checkNew();
    return {};
  },
  async plan() {
    const plan = await call('/v1/plan');
    await showNew(plan);
    return { plan };
  },
  async planChoice(message) {
    const choice = ['accept', 'swap', 'drop'].includes(message.choice) ? message.choice : null;
    if (!choice) throw new ApiFailure('error', 0, 'unknown choice');
    const reply = await call(`/v1/plan/${choice}`, { method: 'POST', body: { id: String(message.id) } });
    await clearCache(); // a pick accepted or dropped changes the flags' "going"
    await showNew(reply.plan);
    return { plan: reply.plan };
  },
  async planLooked() {
    await call('/v1/plan/looked', { method: 'POST' });
    await showNew(null);
    return {};
  },
  async addToPlan(message) {
    await call('/v1/plan/accept', { method: 'POST', body: { url: message.url } });
    return { flag: await refetch(message.url) };
  },
  async flags(message) {
    const items = (message.items || []).filter((i) => i && typeof i.url === 'string').slice(0, 500);
    const flags = await flagsFor(items, Boolean(message.fresh));
    await setHealth('ok');
    return { flags, capture: (await settings()).capture };
  },
  async feedback(message) {
    const body = { url: message.url, scope: message.scope === 'group' ? 'group' : 'event', crowd: message.crowd };
    if (message.kind) body.kind = message.kind;
    await call('/v1/feedback', { method: 'POST', body });
    return { flag: await refetch(message.url) };
  },
  async attendance(message) {
    await call('/v1/attendance', { method: 'POST', body: { url: message.url } });
    return { flag: await refetch(message.url) };
  },
  // After the meeting: attended or skipped, from the flag's menu or the popup.
  async presence(message) {
    const ref = message.url ? { url: message.url } : { id: message.id };
    const result = await call('/v1/attendance/presence', { method: 'POST', body: { ...ref, presence: message.presence } });
    return { result, flag: message.url ? await refetch(message.url) : null };
  },
  // The popup's networking part: the meetings marked lately, the follow-ups due, and where
  // networking has worked.
  async networking() {
    const [log, followups, report] = await Promise.all([call('/v1/log'), call('/v1/followups'), call('/v1/report')]);
    await showFollowupCount(followups.open);
    return { meetings: log.meetings, followups: followups.followups, open: followups.open, report };
  },
  async addContact(message) {
    const fields = ['name', 'company', 'role', 'how', 'note'];
    const body = { id: message.id };
    for (const field of fields) if (message[field]) body[field] = String(message[field]);
    const contact = await call('/v1/contacts', { method: 'POST', body });
    await refreshFollowupCount();
    return { contact };
  },
  async followupDone(message) {
    const followup = await call(`/v1/followups/${Number(message.id)}/done`, { method: 'POST', body: {} });
    await refreshFollowupCount();
    return { followup };
  },
  async followupLater(message) {
    const due = new Date(Date.now() + 24 * 3600 * 1000).toISOString();
    const followup = await call(`/v1/followups/${Number(message.id)}`, { method: 'PUT', body: { due_at: due } });
    await refreshFollowupCount();
    return { followup };
  },
  async getProfile() {
    return { profile: await call('/v1/profile') };
  },
  async saveProfile(message) {
    const profile = await call('/v1/profile', { method: 'PUT', body: message.profile });
    await clearCache(); // targets and limits change the flags
    tellTabs();
    return { profile };
  },
  async settingsChanged() {
    await clearCache();
    tellTabs();
    return {};
  },
};

// A new address or token (from the options page) makes every cached flag doubtful; so does the
// session store being cleared from outside.
chrome.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && ('apiBase' in changes || 'token' in changes || 'capture' in changes)) {
    settingsRead = null;
    lastHealth = null;
    newCheckedAt = 0;
    clearCache().then(tellTabs).then(refreshFollowupCount);
  } else if (area === 'session' && 'flags' in changes && !changes.flags.newValue) {
    cache.clear();
  }
  if (area === 'session' && 'health' in changes && !changes.health.newValue) lastHealth = null;
});

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (message && message.type === 'status') {
    apiStatus().then(sendResponse);
    return true;
  }
  const handler = message && Object.hasOwn(handlers, message.type) && handlers[message.type];
  if (!handler) return false;
  handler(message)
    .then((result) => sendResponse({ ok: true, ...result }))
    .catch(async (error) => {
      const state = error instanceof ApiFailure ? error.state : 'error';
      await setHealth(state, error.message).catch(() => {});
      const detail = error instanceof ApiFailure && error.detail ? error.detail : error.message;
      sendResponse({ ok: false, state, help: HELP[state] || HELP.error, detail });
    });
  return true;
});

// Follow-ups fall due while the browser sits open: read the count on start and every half hour.
chrome.alarms.create('followups', { periodInMinutes: FOLLOWUP_CHECK_MINUTES, delayInMinutes: 1 });
chrome.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === 'followups') refreshFollowupCount();
});
chrome.runtime.onStartup.addListener(() => refreshFollowupCount());
chrome.runtime.onInstalled.addListener(() => refreshFollowupCount());
