// @ts-check
// The manifest asks only for what the extension uses, and no code writes HTML from strings.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');

const dir = path.join(__dirname, '..');
const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));

test('manifest v3 with a fixed key and the id it gives', () => {
  assert.equal(manifest.manifest_version, 3);
  const der = Buffer.from(manifest.key, 'base64');
  crypto.createPublicKey({ key: der, format: 'der', type: 'spki' }); // throws unless a real key
  const hex = crypto.createHash('sha256').update(der).digest('hex').slice(0, 32);
  const id = [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
  assert.equal(id, 'bmieadenendlipphpemhpkgdohpbbmjb');
});

test('only the permissions it needs', () => {
  // alarms: the toolbar's follow-up count is read again every half hour (no install warning).
  assert.deepEqual(manifest.permissions, ['storage', 'alarms']);
  assert.deepEqual(manifest.host_permissions.sort(), [
    'http://127.0.0.1/*', 'http://localhost/*', 'https://www.linkedin.com/*', 'https://www.meetup.com/*',
  ]);
  for (const cs of manifest.content_scripts) {
    for (const m of cs.matches) assert.match(m, /^https:\/\/www\.(meetup|linkedin)\.com\/\*$/);
  }
});

test('every file the manifest names exists', () => {
  const files = [manifest.background.service_worker, manifest.action.default_popup, manifest.options_ui.page,
    ...manifest.content_scripts.flatMap((cs) => cs.js)];
  for (const f of files) assert.ok(fs.existsSync(path.join(dir, f)), f);
});

test('no HTML from strings anywhere in the extension', () => {
  for (const f of fs.readdirSync(dir).filter((n) => /\.(js|html)$/.test(n))) {
    const text = fs.readFileSync(path.join(dir, f), 'utf8');
    assert.doesNotMatch(text, /\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write|\beval\(/, f);
  }
});
