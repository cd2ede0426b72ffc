// @ts-check
// Meetup (a Next.js app). Selectors are volatile; each one records what it should match.
(function (root) {
  'use strict';

  const SELECTORS = {
    // The event title on an event page (a single h1 in the page header).
    eventTitle: 'main h1, [data-testid="event-title"], h1',
    // The group name on a group page and its events list (h1, sometimes inside #group-name-link).
    groupName: '#group-name-link h1, #group-name-link, main h1, h1',
    // One card per event on group event lists and search results: 2023-24 cards are
    // `a#event-card-e-N[data-event-label]`, search cards `div[data-testid="categoryResults-eventCard"]`,
    // older lists `li` rows.
    card: '[data-event-label], [id^="event-card"], [data-testid*="eventCard" i], [data-testid*="event-card" i], article, li',
    // The title inside a card.
    cardTitle: 'h2, h3, [data-testid*="title" i], [class*="title" i]',
  };

  root.MeetscoutContent.start({
    cardSelector: SELECTORS.card,
    titleSelector: SELECTORS.cardTitle,
    pageAnchor(kind, doc) {
      return doc.querySelector(kind.kind === 'event' ? SELECTORS.eventTitle : SELECTORS.groupName);
    },
  });
})(globalThis);
