/**
 * Every command, registered in the order `--help` lists them.
 */
import type { Command } from 'commander';
import type { CliDeps } from '../globals.js';
import { registerAnswer } from './answer.js';
import { registerBackup } from './backup.js';
import { registerCardActions } from './card-actions.js';
import { registerCompletion } from './completion.js';
import { registerConfig } from './config.js';
import { registerDashboard } from './dashboard.js';
import { registerDecks } from './decks.js';
import { registerDevice } from './device.js';
import { registerDue } from './due.js';
import { registerExport } from './export.js';
import { registerImport } from './import.js';
import { registerInit } from './init.js';
import { registerLint } from './lint.js';
import { registerNext } from './next.js';
import { registerQuiz } from './quiz.js';
import { registerInterview } from './interview.js';
import { registerReview } from './review.js';
import { registerSearch } from './search.js';
import { registerShow } from './show.js';
import { registerStats } from './stats.js';
import { registerOptimize } from './optimize.js';
import { registerSimulate } from './simulate.js';
import { registerSync } from './sync.js';
import { registerUndo } from './undo.js';

export function registerCommands(program: Command, deps: CliDeps): void {
  registerDashboard(program, deps);
  registerInit(program, deps);
  registerSync(program, deps);
  registerLint(program, deps);
  registerReview(program, deps);
  registerQuiz(program, deps);
  registerInterview(program, deps);
  registerDecks(program, deps);
  registerDue(program, deps);
  registerNext(program, deps);
  registerAnswer(program, deps);
  registerUndo(program, deps);
  registerShow(program, deps);
  registerSearch(program, deps);
  registerCardActions(program, deps);
  registerStats(program, deps);
  registerOptimize(program, deps);
  registerSimulate(program, deps);
  registerExport(program, deps);
  registerImport(program, deps);
  registerConfig(program, deps);
  registerBackup(program, deps);
  registerDevice(program, deps);
  registerCompletion(program, deps);
}
