// @ts-check
// Options: where meetscout listens, its token, capture opt-in (kept in chrome.storage.local), and the
// person's profile (kept by meetscout itself, saved through PUT /v1/profile via the service worker).
'use strict';
const { normalizeApiBase, parseList } = MeetscoutFlagView;
// Every element the page names by id is a form field or the result line.
const $ = (/** @type {string} */ id) => /** @type {HTMLInputElement} */ (document.getElementById(id));

function say(text, isError = false) {
  $('result').textContent = text;
  $('result').classList.toggle('error', isError);
}

// The profile as last loaded: fields this page does not edit are sent back as they were.
let loaded = {};

function fillProfile(p) {
  loaded = p || {};
  $('home_area').value = p.home_area || '';
  $('radius_km').value = p.radius_km ?? '';
  $('virtual_only').checked = Boolean(p.virtual_only);
  $('target_companies').value = (p.target_companies || []).join('\n');
  $('target_industries').value = (p.target_industries || []).join('\n');
  $('job_seeker_monthly_limit').value = p.job_seeker_monthly_limit ?? 2;
  $('employed_per_week').value = p.employed_per_week ?? 1;
  $('employed_weekly_max').value = p.employed_weekly_max ?? 2;
  $('free_times').value = (p.free_times || []).join('\n');
  if (p.capture_opt_in !== undefined) $('capture').checked = Boolean(p.capture_opt_in);
  syncRadius();
}

function readProfile() {
  const radius = $('radius_km').value.trim();
  const limit = $('job_seeker_monthly_limit').value.trim();
  const perWeek = $('employed_per_week').value.trim();
  const weeklyMax = $('employed_weekly_max').value.trim();
  return {
    ...loaded,
    employed_per_week: perWeek === '' ? 1 : Number(perWeek),
    employed_weekly_max: weeklyMax === '' ? 2 : Number(weeklyMax),
    free_times: $('free_times').value.split('\n').map((line) => line.trim()).filter(Boolean),
    home_area: $('home_area').value.trim() || null,
    radius_km: radius === '' || $('virtual_only').checked ? null : Number(radius),
    virtual_only: $('virtual_only').checked,
    target_companies: parseList($('target_companies').value),
    target_industries: parseList($('target_industries').value),
    job_seeker_monthly_limit: limit === '' ? 2 : Number(limit),
    capture_opt_in: $('capture').checked,
  };
}

async function load() {
  const s = await chrome.storage.local.get({ apiBase: 'http://127.0.0.1:8787', token: '', capture: false });
  $('apiBase').value = String(s.apiBase);
  $('token').value = String(s.token);
  $('capture').checked = Boolean(s.capture);
  const reply = await chrome.runtime.sendMessage({ type: 'getProfile' }).catch(() => null);
  if (reply && reply.ok) fillProfile(reply.profile);
  else if (reply) say(`Profile not loaded: ${reply.help}`, true);
  document.body.dataset.loaded = 'true';
}

async function save(event) {
  event.preventDefault();
  const apiBase = normalizeApiBase($('apiBase').value);
  if (!apiBase) {
    say('The API address must be on this computer, like http://127.0.0.1:8787', true);
    return;
  }
  const profile = readProfile();
  if (!Number.isFinite(profile.job_seeker_monthly_limit) || profile.job_seeker_monthly_limit < 0 || profile.job_seeker_monthly_limit > 31) {
    say('The monthly limit must be a number from 0 to 31.', true);
    return;
  }
  if (profile.radius_km !== null && !(profile.radius_km >= 0)) {
    say('The radius must be a positive number of kilometres.', true);
    return;
  }
  if (!(profile.employed_weekly_max >= profile.employed_per_week)) {
    say('The weekly maximum must be at least the number of meetings each week.', true);
    return;
  }
  $('apiBase').value = apiBase;
  await chrome.storage.local.set({ apiBase, token: $('token').value.trim(), capture: profile.capture_opt_in });
  const reply = await chrome.runtime.sendMessage({ type: 'saveProfile', profile }).catch(() => null);
  if (reply && reply.ok) {
    fillProfile(reply.profile);
    say('Saved.');
  } else {
    say(`Connection saved; profile not saved: ${reply ? (reply.state === 'error' && reply.detail) || reply.help : 'the extension did not answer'}.`, true);
  }
}

// "Radius or virtual only": a radius means nothing when only virtual meetings count.
function syncRadius() {
  $('radius_km').disabled = $('virtual_only').checked;
}
$('virtual_only').addEventListener('change', syncRadius);
$('form').addEventListener('submit', save);
load();
