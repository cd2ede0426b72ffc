// @ts-check
// What both sites' content scripts share: find what to flag on the page, ask the service worker in
// batches, put one badge beside each thing, and start over on every single-page navigation.
// Each navigation gets its own AbortController: answers that arrive after the person moved on are
// dropped, and the old page's badges are removed, so back and forward never leave duplicates.
(function (root) {
  'use strict';

  const { pageKind, eventLink } = root.MeetscoutDetectors;
  const { createBadge, HOST_ATTR } = root.MeetscoutBadge;
  const SCAN_DELAY_MS = 25; // gather a burst of DOM changes (infinite scroll) into one batch
  const MAX_PAGE_TEXT = 500000; // the API takes at most 512 KiB per field

  function send(message) {
    try {
      return chrome.runtime.sendMessage(message).catch(() => null);
    } catch {
      return Promise.resolve(null); // the extension was reloaded under this page: stay silent
    }
  }

  function cleanText(node) {
    return node ? (node.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 300) : '';
  }

  // The page's own structured data, for pages the API has not seen (only with capture opted in).
  // __NEXT_DATA__ describes the page the tab first loaded: after a client-side navigation it is stale.
  function pageData(doc, initial) {
    const data = {};
    const jsonld = [...doc.querySelectorAll('script[type="application/ld+json"]')]
      .map((s) => s.textContent.trim())
      .filter(Boolean);
    if (jsonld.length === 1) data.jsonld = jsonld[0];
    else if (jsonld.length > 1) data.jsonld = `[${jsonld.join(',')}]`;
    const next = doc.getElementById('__NEXT_DATA__');
    if (initial && next && next.textContent.length < MAX_PAGE_TEXT) data.next_data = next.textContent;
    const main = doc.querySelector('main') || doc.body;
    if (main) data.text = (main.innerText || '').slice(0, 4000);
    // LinkedIn event pages carry no JSON data: the API reads the page itself.
    if (/(^|\.)linkedin\.com$/.test(location.hostname)) {
      const page = doc.documentElement.outerHTML;
      if (page.length < MAX_PAGE_TEXT) data.html = page;
    }
    return data;
  }

  // `site`: { pageAnchor(kind, doc) -> Element|null, cardSelector, titleSelector }
  function start(site, doc = document) {
    let nav = null;

    function removeBadges() {
      for (const host of doc.querySelectorAll(`[${HOST_ATTR}]`)) host.remove();
    }

    function begin() {
      const href = location.href;
      if (nav && nav.href === href) return;
      if (nav) nav.controller.abort();
      removeBadges();
      const kind = pageKind(href);
      nav = { href, kind, initial: !nav, controller: new AbortController(), seen: new Map(), hosts: new Map() };
      if (kind) scan();
    }

    // Skip a card when another element for the same event already holds a badge around or inside it.
    function alreadyFlagged(url, card) {
      const cards = nav.seen.get(url);
      if (!cards) return false;
      for (const other of cards) {
        if (other.isConnected && (other === card || other.contains(card) || card.contains(other))) {
          return true;
        }
      }
      return false;
    }

    function collect() {
      const { kind } = nav;
      const targets = [];
      if (kind.kind !== 'search') {
        const anchor = site.pageAnchor(kind, doc);
        if (anchor && !alreadyFlagged(kind.url, anchor)) {
          targets.push({ url: kind.url, card: anchor, place: anchor, title: cleanText(anchor), page: true });
        }
      }
      if (kind.kind !== 'event') {
        for (const link of doc.querySelectorAll('a[href]')) {
          const url = eventLink(link.getAttribute('href'), location.href);
          if (!url) continue;
          const card = link.closest(site.cardSelector) || link;
          if (alreadyFlagged(url, card)) continue;
          const title = card.querySelector(site.titleSelector);
          targets.push({ url, card, place: title && card !== title ? title : null, title: cleanText(title || link) });
          remember(url, card);
        }
      }
      for (const t of targets) if (t.page) remember(t.url, t.card);
      return targets;
    }

    function remember(url, card) {
      if (!nav.seen.has(url)) nav.seen.set(url, new Set());
      nav.seen.get(url).add(card);
    }

    // Put the badge back when the site re-rendered a title and took our badge with it.
    function restoreLost() {
      for (const [card, host] of nav.hosts) {
        if (!card.isConnected) nav.hosts.delete(card);
        else if (!host.isConnected) place({ card, place: host.meetscoutPlace }, host);
      }
    }

    function place(target, host) {
      host.meetscoutPlace = target.place;
      if (target.place && target.place.isConnected) target.place.after(host);
      else target.card.append(host);
      nav.hosts.set(target.card, host);
    }

    async function scan() {
      if (location.href !== nav.href) return begin();
      if (!nav.kind) return;
      restoreLost();
      const targets = collect();
      if (!targets.length) return;
      const current = nav;
      const items = [];
      const urls = new Set();
      for (const t of targets) {
        if (urls.has(t.url)) continue;
        urls.add(t.url);
        items.push({ url: t.url, title: t.title || undefined });
      }
      const reply = await send({ type: 'flags', items });
      if (current.controller.signal.aborted || !reply || !reply.ok) return;
      const byUrl = new Map(reply.flags.map((f) => [f.url, f]));
      for (const t of targets) show(current, t, byUrl.get(t.url));
      const pageTarget = targets.find((t) => t.page);
      const pageFlag = pageTarget && byUrl.get(pageTarget.url);
      if (reply.capture && pageFlag && pageFlag.known === false) {
        const item = { url: pageTarget.url, title: pageTarget.title || undefined, ...pageData(doc, current.initial) };
        const again = await send({ type: 'flags', items: [item], fresh: true });
        if (current.controller.signal.aborted || !again || !again.ok || !again.flags[0]) return;
        const host = current.hosts.get(pageTarget.card);
        if (host) root.MeetscoutBadge.render(host, again.flags[0]);
        else show(current, pageTarget, again.flags[0]);
      }
    }

    function show(current, target, flag) {
      if (!flag || !target.card.isConnected || current.hosts.has(target.card)) return;
      const url = target.url;
      const host = createBadge(doc, url, flag, {
        // A correction on a group's own badge is about the whole group.
        wrong: (crowd) => act({ type: 'feedback', url, crowd, scope: target.page && current.kind.kind !== 'event' ? 'group' : 'event' }),
        going: () => act({ type: 'attendance', url }),
        plan: () => act({ type: 'addToPlan', url }),
        presence: async (presence) => {
          const reply = await send({ type: 'presence', url, presence });
          return reply && reply.ok ? { flag: reply.flag } : { flag: null, detail: reply && reply.detail };
        },
      });
      if (host) place(target, host);
    }

    async function act(message) {
      const reply = await send(message);
      return reply && reply.ok ? reply.flag : null;
    }

    let timer = null;
    function schedule() {
      if (timer === null) timer = setTimeout(() => { timer = null; if (nav) scan(); }, SCAN_DELAY_MS);
    }

    const observer = new MutationObserver((records) => {
      // Our own badges going in are not news.
      for (const r of records) {
        for (const n of r.addedNodes) {
          if (n.nodeType === 1 && !(/** @type {Element} */ (n)).hasAttribute(HOST_ATTR)) return schedule();
        }
        if (r.removedNodes.length) return schedule();
      }
    });

    // Single-page navigations: the Navigation API sees pushState and back/forward; popstate and the
    // href check in scan() cover browsers without it.
    if (root.navigation && root.navigation.addEventListener) {
      root.navigation.addEventListener('navigatesuccess', () => begin());
    }
    root.addEventListener('popstate', () => setTimeout(begin, 0));
    // Settings changed in the options page (address, token): ask again.
    chrome.runtime.onMessage.addListener((message) => {
      if (message && message.type === 'refresh') {
        if (nav) nav.href = null;
        begin();
      }
    });
    // Injected at document_start: wake the service worker now, so it has its settings and cache
    // ready by the time the page is parsed; then flag at DOMContentLoaded.
    if (pageKind(location.href)) send({ type: 'hello' });
    const ready = () => {
      observer.observe(doc.documentElement, { childList: true, subtree: true });
      begin();
    };
    if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', ready, { once: true });
    else ready();
  }

  root.MeetscoutContent = { start, pageData };
})(globalThis);
