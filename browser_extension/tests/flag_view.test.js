// @ts-check
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const v = require('../flag_view.js');

test('employed flag: label, access chips in order, targets, accessible name', () => {
  const view = v.describeFlag({
    crowd: 'employed', kind: 'professional_association', access: ['guest_pass', 'drinks_only', 'bogus'],
    targets: ['Prudential'], reasons: ['Hosted by a professional association chapter: ISACA New Jersey'],
  });
  assert.equal(view.tone, 'employed');
  assert.equal(view.label, 'Where the employed go');
  assert.deepEqual(view.chips.map((c) => c.text), ['Guest pass', 'Cash bar only', 'Target: Prudential']);
  assert.equal(view.name, 'meetscout: Where the employed go. Guest pass, Cash bar only, Target: Prudential');
  assert.equal(view.count, null);
});

test('job-seeker flag counts this month only once something is marked', () => {
  const base = { crowd: 'job_seekers', kind: 'job_seeker_group', access: ['free_for_job_seekers'], reasons: [] };
  assert.equal(v.describeFlag({ ...base, job_seeker_count: { marked: 0, limit: 2 } }).count, null);
  const one = v.describeFlag({ ...base, job_seeker_count: { marked: 1, limit: 2 } });
  assert.equal(one.count, '1 of 2 this month');
  assert.equal(one.overLimit, false);
  assert.equal(one.label, 'Job-seeker meeting');
  assert.ok(v.describeFlag({ ...base, job_seeker_count: { marked: 3, limit: 2 } }).overLimit);
  // The count names the month the meeting is in (issue 18): not always this one.
  const december = v.describeFlag({ ...base, job_seeker_count: { marked: 3, limit: 2, month: '2026-12-01', month_name: 'December' } });
  assert.equal(december.count, '3 of 2 in December');
});

test('the plan: this week for the popup and the count of new meetings for the icon', () => {
  const pick = (state, extra = {}) => ({
    id: `meetup:${state}`, title: `A ${state} one`, url: 'https://www.meetup.com/x/events/1/', when: 'Thu 3 Dec 18:00',
    why: 'professional association; guest pass', state, new: false, ...extra,
  });
  const plan = {
    weeks: [{ label: 'Mon 30 Nov – Sun 6 Dec', picks: [pick('suggested', { new: true }), pick('accepted'), pick('cancelled')],
      note: null, alternatives: [] }],
    budgets: [{ line: 'job-seeker meetings: 1 of 2 in December' }],
    new: [pick('suggested')],
  };
  const view = v.describePlan(plan);
  assert.equal(view.label, 'Mon 30 Nov – Sun 6 Dec');
  assert.deepEqual(view.picks.map((p) => p.choices), [['accept', 'swap', 'drop'], ['swap', 'drop'], []]);
  assert.equal(view.picks[0].isNew, true);
  assert.deepEqual(view.budgets, ['job-seeker meetings: 1 of 2 in December']);
  assert.equal(v.newBadgeText(plan), '1');
  assert.equal(v.newBadgeText({ new: [] }), '');
  assert.equal(v.newBadgeText({ new: new Array(120).fill(0) }), '99+');
  assert.equal(v.describePlan({}), null);
});

test('not-networking is quiet: no chips', () => {
  const view = v.describeFlag({ crowd: 'not_networking', kind: 'not_networking', access: ['free'], reasons: ['A hiking club'] });
  assert.equal(view.tone, 'quiet');
  assert.deepEqual(view.chips, []);
  assert.deepEqual(view.reasons, ['A hiking club']);
});

test('a cancelled meeting says so, whoever would have gone: no chips, no count', () => {
  const view = v.describeFlag({
    crowd: 'employed', kind: 'workshop_seminar', access: ['guest_pass'], targets: ['Prudential'],
    reasons: ['A workshop for practitioners'], cancelled: true,
    job_seeker_count: { marked: 1, limit: 2 },
  });
  assert.equal(view.tone, 'cancelled');
  assert.equal(view.label, 'Cancelled');
  assert.deepEqual(view.chips, []);
  assert.equal(view.count, null);
  assert.equal(view.name, 'meetscout: Cancelled');
  assert.deepEqual(view.reasons, ['A workshop for practitioners']);
});

test('a judgement that is not sure is quiet: "Not sure", its reasons, no chips or count', () => {
  const view = v.describeFlag({
    crowd: 'job_seekers', kind: 'job_seeker_group', sure: false, access: ['free'], targets: ['Acme'],
    reasons: ['Not sure: the listing gives few clues (perhaps a job-seeker group)'],
    job_seeker_count: { marked: 1, limit: 2 },
  });
  assert.equal(view.tone, 'quiet');
  assert.equal(view.sure, false);
  assert.equal(view.label, 'Not sure');
  assert.deepEqual(view.chips, []);
  assert.equal(view.count, null);
  assert.deepEqual(view.reasons, ['Not sure: the listing gives few clues (perhaps a job-seeker group)']);
  assert.equal(view.name, 'meetscout: Not sure');
  // An older API sends no `sure`: the flag is shown as before.
  assert.equal(v.describeFlag({ crowd: 'employed', access: [], reasons: [] }).label, 'Where the employed go');
});

test('the same meeting on the chapter\'s site and elsewhere: links, web addresses only', () => {
  const view = v.describeFlag({
    crowd: 'employed', access: [], reasons: [],
    also_at: [
      { source: 'calendar', url: 'https://www.hdi-nj.example/events/december/' },
      { source: 'linkedin', url: 'javascript:alert(1)' },
      { source: 'somewhere', url: 'https://x.example/' },
      { source: 'linkedin', url: 'https://www.linkedin.com/events/7400000000000000001/' },
    ],
  });
  assert.deepEqual(view.links, [
    { text: "Also on the chapter's site", url: 'https://www.hdi-nj.example/events/december/' },
    { text: 'Also on LinkedIn', url: 'https://www.linkedin.com/events/7400000000000000001/' },
  ]);
  assert.deepEqual(v.describeFlag({ crowd: 'employed' }).links, []);
});

