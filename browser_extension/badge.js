// @ts-check
// The flag beside a meeting: a badge in an open shadow root, so the site's CSS cannot reach it and
// its CSS cannot reach the site. Every string from the page or the database goes in as textContent;
// there is no innerHTML anywhere in this file on purpose.
(function (root) {
  'use strict';

  const { describeFlag, afterMeeting, PRESENCE_WORDS } = root.MeetscoutFlagView;
  const HOST_ATTR = 'data-meetscout-badge';

  const STYLE = `
    :host { all: initial; display: inline-block; position: relative; vertical-align: middle;
      margin: 2px 0 2px 8px; font: 13px/1.3 system-ui, -apple-system, "Segoe UI", sans-serif;
      color: #1d1d1f; z-index: 20; }
    /* An open badge's panel must cover the badges of the cards below it. */
    :host(:hover), :host(:focus-within), :host([data-meetscout-open]) { z-index: 2147483000; }
    .wrap { position: relative; display: inline-block; }
    .badge { all: unset; box-sizing: border-box; display: inline-flex; flex-wrap: wrap; align-items: center;
      gap: 4px; padding: 2px 8px; border-radius: 999px; cursor: pointer; font-weight: 600; }
    .badge:focus-visible { outline: 2px solid #1a5fb4; outline-offset: 2px; }
    .employed .badge { background: #e3f4e8; color: #14532d; border: 1px solid #86c99a; }
    .job_seekers .badge { background: #fff3d6; color: #713f12; border: 1px solid #e5b94e; }
    .cancelled .badge { background: #f3f4f6; color: #374151; border: 1px dashed #9ca3af; }
    .cancelled .dot { background: transparent; border: 1px solid currentColor; box-sizing: border-box; }
    .quiet .badge { background: transparent; color: #6b7280; font-weight: 400; font-size: 12px; padding: 0 4px; }
    .dot { width: 8px; height: 8px; border-radius: 50%; background: currentColor; opacity: .8; }
    .count { font-weight: 400; }
    .over .count { color: #b91c1c; font-weight: 600; }
    .chip { font-weight: 500; font-size: 11px; padding: 0 6px; border-radius: 999px; background: #ffffffb3;
      border: 1px solid currentColor; }
    .chip.target { background: #ede9fe; color: #4c1d95; border-color: #a78bfa; }
    .panel { display: none; position: absolute; left: 0; top: 100%; margin-top: 4px; width: max-content;
      max-width: 340px; padding: 8px 10px; background: #fff; color: #1d1d1f; border: 1px solid #d0d0d5;
      border-radius: 8px; box-shadow: 0 4px 16px #0002; font-weight: 400; z-index: 2147483000; }
    .wrap:hover .panel, .wrap:focus-within .panel, .wrap.open .panel { display: block; }
    /* Opened with a click, the reasons push the page down instead of covering the meeting's
       date, venue and price below the badge; a hover's quick look floats over them. */
    .wrap.open .panel { position: static; margin: 6px 0 4px; box-shadow: none; }
    .why { font-weight: 600; font-size: 12px; margin: 0 0 4px; }
    ul { margin: 0 0 8px; padding-left: 18px; }
    li { margin: 2px 0; }
    .actions, .correct { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
    .correct { margin-top: 6px; }
    .correct[hidden] { display: none; }
    .panel button { font: inherit; font-size: 12px; padding: 2px 8px; border-radius: 6px;
      border: 1px solid #9ca3af; background: #f9fafb; color: #111827; cursor: pointer; }
    .panel button:focus-visible { outline: 2px solid #1a5fb4; outline-offset: 1px; }
    .panel button[disabled] { opacity: .6; cursor: default; }
    .also { margin: 0 0 8px; font-size: 12px; display: flex; flex-direction: column; gap: 2px; }
    .also a { color: #1a5fb4; text-decoration: underline; }
    .panel button[aria-pressed="true"] { background: #e3f4e8; border-color: #2e7d4f; color: #14532d; font-weight: 600; }
    .status { margin: 6px 0 0; font-size: 12px; color: #374151; }
    .status:empty { display: none; }
  `;

  function el(doc, tag, className, text) {
    const node = doc.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // One parsed stylesheet shared by every badge on the page: a list of 50 cards parses it once.
  const sheets = new WeakMap();
  function sharedSheet(doc) {
    if (!sheets.has(doc)) {
      let sheet = null;
      try {
        sheet = new doc.defaultView.CSSStyleSheet();
        sheet.replaceSync(STYLE);
      } catch {
        sheet = null; // an older browser: each badge gets its own <style>
      }
      sheets.set(doc, sheet);
    }
    return sheets.get(doc);
  }

  // `actions`: { wrong(crowd), going(), plan() }, each -> Promise<flag|null>, and
  //   presence("attended"|"skipped") -> Promise<{ flag, detail }>
  function createBadge(doc, url, flag, actions) {
    const view = describeFlag(flag);
    if (!view) return null;
    const host = doc.createElement('span');
    host.setAttribute(HOST_ATTR, '');
    host.dataset.meetscoutUrl = url;
    const shadow = host.attachShadow({ mode: 'open' });
    const sheet = sharedSheet(doc);
    if (sheet) shadow.adoptedStyleSheets = [sheet];
    else shadow.append(Object.assign(el(doc, 'style'), { textContent: STYLE }));
    shadow.append(el(doc, 'span', 'wrap'));
    // Keep clicks and keys inside the badge: a card is often one big link the site listens to.
    for (const type of ['click', 'mousedown', 'mouseup', 'keydown', 'keyup', 'keypress']) {
      host.addEventListener(type, (event) => {
        event.stopPropagation();
        if (type === 'click') event.preventDefault();
      });
    }
    host.meetscout = { url, flag, actions };
    render(host, flag);
    return host;
  }

  function render(host, flag) {
    const doc = host.ownerDocument;
    const view = describeFlag(flag);
    const shadow = host.shadowRoot;
    const old = shadow.querySelector('.wrap');
    const wrap = el(doc, 'span', `wrap ${view.tone}${view.overLimit ? ' over' : ''}`);
    host.meetscout.flag = flag;
    host.dataset.meetscoutCrowd = flag.crowd;
    host.toggleAttribute('data-meetscout-cancelled', view.cancelled);

    const button = el(doc, 'button', 'badge');
    button.type = 'button';
    button.setAttribute('aria-label', view.name);
    button.setAttribute('aria-expanded', 'false');
    button.append(el(doc, 'span', 'dot'), el(doc, 'span', 'label', view.label));
    if (view.count) button.append(el(doc, 'span', 'count', `· ${view.count}`));
    for (const chip of view.chips) button.append(el(doc, 'span', `chip ${chip.kind}`, chip.text));

    const panel = el(doc, 'div', 'panel');
    panel.setAttribute('role', 'group');
    panel.setAttribute('aria-label', 'Why meetscout thinks so');
    panel.append(el(doc, 'p', 'why', view.reasons.length ? 'Why' : 'No reasons given'));
    const list = el(doc, 'ul', 'reasons');
    for (const reason of view.reasons) list.append(el(doc, 'li', '', reason));
    list.id = 'reasons';
    button.setAttribute('aria-describedby', 'reasons');
    panel.append(list);
    if (view.links.length) {
      // The same meeting on the chapter's own site (or Meetup, LinkedIn): a link out.
      const also = el(doc, 'p', 'also');
      for (const link of view.links) {
        const a = el(doc, 'a', 'also-at', link.text);
        a.href = link.url;
        a.target = '_blank';
        a.rel = 'noopener noreferrer';
        // Past the badge's own click guard, which keeps the site's card from reacting.
        a.addEventListener('click', (event) => event.stopPropagation());
        also.append(a);
      }
      panel.append(also);
    }

    const actionsRow = el(doc, 'div', 'actions');
    const wrong = el(doc, 'button', 'wrong', 'This flag is wrong');
    wrong.type = 'button';
    const isGoing = Boolean(flag.going || host.meetscout.going);
    const going = el(doc, 'button', 'going', isGoing ? 'Marked as going' : "I'm going");
    going.type = 'button';
    going.disabled = isGoing;
    // Once the meeting has started the question is whether the person went, not whether they will.
    const after = afterMeeting(flag, new Date()) && host.meetscout.actions.presence;
    const presence = [];
    if (after) {
      for (const [value, text] of [['attended', 'I went'], ['skipped', 'I skipped it']]) {
        const button = el(doc, 'button', `presence ${value}`, text);
        button.type = 'button';
        button.dataset.presence = value;
        button.setAttribute('aria-pressed', String(flag.presence === value));
        presence.push(button);
      }
      actionsRow.append(wrong, ...presence);
    } else {
      actionsRow.append(wrong);
      if (!view.cancelled) actionsRow.append(going); // nobody goes to a cancelled meeting
    }
    // A meeting (not a group) still ahead can go into the weekly plan; accepted there, it counts
    // as going.
    const planned = Boolean(host.meetscout.planned);
    const plan = el(doc, 'button', 'plan', planned ? 'In my plan' : 'Add to my plan');
    plan.type = 'button';
    plan.disabled = planned;
    if (!after && flag.subject === 'event' && !view.cancelled && host.meetscout.actions.plan) {
      actionsRow.append(plan);
    }

    const correct = el(doc, 'div', 'correct');
    correct.hidden = true;
    correct.append(el(doc, 'span', '', 'Who really goes?'));
    const choices = [
      ['employed', 'The employed'],
      ['job_seekers', 'Job seekers'],
      ['not_networking', 'Not networking'],
    ];
    for (const [crowd, text] of choices) {
      if (crowd === flag.crowd && view.sure) continue; // a guess can be confirmed
      const choice = el(doc, 'button', 'choice', text);
      choice.type = 'button';
      choice.dataset.crowd = crowd;
      correct.append(choice);
    }
    const status = el(doc, 'p', 'status');
    status.setAttribute('role', 'status');
    if (after && PRESENCE_WORDS[flag.presence]) status.textContent = `${PRESENCE_WORDS[flag.presence]}.`;
    panel.append(actionsRow, correct, status);
    wrap.append(button, panel);
    if (old) old.replaceWith(wrap);
    else shadow.append(wrap);

    button.addEventListener('click', () => {
      const open = !wrap.classList.contains('open');
      wrap.classList.toggle('open', open);
      host.toggleAttribute('data-meetscout-open', open);
      button.setAttribute('aria-expanded', String(open));
    });
    wrap.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape' || !wrap.classList.contains('open')) return;
      wrap.classList.remove('open');
      host.removeAttribute('data-meetscout-open');
      button.setAttribute('aria-expanded', 'false');
      button.focus();
    });
    wrong.addEventListener('click', () => {
      correct.hidden = !correct.hidden;
      const first = correct.querySelector('button');
      if (!correct.hidden && first) first.focus();
    });
    correct.addEventListener('click', async (event) => {
      const crowd = event.target.closest && event.target.closest('button[data-crowd]');
      if (!crowd) return;
      status.textContent = 'Sending…';
      const updated = await host.meetscout.actions.wrong(crowd.dataset.crowd);
      if (updated && describeFlag(updated)) {
        render(host, updated);
        const refreshed = host.shadowRoot.querySelector('.status');
        refreshed.textContent = 'Thanks: meetscout will remember.';
      } else {
        status.textContent = 'Could not reach meetscout.';
      }
    });
    for (const button of presence) {
      button.addEventListener('click', async () => {
        for (const b of presence) b.disabled = true;
        status.textContent = 'Sending…';
        const reply = await host.meetscout.actions.presence(button.dataset.presence);
        if (reply && reply.flag && describeFlag(reply.flag)) {
          render(host, reply.flag);
        } else {
          for (const b of presence) b.disabled = false;
          status.textContent = (reply && reply.detail) || 'Could not reach meetscout.';
        }
      });
    }
    plan.addEventListener('click', async () => {
      plan.disabled = true;
      status.textContent = 'Adding…';
      const updated = await host.meetscout.actions.plan();
      if (updated && describeFlag(updated)) {
        host.meetscout.planned = true;
        render(host, updated);
        host.shadowRoot.querySelector('.status').textContent = 'Added to your plan: it counts as going.';
      } else {
        plan.disabled = false;
        status.textContent = 'Could not add it: is meetscout running?';
      }
    });
    going.addEventListener('click', async () => {
      going.disabled = true;
      const updated = await host.meetscout.actions.going();
      if (updated && describeFlag(updated)) {
        host.meetscout.going = true;
        render(host, updated);
        host.shadowRoot.querySelector('.status').textContent = 'Marked as going.';
      } else {
        going.disabled = false;
        status.textContent = 'Could not reach meetscout.';
      }
    });
  }

  root.MeetscoutBadge = { HOST_ATTR, createBadge, render };
})(globalThis);
