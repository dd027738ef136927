/**
 * The full-screen review (issue 13) in a real pseudo-terminal, its screen read back through a
 * terminal emulator (@xterm/headless): the question stays while a long answer scrolls, a rating
 * works mid-scroll, a resize redraws with no stale rows, the normal screen comes back with the
 * summary below it, and `u` takes back a suspend or a bury.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import stringWidth from 'string-width';
import { BIN, tempHome } from '../support/home.js';
import { GREEK_DECK as GREEK } from '../support/builders.js';
import { startPty, type PtySession } from '../support/pty.js';
import { runJson } from '../support/run.js';

const NOW = '2026-03-01T08:00:00Z';
const PGDN = '\u001b[6~';

/** A card whose answer is three screens long (60 numbered lines), then a short one. */
const LONG = `cards:
  - id: long
    front: What are the sixty steps?
    back: |
${Array.from({ length: 60 }, (_, i) => `      step ${String(i + 1).padStart(2, '0')} of the long answer`).join('\n')}
  - id: short
    front: What comes after the steps?
    back: Rest
`;

/** The review started from a shell that printed two lines first (the "original screen"), then reports its exit code. */
function reviewFromShell(home: string, args: string, size: { cols: number; rows: number }, env?: Record<string, string>): PtySession {
  const cmd = `printf 'before line one\\nbefore line two\\n'; ${process.execPath} ${BIN} --home ${home} review --now ${NOW} ${args}; echo "exit=$?"`;
  return startPty(['-c', cmd], { cwd: home, file: '/bin/sh', ...size, ...(env ? { env } : {}) });
}

/** Every row fits, and none fills the last column (tmux takes a full row on a resize for a wrapped one and moves it into the normal screen). */
function fitsWidth(rows: string[], cols: number): void {
  for (const row of rows) expect(stringWidth(row), row).toBeLessThan(cols);
}

describe.each([
  { cols: 80, rows: 24 },
  { cols: 40, rows: 20 },
])('the full-screen review at $cols x $rows', (size) => {
  it('keeps the question over a three-screen answer, scrolls with j and PgDn, rates from the middle, and gives the screen back', async () => {
    const home = tempHome({ 'steps.yaml': LONG });
    const s = reviewFromShell(home, '', size);
    let screen = await s.waitForScreen('What are the sixty steps?');
    expect((await s.screen()).alternate).toBe(true);
    expect(screen[0]).toContain('steps · #1');
    s.send(' ');
    screen = await s.waitForScreen('more below');
    expect(screen.join('\n')).toContain('What are the sixty steps?');
    expect(screen.join('\n')).toContain('step 01 of the long answer');
    expect(screen).toHaveLength(size.rows);
    fitsWidth(screen, size.cols);
    // The ratings and the keys are on the bottom lines.
    expect(screen.at(-1)).toMatch(/u undo/);
    expect(screen.slice(-3).join('\n')).toMatch(/3 Good 10m/);
    s.send('j');
    screen = await s.waitForScreen(/─\n {2}step 02 of the long answer\n/);
    expect(screen.join('\n')).not.toContain('step 01 of');
    expect(screen.join('\n')).toContain('What are the sixty steps?');
    s.send(PGDN);
    screen = await s.waitForScreen(/step 2\d of the long answer/);
    expect(screen.join('\n')).toContain('What are the sixty steps?');
    const pct = Number(/more below · (\d+)%/.exec(screen.join('\n'))?.[1]);
    expect(pct).toBeGreaterThan(10);
    expect(pct).toBeLessThan(100);
    // Rated in the middle of the answer.
    s.send('3');
    screen = await s.waitForScreen('What comes after the steps?');
    expect(screen.join('\n')).not.toContain('of the long answer');
    s.send('q');
    await s.waitForScreen('exit=0');
    const after = await s.screen();
    expect(after.alternate).toBe(false);
    const normal = [...after.scrollback, ...after.rows].join('\n');
    // The screen as it was, the summary below it, and nothing of the cards.
    expect(normal).toMatch(/before line one\nbefore line two\n[\s\S]*1 card in [\s\S]*due tomorrow\.[\s\S]*exit=0/);
    expect(normal).not.toContain('of the long answer');
    expect(await s.exited).toBe(0);
    expect(runJson(home, ['show', 'steps/long:forward', '--now', NOW]).history).toMatchObject([{ rating: 'good' }]);
  });
});

