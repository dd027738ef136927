/**
 * Where better-sqlite3's compiled addon is.
 */
import { createRequire } from 'node:module';

/**
 * The compiled addon, named directly: better-sqlite3's own lookup (the `bindings` package) probes
 * several paths and reads stack traces, which costs every command a few milliseconds.
 */
let addonPath: string | undefined;
export function nativeBinding(): string | undefined {
  try {
    addonPath ??= createRequire(import.meta.url).resolve('better-sqlite3/build/Release/better_sqlite3.node');
    return addonPath;
  } catch {
    return undefined; // an unusual install: let better-sqlite3 find it
  }
}
