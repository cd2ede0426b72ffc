// @ts-check
// LinkedIn (an Ember single-page app with volatile, partly obfuscated classes). Each selector
// records what it should match; links to events are found by URL, which outlives class names.
(function (root) {
  'use strict';

  const SELECTORS = {
    // The event title: logged-in pages put the id on it (`h1[data-event-id]`); public pages use
    // `h1.top-card-layout__title`.
    eventTitle: 'h1[data-event-id], #events-top-card h1, .top-card-layout__title, main h1, h1',
    // One search result: 2021-23 `li.reusable-search__result-container`, newer `[data-chameleon-result-urn]`
    // or a plain `li` in the results list.
    card: 'li.reusable-search__result-container, [data-chameleon-result-urn], .entity-result, li',
    // The event name inside a result.
    cardTitle: '.entity-result__title-text, [class*="title" i], h3, h2',
  };

  root.MeetscoutContent.start({
    cardSelector: SELECTORS.card,
    titleSelector: SELECTORS.cardTitle,
    pageAnchor(kind, doc) {
      return kind.kind === 'event' ? doc.querySelector(SELECTORS.eventTitle) : null;
    },
  });
})(globalThis);
