/**
 * The typed, validated environment, read once at start-up.
 */
import { DEFAULT_ADMISSION_LIMITS, type AdmissionLimits } from './limits/admission.js';
import { DEFAULT_QUERY_LIMITS, type QueryLimits } from './limits/queryLimits.js';
import type { LogOptions } from './logging/requestLog.js';
import { DEFAULT_MAX_QUEUED } from './changes/changeFeed.js';
import { DEFAULT_RETENTION, type RetentionOptions } from './changes/retention.js';
import { METRICS_ACCESS, type MetricsAccess } from './observability/metrics.js';

export interface Neo4jConnectionConfig {
  uri: string;
  user: string;
  password: string;
  /** Null uses the server's default database. */
  database: string | null;
}

export interface Config {
  port: number;
  /** Interface to listen on; 0.0.0.0 in containers. */
  host: string;
  /** Set when NEO4J_URI is given: nothing is started locally then. */
  neo4j: Neo4jConnectionConfig | null;
  localNeo4j: { boltPort: number; dataDir: string | null };
  /** Seed an empty database on start. */
  seedOnStart: boolean;
  /** Milliseconds a single Cypher transaction may take before it is cancelled. */
  queryTimeoutMs: number;
  /** What one GraphQL operation may ask for (GREENGRAPH_MAX_DEPTH, _COST, _ALIASES, _DIRECTIVES, _TOKENS). */
  limits: QueryLimits;
  /** GREENGRAPH_MAX_CONCURRENT_QUERIES, GREENGRAPH_MAX_QUEUED_QUERIES, GREENGRAPH_QUEUE_WAIT_MS. */
  admission: AdmissionLimits;
  /** GREENGRAPH_LOG_LEVEL (default info; silent under vitest) and GREENGRAPH_LOG_VARIABLES (default false). */
  log: LogOptions;
  /** Queries need a reader API key too (writes always need a key). */
  requireKeyForReads: boolean;
  /** GREENGRAPH_METRICS: who may read /metrics; by default 'key' when reads need a key, 'open' otherwise. */
  metrics: MetricsAccess;
  /** The change feed (src/changes/): how often subscribers' poller reads the log, and the log's retention. */
  changes: ChangeFeedConfig;
}

