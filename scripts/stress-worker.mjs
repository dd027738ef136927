// A stress worker: answers cards in a loop through the same code as the CLI, printing a line for
// each answer only after it was committed (an acknowledged answer). Modes:
//   reviewer  - like `llmcards review`: next card, answer it as shown (refused if changed meanwhile)
//   script    - like `llmcards answer`: answer given cards in turn
// Usage: node stress-worker.mjs MODE HOME COUNT [CARD...]
import { openCollection } from '../dist/app/context.js';
import { syncDecks } from '../dist/app/sync.js';
import { answerCard } from '../dist/app/answer.js';
import { ReviewSession } from '../dist/app/review-session.js';
import { CardChangedError } from '../dist/errors.js';

const [mode, home, countText, ...cards] = process.argv.slice(2);
const count = Number(countText);
const now = () => new Date();
// From here, after Node started and loaded the modules: what a command itself takes (stress §5).
const started = performance.now();
const ctx = await openCollection({ home, now: now(), offsetAt: () => 0, cwd: home });
await syncDecks(ctx, { warn: false });
const opened = performance.now();
const out = (o) => process.stdout.write(`${JSON.stringify(o)}\n`);
const ratings = ['again', 'hard', 'good', 'easy'];
let done = 0;
if (mode === 'reviewer') {
  const session = new ReviewSession(ctx, { filter: {} });
  while (done < count) {
    const card = session.next(now());
    if (!card) break;
    try {
      session.answer(card, ratings[done % 4], 1000, now());
      out({ kind: 'ack', card: card.key, reps: card.shown.reps + 1 });
    } catch (err) {
      if (!(err instanceof CardChangedError)) throw err;
      out({ kind: 'refused', card: card.key, message: err.message });
    }
    done++;
  }
} else {
  for (let i = 0; i < count; i++) {
    const r = answerCard(ctx, cards[i % cards.length], ratings[i % 4], { at: now() });
    out({ kind: 'ack', card: r.card, reps: r.reps, ms: Math.round(performance.now() - started), open_ms: Math.round(opened - started) });
  }
}
ctx.store.close();
