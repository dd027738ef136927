/**
 * Shell completion scripts (issue 8): commands, their options, choice values, and deck names (asked
 * of `llmcards decks --names` when a --deck value is completed, so they are always current).
 */
import type { Command, Option } from 'commander';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

interface CommandInfo {
  name: string;
  description: string;
  options: { flags: string[]; description: string; choices: string[]; takesValue: boolean }[];
}

function describe(program: Command): { globals: CommandInfo['options']; commands: CommandInfo[] } {
  const opts = (options: readonly Option[]) =>
    options.map((o) => ({
      flags: [o.long, o.short].filter((f): f is string => Boolean(f)),
      description: o.description,
      choices: o.argChoices ?? [],
      takesValue: o.required || o.optional,
    }));
  return {
    globals: opts(program.options),
    commands: program.commands.map((c) => ({ name: c.name(), description: c.description(), options: opts(c.options) })),
  };
}

const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export function completionScript(shell: Shell, program: Command): string {
  const { globals, commands } = describe(program);
  const names = commands.map((c) => c.name);
  if (shell === 'bash') {
    const cases = commands.map((c) => `    ${c.name}) opts=${q([...c.options, ...globals].flatMap((o) => o.flags).join(' '))} ;;`).join('\n');
    return `# llmcards completion for bash. Install: llmcards completion bash > ~/.local/share/bash-completion/completions/llmcards
_llmcards() {
  local cur prev cmd opts i
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  cmd=""
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "\${COMP_WORDS[i]}" in -*) ;; *) cmd="\${COMP_WORDS[i]}"; break ;; esac
  done
  case "$prev" in
    --deck) COMPREPLY=($(compgen -W "$(llmcards decks --names 2>/dev/null)" -- "$cur")); return ;;
    --lang) COMPREPLY=($(compgen -W "en zh both" -- "$cur")); return ;;
    --mode) COMPREPLY=($(compgen -W "mc tf typed cloze match mixed" -- "$cur")); return ;;
    --home|-o|--answers) COMPREPLY=($(compgen -f -- "$cur")); return ;;
  esac
  if [ -z "$cmd" ]; then
    COMPREPLY=($(compgen -W ${q([...names, ...globals.flatMap((o) => o.flags)].join(' '))} -- "$cur"))
    return
  fi
  case "$cmd" in
${cases}
    *) opts="" ;;
  esac
  COMPREPLY=($(compgen -W "$opts" -- "$cur"))
}
complete -o default -F _llmcards llmcards
`;
  }
  if (shell === 'zsh') {
    const cmdList = commands.map((c) => `    ${q(`${c.name}:${c.description.replace(/:/g, '\\:')}`)}`).join('\n');
    const optSpec = (o: CommandInfo['options'][number]) => {
      const long = o.flags.find((f) => f.startsWith('--'))!;
      const desc = o.description.replace(/[[\]:]/g, ' ');
      const value = !o.takesValue ? '' : long === '--deck' ? ':deck:_llmcards_decks' : o.choices.length ? `:value:(${o.choices.join(' ')})` : ':value:_files';
      return `    ${q(`${long}[${desc}]${value}`)}`;
    };
    const cases = commands
      .map((c) => `      ${c.name})\n        _arguments \\\n${[...c.options, ...globals].map(optSpec).join(' \\\n')} && return ;;`)
      .join('\n');
    return `#compdef llmcards
# llmcards completion for zsh. Install: llmcards completion zsh > "\${fpath[1]}/_llmcards" (then restart zsh)
_llmcards_decks() {
  local -a decks
  decks=(\${(f)"$(llmcards decks --names 2>/dev/null)"})
  _describe 'deck' decks
}
_llmcards() {
  local -a commands
  commands=(
${cmdList}
  )
  if (( CURRENT == 2 )); then
    _describe 'command' commands
    return
  fi
  case "\${words[2]}" in
${cases}
  esac
}
_llmcards "$@"
`;
  }
  const lines = ['# llmcards completion for fish. Install: llmcards completion fish > ~/.config/fish/completions/llmcards.fish', 'complete -c llmcards -f'];
  for (const c of commands) lines.push(`complete -c llmcards -n __fish_use_subcommand -a ${q(c.name)} -d ${q(c.description)}`);
  for (const c of commands) {
    for (const o of c.options) {
      const long = o.flags.find((f) => f.startsWith('--'))?.slice(2);
      if (!long) continue;
      const values =
        long === 'deck' ? ` -r -a '(llmcards decks --names 2>/dev/null)'` : o.choices.length ? ` -r -a ${q(o.choices.join(' '))}` : o.takesValue ? ' -r' : '';
      lines.push(`complete -c llmcards -n '__fish_seen_subcommand_from ${c.name}' -l ${long} -d ${q(o.description)}${values}`);
    }
  }
  for (const o of globals) {
    const long = o.flags.find((f) => f.startsWith('--'))?.slice(2);
    if (long)
      lines.push(`complete -c llmcards -l ${long} -d ${q(o.description)}${o.choices.length ? ` -r -a ${q(o.choices.join(' '))}` : o.takesValue ? ' -r' : ''}`);
  }
  return `${lines.join('\n')}\n`;
}
