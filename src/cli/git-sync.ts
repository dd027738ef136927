/**
 * `llmcards sync --git` (issue 19): share this machine's study through the collection's git
 * repository in one command. It commits this device's journal folder (`history/<device>/`, which no
 * other machine writes) and nothing else, pulls with rebase, replays the other machines' new lines
 * (the ordinary sync), and pushes. The user's own edits (decks, config.yaml) are never committed:
 * they are carried over the pull (`--autostash`) and listed in the report as left for them to
 * commit. Because each device writes only its own files, the rebase of this commit never conflicts
 * in history/; a conflict elsewhere (the user's own committed deck edits against the remote's) is
 * taken back (`git rebase --abort`) and reported, with nothing pushed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { UserError } from '../errors.js';

export interface GitReport {
  /** the repository's top folder */
  repo: string;
  remote: string;
  branch: string;
  /** the journal files committed (paths in the repository), empty when there was nothing new */
  committed: string[];
  /** the commit made, or null */
  commit: string | null;
  /** commits brought by the pull */
  pulled: number;
  /** commits pushed */
  pushed: number;
  /** other changed files, left as they were for the user to commit */
  uncommitted: string[];
}

type Git = (args: readonly string[]) => { code: number; out: string; err: string };

function runner(cwd: string, env: Readonly<Record<string, string | undefined>>): Git {
  // No prompt for a password or an editor, and git's own words in English (parsed below only by
  // exit code and porcelain output, but quoted in errors).
  const childEnv = { ...env, GIT_TERMINAL_PROMPT: '0', GIT_EDITOR: 'true', GIT_MERGE_AUTOEDIT: 'no', LC_ALL: 'C' } as NodeJS.ProcessEnv;
  return (args) => {
    const r = spawnSync('git', args, { cwd, env: childEnv, encoding: 'utf8', maxBuffer: 64 << 20 });
    if (r.error) {
      const code = (r.error as NodeJS.ErrnoException).code;
      throw new UserError(
        code === 'ENOENT'
          ? 'sync --git: git is not installed (install git, or share the collection another way)'
          : `sync --git: cannot run git: ${r.error.message}`,
      );
    }
    return { code: r.status ?? 1, out: r.stdout ?? '', err: r.stderr ?? '' };
  };
}

/** git's last line of complaint, for a one-line error. */
function lastLine(r: { out: string; err: string }): string {
  const lines = `${r.err}\n${r.out}`
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/^hint:/.test(l));
  return lines.at(-1) ?? 'no message';
}

function must(git: Git, args: readonly string[], what: string): string {
  const r = git(args);
  if (r.code !== 0) throw new UserError(`sync --git: ${what} failed: ${lastLine(r)}`);
  return r.out.trim();
}

/** Paths from `git status --porcelain -z`, with their two-letter codes. */
function status(git: Git): { code: string; path: string }[] {
  const r = git(['status', '--porcelain=v1', '-z', '--untracked-files=all']);
  if (r.code !== 0) throw new UserError(`sync --git: git status failed: ${lastLine(r)}`);
  const items = r.out.split('\0').filter(Boolean);
  const list: { code: string; path: string }[] = [];
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    list.push({ code: it.slice(0, 2), path: it.slice(3) });
    if (it[0] === 'R' || it[0] === 'C') i++; // the rename's source follows
  }
  return list;
}

const UNMERGED = /^(DD|AU|UD|UA|DU|AA|UU)$/;

/** Where the pull takes from and the push goes to: the branch's upstream, else the only remote. */
function target(git: Git, branch: string): { remote: string; remoteBranch: string; upstream: boolean } {
  const up = git(['rev-parse', '--abbrev-ref', '--symbolic-full-name', '@{u}']);
  if (up.code === 0) {
    const name = up.out.trim();
    const remotes = must(git, ['remote'], 'git remote').split('\n').filter(Boolean);
    const remote = remotes.find((r) => name.startsWith(`${r}/`));
    if (remote) return { remote, remoteBranch: name.slice(remote.length + 1), upstream: true };
  }
  const remotes = must(git, ['remote'], 'git remote').split('\n').filter(Boolean);
  if (remotes.length === 0) throw new UserError('sync --git: the repository has no remote to share with (add one: git remote add origin URL)');
  if (remotes.length > 1)
    throw new UserError(
      `sync --git: branch ${branch} has no upstream and there are ${remotes.length} remotes (choose one: git branch --set-upstream-to REMOTE/${branch})`,
    );
  return { remote: remotes[0]!, remoteBranch: branch, upstream: false };
}

/**
 * The git half of `sync --git`, around `replay` (the ordinary sync, run after each pull that brought
 * commits: the second one too, when a push was rejected because someone pushed first, so that what
 * it brought is applied by this sync and not left for the next command). `merge` adds a second
 * replay's report to the first. Throws UserError with a one-line reason when it cannot be done
 * safely; the local commit of the journal, once made, is kept in every case.
 */
