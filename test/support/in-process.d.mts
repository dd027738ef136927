import type { CliDeps } from '../../src/cli/globals.js';

export function offsetIn(timeZone: string): (at: Date) => number;

export function testDeps(o: {
  env: Record<string, string | undefined>;
  cwd: string;
  input?: string;
  packageHome: string;
  version: string;
  randomSeed?: () => number;
}): { deps: CliDeps; captured: { stdout: string; stderr: string } };
