// @ts-check
// Which Meetup and LinkedIn pages meetscout flags, and the canonical URL it asks the API about.
// Each detector carries the URLs it must match and must not (checked by tests/detectors.test.js),
// because both sites change their URLs often and a silent mismatch means a page without flags.
// Canonical URLs follow meetscout/identify.py: https, www host, no query or fragment, trailing "/";
// shared/url_cases.json holds the cases both must answer alike (tests on both sides read it).
(function (root) {
  'use strict';

  const MEETUP = 'https://www.meetup.com';
  const LINKEDIN = 'https://www.linkedin.com';

  // First path segments on meetup.com that are not group urlnames.
  const MEETUP_RESERVED = new Set([
    'find', 'topics', 'cities', 'apps', 'help', 'login', 'register', 'create', 'account',
    'members', 'messages', 'notifications', 'pro', 'lp', 'blog', 'about', 'home', 'events',
    'privacy', 'terms', 'media', 'api', 'gql', 'gql2', '_next', 'static', 'robots.txt',
    'your-events', 'saved-events', 'start', 'how-to-meetup', 'meetup-pro', 'download', 'topics',
  ]);
  // Words that sit where an event id would: /<group>/events/<word>/ is a list, not an event.
  const MEETUP_LIST_WORDS = new Set(['past', 'calendar', 'ical', 'rss', 'upcoming', 'draft', 'create']);
  // A group's own pages besides its events.
  const MEETUP_GROUP_PAGES = new Set(['about', 'members', 'photos', 'discussions', 'pages']);
  const URLNAME = /^[A-Za-z0-9_-]+$/;
  // Numeric ids, or the alphanumeric ids of recurring events (e.g. "pwdqjtygcnbfb").
  const MEETUP_EVENT_ID = /^(?:\d+|[a-z0-9]{8,})$/;
  const LOCALE = /^[a-z]{2}-[A-Z]{2}$/; // meetup.com/de-DE/<group>/...

  function parse(url) {
    if (typeof url !== 'string' || !url) return null;
    try {
      const u = new URL(url);
      return u.protocol === 'https:' || u.protocol === 'http:' ? u : null;
    } catch {
      return null;
    }
  }

  function isMeetupHost(u) {
    return u.hostname === 'www.meetup.com' || u.hostname === 'meetup.com';
  }

  function isLinkedinHost(u) {
    return /^(?:[a-z]{2,3}\.|www\.)?linkedin\.com$/.test(u.hostname);
  }

  function meetupSegments(u) {
    const parts = u.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    if (parts.length && LOCALE.test(parts[0])) parts.shift();
    return parts;
  }

  function meetupUrlname(parts) {
    const name = parts[0];
    return name && URLNAME.test(name) && !MEETUP_RESERVED.has(name.toLowerCase()) ? name : null;
  }

  const detectors = {};

  function define(name, fn, must, mustNot) {
    fn.must = must;
    fn.mustNot = mustNot;
    detectors[name] = fn;
  }

  define(
    'meetupEvent',
    (url) => {
      const u = parse(url);
      if (!u || !isMeetupHost(u)) return null;
      const parts = meetupSegments(u);
      const urlname = meetupUrlname(parts);
      if (!urlname || parts[1] !== 'events' || !parts[2]) return null;
      const id = parts[2];
      if (MEETUP_LIST_WORDS.has(id.toLowerCase()) || !MEETUP_EVENT_ID.test(id)) return null;
      if (parts.length > 4) return null;
      return `${MEETUP}/${urlname}/events/${id}/`;
    },
    [
      'https://www.meetup.com/isaca-nj/events/301234567/',
      'https://www.meetup.com/isaca-nj/events/301234567',
      'https://meetup.com/isaca-nj/events/301234567/',
      'https://www.meetup.com/isaca-nj/events/301234567/?recId=abc&eventOrigin=find_page$all',
      'https://www.meetup.com/isaca-nj/events/301234567/attendees/',
      'https://www.meetup.com/isaca-nj/events/301234567/#comments',
      'https://www.meetup.com/de-DE/isaca-nj/events/301234567/',
      'https://www.meetup.com/Data-Science-NYC/events/pwdqjtygcnbfb/',
    ],
    [
      'https://www.meetup.com/isaca-nj/',
      'https://www.meetup.com/isaca-nj/events/',
      'https://www.meetup.com/isaca-nj/events/past/',
      'https://www.meetup.com/isaca-nj/events/calendar/',
      'https://www.meetup.com/isaca-nj/events/ical/',
      'https://www.meetup.com/find/events/301234567/',
      'https://www.meetup.com/find/?source=EVENTS&keywords=isaca',
      'https://www.linkedin.com/events/7234567890123456789/',
      'https://www.meetup.com.evil.example/isaca-nj/events/301234567/',
      'javascript:alert(1)',
      'not a url',
    ],
  );

  define(
    'meetupGroup',
    (url) => {
      const u = parse(url);
      if (!u || !isMeetupHost(u)) return null;
      const parts = meetupSegments(u);
      const urlname = meetupUrlname(parts);
      if (!urlname) return null;
      if (parts.length === 1 || (parts.length === 2 && MEETUP_GROUP_PAGES.has(parts[1]))) {
        return `${MEETUP}/${urlname}/`;
      }
      return null;
    },
    [
      'https://www.meetup.com/isaca-nj/',
      'https://www.meetup.com/isaca-nj',
      'https://www.meetup.com/isaca-nj/about/',
      'https://www.meetup.com/isaca-nj/?utm_source=share',
      'https://www.meetup.com/de-DE/isaca-nj/',
    ],
    [
      'https://www.meetup.com/',
      'https://www.meetup.com/find/',
      'https://www.meetup.com/topics/',
      'https://www.meetup.com/isaca-nj/events/',
      'https://www.meetup.com/isaca-nj/events/301234567/',
      'https://www.meetup.com/isaca-nj/members/calendar/',
      'https://www.linkedin.com/company/isaca/',
    ],
  );

  define(
    'meetupGroupEvents',
    (url) => {
      const u = parse(url);
      if (!u || !isMeetupHost(u)) return null;
      const parts = meetupSegments(u);
      const urlname = meetupUrlname(parts);
      if (!urlname || parts[1] !== 'events') return null;
      if (parts.length === 2 || (parts.length === 3 && ['past', 'calendar', 'ical', 'rss'].includes(parts[2]))) {
        return `${MEETUP}/${urlname}/`;
      }
      return null;
    },
    [
      'https://www.meetup.com/isaca-nj/events/',
      'https://www.meetup.com/isaca-nj/events',
      'https://www.meetup.com/isaca-nj/events/?type=past',
      'https://www.meetup.com/isaca-nj/events/past/',
      'https://www.meetup.com/isaca-nj/events/calendar/',
    ],
    [
      'https://www.meetup.com/isaca-nj/',
      'https://www.meetup.com/isaca-nj/events/301234567/',
      'https://www.meetup.com/isaca-nj/events/upcoming/',
      'https://www.meetup.com/events/',
      'https://www.meetup.com/find/?source=EVENTS',
    ],
  );

  define(
    'meetupSearch',
    (url) => {
      const u = parse(url);
      if (!u || !isMeetupHost(u)) return null;
      const parts = meetupSegments(u);
      if (parts[0] !== 'find') return null;
      const source = (u.searchParams.get('source') || 'EVENTS').toUpperCase();
      if (parts.length > 2 || source !== 'EVENTS') return null;
      if (parts.length === 2 && parts[1] !== 'events') return null;
      return u.href;
    },
    [
      'https://www.meetup.com/find/?source=EVENTS&keywords=project%20management&location=us--nj--Newark',
      'https://www.meetup.com/find/?keywords=isaca',
      'https://www.meetup.com/find/',
      'https://www.meetup.com/find/events/',
      'https://www.meetup.com/de-DE/find/?source=EVENTS',
    ],
    [
      'https://www.meetup.com/find/?source=GROUPS&keywords=isaca',
      'https://www.meetup.com/isaca-nj/events/',
      'https://www.meetup.com/topics/project-management/',
      'https://www.linkedin.com/search/results/events/?keywords=isaca',
    ],
  );

  // /events/<id>/, /events/<slug><id>/ (slug glued to the 19-digit id), legacy vanity
  // /events/<slug>/, each with an optional /theater/, /comments/, /about/... suffix.
  const LINKEDIN_EVENT = /^\/events\/([A-Za-z0-9_%-]*?)(\d{19})\/?(?:(?:theater|comments|about|attendees|posts)\/?)?$/;
  const LINKEDIN_VANITY = /^\/events\/([A-Za-z0-9_%-]+)\/?(?:(?:theater|comments|about|attendees|posts)\/?)?$/;
  const LINKEDIN_NOT_VANITY = new Set(['create', 'manage', 'search', 'feed', 'draft']);

  define(
    'linkedinEvent',
    (url) => {
      const u = parse(url);
      if (!u || !isLinkedinHost(u)) return null;
      const m = LINKEDIN_EVENT.exec(u.pathname);
      if (m) return `${LINKEDIN}/events/${m[2]}/`;
      const v = LINKEDIN_VANITY.exec(u.pathname);
      if (v && !LINKEDIN_NOT_VANITY.has(v[1].toLowerCase())) return `${LINKEDIN}/events/${v[1]}/`;
      return null;
    },
    [
      'https://www.linkedin.com/events/7234567890123456789/',
      'https://www.linkedin.com/events/7234567890123456789',
      'https://www.linkedin.com/events/pmi-nj-chapter-meeting7234567890123456789/',
      'https://www.linkedin.com/events/7234567890123456789/theater/',
      'https://www.linkedin.com/events/7234567890123456789/comments/',
      'https://www.linkedin.com/events/7234567890123456789/about/',
      'https://www.linkedin.com/events/ai-summit7234567890123456789/theater/',
      'https://www.linkedin.com/events/7234567890123456789/?trk=public_profile',
      'https://de.linkedin.com/events/7234567890123456789/',
      'https://www.linkedin.com/events/pminjspringsymposium/',
    ],
    [
      'https://www.linkedin.com/events/',
      'https://www.linkedin.com/events/create/',
      'https://www.linkedin.com/search/results/events/?keywords=pmi',
      'https://www.linkedin.com/company/pmi/events/',
      'https://www.linkedin.com/feed/',
      'https://www.linkedin.com/events/7234567890123456789/unknown/extra/',
      'https://www.meetup.com/events/7234567890123456789/',
      'https://www.linkedin.com.evil.example/events/7234567890123456789/',
    ],
  );

  define(
    'linkedinEventSearch',
    (url) => {
      const u = parse(url);
      if (!u || !isLinkedinHost(u)) return null;
      return /^\/search\/results\/events\/?$/.test(u.pathname) ? u.href : null;
    },
    [
      'https://www.linkedin.com/search/results/events/?keywords=pmi%20new%20jersey',
      'https://www.linkedin.com/search/results/events/?keywords=isaca&page=2',
      'https://www.linkedin.com/search/results/events/',
    ],
    [
      'https://www.linkedin.com/search/results/all/?keywords=pmi',
      'https://www.linkedin.com/search/results/people/?keywords=pmi',
      'https://www.linkedin.com/events/7234567890123456789/',
      'https://www.meetup.com/find/?source=EVENTS',
    ],
  );

  // What kind of page this is: decides where the flags go.
  function pageKind(url) {
    let found;
    if ((found = detectors.meetupEvent(url))) return { site: 'meetup', kind: 'event', url: found };
    if ((found = detectors.meetupGroup(url))) return { site: 'meetup', kind: 'group', url: found };
    if ((found = detectors.meetupGroupEvents(url))) {
      return { site: 'meetup', kind: 'group_events', url: found };
    }
    if (detectors.meetupSearch(url)) return { site: 'meetup', kind: 'search', url: null };
    if ((found = detectors.linkedinEvent(url))) return { site: 'linkedin', kind: 'event', url: found };
    if (detectors.linkedinEventSearch(url)) return { site: 'linkedin', kind: 'search', url: null };
    return null;
  }

  // The canonical event URL a card's link points at, on either site, or null.
  function eventLink(href, base) {
    let absolute;
    try {
      absolute = new URL(href, base).href;
    } catch {
      return null;
    }
    return detectors.meetupEvent(absolute) || detectors.linkedinEvent(absolute);
  }

  const api = { detectors, pageKind, eventLink };
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  else root.MeetscoutDetectors = api;
})(globalThis);