export async function gitSync<T>(
  home: string,
  device: string,
  env: Readonly<Record<string, string | undefined>>,
  replay: () => Promise<T>,
  merge: (first: T, second: T) => T,
): Promise<{ git: GitReport; sync: T }> {
  const git = runner(home, env);
  const top = git(['rev-parse', '--show-toplevel']);
  if (top.code !== 0) throw new UserError(`sync --git: ${home} is not in a git repository (run git init there and add a remote, or git clone your collection)`);
  const repo = top.out.trim();
  const gitDir = must(git, ['rev-parse', '--absolute-git-dir'], 'git rev-parse');
  if (['rebase-merge', 'rebase-apply', 'MERGE_HEAD'].some((f) => existsSync(join(gitDir, f))))
    throw new UserError('sync --git: a merge or rebase is in progress in the repository; finish or abort it first');
  if (status(git).some((s) => UNMERGED.test(s.code))) throw new UserError('sync --git: the repository has unresolved conflicts; resolve them first');
  const head = git(['symbolic-ref', '--quiet', '--short', 'HEAD']);
  if (head.code !== 0) throw new UserError('sync --git: HEAD is not on a branch (check out the branch to share)');
  const branch = head.out.trim();
  const { remote, remoteBranch, upstream } = target(git, branch);

  // 1. This device's journal, and only it.
  const own = relative(repo, join(home, 'history', device))
    .split(sep)
    .join('/');
  if (own.startsWith('..')) throw new UserError(`sync --git: the collection's history/ is outside the repository ${repo}`);
  // (A device that has not studied yet has no folder: nothing to add.)
  if (existsSync(join(home, 'history', device)) || must(git, ['ls-files', '--', own], 'git ls-files') !== '') must(git, ['add', '-A', '--', own], 'git add');
  const staged = must(git, ['diff', '--cached', '--name-only', '--', own], 'git diff').split('\n').filter(Boolean);
  let commit: string | null = null;
  if (staged.length > 0) {
    must(git, ['commit', '-q', '--no-verify', '-m', `llmcards: study history of ${device}`, '--only', '--', own], 'git commit');
    commit = must(git, ['rev-parse', 'HEAD'], 'git rev-parse');
  }
  const uncommitted = status(git)
    .map((s) => s.path)
    .filter((p) => !p.startsWith(`${own}/`));

  // 2. Pull with rebase (the user's own uncommitted edits carried over it), then replay.
  let pulled = 0;
  const pullOnce = (): void => {
    const exists = git(['ls-remote', '--exit-code', '--heads', remote, remoteBranch]);
    if (exists.code === 2) return; // an empty remote: nothing to pull yet
    if (exists.code !== 0) throw new UserError(`sync --git: cannot reach ${remote}: ${lastLine(exists)}`);
    const before = must(git, ['rev-parse', 'HEAD'], 'git rev-parse');
    const r = git(['pull', '--rebase', '--autostash', '-q', remote, remoteBranch]);
    const conflicts = status(git)
      .filter((s) => UNMERGED.test(s.code))
      .map((s) => s.path);
    if (r.code !== 0 || conflicts.length > 0) {
      if (existsSync(join(gitDir, 'rebase-merge')) || existsSync(join(gitDir, 'rebase-apply'))) git(['rebase', '--abort']);
      if (conflicts.length > 0)
        throw new UserError(
          `sync --git: pulling ${remote}/${remoteBranch} conflicts in ${conflicts.join(', ')}; nothing was pulled or pushed (resolve it with git pull --rebase yourself)`,
        );
      throw new UserError(`sync --git: git pull failed: ${lastLine(r)}`);
    }
    pulled += Number(must(git, ['rev-list', '--count', `${before}..FETCH_HEAD`], 'git rev-list')) || 0;
  };
  pullOnce();
  let sync: T = await replay();

  // 3. Push what is ahead (once more after a pull if someone pushed meanwhile).
  const ahead = (): number => {
    const r = git(['rev-list', '--count', `${remote}/${remoteBranch}..HEAD`]);
    return r.code === 0 ? Number(r.out.trim()) || 0 : Number(must(git, ['rev-list', '--count', 'HEAD'], 'git rev-list')) || 0;
  };
  let pushed = 0;
  const n = ahead();
  if (n > 0 || !upstream) {
    const args = ['push', '-q', ...(upstream ? [] : ['-u']), remote, `HEAD:${remoteBranch}`];
    let r = git(args);
    if (r.code !== 0 && /rejected|fetch first|non-fast-forward/i.test(`${r.err}${r.out}`)) {
      const before = pulled;
      pullOnce();
      // What this pull brought is replayed now, before the push (which may fail again).
      if (pulled > before) sync = merge(sync, await replay());
      r = git(args);
    }
    if (r.code !== 0) throw new UserError(`sync --git: git push to ${remote} failed: ${lastLine(r)} (the journal is committed locally; run sync --git again)`);
    pushed = n;
  }
  return { git: { repo, remote, branch, committed: staged, commit, pulled, pushed, uncommitted }, sync };
}
