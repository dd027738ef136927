/**
 * The short version of `npm run stress` (issue 8): concurrency and crashes on a real collection.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { REPO } from '../support/home.js';
import { childEnv } from '../support/run.js';

it('loses no acknowledged answer and keeps the database intact under concurrency and SIGKILL', () => {
  const r = spawnSync(process.execPath, [join(REPO, 'scripts', 'stress.mjs'), '--short'], { env: childEnv(), encoding: 'utf8' });
  expect(r.stdout).toContain('stress: all checks passed');
  expect(r.stdout).not.toContain('FAIL');
  expect(r.status).toBe(0);
}, 300_000);
