// @ts-check
// Every detector must match its own must-URLs and none of its must-not URLs; and no page URL is
// claimed by two page detectors, so a page never gets two kinds of flags.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { detectors, pageKind, eventLink } = require('../detectors.js');

for (const [name, detect] of Object.entries(detectors)) {
  test(`${name} matches its must-URLs`, () => {
    assert.ok(detect.must.length > 0);
    for (const url of detect.must) assert.ok(detect(url), `${name} should match ${url}`);
  });
  test(`${name} rejects its must-not URLs`, () => {
    assert.ok(detect.mustNot.length > 0);
    for (const url of detect.mustNot) assert.equal(detect(url), null, `${name} should not match ${url}`);
  });
}

test('page detectors do not overlap', () => {
  const all = Object.values(detectors).flatMap((d) => d.must);
  for (const url of all) {
    const claimed = Object.entries(detectors).filter(([, d]) => d(url)).map(([n]) => n);
    assert.equal(claimed.length, 1, `${url} claimed by ${claimed}`);
  }
});

test('canonical URLs drop tracking, locale, suffixes and slugs', () => {
  assert.equal(
    detectors.meetupEvent('https://meetup.com/de-DE/isaca-nj/events/301234567/attendees/?recId=x'),
    'https://www.meetup.com/isaca-nj/events/301234567/',
  );
  assert.equal(
    detectors.linkedinEvent('https://www.linkedin.com/events/ai-summit7234567890123456789/theater/'),
    'https://www.linkedin.com/events/7234567890123456789/',
  );
  assert.equal(detectors.meetupGroupEvents('https://www.meetup.com/isaca-nj/events/?type=past'), 'https://www.meetup.com/isaca-nj/');
});

test('pageKind names each page type', () => {
  const cases = {
    'https://www.meetup.com/isaca-nj/events/301234567/': 'meetup event',
    'https://www.meetup.com/isaca-nj/': 'meetup group',
    'https://www.meetup.com/isaca-nj/events/': 'meetup group_events',
    'https://www.meetup.com/find/?source=EVENTS&keywords=pmi': 'meetup search',
    'https://www.linkedin.com/events/pmi-nj7234567890123456789/comments/': 'linkedin event',
    'https://www.linkedin.com/search/results/events/?keywords=pmi': 'linkedin search',
  };
  for (const [url, want] of Object.entries(cases)) {
    const kind = pageKind(url);
    assert.equal(`${kind.site} ${kind.kind}`, want, url);
  }
  for (const url of ['https://example.com/isaca-nj/events/1/', 'https://www.meetup.com/', 'https://www.linkedin.com/feed/']) {
    assert.equal(pageKind(url), null, url);
  }
});

test('eventLink resolves relative card links against the page', () => {
  assert.equal(
    eventLink('/isaca-nj/events/301234567/?eventOrigin=group_upcoming_events', 'https://www.meetup.com/isaca-nj/events/'),
    'https://www.meetup.com/isaca-nj/events/301234567/',
  );
  assert.equal(eventLink('/events/7234567890123456789/', 'https://www.linkedin.com/search/results/events/'), 'https://www.linkedin.com/events/7234567890123456789/');
  assert.equal(eventLink('/isaca-nj/members/', 'https://www.meetup.com/isaca-nj/'), null);
  assert.equal(eventLink('http://[bad', 'https://www.meetup.com/'), null);
});
