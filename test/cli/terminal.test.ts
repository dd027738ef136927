import { expect, it } from 'vitest';
import { decodeKeys } from '../../src/cli/terminal.js';

it.each([
  [' ', [{ name: 'space', ctrl: false }]],
  ['\r', [{ name: 'enter', ctrl: false }]],
  ['3', [{ name: '3', ctrl: false }]],
  ['Q', [{ name: 'q', ctrl: false }]],
  ['\u0003', [{ name: 'c', ctrl: true }]],
  ['\u001b[A', [{ name: 'up', ctrl: false }]],
  ['\u001b', [{ name: 'escape', ctrl: false }]],
  ['\u001b[15~3', [{ name: '3', ctrl: false }]],
  [
    ' 3u',
    [
      { name: 'space', ctrl: false },
      { name: '3', ctrl: false },
      { name: 'u', ctrl: false },
    ],
  ],
])('decodes %j', (data, keys) => {
  expect(decodeKeys(data)).toEqual(keys);
});
