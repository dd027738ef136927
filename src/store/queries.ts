/**
 * Prepared statements, made once per connection and reused: preparing costs more than running the
 * small queries a command makes (a `due` over a hundred decks runs hundreds of them).
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from './open.js';

export abstract class Queries {
  private readonly statements = new Map<string, Statement>();

  constructor(protected readonly db: Db) {}

  protected sql(text: string): Statement {
    let s = this.statements.get(text);
    if (!s) {
      s = this.db.prepare(text);
      this.statements.set(text, s);
    }
    return s;
  }
}
