// @ts-check
// The extension answers every case of shared/url_cases.json as meetscout/identify.py does.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { pageKind } = require('../detectors.js');
const { cases } = require('../shared/url_cases.json');

test('url_cases.json is the shared table', () => assert.ok(cases.length >= 60));

for (const c of cases) {
  test(`${c.url} is ${c.kind ?? 'not a page meetscout flags'}`, () => {
    const found = pageKind(c.url);
    // A group's events list is the group's page here; the extension only places flags differently.
    const kind = found && (found.kind === 'group_events' ? 'group' : found.kind);
    assert.equal(kind ?? null, c.kind);
    if (c.canonical) assert.equal(found.url, c.canonical);
  });
}
