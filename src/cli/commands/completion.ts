import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import type { CliDeps } from '../globals.js';

export function registerCompletion(program: Command, deps: CliDeps): void {
  program
    .command('completion')
    .argument('<shell>', 'bash, zsh or fish')
    .description('print a shell completion script (commands, options, deck names)')
    .addHelpText(
      'after',
      `
Examples (install):
  bash  llmcards completion bash > ~/.local/share/bash-completion/completions/llmcards
  zsh   llmcards completion zsh > "\${fpath[1]}/_llmcards"
  fish  llmcards completion fish > ~/.config/fish/completions/llmcards.fish`,
    )
    .action(async (shell: string) => {
      const { completionScript, SHELLS } = await import('../completion.js');
      if (!(SHELLS as readonly string[]).includes(shell)) throw new UsageError(`unknown shell "${shell}": use bash, zsh or fish`, 'completion');
      deps.io.out(completionScript(shell as 'bash' | 'zsh' | 'fish', program));
    });
}
