/**
 * `init [DIR]`: a new collection holding a copy of the bundled decks (SPEC §2).
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UserError } from '../errors.js';
import { listDeckFiles } from '../deckfile/load.js';
import { homeRefusal } from './home.js';

export interface InitResult {
  home: string;
  decks: number;
}

const CONFIG_TEMPLATE = `# llmcards settings. Every key is optional; the values shown are the defaults.
# new_per_day: 20          # new cards a day (all decks together; a deck's options: can lower it)
# reviews_per_day: 200
# day_starts_at: 4         # the study day starts at this hour, local time
# lang: both               # en | zh | both
# leech_threshold: 8       # lapses before a card is a leech
# leech_action: suspend    # suspend | tag
# backups_keep: 30
# media_command: null      # opens a card's image or sound (o in a review); null: xdg-open / open
# fsrs:
#   desired_retention: 0.9
#   maximum_interval: 36500
#   enable_fuzz: true
#   learning_steps: [1m, 10m]
#   relearning_steps: [10m]
#   weights: null          # 21 FSRS-6 weights; set by llmcards optimize
`;

const GITIGNORE_HEADER = '# llmcards: data/ is a cache rebuilt from history/ and decks/; the rest travels in git';
/** data/ ignored; decks/, history/ and config.yaml kept even under a broader rule of the user's. */
const GITIGNORE_LINES = ['data/', '!decks/', '!history/', '!config.yaml'];

/**
 * Create a collection at `dir` (relative to `cwd`). `bundled` is the package folder whose decks/
 * and schema/ are copied, unless `empty`. Refuses a folder that already holds a collection.
 */
export function initCollection(dir: string, cwd: string, bundled: string, empty: boolean): InitResult {
  const home = resolve(cwd, dir);
  const refusal = homeRefusal(home);
  if (refusal) throw new UserError(refusal);
  if (existsSync(home) && !statSync(home).isDirectory()) throw new UserError(`cannot create a collection at ${home}: it is a file, not a folder`);
  if (existsSync(join(home, 'decks')) || existsSync(join(home, 'data', 'llmcards.db')) || existsSync(join(home, 'config.yaml'))) {
    throw new UserError(`${home} already holds a collection (it has decks/, data/ or config.yaml)`);
  }
  // What this call creates, so that a failure half-way removes it again (nothing half-written).
  const created = ['decks', 'data', 'schema', 'config.yaml'].filter((p) => !existsSync(join(home, p))).map((p) => join(home, p));
  try {
    mkdirSync(join(home, 'decks'), { recursive: true });
    mkdirSync(join(home, 'data'), { recursive: true });
    if (!empty && existsSync(join(bundled, 'decks'))) {
      cpSync(join(bundled, 'decks'), join(home, 'decks'), { recursive: true, filter: (src) => !src.endsWith('.gitkeep') });
    }
    if (existsSync(join(bundled, 'schema'))) cpSync(join(bundled, 'schema'), join(home, 'schema'), { recursive: true });
    writeFileSync(join(home, 'config.yaml'), CONFIG_TEMPLATE, { flag: 'wx' });
    // The database is a cache (SPEC §8): git keeps the decks, the settings and the journal, never
    // data/. A folder that is already a git repository keeps its .gitignore, with ours added.
    const gitignore = join(home, '.gitignore');
    const ignored = existsSync(gitignore) ? readFileSync(gitignore, 'utf8') : '';
    const missing = GITIGNORE_LINES.filter((l) => !new RegExp(`^${l.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`, 'm').test(ignored));
    if (missing.length > 0) {
      const head = ignored === '' ? [GITIGNORE_HEADER] : [];
      writeFileSync(gitignore, `${ignored}${ignored && !ignored.endsWith('\n') ? '\n' : ''}${[...head, ...missing].join('\n')}\n`);
    }
  } catch (err) {
    for (const path of created) {
      try {
        rmSync(path, { recursive: true, force: true });
      } catch {
        // nothing was made there
      }
    }
    throw new UserError(`cannot create the collection at ${home}: ${(err as Error).message}`);
  }
  return { home, decks: readdirSync(join(home, 'decks')).length === 0 ? 0 : listDeckFiles(join(home, 'decks')).length };
}
