/**
 * The database schema, as ordered migrations keyed by `PRAGMA user_version`. Never edit a released
 * migration: add the next one (old databases are kept as test fixtures and must keep migrating).
 * Times are integer milliseconds since the epoch (UTC); states and ratings are stored as words.
 */

export interface Migration {
  version: number;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    sql: `
      -- Deck files as last seen, so that an unchanged file is not read again.
      CREATE TABLE deck_files (
        path      TEXT PRIMARY KEY,          -- under decks/, '/' separators
        size      INTEGER NOT NULL,
        mtime_us  INTEGER NOT NULL,
        hash      TEXT NOT NULL,             -- sha1 of the content
        deck      TEXT,                      -- deck name, null when the file is invalid
        errors    TEXT                       -- JSON list of problems when invalid, else null
      ) STRICT;

      CREATE TABLE decks (
        name         TEXT PRIMARY KEY,
        file         TEXT NOT NULL,
        title        TEXT,                   -- JSON text field
        description  TEXT,
        tags         TEXT NOT NULL DEFAULT '[]',
        options      TEXT NOT NULL DEFAULT '{}',
        present      INTEGER NOT NULL DEFAULT 1
      ) STRICT;

      -- Notes' current text, for search and export. A note removed from its file stays, not present.
      CREATE TABLE notes (
        key          TEXT PRIMARY KEY,       -- deck/id
        deck         TEXT NOT NULL,
        id           TEXT NOT NULL,
        kind         TEXT NOT NULL CHECK (kind IN ('glossary', 'question', 'cloze')),
        file         TEXT NOT NULL,
        line         INTEGER NOT NULL,
        ord          INTEGER NOT NULL,       -- position in its file: the order new cards come in
        content      TEXT NOT NULL,          -- JSON of the note's fields
        tags         TEXT NOT NULL,          -- ' tag1 tag2 ' (deck and note tags), for LIKE matching
        search_text  TEXT NOT NULL,          -- folded text of every field
        present      INTEGER NOT NULL DEFAULT 1,
        changed_at   INTEGER NOT NULL        -- when the content last changed (the "edited" mark)
      ) STRICT;
      CREATE INDEX notes_file ON notes (file);

      -- One row per card with its FSRS memory state. Cards are never deleted: history follows the key.
      CREATE TABLE cards (
        key             TEXT PRIMARY KEY,    -- deck/id:template
        note            TEXT NOT NULL,
        deck            TEXT NOT NULL,
        template        TEXT NOT NULL,
        ord             INTEGER NOT NULL,    -- new-card order: note position, then template
        present         INTEGER NOT NULL DEFAULT 1,
        state           TEXT NOT NULL DEFAULT 'new' CHECK (state IN ('new', 'learning', 'review', 'relearning')),
        due             INTEGER,             -- null while new
        stability       REAL NOT NULL DEFAULT 0,
        difficulty      REAL NOT NULL DEFAULT 0,
        scheduled_days  INTEGER NOT NULL DEFAULT 0,
        learning_steps  INTEGER NOT NULL DEFAULT 0,
        reps            INTEGER NOT NULL DEFAULT 0,
        lapses          INTEGER NOT NULL DEFAULT 0,
        last_review     INTEGER,
        suspended       INTEGER NOT NULL DEFAULT 0,
        buried_until    INTEGER,             -- hidden until this time (bury: the next study day)
        leech           INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX cards_note ON cards (note);
      -- The queues. Partial indexes hold only the cards that can be shown, and carry the columns the
      -- counting queries read (buried_until, note), so that counting today's queues of a large
      -- collection never touches the table. Queries repeat the WHERE terms so SQLite uses them.
      CREATE INDEX cards_due ON cards (due, deck, state, buried_until, note, present, suspended) WHERE present = 1 AND suspended = 0 AND state <> 'new';
      CREATE INDEX cards_deck_queue ON cards (deck, state, due, buried_until, note) WHERE present = 1 AND suspended = 0;
      CREATE INDEX cards_new ON cards (ord, deck) WHERE present = 1 AND suspended = 0 AND state = 'new';

      -- The review log: everything needed to replay FSRS, undo an answer, and compute statistics.
      CREATE TABLE revlog (
        id              INTEGER PRIMARY KEY,
        card            TEXT NOT NULL,
        note            TEXT NOT NULL,
        deck            TEXT NOT NULL,
        at              INTEGER NOT NULL,    -- when answered
        rating          TEXT NOT NULL CHECK (rating IN ('again', 'hard', 'good', 'easy')),
        source          TEXT NOT NULL CHECK (source IN ('review', 'quiz', 'practice')),
        duration_ms     INTEGER,
        elapsed_days    INTEGER NOT NULL,    -- whole days since the previous answer (ts-fsrs's count)
        -- the card's state after the answer
        state           TEXT NOT NULL,
        due             INTEGER NOT NULL,
        stability       REAL NOT NULL,
        difficulty      REAL NOT NULL,
        scheduled_days  INTEGER NOT NULL,
        learning_steps  INTEGER NOT NULL,
        reps            INTEGER NOT NULL,
        lapses          INTEGER NOT NULL,
        -- the card's state before the answer (undo restores exactly this)
        prev_state           TEXT NOT NULL,
        prev_due             INTEGER,
        prev_stability       REAL NOT NULL,
        prev_difficulty      REAL NOT NULL,
        prev_scheduled_days  INTEGER NOT NULL,
        prev_learning_steps  INTEGER NOT NULL,
        prev_reps            INTEGER NOT NULL,
        prev_lapses          INTEGER NOT NULL,
        prev_last_review     INTEGER,
        prev_suspended       INTEGER NOT NULL,
        prev_leech           INTEGER NOT NULL,
        prev_buried_until    INTEGER
      ) STRICT;
      CREATE INDEX revlog_at ON revlog (at, deck, note, prev_state);  -- covers today's counts and siblings
      CREATE INDEX revlog_card ON revlog (card, at);

      -- Small cached values: parsed settings, last backup day.
      CREATE TABLE meta (
        key    TEXT PRIMARY KEY,
        value  TEXT NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 2,
    sql: `
      -- Quizzes (issue 5): each run, and each question's outcome, for statistics.
      CREATE TABLE quiz_results (
        id           INTEGER PRIMARY KEY,
        at           INTEGER NOT NULL,
        seed         INTEGER NOT NULL,
        mode         TEXT NOT NULL,
        score        REAL NOT NULL,
        total        INTEGER NOT NULL,
        duration_ms  INTEGER,
        scripted     INTEGER NOT NULL           -- 1 for --answers, 0 for the interactive quiz
      ) STRICT;
      CREATE INDEX quiz_results_at ON quiz_results (at);