test('nothing to show for a missing or unknown crowd', () => {
  assert.equal(v.describeFlag(null), null);
  assert.equal(v.describeFlag({ crowd: 'toString' }), null);
  assert.equal(v.describeFlag({ crowd: 'maybe' }), null);
});

test('every access value of the model has a label', () => {
  assert.deepEqual(Object.keys(v.ACCESS_LABELS).sort(), [
    'drinks_only', 'free', 'free_for_job_seekers', 'guest_pass', 'members_only', 'virtual', 'volunteer',
  ]);
});

test('chunk splits into batches', () => {
  assert.deepEqual(v.chunk([1, 2, 3, 4, 5], 2), [[1, 2], [3, 4], [5]]);
  assert.deepEqual(v.chunk([], 50), []);
});

test('failures map to what the person should do', () => {
  assert.equal(v.failureFor(0), 'down');
  assert.equal(v.failureFor(401), 'token');
  assert.equal(v.failureFor(403), 'token');
  assert.equal(v.failureFor(500), 'error');
  assert.equal(v.HELP.down, 'Start meetscout with `meetscout serve`');
  assert.equal(v.HELP.token, 'Paste the token from `meetscout token`');
});

test('API address: local origins only', () => {
  assert.equal(v.normalizeApiBase('127.0.0.1:8787/'), 'http://127.0.0.1:8787');
  assert.equal(v.normalizeApiBase(' http://localhost:9000/v1 '), 'http://localhost:9000');
  assert.equal(v.normalizeApiBase('https://evil.example:8787'), null);
  assert.equal(v.normalizeApiBase('file:///etc/passwd'), null);
  assert.equal(v.normalizeApiBase(''), null);
});

test('lists from the options page', () => {
  assert.deepEqual(v.parseList('Acme, Globex\n\n acme ,Initech'), ['Acme', 'Globex', 'Initech']);
  assert.deepEqual(v.parseList(''), []);
});

test('freshness in words', () => {
  const now = new Date('2026-11-25T12:00:00Z');
  assert.equal(v.ago('2026-11-25T11:59:40Z', now), 'just now');
  assert.equal(v.ago('2026-11-25T11:00:00Z', now), '1 hour ago');
  assert.equal(v.ago('2026-11-20T12:00:00Z', now), '5 days ago');
  assert.equal(v.ago('garbage', now), 'never');
});

test('once the meeting is over, the flag asks whether the person went', () => {
  const now = new Date('2026-12-02T12:00:00Z');
  assert.equal(v.afterMeeting({ over_at: '2026-12-02T01:00:00Z' }, now), true);
  assert.equal(v.afterMeeting({ starts_at: '2026-12-02T11:00:00Z', over_at: '2026-12-02T13:00:00Z' }, now), false);
  assert.equal(v.afterMeeting({ over_at: null }, now), false);
  assert.equal(v.afterMeeting(null, now), false);
});

test('the toolbar count: nothing at zero, at most 99+', () => {
  assert.equal(v.countText(0), '');
  assert.equal(v.countText(undefined), '');
  assert.equal(v.countText(3), '3');
  assert.equal(v.countText(250), '99+');
});

test("the toolbar icon: follow-ups due come before what is new in the plan", () => {
  const plan = { new: [{ id: 'meetup:1' }, { id: 'meetup:2' }] };
  assert.deepEqual(v.toolbarBadge(1, plan), { text: '1', color: '#b91c1c', title: 'meetscout: 1 follow-up due' });
  assert.equal(v.toolbarBadge(0, plan).text, '2');
  assert.equal(v.toolbarBadge(0, plan).color, '#14532d');
  assert.equal(v.toolbarBadge(0, null).text, '');
  assert.equal(v.toolbarBadge(undefined, { new: [] }).title, 'meetscout');
});

test('a follow-up says when it is due, or since when it is overdue', () => {
  const due = { due_at: '2026-12-03T20:30:00Z', state: 'due' };
  assert.match(v.followupWhen(due, 'en-GB'), /^Due by Thu 3 Dec, \d{1,2}:30/);
  assert.match(v.followupWhen({ ...due, state: 'overdue' }, 'en-GB'), /^Overdue since Thu 3 Dec$/);
  assert.equal(v.followupWhen({ due_at: 'nonsense', state: 'due' }, 'en-GB'), '');
});

test("an API error's sentence is read from its JSON body", () => {
  assert.equal(v.apiDetail('{"detail": "Give the contact\'s full name"}'), "Give the contact's full name");
  assert.equal(v.apiDetail('plain text'), 'plain text');
  assert.equal(v.apiDetail(''), '');
});

test('a meeting time is in the person\'s zone with the zone named, as the CLI shows it', () => {
  // Issue 18 item 5: the popup showed times with no zone while the CLI showed the meeting's own.
  const at = '2026-12-05T00:00:00Z'; // Friday 4 December, 19:00 in New York
  assert.equal(v.whenText(at, { timeZone: 'America/New_York', locale: 'en-US' }), 'Fri, Dec 4, 7:00 PM EST');
  assert.equal(v.whenText(at, { timeZone: 'Europe/Berlin', locale: 'en-US' }), 'Sat, Dec 5, 1:00 AM GMT+1');
  assert.equal(v.whenText('garbage'), '');
  assert.equal(v.whenText(null), '');
  assert.equal(v.zoneName({ timeZone: 'America/New_York' }), 'America/New_York');
});
