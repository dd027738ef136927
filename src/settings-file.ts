/**
 * config.yaml on disk: strict parsing that names the file, line and key at fault, and atomic writes
 * for `config set` that keep the file's comments.
 */
import { closest, distance } from 'fastest-levenshtein';
import { closeSync, constants, fstatSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { UserError } from './errors.js';
import { CONFIG_FILE, DEFAULT_SETTINGS, SETTING_KEYS, settingCheck, type Settings } from './settings.js';

interface Located {
  line: number;
  col: number;
}

/**
 * Settings from the text of config.yaml (`file` names it in messages). Throws UserError naming the
 * file, line, key and what is wrong; an empty file gives the defaults.
 */
export function parseSettings(text: string, file: string): Settings {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, schema: 'core', logLevel: 'error' });
  const where = (offset: number | undefined): Located => {
    const p = lineCounter.linePos(offset ?? 0);
    return { line: p.line, col: p.col };
  };
  const first = doc.errors[0];
  if (first) {
    const msg = (first.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    throw new UserError(`invalid YAML: ${msg.charAt(0).toLowerCase()}${msg.slice(1)}`, { file, ...where(first.pos[0]) });
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 20 });
  } catch (err) {
    throw new UserError(`invalid YAML: ${(err as Error).message}`, { file, line: 1, col: 1 });
  }
  if (value === null || value === undefined) return structuredClone(DEFAULT_SETTINGS);
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new UserError('config.yaml must be a map of settings such as `new_per_day: 20`', { file, line: 1, col: 1 });
  }
  const settings = structuredClone(DEFAULT_SETTINGS) as unknown as Record<string, unknown>;
  const visit = (obj: Record<string, unknown>, prefix: string) => {
    for (const [k, v] of Object.entries(obj)) {
      const key = prefix ? `${prefix}.${k}` : k;
      const pos = keyPosition(doc, key.split('.'), where);
      if (key === 'fsrs') {
        if (typeof v !== 'object' || v === null || Array.isArray(v)) {
          throw new UserError('setting "fsrs" must be a map such as {desired_retention: 0.9}', { file, ...pos });
        }
        visit(v as Record<string, unknown>, 'fsrs');
        continue;
      }
      const check = settingCheck(key);
      if (!check) throw new UserError(`unknown setting "${key}"${suggest(key)}`, { file, ...pos });
      const problem = check(v);
      if (problem) throw new UserError(`setting "${key}" ${problem}, not ${JSON.stringify(v)}`, { file, ...pos });
      setPath(settings, key, v);
    }
  };
  visit(value as Record<string, unknown>, '');
  return settings as unknown as Settings;
}

function suggest(key: string): string {
  const best = closest(key, SETTING_KEYS);
  return distance(key, best) <= 3 ? ` (did you mean "${best}"?)` : ` (known settings: ${SETTING_KEYS.join(', ')})`;
}

function keyPosition(doc: Document, path: string[], where: (o: number | undefined) => Located): Located {
  let node: unknown = doc.contents;
  let offset: number | undefined;
  for (const seg of path) {
    if (!isMap(node)) break;
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === seg);
    if (!pair) break;
    offset = isScalar(pair.key) ? pair.key.range?.[0] : undefined;
    node = pair.value;
  }
  return where(offset);
}

function setPath(obj: Record<string, unknown>, key: string, value: unknown): void {
  const parts = key.split('.');
  let target = obj;
  for (const p of parts.slice(0, -1)) target = target[p] as Record<string, unknown>;
  target[parts[parts.length - 1] as string] = value;
}

/**
 * Parse VALUE as YAML (so `20`, `true`, `[1m, 10m]` and `null` mean what they look like), check it,
 * and write config.yaml atomically (a temp file renamed over it), keeping its comments. Returns the
 * new settings. Throws UserError for an unknown key or a bad value, writing nothing.
 */
export function setSetting(path: string, currentText: string, key: string, raw: string): { settings: Settings; value: unknown } {
  const check = settingCheck(key);
  if (!check) throw new UserError(`unknown setting "${key}"${suggest(key)}`);
  let value: unknown;
  try {
    value = parseDocument(raw, { schema: 'core', logLevel: 'error' }).toJS();
  } catch {
    value = raw;
  }
  const problem = check(value);
  if (problem) throw new UserError(`setting "${key}" ${problem}, not ${JSON.stringify(value ?? raw)}`);
  const doc = parseDocument(currentText || '', { schema: 'core', logLevel: 'error' });
  if (doc.errors.length > 0) parseSettings(currentText, CONFIG_FILE); // throws with its location
  if (!isMap(doc.contents)) doc.contents = doc.createNode({}) as unknown as typeof doc.contents;
  const node = doc.createNode(value);
  if (Array.isArray(value)) (node as { flow?: boolean }).flow = true;
  doc.setIn(key.split('.'), node);
  // No folding: a list such as the 21 FSRS weights stays on one readable line.
  const text = doc.toString({ lineWidth: 0 });
  const settings = parseSettings(text, CONFIG_FILE);
  writeFileAtomic(path, text);
  return { settings, value };
}

/** config.yaml is a few lines; more than this is not a settings file. */
const MAX_CONFIG_BYTES = 1024 * 1024;

/**
 * Read config.yaml; '' when there is none. Every command reads it, so it must be a regular file of
 * reasonable size, checked on the open descriptor before reading: a FIFO would hang every command,
 * /dev/zero would never end, a folder cannot be read. (Opened non-blocking, so a FIFO cannot block the open.)
 */
export function readConfigText(path: string): string {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw new UserError(`cannot read ${path}: ${(err as Error).message}`);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw new UserError(`cannot read ${path}: it is a folder, not a settings file`);
    if (!st.isFile()) throw new UserError(`cannot read ${path}: it is not a regular file (a device, a pipe or a socket)`);
    if (st.size > MAX_CONFIG_BYTES) throw new UserError(`cannot read ${path}: it is larger than 1 MB, which no settings file is`);
    return readFileSync(fd, 'utf8');
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw new UserError(`cannot read ${path}: ${(err as Error).message}`);
  } finally {
    closeSync(fd);
  }
}

/** Write a file so that a reader sees the old content or the new, never half of it. */
export function writeFileAtomic(path: string, text: string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true }); // a full disk must not leave config.yaml.tmp-PID behind
    throw new UserError(`cannot write ${path}: ${(err as Error).message}`);
  }
}