      CREATE TABLE quiz_items (
        result    INTEGER NOT NULL REFERENCES quiz_results (id) ON DELETE CASCADE,
        n         INTEGER NOT NULL,
        card      TEXT NOT NULL,
        note      TEXT NOT NULL,
        kind      TEXT NOT NULL,
        score     REAL NOT NULL,                -- 0..1 (matching earns a share per pair)
        given     TEXT NOT NULL,
        expected  TEXT NOT NULL,
        tags      TEXT NOT NULL,                -- ' tag1 tag2 '
        PRIMARY KEY (result, n)
      ) STRICT;
      CREATE INDEX quiz_items_note ON quiz_items (note);

      -- Mock interviews: each answer with the key points it covered.
      CREATE TABLE interview_answers (
        id         INTEGER PRIMARY KEY,
        session    TEXT NOT NULL,               -- the interview's start, ISO-8601
        at         INTEGER NOT NULL,
        card       TEXT NOT NULL,
        note       TEXT NOT NULL,
        answer     TEXT NOT NULL,
        keypoints  TEXT NOT NULL,               -- JSON list of the key points' text
        covered    TEXT NOT NULL,               -- JSON list of booleans, one per key point
        rating     TEXT CHECK (rating IN ('again', 'hard', 'good', 'easy'))
      ) STRICT;
      CREATE INDEX interview_answers_note ON interview_answers (note);
    `,
  },
  {
    version: 3,
    sql: `
      -- The review journal (SPEC §8, issue 19). Each answer keeps the id of its journal line, the
      -- device that gave it and the line's source; rows from before this version get theirs on the
      -- first run (revlog_unjournaled finds them at no cost once there are none).
      ALTER TABLE revlog ADD COLUMN uid TEXT;
      ALTER TABLE revlog ADD COLUMN device TEXT;
      ALTER TABLE revlog ADD COLUMN origin TEXT;          -- review | answer | quiz | import
      ALTER TABLE revlog ADD COLUMN given INTEGER NOT NULL DEFAULT 0;  -- 1: the state after came with the line (an import)
      CREATE UNIQUE INDEX revlog_uid ON revlog (uid);
      CREATE INDEX revlog_unjournaled ON revlog (id) WHERE uid IS NULL;
      CREATE INDEX revlog_device ON revlog (device, id);

      -- The journal's other lines: suspend, unsuspend, bury and undo, from every device.
      CREATE TABLE journal_actions (
        uid     TEXT PRIMARY KEY,
        at      INTEGER NOT NULL,
        device  TEXT NOT NULL,
        card    TEXT NOT NULL,
        action  TEXT NOT NULL CHECK (action IN ('suspend', 'unsuspend', 'bury', 'undo')),
        answer  TEXT,                    -- undo: the uid of the answer taken back
        until   INTEGER                  -- bury: hidden until
      ) STRICT;
      CREATE INDEX journal_actions_card ON journal_actions (card, at);
      CREATE INDEX journal_actions_answer ON journal_actions (answer) WHERE answer IS NOT NULL;

      -- Suspensions from before the journal, to be written to it on the first run (a new database
      -- has none, so it never gets the mark).
      INSERT INTO meta (key, value) SELECT 'journal_old_flags', '1' WHERE EXISTS (SELECT 1 FROM cards WHERE suspended = 1 OR leech = 1);

      -- How far each journal file has been read (bytes and lines): only what was appended since is
      -- read again.
      CREATE TABLE journal_files (
        path    TEXT PRIMARY KEY,        -- under history/, '/' separators
        offset  INTEGER NOT NULL,
        lines   INTEGER NOT NULL
      ) STRICT;
    `,
  },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
