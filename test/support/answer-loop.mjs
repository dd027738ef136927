// A long run of answers in one process, through the same code as `llmcards answer`, printing each
// result only after its commit. Used by the crash and concurrency tests.
// Usage: node answer-loop.mjs HOME START_ISO COUNT CARD [CARD...]
import { openCollection } from '../../dist/app/context.js';
import { syncDecks } from '../../dist/app/sync.js';
import { answerCard } from '../../dist/app/answer.js';

const [home, startIso, countText, ...cards] = process.argv.slice(2);
const count = Number(countText);
let now = Date.parse(startIso);
const env = () => ({ home, now: new Date(now), offsetAt: () => 0, cwd: home });
const ctx = await openCollection(env());
await syncDecks(ctx, { warn: false });
for (let i = 0; i < count; i++) {
  const card = cards[i % cards.length];
  const at = new Date(now);
  const r = answerCard(ctx, card, i % 7 === 0 ? 'again' : 'good', { at });
  process.stdout.write(`${JSON.stringify({ i, card: r.card, reps: r.reps, at: at.toISOString() })}\n`);
  now += 60_000;
}
ctx.store.close();
