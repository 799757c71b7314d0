// A wrapper around the real local D1 that fails the calls a test chooses:
// reads or writes, single statements or batches, by throwing as D1 does or by
// never answering. A chosen statement can also be swapped, inside a real
// batch, for one SQLite refuses: the batch then fails half-way through, as
// when D1 dies mid-transaction, and the rollback is D1's own.
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import worker from '../../src/index';

export interface D1Call {
  method: 'first' | 'all' | 'run' | 'raw' | 'batch';
  /** The SQL of the statement, or of every statement of the batch. */
  sql: string[];
  /** True when any statement changes data. */
  writes: boolean;
}

export type Fault = 'error' | 'hang' | undefined;

export interface FaultPlan {
  /** What to do with a call: fail it (as D1 does), hang it forever, or let it through. */
  call?: (call: D1Call) => Fault;
  /** Statements (by SQL) to replace, inside a batch, with one that fails there. */
  breakInBatch?: (sql: string) => boolean;
}

export interface FaultyDb {
  db: D1Database;
  /** Every call the Worker made, in order, with what was done to it. */
  calls: (D1Call & { fault: Fault })[];
}

const WRITE = /^\s*(?:WITH\b[\s\S]*?\)\s*)?(?:INSERT|UPDATE|DELETE|REPLACE)\b/i;
// Valid SQL that fails only when it runs (not when prepared): the statements
// before it in the batch have been executed by then, and must be rolled back.
const FAILING_STATEMENT = "SELECT json('{ not json')";

export function faultyDb(plan: FaultPlan): FaultyDb {
  const calls: FaultyDb['calls'] = [];
  const sqlOf = new WeakMap<object, string>();
  const realOf = new WeakMap<object, object>();

  const decide = (method: D1Call['method'], sql: string[]): Promise<never> | null => {
    const call: D1Call = { method, sql, writes: sql.some((statement) => WRITE.test(statement)) };
    const fault = plan.call?.(call);
    calls.push({ ...call, fault });
    if (fault === 'error') return Promise.reject(new Error('D1_ERROR: Network connection lost.'));
    if (fault === 'hang') return new Promise<never>(() => {});
    return null;
  };

  const statement = (real: D1PreparedStatement, sql: string): D1PreparedStatement => {
    const wrapped = new Proxy(real, {
      get(target, property) {
        const value = Reflect.get(target, property, target) as unknown;
        if (property === 'bind') {
          return (...values: unknown[]) => statement(target.bind(...values), sql);
        }
        if (property === 'first' || property === 'all' || property === 'run' || property === 'raw') {
          return (...args: unknown[]) =>
            decide(property, [sql]) ?? (value as (...a: unknown[]) => unknown).apply(target, args);
        }
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    sqlOf.set(wrapped, sql);
    realOf.set(wrapped, real);
    return wrapped;
  };

  const database = <T extends D1Database | D1DatabaseSession>(real: T): T =>
    new Proxy(real, {
      get(target, property) {
        const value = Reflect.get(target, property, target) as unknown;
        if (property === 'prepare') return (sql: string) => statement(target.prepare(sql), sql);
        if (property === 'batch') {
          return (statements: D1PreparedStatement[]) => {
            const sql = statements.map((one) => sqlOf.get(one) ?? '');
            const refused = decide('batch', sql);
            if (refused) return refused;
            const reals = statements.map((one, index) =>
              plan.breakInBatch?.(sql[index] ?? '')
                ? target.prepare(FAILING_STATEMENT)
                : ((realOf.get(one) ?? one) as D1PreparedStatement),
            );
            return target.batch(reals);
          };
        }
        if (property === 'withSession') {
          return (constraint?: D1SessionConstraint) => database((target as D1Database).withSession(constraint));
        }
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });

  return { db: database(env.DB), calls };
}

/** The Worker's own fetch handler, given this D1 (and any other env changes), as production would call it. */
export async function fetchWorker(
  path: string,
  options: { db?: D1Database; env?: Record<string, unknown>; init?: RequestInit } = {},
): Promise<Response> {
  const ctx = createExecutionContext();
  const request = new Request(`http://localhost:8787${path}`, { redirect: 'manual', ...options.init });
  const faultEnv = { ...env, D1_TIMEOUT_MS: 200, ...options.env, ...(options.db ? { DB: options.db } : {}) } as Env;
  const response = await worker.fetch(request as Request<unknown, IncomingRequestCfProperties>, faultEnv, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

/** Every statement of a call is a read. */
export const isRead = (call: D1Call): boolean => !call.writes;
