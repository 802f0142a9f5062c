// The kept questions in one SQLite file (better-sqlite3): durable on every insert, readable by
// `npm run report:unanswered` while the bot runs (WAL lets a reader in beside the writer).
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { dayOf, type Candidate, type QuestionLog, type QuestionRecord, type Reason, type Tally } from './records';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS questions (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    channel TEXT NOT NULL,
    query TEXT NOT NULL,
    reason TEXT NOT NULL,
    top TEXT NOT NULL,
    user_hash TEXT
  );
  CREATE INDEX IF NOT EXISTS questions_at ON questions (at);
  CREATE INDEX IF NOT EXISTS questions_user ON questions (user_hash);
  CREATE TABLE IF NOT EXISTS tallies (
    day TEXT NOT NULL,
    kind TEXT NOT NULL,
    entry TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (day, kind, entry)
  ) WITHOUT ROWID;
`;

interface Row {
  at: string;
  channel: string;
  query: string;
  reason: Reason;
  top: string;
  user_hash: string | null;
}

export interface SqliteLogOptions {
  /** The salt to hash user ids with; unset: the file's own (made on first use). */
  salt?: string;
  /** Open an existing file for reading only (the report). */
  readOnly?: boolean;
}

/** The file's name in STATE_DIR. */
export const QUESTION_LOG_FILE = 'questions.sqlite';

// better-sqlite3 is synchronous (an insert takes microseconds); the methods are async because
// the Redis log's are.
export class SqliteQuestionLog implements QuestionLog {
  private readonly hashSalt: string;
  private readonly db: Database.Database;
  private readonly insert?: Database.Statement;
  private readonly count?: Database.Statement;

  /** `file` is a path, or ":memory:" for a log that lasts as long as the process (tests). */
  constructor(file: string, options: SqliteLogOptions = {}) {
    if (file !== ':memory:' && !options.readOnly) mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file, { readonly: options.readOnly ?? false, fileMustExist: options.readOnly ?? false });
    try {
      if (options.readOnly) {
        this.hashSalt = '';
        return;
      }
      this.db.pragma('journal_mode = WAL');
      // NORMAL with WAL: a committed insert survives the process being killed; only a power cut
      // can lose the last few, which costs the report a question, never the conversation.
      this.db.pragma('synchronous = NORMAL');
      this.db.exec(SCHEMA);
      this.hashSalt = options.salt ?? this.storedSalt();
      this.insert = this.db.prepare(
        'INSERT INTO questions (at, channel, query, reason, top, user_hash) VALUES (@at, @channel, @query, @reason, @top, @userHash)',
      );
      this.count = this.db.prepare(
        'INSERT INTO tallies (day, kind, entry, count) VALUES (?, ?, ?, ?) ON CONFLICT (day, kind, entry) DO UPDATE SET count = count + excluded.count',
      );
    } catch (err) {
      // A file that is not a database opens fine and fails on first use: do not leave it open.
      this.db.close();
      throw err;
    }
  }

  async salt(): Promise<string> {
    return this.hashSalt;
  }

  async add(records: readonly QuestionRecord[]): Promise<void> {
    const insert = this.insert;
    if (!insert) throw new Error('this question log was opened for reading only');
    this.db.transaction(() => {
      for (const record of records) insert.run({ ...record, top: JSON.stringify(record.top), userHash: record.userHash ?? null });
    })();
  }

  async tally(counts: readonly Tally[]): Promise<void> {
    const count = this.count;
    if (!count) throw new Error('this question log was opened for reading only');
    // One transaction for the batch: one WAL commit instead of one per count.
    this.db.transaction(() => {
      for (const t of counts) count.run(t.day, t.kind, t.entryId, t.count);
    })();
  }

  async tallies(since?: Date): Promise<Tally[]> {
    const rows = this.db
      .prepare('SELECT day, kind, entry AS entryId, count FROM tallies WHERE day >= ? ORDER BY day, kind, entry')
      .all(since ? dayOf(since) : '') as Tally[];
    return rows;
  }

  async forget(userHash: string): Promise<number> {
    return this.db.prepare('DELETE FROM questions WHERE user_hash = ?').run(userHash).changes;
  }

  async prune(before: Date): Promise<number> {
    this.db.prepare('DELETE FROM tallies WHERE day < ?').run(dayOf(before));
    return this.db.prepare('DELETE FROM questions WHERE at < ?').run(before.toISOString()).changes;
  }

  async since(since?: Date): Promise<QuestionRecord[]> {
    const rows = this.db
      .prepare('SELECT at, channel, query, reason, top, user_hash FROM questions WHERE at >= ? ORDER BY id')
      .all(since ? since.toISOString() : '') as Row[];
    return rows.map((row) => ({
      at: row.at,
      channel: row.channel,
      query: row.query,
      reason: row.reason,
      top: JSON.parse(row.top) as Candidate[],
      userHash: row.user_hash ?? undefined,
    }));
  }

  async close(): Promise<void> {
    this.db.close();
  }

  /** A random salt made once and kept in the file, so hashes stay the same across restarts. */
  private storedSalt(): string {
    const stored = this.db.prepare("SELECT value FROM meta WHERE key = 'salt'").get() as { value: string } | undefined;
    if (stored) return stored.value;
    const salt = randomBytes(32).toString('hex');
    this.db.prepare("INSERT INTO meta (key, value) VALUES ('salt', ?)").run(salt);
    return salt;
  }
}