export interface ChangeFeedConfig {
  /** GREENGRAPH_CHANGE_POLL_MS (default 200). */
  pollMs: number;
  /** GREENGRAPH_CHANGE_MAX_QUEUED (default 10,000): a subscriber this many changes behind is ended with SUBSCRIBER_TOO_SLOW. */
  maxQueued: number;
  /** GREENGRAPH_CHANGE_RETENTION_HOURS (0: no age limit), GREENGRAPH_CHANGE_RETENTION_COUNT (0: no count limit), GREENGRAPH_CHANGE_PRUNE_INTERVAL_MS. */
  retention: RetentionOptions;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, but got: ${raw}`);
  }
  return value;
}

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(`${name} must be true or false, but got: ${raw}`);
}

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const logFormats = ['pretty', 'json'] as const;

/**
 * How to log; tests stay quiet unless GREENGRAPH_LOG_LEVEL says otherwise.
 * Readable lines on a terminal, JSON lines when stdout goes to a file, a pipe
 * or a log collector, unless GREENGRAPH_LOG_FORMAT says which.
 */
export function readLogOptions(env: NodeJS.ProcessEnv = process.env, stdoutIsTerminal = process.stdout.isTTY === true): LogOptions {
  const raw = env.GREENGRAPH_LOG_LEVEL?.trim() || (env.VITEST ? 'silent' : 'info');
  const level = logLevels.find((known) => known === raw);
  if (!level) throw new ConfigError(`GREENGRAPH_LOG_LEVEL must be one of ${logLevels.join(', ')}, but got: ${raw}`);
  const rawFormat = env.GREENGRAPH_LOG_FORMAT?.trim().toLowerCase() || (stdoutIsTerminal ? 'pretty' : 'json');
  const format = logFormats.find((known) => known === rawFormat);
  if (!format) throw new ConfigError(`GREENGRAPH_LOG_FORMAT must be pretty or json, but got: ${env.GREENGRAPH_LOG_FORMAT}`);
  return { level, format, logVariables: flag(env, 'GREENGRAPH_LOG_VARIABLES', false) };
}

/** GREENGRAPH_METRICS: open, key or off; closed like reads by default. */
function metricsAccess(env: NodeJS.ProcessEnv, requireKeyForReads: boolean): MetricsAccess {
  const raw = env.GREENGRAPH_METRICS?.trim().toLowerCase();
  if (!raw) return requireKeyForReads ? 'key' : 'open';
  const access = METRICS_ACCESS.find((known) => known === raw);
  if (!access) throw new ConfigError(`GREENGRAPH_METRICS must be one of ${METRICS_ACCESS.join(', ')}, but got: ${env.GREENGRAPH_METRICS}`);
  return access;
}

/** The change feed's settings; 0 turns a retention limit off. */
export function readChangeFeedConfig(env: NodeJS.ProcessEnv = process.env): ChangeFeedConfig {
  const hours = integer(env, 'GREENGRAPH_CHANGE_RETENTION_HOURS', DEFAULT_RETENTION.maxAgeMs! / 3_600_000, 0, 100 * 365 * 24);
  const count = integer(env, 'GREENGRAPH_CHANGE_RETENTION_COUNT', DEFAULT_RETENTION.maxCount!, 0, 1_000_000_000);
  return {
    pollMs: integer(env, 'GREENGRAPH_CHANGE_POLL_MS', 200, 10, 60_000),
    maxQueued: integer(env, 'GREENGRAPH_CHANGE_MAX_QUEUED', DEFAULT_MAX_QUEUED, 1, 10_000_000),
    retention: {
      maxAgeMs: hours === 0 ? null : hours * 3_600_000,
      maxCount: count === 0 ? null : count,
      intervalMs: integer(env, 'GREENGRAPH_CHANGE_PRUNE_INTERVAL_MS', DEFAULT_RETENTION.intervalMs, 100, 86_400_000),
      batchSize: DEFAULT_RETENTION.batchSize,
    },
  };
}

/** Reads and checks the configuration from the environment. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const requireKeyForReads = flag(env, 'GREENGRAPH_REQUIRE_KEY_FOR_READS', false);
  const uri = env.NEO4J_URI?.trim();
  if (uri && !/^(neo4j|neo4j\+s|neo4j\+ssc|bolt|bolt\+s|bolt\+ssc):\/\//.test(uri)) {
    throw new ConfigError(
      `NEO4J_URI must start with neo4j://, neo4j+s://, bolt:// or bolt+s://, but got: ${uri}`,
    );
  }
  return {
    port: integer(env, 'PORT', 4000, 0, 65535),
    host: env.HOST?.trim() || '127.0.0.1',
    neo4j: uri
      ? {
          uri,
          user: env.NEO4J_USER ?? 'neo4j',
          password: env.NEO4J_PASSWORD ?? '',
          database: env.NEO4J_DATABASE?.trim() || null,
        }
      : null,
    localNeo4j: {
      boltPort: integer(env, 'NEO4J_BOLT_PORT', 7687, 1, 65535),
      dataDir: env.NEO4J_DATA_DIR?.trim() || null,
    },
    seedOnStart: flag(env, 'GREENGRAPH_SEED_ON_START', true),
    queryTimeoutMs: integer(env, 'GREENGRAPH_QUERY_TIMEOUT_MS', 15000, 100, 600000),
    limits: {
      maxDepth: integer(env, 'GREENGRAPH_MAX_DEPTH', DEFAULT_QUERY_LIMITS.maxDepth, 1, 100),
      maxCost: integer(env, 'GREENGRAPH_MAX_COST', DEFAULT_QUERY_LIMITS.maxCost, 1, 100_000_000),
      maxAliases: integer(env, 'GREENGRAPH_MAX_ALIASES', DEFAULT_QUERY_LIMITS.maxAliases, 0, 1000),
      maxDirectives: integer(env, 'GREENGRAPH_MAX_DIRECTIVES', DEFAULT_QUERY_LIMITS.maxDirectives, 0, 1000),
      maxTokens: integer(env, 'GREENGRAPH_MAX_TOKENS', DEFAULT_QUERY_LIMITS.maxTokens, 10, 1_000_000),
    },
    admission: {
      maxConcurrent: integer(env, 'GREENGRAPH_MAX_CONCURRENT_QUERIES', DEFAULT_ADMISSION_LIMITS.maxConcurrent, 1, 10_000),
      maxQueued: integer(env, 'GREENGRAPH_MAX_QUEUED_QUERIES', DEFAULT_ADMISSION_LIMITS.maxQueued, 0, 100_000),
      maxWaitMs: integer(env, 'GREENGRAPH_QUEUE_WAIT_MS', DEFAULT_ADMISSION_LIMITS.maxWaitMs, 1, 600_000),
    },
    log: readLogOptions(env),
    requireKeyForReads,
    metrics: metricsAccess(env, requireKeyForReads),
    changes: readChangeFeedConfig(env),
  };
}
