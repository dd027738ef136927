/**
 * The terminal side of `llmcards review`: the session (app/review-session.ts) wired to the keys and
 * screens of cli/review-session.ts, the editor, the media opener, and the summary printed on the
 * normal screen at the end. The command file only parses its options and calls this.
 */
import type { SessionOptions } from '../app/review-session.js';
import { CancelledError } from '../errors.js';
import type { CommandRun } from './command-context.js';
import type { CliDeps } from './globals.js';

export interface ReviewRequest extends Omit<SessionOptions, 'lang'> {
  /** type the answer before it is shown */
  type: boolean;
  /** the scrolling log instead of the full screen */
  inline: boolean;
}

/** Terminals shorter than this get the scrolling log: a card would not fit a screen. */
export const FULL_SCREEN_MIN_ROWS = 10;

export async function reviewInTerminal(deps: CliDeps, run: CommandRun, req: ReviewRequest): Promise<void> {
  const { ReviewSession } = await import('../app/review-session.js');
  const { openTerminal } = await import('./terminal.js');
  const { runReviewSession } = await import('./review-session.js');
  const { makeTheme } = await import('./render/theme.js');
  const { type, inline, ...sessionOptions } = req;
  const session = new ReviewSession(run.ctx, { ...sessionOptions, lang: run.lang });
  const theme = makeTheme(run.g.color);
  const screen = () => ({ theme, lang: run.lang, columns: deps.stdout.columns || deps.io.columns });
  const now = () => (run.g.fixedNow ? run.g.now : deps.systemNow());
  const streams = { input: deps.stdin, output: deps.stdout };
  const term = openTerminal(streams);
  let result: Awaited<ReturnType<typeof runReviewSession>>;
  try {
    result = await runReviewSession(session, {
      term,
      screen,
      fullScreen: !inline && term.rows() >= FULL_SCREEN_MIN_ROWS,
      now,
      elapsed: deps.elapsedMs,
      ...(type
        ? {
            askAnswer: async () => {
              const { askLine } = await import('./prompts.js');
              return term.cooked(() => askLine('Your answer:', streams), { keepScreen: true });
            },
          }
        : {}),
      edit: async (card) => {
        const { openInEditor } = await import('./editor.js');
        const { syncDecks } = await import('../app/sync.js');
        const edited = await term.cooked(async () => openInEditor(deps.env, card.path, card.line));
        if (!edited.ok) return edited.message!;
        const report = await syncDecks(run.ctx, { warn: false });
        const broken = report.errors.find((e) => e.file === card.file);
        return broken ? `${broken.file}:${broken.line}:${broken.col}: ${broken.message} (the file is skipped until fixed)` : 'saved; here is the card again';
      },
      openMedia: async (card, withBack) => {
        // Loaded on the first `o` only: most sessions never open media.
        const { openMedia } = await import('./media.js');
        const { cardMedia } = await import('../app/import/media.js');
        return openMedia(run.ctx.home, run.ctx.settings.media_command, cardMedia(run.ctx.home, card, withBack), withBack);
      },
      takeWarnings: () => run.ctx.warnings.splice(0),
      notice: run.takeDeckNotice(),
    });
  } finally {
    // The normal screen comes back exactly as it was; the summary goes there, into the scrollback.
    term.close();
  }
  const { autoBackup } = await import('../app/backup.js');
  autoBackup(run.ctx);
  const { renderSummary } = await import('./render/review.js');
  await run.emit(result.summary, (s) => renderSummary(s, now(), screen()));
  if (result.cancelled) throw new CancelledError();
}
