/**
 * The review journal's files (SPEC §8), written at one place: every change of study state that the
 * store records — an answer (`revlog.insert`), its undo (`revlog.undo`), a suspend, unsuspend or
 * bury (`cards.setSuspended`, `cards.setBuriedUntil`) — is handed to `Journal.record` inside its
 * write transaction, and `Store.writeTransaction` appends the lines to
 * `history/<device>/<YYYY-MM>.jsonl` just before COMMIT (a transaction of more lines than
 * FLUSH_LINES, an import with history, appends them as it goes, under the same lock). So no path
 * can change study state without its line, and whoever adds a new one (an importer with history)
 * needs only to call those methods inside `store.writeTransaction`.
 *
 * Why before COMMIT and not after: the write lock is still held, so appends of two processes never
 * interleave and a repair cannot race a writer. A process killed after the append and before the
 * commit leaves a line the database lacks; the next command reads it back like any other unread
 * line and applies it (nothing lost, nothing doubled). A commit that fails takes the lines back off
 * the file. A process killed in the middle of a write leaves a partial last line, cut off by the
 * next writer (it never committed). Lines are not fsync'ed, as the database's commits are not
 * (synchronous = NORMAL): they survive the process being killed, not a power cut.
 */
import { closeSync, fstatSync, ftruncateSync, mkdirSync, openSync, readdirSync, readSync, statSync, truncateSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { formatLine, journalFile, lineId, type JournalLine, type NewJournalLine } from '../core/journal.js';
import { UserError } from '../errors.js';
import { reason } from './open.js';
import { Queries } from './queries.js';

/** How far a journal file has been read. */
export interface FileMark {
  offset: number;
  lines: number;
}

/** A journal file on disk. */
export interface JournalFileStat {
  /** under history/, '/' separators: `<device>/<YYYY-MM>.jsonl` */
  path: string;
  device: string;
  size: number;
}

const NEWLINE = 0x0a;
/** How much of a journal file is read at a time. */
const READ_CHUNK = 1 << 20;
/** A journal line is a few hundred bytes; one longer than this is broken, and skipped unread. */
const MAX_LINE = 1 << 20;
/**
 * Queued lines past which the outermost transaction appends them before its end. Small enough that
 * the queued lines (and the answers they hold) die young: at 8,192 they outlived the young
 * generation and went to the old one, and an import of a million answers spent a quarter more CPU
 * (300,000 answers through insertMany: 5.0–5.7 s at 8,192, 3.7–4.5 s at 1,024).
 */
const FLUSH_LINES = 1024;

export class Journal extends Queries {
  private historyDir: string | null = null;
  private device: string | null = null;
  private pending: JournalLine[] = [];
  /** the last sequence number given out in the current transaction (null: read it from meta) */
  private seq: number | null = null;
  /** files appended to in the current transaction, with their size before, to take back on failure */
  private appended: { abs: string; size: number }[] = [];
  /** savepoints open inside the outermost write transaction (Store.writeTransaction counts them) */
  savepoints = 0;

  /** Where this collection's journal is and which device writes it; before this, nothing can be recorded. */
  attach(historyDir: string, device: string): void {
    this.historyDir = historyDir;
    this.device = device;
  }

  /** This machine's device name (SPEC §8); throws when the journal was not attached. */
  get deviceName(): string {
    if (!this.device) throw new Error('internal error: the journal is not attached to a collection');
    return this.device;
  }

  get dir(): string {
    if (!this.historyDir) throw new Error('internal error: the journal is not attached to a collection');
    return this.historyDir;
  }

  /**
   * Give a line its id and queue it; it is written when the outermost write transaction commits.
   * Must be called inside `Store.writeTransaction` (or between `beginWrite` and `commit`).
   */
  record(l: NewJournalLine): JournalLine {
    // `l` is taken over: it is given its id and device and queued as it is.
    const device = this.deviceName;
    if (!this.db.inTransaction) throw new Error('internal error: a change of study state outside a write transaction');
    if (this.seq === null) this.seq = this.lastSeq();
    this.seq += 1;
    // The caller's fresh object becomes the line (no copy per line: an import records a million).
    const line = l as JournalLine;
    line.id = lineId(device, this.seq);
    line.device = device;
    // Actions are kept beside the log, as foreign ones are, for replays (answers are the log's rows).
    if (line.kind === 'action') {
      this.sql('INSERT INTO journal_actions (uid, at, device, card, action, answer, until) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
        line.id,
        line.at.getTime(),
        device,
        line.card,
        line.action,
        line.answer ?? null,
        line.until ? line.until.getTime() : null,
      );
    }
    this.pending.push(line);
    // A big transaction (an import's million answers) appends as it goes rather than holding every
    // line: still under the write lock, and taken back off the files by `settle` if it fails. Not
    // inside a savepoint, whose rollback must be able to drop its lines (`dropSince`).
    if (this.pending.length >= FLUSH_LINES && this.savepoints === 0) this.flush();
    return line;
  }

  /** Lines queued so far (for a nested transaction to take back what it queued). */
  mark(): number {
    return this.pending.length;
  }

  dropSince(mark: number): void {
    this.pending.length = Math.min(this.pending.length, mark);
  }

  /** The last sequence number this device gave out. */
  lastSeq(): number {
    const row = this.sql(`SELECT value FROM meta WHERE key = 'journal_seq'`).get() as { value: string } | undefined;
    return row ? Number(row.value) : 0;
  }

  /** Make sure the next id given out is above `seq` (a device name taken over from its old folder). */
  raiseSeq(seq: number): void {
    if (this.seq !== null) this.seq = Math.max(this.seq, seq);
    if (seq > this.lastSeq())
      this.sql(`INSERT INTO meta (key, value) VALUES ('journal_seq', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(String(seq));
  }

  /** Append the queued lines to their files (inside the transaction, just before COMMIT). */
  flush(): void {
    if (this.pending.length === 0) return;
    this.sql(`INSERT INTO meta (key, value) VALUES ('journal_seq', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(String(this.seq));
    const byFile = new Map<string, string[]>();
    // Lines come mostly in runs of one month: its file is named once per run, not once per line.
    let texts: string[] = [];
    let device = '';
    let from = 0;
    let until = -1;
    for (const l of this.pending) {
      const t = l.at.getTime();
      if (l.device !== device || !(t >= from && t < until)) {
        const file = journalFile(l.device, l.at);
        let got = byFile.get(file);
        if (!got) byFile.set(file, (got = []));
        texts = got;
        device = l.device;
        from = new Date(0).setUTCFullYear(l.at.getUTCFullYear(), l.at.getUTCMonth(), 1); // (Date.UTC maps years 0–99 to 19xx)
        until = new Date(0).setUTCFullYear(l.at.getUTCFullYear(), l.at.getUTCMonth() + 1, 1);
      }
      texts.push(formatLine(l));
    }
    this.pending = [];
    for (const [file, texts] of byFile) this.append(file, texts);
  }

  /** After the outermost transaction: on failure, take the appended lines back off their files. */
  settle(committed: boolean): void {
    if (!committed) {
      for (const a of this.appended.reverse()) {
        try {
          truncateSync(a.abs, a.size);
        } catch {
          // The lines stay; the next command reads them back and applies them (the answer is kept).
        }
      }
    }
    this.appended = [];
    this.pending = [];
    this.seq = null;
  }

  private append(file: string, texts: string[]): void {
    const abs = join(this.dir, file);
    let fd: number;
    try {
      fd = openSync(abs, 'a+');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new UserError(`cannot write ${abs}: ${reason(err)}`);
      try {
        mkdirSync(dirname(abs), { recursive: true });
        fd = openSync(abs, 'a+');
      } catch (err2) {
        throw new UserError(`cannot write ${abs}: ${reason(err2)}`);
      }
    }
    try {
      const mark = this.markOf(file);
      let size = fstatSync(fd).size;
      if (size > mark.offset) size = cutPartialLine(fd, size, mark.offset);
      const bytes = encodeLines(texts);
      this.appended.push({ abs, size });
      let written = 0;
      while (written < bytes.length) written += writeSync(fd, bytes, written);
      // Read up to here already: unless lines nobody has read lie before ours (a line of a process
      // killed before its commit), which the next sync reads and applies.
      if (size === mark.offset) this.setMark(file, { offset: size + bytes.length, lines: mark.lines + texts.length });
    } catch (err) {
      if (err instanceof UserError) throw err;
      throw new UserError(`cannot write ${abs}: ${reason(err)}`);
    } finally {
      closeSync(fd);
    }
  }

  /** How far each journal file has been read. */
  marks(): Map<string, FileMark> {
    const rows = this.sql('SELECT path, offset, lines FROM journal_files').all() as { path: string; offset: number; lines: number }[];
    return new Map(rows.map((r) => [r.path, { offset: r.offset, lines: r.lines }]));
  }

  markOf(path: string): FileMark {
    return (this.sql('SELECT offset, lines FROM journal_files WHERE path = ?').get(path) as FileMark | undefined) ?? { offset: 0, lines: 0 };
  }

  setMark(path: string, mark: FileMark): void {
    this.sql(
      'INSERT INTO journal_files (path, offset, lines) VALUES (?, ?, ?) ON CONFLICT (path) DO UPDATE SET offset = excluded.offset, lines = excluded.lines',
    ).run(path, mark.offset, mark.lines);
  }

  /**
   * The journal files under history/ (`<device>/<YYYY-MM>.jsonl`), with their sizes: a read of the
   * folder and a stat per file, what every command does to learn whether anything is new.
   */
  files(): JournalFileStat[] {
    const out: JournalFileStat[] = [];
    let devices: string[];
    try {
      devices = readdirSync(this.dir);
    } catch {
      return out; // no history yet
    }
    for (const device of devices) {
      if (device.startsWith('.')) continue;
      let names: string[];
      try {
        names = readdirSync(join(this.dir, device));
      } catch {
        continue; // a file, not a device folder
      }
      for (const name of names) {
        if (!name.endsWith('.jsonl')) continue;
        const st = statSync(join(this.dir, device, name), { throwIfNoEntry: false });
        if (st?.isFile()) out.push({ path: `${device}/${name}`, device, size: st.size });
      }
    }
    return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  /**
   * Call `each` with every whole line of a journal file after `from`, reading it a chunk at a time
   * (memory stays bounded whatever the file's size); a last line without its newline is left for
   * next time (a line still being written). A line longer than MAX_LINE is passed as null. Returns
   * how far the file was read: the mark to remember.
   */
  eachLine(path: string, from: FileMark, each: (text: string | null, lineNo: number) => void): FileMark {
    const abs = join(this.dir, path);
    let fd: number;
    try {
      fd = openSync(abs, 'r');
    } catch {
      return from;
    }
    try {
      const size = fstatSync(fd).size;
      const chunk = Buffer.allocUnsafe(READ_CHUNK);
      let pos = from.offset;
      let done = from.offset;
      let lines = from.lines;
      let carry: Buffer | null = null;
      let overlong = false;
      while (pos < size) {
        const n = readSync(fd, chunk, 0, Math.min(READ_CHUNK, size - pos), pos);
        if (n === 0) break;
        pos += n;
        const buf: Buffer = carry ? Buffer.concat([carry, chunk.subarray(0, n)]) : chunk.subarray(0, n);
        let start = 0;
        for (let nl = buf.indexOf(NEWLINE); nl >= 0; nl = buf.indexOf(NEWLINE, start)) {
          lines++;
          each(overlong ? null : buf.toString('utf8', start, nl), lines);
          overlong = false;
          start = nl + 1;
        }
        done = pos - (buf.length - start);
        carry = start < buf.length ? Buffer.from(buf.subarray(start)) : null;
        if (carry && carry.length > MAX_LINE) {
          overlong = true;
          carry = null;
        }
      }
      return { offset: done, lines };
    } finally {
      closeSync(fd);
    }
  }

  /**
   * Cut a partial last line off this device's own file (a writer killed in the middle of a line,
   * which therefore never committed). Call under the write lock.
   */
  repairOwn(path: string): void {
    const abs = join(this.dir, path);
    let fd: number;
    try {
      fd = openSync(abs, 'r+');
    } catch {
      return;
    }
    try {
      const size = fstatSync(fd).size;
      cutPartialLine(fd, size, 0);
    } finally {
      closeSync(fd);
    }
  }
}

/** The buffer lines are encoded into, kept from one append to the next (it grows to the largest). */
let lineBuffer = Buffer.allocUnsafe(0);

/**
 * The lines as UTF-8, written one by one into a buffer that is reused: joining a flush's lines into
 * one string first (400 KB, allocated in the old generation) and encoding that took 2.9 s of a
 * million lines' 3.3 s, this 0.4 s. The bytes are valid until the next call.
 */
function encodeLines(texts: readonly string[]): Buffer {
  let n = 0;
  for (const t of texts) n += t.length;
  // At most 3 bytes of UTF-8 per UTF-16 unit.
  if (lineBuffer.length < n * 3) lineBuffer = Buffer.allocUnsafe(Math.max(n * 3, 2 * lineBuffer.length));
  let o = 0;
  for (const t of texts) o += lineBuffer.write(t, o);
  return lineBuffer.subarray(0, o);
}

/**
 * When the file does not end with a newline, cut it back to the end of its last whole line (never
 * below `floor`); returns the size after.
 */
function cutPartialLine(fd: number, size: number, floor: number): number {
  if (size === 0) return 0;
  const last = Buffer.alloc(1);
  readSync(fd, last, 0, 1, size - 1);
  if (last[0] === NEWLINE) return size;
  // Look back in chunks for the last newline.
  const chunk = Buffer.alloc(4096);
  let end = size;
  while (end > floor) {
    const start = Math.max(floor, end - chunk.length);
    const n = readSync(fd, chunk, 0, end - start, start);
    const i = chunk.subarray(0, n).lastIndexOf(NEWLINE);
    if (i >= 0) {
      ftruncateSync(fd, start + i + 1);
      return start + i + 1;
    }
    end = start;
  }
  ftruncateSync(fd, floor);
  return floor;
}