describe('the full-screen review', () => {
  it('redraws on resize with no stale rows: the same screen as one started at that size', async () => {
    const home = tempHome({ 'steps.yaml': LONG });
    const fresh = async (cols: number, rows: number) => {
      const s = startPty(['--home', home, 'review', '--now', NOW], { cwd: home, cols, rows });
      await s.waitForScreen('What are the sixty steps?');
      s.send(' ');
      const screen = await s.waitForScreen('more below');
      s.send('q');
      await s.exited;
      return screen;
    };
    const small = await fresh(40, 20);
    const large = await fresh(100, 30);
    const s = startPty(['--home', home, 'review', '--now', NOW], { cwd: home, cols: 80, rows: 24 });
    await s.waitForScreen('What are the sixty steps?');
    s.send(' ');
    await s.waitForScreen('more below');
    s.resize(40, 20);
    expect(await s.waitForScreen(small.join('\n'))).toEqual(small);
    s.resize(100, 30);
    expect(await s.waitForScreen(large.join('\n'))).toEqual(large);
    s.send('q');
    expect(await s.exited).toBe(0);
  });

  it('s then u brings the suspended card back, b then u the buried one, and u walks back to the answer before', async () => {
    const home = tempHome({ 'greek.yaml': GREEK });
    const s = startPty(['--home', home, 'review', '--now', NOW], { cwd: home, cols: 40, rows: 20 });
    await s.waitForScreen('What is the first letter?');
    s.send(' ');
    await s.waitForScreen('Alpha');
    s.send('3');
    await s.waitForScreen('What is the second letter?');
    s.send('s');
    await s.waitForScreen('suspended greek/beta:forward');
    expect(runJson(home, ['show', 'greek/beta:forward', '--now', NOW]).suspended).toBe(true);
    s.send('u');
    await s.waitForScreen(/undid the suspension of\s+greek\/beta:forward/);
    await s.waitForScreen('What is the second letter?');
    expect(runJson(home, ['show', 'greek/beta:forward', '--now', NOW]).suspended).toBe(false);
    s.send('b');
    await s.waitForScreen('buried greek/beta:forward');
    expect(runJson(home, ['show', 'greek/beta:forward', '--now', NOW]).buried_until).not.toBeNull();
    s.send('u');
    await s.waitForScreen(/undid the burial of\s+greek\/beta:forward/);
    await s.waitForScreen('What is the second letter?');
    const beta = runJson(home, ['show', 'greek/beta:forward', '--now', NOW]);
    expect(beta.buried_until === null || Date.parse(beta.buried_until) <= Date.parse(NOW)).toBe(true);
    expect(runJson(home, ['due', '--now', NOW]).total).toBeGreaterThanOrEqual(1);
    // Once more: the answer before the suspend and the bury.
    s.send('u');
    await s.waitForScreen('undid "good" on greek/alpha:forward');
    await s.waitForScreen('What is the first letter?');
    expect(runJson(home, ['show', 'greek/alpha:forward', '--now', NOW]).history).toEqual([]);
    s.send('\u0003');
    expect(await s.exited).toBe(130);
    // Every change went through the journal: suspend, unsuspend, bury and its end, the answer and its undo.
    const dir = join(home, 'history');
    const lines = readdirSync(dir).flatMap((d) =>
      readdirSync(join(dir, d)).flatMap((f) =>
        readFileSync(join(dir, d, f), 'utf8')
          .trim()
          .split('\n'),
      ),
    );
    const actions = lines.map((l) => JSON.parse(l) as { action?: string; rating?: string }).map((l) => l.action ?? l.rating);
    expect(actions).toEqual(['good', 'suspend', 'unsuspend', 'bury', 'bury', 'undo']);
  });

  it('Ctrl-C mid-card gives the normal screen back with the summary (exit 130)', async () => {
    const home = tempHome({ 'greek.yaml': GREEK });
    const s = reviewFromShell(home, '', { cols: 80, rows: 24 });
    await s.waitForScreen('What is the first letter?');
    s.send(' ');
    await s.waitForScreen('Alpha');
    s.send('\u0003');
    await s.waitForScreen('exit=130');
    const after = await s.screen();
    expect(after.alternate).toBe(false);
    expect(after.rows.join('\n')).toMatch(/before line one\nbefore line two\n[\s\S]*0 cards in [\s\S]*due tomorrow\.[\s\S]*exit=130/);
    expect(s.raw()).toContain('\u001b[?25h');
  });

  it('names a broken deck file on the first screen', async () => {
    const home = tempHome({ 'greek.yaml': GREEK, 'broken.yaml': 'cards:\n  - id: x\n    front: [unclosed\n' });
    const s = startPty(['--home', home, 'review', '--now', NOW], { cwd: home, cols: 80, rows: 24 });
    const screen = await s.waitForScreen('What is the first letter?');
    expect(screen.join(' ')).toMatch(/1 deck file has errors:\s+decks\/broken\.yaml:\d+:\d+[\s\S]*run\s+llmcards\s+lint/);
    s.send(' ');
    await s.waitForScreen('Alpha');
    s.send('3');
    // Once: not on the next card.
    const next = await s.waitForScreen('What is the second letter?');
    expect(next.join('\n')).not.toMatch(/broken\.yaml/);
    s.send('q');
    await s.exited;
  });

  it('wraps a Chinese card by display width at 40 columns', async () => {
    const zh = '指令微调是一种基于格式化的指令示例数据对大语言模型进行训练的过程，这种利用配对文本进行训练的方法也被称为监督微调。';
    const home = tempHome({
      'zh.yaml': `cards:\n  - id: sft\n    front: {en: What is instruction tuning?, zh: 什么是指令微调？}\n    back: {en: Supervised training on instruction and answer pairs., zh: "${zh}"}\n`,
    });
    const s = startPty(['--home', home, 'review', '--now', NOW, '--lang', 'zh'], { cwd: home, cols: 40, rows: 20 });
    await s.waitForScreen('什么是指令微调？');
    s.send(' ');
    const screen = await s.waitForScreen('1 Again');
    fitsWidth(screen, 40);
    expect(screen.join('').replace(/\s+/g, '')).toContain(zh);
    s.send('q');
    await s.exited;
  });

  it('the help fits 40 columns; practice shows no intervals on the buttons', async () => {
    const home = tempHome({ 'greek.yaml': GREEK });
    runJson(home, ['answer', 'alpha:forward', 'easy', '--now', '2026-01-01T08:00:00Z']);
    const s = startPty(['--home', home, 'review', '--now', NOW, '--practice'], { cwd: home, cols: 40, rows: 20 });
    await s.waitForScreen('What is the first letter?');
    s.send('?');
    const help = await s.waitForScreen('space/enter');
    fitsWidth(help, 40);
    expect(help.join('\n')).toMatch(/space\/enter\n\s+show the answer/);
    s.send('x');
    await s.waitForScreen('space show answer');
    s.send(' ');
    const back = await s.waitForScreen('1 Again');
    expect(back.join('\n')).toMatch(/1 Again {3}2 Hard {3}3 Good {3}4 Easy$/m);
    expect(back.join('\n')).not.toMatch(/Good \d/);
    s.send('q');
    await s.exited;
  });

  it('type-in compares with the answer in the language shown, key words for a definition; Ctrl-C at the prompt ends with the summary', async () => {
    const home = tempHome({
      'g.yaml': `cards:
  - id: plugin
    term: {en: plugin, zh: 插件}
    definition:
      en: A self-contained, packaged software module designed for a language model that extends or enhances its abilities, for example helping it retrieve external data, perform computations or use third-party services.
      zh: 一种专门为语言模型设计的独立封装软件模块，用于扩展或增强模型的能力。
`,
    });
    const s = reviewFromShell(home, '--type --lang en --forward', { cols: 80, rows: 24 });
    await s.waitForScreen('Your answer');
    s.send('a software module that extends a language model, to retrieve data or use services\r');
    const screen = await s.waitForScreen('✓ correct');
    expect(screen.join('\n')).toMatch(/key words named/);
    expect(screen.join('\n')).not.toMatch(/一种专门/);
    s.send('\r');
    await s.waitForScreen('Your answer');
    s.send('\u0003');
    await s.waitForScreen('exit=130');
    const after = await s.screen();
    expect(after.rows.join('\n')).toMatch(/1 card in [\s\S]*due tomorrow\.[\s\S]*exit=130/);
    expect(runJson(home, ['show', 'plugin:forward', '--now', NOW]).history).toMatchObject([{ rating: 'good' }]);
  });
});
