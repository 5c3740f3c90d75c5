/**
 * What a Neo4j driver error means for the application: the database is not
 * there, a transaction ran out of time, or it lost a race for locks. The
 * errors clients get for each are in src/errors.ts.
 */

const unavailableCodes = new Set([
  'ServiceUnavailable',
  'SessionExpired',
  'Neo.TransientError.General.DatabaseUnavailable',
  'Neo.ClientError.Database.DatabaseNotFound',
]);

/** True when Neo4j cancelled a transaction that ran past its time limit. */
export function isTimeout(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code ?? '';
  return /^Neo\.ClientError\.Transaction\.TransactionTimedOut/.test(code);
}

/**
 * True when a transaction lost a race for locks (DeadlockDetected, a lock
 * wait cut short): transient, rolled back, and safe to run again. The driver
 * retries these itself; one still seen here outlasted its retries.
 */
export function isLockConflict(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code ?? '';
  return /^Neo\.TransientError\.Transaction\.(DeadlockDetected|LockClientStopped|LockAcquisitionTimeout)/.test(code);
}

/** True for errors that mean "the database is not there", as opposed to a bad query. */
export function isUnavailable(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const { code, message } = error as { code?: string; message?: string };
  if (code && unavailableCodes.has(code)) return true;
  return /ECONNREFUSED|ECONNRESET|connection acquisition timed out|Pool is closed|Could not perform discovery/i.test(
    message ?? '',
  );
}
