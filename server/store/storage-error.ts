import type Database from 'better-sqlite3';
import { accessSync, constants, statSync } from 'node:fs';
import { dirname } from 'node:path';

/*
 * A database the server cannot use, said in one line an operator can act on: missing, a directory,
 * without permissions, read-only, not a database, or damaged. The server checks at start, before it
 * listens, so a broken file stops it at once instead of failing every write later.
 */

export class StorageError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`cannot use the database at ${path}: ${reason}`);
    this.name = 'StorageError';
  }
}

const codeOf = (error: unknown) => String((error as { code?: unknown } | null)?.code ?? '');
const messageOf = (error: unknown) => String((error as { message?: unknown } | null)?.message ?? error);

const accessible = (path: string, mode: number) => {
  try {
    accessSync(path, mode);
    return true;
  } catch {
    return false;
  }
};

/** Why opening or checking the database at `path` failed, in words; `error` is what SQLite or the file system threw. */
export function explainStorageFailure(path: string, error: unknown): StorageError {
  if (error instanceof StorageError) return error;
  const code = codeOf(error);
  const stat = (() => {
    try {
      return statSync(path);
    } catch {
      return null;
    }
  })();
  if (stat?.isDirectory()) return new StorageError(path, 'it is a directory; TTX_DB must name a file');
  if (code === 'ENOTDIR') return new StorageError(path, `its folder ${dirname(path)} cannot be made: part of that path is a file`);
  if (code.startsWith('SQLITE_READONLY')) return new StorageError(path, 'it is read-only (its permissions, an immutable flag or a read-only file system); the server must be able to write to it');
  if (code === 'SQLITE_NOTADB') return new StorageError(path, 'the file is not a SQLite database');
  if (code.startsWith('SQLITE_CORRUPT')) return new StorageError(path, `the file is damaged (${messageOf(error)}); restore it from a backup`);
  if (code === 'EACCES' || code === 'EPERM' || code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_PERM') || code.startsWith('SQLITE_AUTH')) {
    if (stat && !accessible(path, constants.R_OK | constants.W_OK)) return new StorageError(path, 'this user may not read and write the file; check its owner and permissions');
    if (!accessible(dirname(path), constants.W_OK | constants.X_OK)) return new StorageError(path, `this user may not write in its folder ${dirname(path)} (SQLite keeps a -wal and a -shm file beside the database)`);
    return new StorageError(path, `the file cannot be opened (${messageOf(error)})`);
  }
  return new StorageError(path, messageOf(error));
}

/**
 * SQLite's quick integrity check (every page and index entry well-formed, quick enough for every
 * start): the problems it found, none when the file is healthy. It runs on the checkpointer thread
 * (sqlite-writer.ts), off the critical path to listening.
 */
export function integrityProblems(db: Database.Database): string[] {
  const result = db.pragma('quick_check(5)', { simple: false }) as { quick_check: string }[];
  return result.map((r) => r.quick_check).filter((r) => r !== 'ok');
}

/** The StorageError for a file the integrity check found `problems` in. */
export function damaged(path: string, problems: readonly string[]): StorageError {
  return new StorageError(path, `the file is damaged (integrity check: ${problems.join('; ').replace(/\s+/g, ' ').slice(0, 300)}); restore it from a backup`);
}

/**
 * Check that an open database takes writes before serving from it: a write that is rolled back,
 * which fails on a read-only or immutable file that SQLite opened for reading only.
 */
export function checkWritable(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  db.exec('BEGIN IMMEDIATE');
  try {
    db.pragma(`user_version = ${version}`);
  } finally {
    if (db.inTransaction) db.exec('ROLLBACK');
  }
}
