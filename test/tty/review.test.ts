/**
 * The interactive review in a real pseudo-terminal (issue 3): keys in, screens out, and what was
 * recorded checked with `show --json` afterwards.
 */
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, tempHome } from '../support/home.js';
import { GREEK_DECK as DECK } from '../support/builders.js';
import { startPty } from '../support/pty.js';
import { runBin, runJson } from '../support/run.js';
import stringWidth from 'string-width';

const NOW = '2026-03-01T08:00:00Z';

describe('llmcards review', () => {
  it('shows a card, reveals it, records 3, undoes it with u, and quits with q', async () => {
    const home = tempHome({ 'greek.yaml': DECK });
    const s = startPty(['--home', home, 'review', '--inline', '--now', NOW], { cwd: home });
    let at = await s.waitFor('What is the first letter?');
    s.send(' ');
    at = await s.waitFor('Alpha', at);
    await s.waitFor('3 Good 10m', at);
    s.send('3');
    at = await s.waitFor('What is the second letter?', at);
    // The answer was committed before the next card appeared.
    expect(runJson(home, ['show', 'greek/alpha:forward', '--now', NOW])).toMatchObject({ reps: 1, state: 'learning' });
    s.send('u');
    at = await s.waitFor('undid "good" on greek/alpha:forward', at);
    at = await s.waitFor('What is the first letter?', at);
    s.send(' ');
    at = await s.waitFor('Alpha', at);
    s.send('4');
    at = await s.waitFor('What is the second letter?', at);
    s.send('q');
    await s.waitFor('due tomorrow', at);
    expect(await s.exited).toBe(0);
    const alpha = runJson(home, ['show', 'greek/alpha:forward', '--now', NOW]);
    expect(alpha.history).toEqual([expect.objectContaining({ at: '2026-03-01T08:00:00.000Z', rating: 'easy', state: 'review' })]);
    expect(runJson(home, ['show', 'greek/beta:forward', '--now', NOW]).history).toEqual([]);
  });

  it('leaves the terminal sane and the database consistent after Ctrl-C', async () => {
    const home = tempHome({ 'greek.yaml': DECK });
    // The shell prints the terminal's modes after llmcards is gone: canonical mode and echo on.
    const s = startPty(['-c', `${process.execPath} ${BIN} --home ${home} review --inline --now ${NOW}; echo "exit=$?"; stty -a`], {
      cwd: home,
      file: '/bin/sh',
    });
    let at = await s.waitFor('What is the first letter?');
    s.send(' ');
    at = await s.waitFor('Alpha', at);
    s.send('2');
    at = await s.waitFor('What is the second letter?', at);
    s.send('\u0003');
    at = await s.waitFor('exit=130', at);
    await s.waitFor(/\bicanon\b/, at);
    expect(s.text().slice(at)).toMatch(/(^|\s)echo\b/);
    expect(s.text().slice(at)).not.toMatch(/-icanon/);
    expect(s.raw()).toContain('\u001b[?25h');
    await s.exited;
    expect(runJson(home, ['show', 'alpha:forward', '--now', NOW]).history).toMatchObject([{ rating: 'hard' }]);
    expect(runJson(home, ['sync']).errors).toEqual([]);
  });

  it('wraps a Chinese card at 40 columns without splitting a character', async () => {
    const zh = '指令微调是一种基于格式化的指令示例数据对大语言模型进行训练的过程，这种利用配对文本进行训练的方法也被称为监督微调。';
    const home = tempHome({
      'zh.yaml': `cards:\n  - id: sft\n    front: {en: What is instruction tuning?, zh: 什么是指令微调？}\n    back: {en: Supervised training on instruction and answer pairs., zh: "${zh}"}\n`,
    });
    const s = startPty(['--home', home, 'review', '--inline', '--now', NOW, '--lang', 'zh'], { cwd: home, cols: 40 });
    let at = await s.waitFor('什么是指令微调？');
    s.send(' ');
    at = await s.waitFor('1 Again', at);
    const screen = s.text().slice(0, at);
    for (const line of screen.split('\n')) expect(stringWidth(line), line).toBeLessThanOrEqual(40);
    expect(screen.replace(/\n\s*/g, '')).toContain(zh);
    s.send('q');
    await s.exited;
  });

  it('type-in mode accepts an alias and suggests Good', async () => {
    const home = tempHome({
      'g.yaml':
        'cards:\n  - id: rlhf\n    term: RLHF\n    definition: training a model with rewards learned from human preference rankings\n    answers: [reinforcement learning from human feedback]\n',
    });
    const s = startPty(['--home', home, 'review', '--inline', '--now', NOW, '--type', '--reverse'], { cwd: home });
    let at = await s.waitFor('human preference rankings');
    at = await s.waitFor('Your answer', at);
    s.send('Reinforcement learning from human feedback\r');
    at = await s.waitFor('✓ correct', at);
    s.send('\r'); // Enter takes the suggestion
    // The card comes back within the learn-ahead window; Escape at the prompt ends the session.
    at = await s.waitFor('Your answer', at);
    s.send('\u001b');
    at = await s.waitFor('due tomorrow', at);
    await s.exited;
    expect(runJson(home, ['show', 'rlhf:reverse', '--now', NOW]).history).toMatchObject([{ rating: 'good' }]);
  });

  it('e opens $EDITOR at the note and shows the edited text', async () => {
    const home = tempHome({ 'greek.yaml': DECK });
    const editor = join(home, 'fake-editor.sh');
    // A scripted "editor": checks it was given +LINE, then rewrites the answer.
    writeFileSync(editor, `#!/bin/sh\necho "editor called with $1" > "${home}/editor.log"\nsed -i 's/back: Alpha/back: Alpha, edited in the editor/' "$2"\n`);
    chmodSync(editor, 0o755);
    const s = startPty(['--home', home, 'review', '--inline', '--now', NOW], { cwd: home, env: { EDITOR: editor } });
    let at = await s.waitFor('What is the first letter?');
    s.send('e');
    at = await s.waitFor('saved; here is the card again', at);
    at = await s.waitFor('What is the first letter?', at);
    s.send(' ');
    await s.waitFor('Alpha, edited in the editor', at);
    s.send('q');
    await s.exited;
    expect(readFileSync(join(home, 'editor.log'), 'utf8')).toBe('editor called with +2\n');
  });

  it('needs a terminal: without one it points to next/answer and exits 2, once its filter is known to match', () => {
    const home = tempHome({ 'greek.yaml': DECK });
    expect(runBin(home, ['review'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'llmcards: review needs a terminal; to script a session use llmcards next --json and llmcards answer CARD RATING (see llmcards review --help)\n',
    });
  });

  it('says the daily limit, not "All caught up", when reviews are held back by it', async () => {
    const home = tempHome({ 'greek.yaml': DECK });
    writeFileSync(join(home, 'config.yaml'), 'reviews_per_day: 1\n');
    for (const card of ['alpha', 'beta']) runJson(home, ['answer', `greek/${card}:forward`, 'easy', '--now', NOW]);
    const later = '2026-04-15T08:00:00Z'; // both long due
    runJson(home, ['answer', 'greek/alpha:forward', 'good', '--now', later]); // today's one review
    const s = startPty(['--home', home, 'review', '--inline', '--now', later], { cwd: home });
    await s.waitFor(/Done for today:[\s\S]*the daily review limit is reached, and 1 more review is\s+due/);
    expect(s.text()).not.toContain('All caught up');
    expect(await s.exited).toBe(0);
    const dash = runBin(home, ['--now', later]);
    expect(dash.stdout).toContain('Done for today: the daily review limit is reached; 1 more review is due.');
    expect(dash.stdout).toContain('llmcards config set reviews_per_day 2');
  });

  it('says "All caught up" when nothing is due', async () => {
    const home = tempHome({ 'greek.yaml': 'cards: []\n' });
    const s = startPty(['--home', home, 'review', '--inline', '--now', NOW], { cwd: home });
    await s.waitFor('All caught up.');
    expect(await s.exited).toBe(0);
  });
});

describe('review options', () => {
  it('--limit stops after N cards, --forward keeps to forward cards', async () => {
    const home = tempHome({
      'g.yaml': 'cards:\n  - id: a\n    term: Apple\n    definition: a red fruit\n  - id: b\n    term: Banana\n    definition: a yellow fruit\n',
    });
    const s = startPty(['--home', home, 'review', '--inline', '--now', NOW, '--limit', '1', '--forward'], { cwd: home });
    let at = await s.waitFor('Apple');
    s.send(' ');
    at = await s.waitFor('a red fruit', at);
    s.send('4');
    await s.waitFor('1 card in', at);
    expect(await s.exited).toBe(0);
    expect(s.text()).not.toContain('Banana');
  });

  it('--practice goes over studied cards weakest first without changing their schedule', async () => {
    const home = tempHome({ 'greek.yaml': DECK });
    runJson(home, ['answer', 'alpha:forward', 'easy', '--now', '2026-01-01T08:00:00Z']);
    runJson(home, ['answer', 'beta:forward', 'easy', '--now', '2026-02-25T08:00:00Z']);
    const before = runJson(home, ['show', 'alpha:forward', '--now', NOW]);
    const s = startPty(['--home', home, 'review', '--inline', '--now', NOW, '--practice'], { cwd: home });
    // alpha was answered long ago: it is the weaker one and comes first.
    let at = await s.waitFor('What is the first letter?');
    s.send(' ');
    at = await s.waitFor('Alpha', at);
    s.send('1');
    at = await s.waitFor('What is the second letter?', at);
    s.send('q');
    await s.exited;
    expect(runJson(home, ['show', 'alpha:forward', '--now', NOW])).toEqual(before);
  });
});
