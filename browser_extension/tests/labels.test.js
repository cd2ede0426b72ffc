// @ts-check
// The words the badge shows are the ones in shared/labels.json, which the API reads too.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { CROWD_LABELS, ACCESS_LABELS, ALSO_AT_LABELS, CANCELLED_LABEL, UNSURE_LABEL } = require('../flag_view.js');
const labels = require('../shared/labels.json');

test('crowd labels are the shared ones', () => assert.deepEqual(CROWD_LABELS, labels.crowd));
test('access chips are the shared ones', () => assert.deepEqual(ACCESS_LABELS, labels.access));
test('the cancelled label is the shared one', () => assert.equal(CANCELLED_LABEL, labels.cancelled));
test('the not-sure label is the shared one', () => assert.equal(UNSURE_LABEL, labels.unsure));
test('other sites\' links are the shared words', () => assert.deepEqual(ALSO_AT_LABELS, labels.also_at));
