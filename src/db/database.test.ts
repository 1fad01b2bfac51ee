// Which failures mean "the database is away" (answered 503, retried later) and which are real
// errors of the request or the code (a 4xx or a logged 500): the line must not blur either way.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isDatabaseUnavailable } from './database.ts';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('telling a database outage from a failed request', () => {
  test('a server that is down, crashed, starting up or full is an outage', () => {
    for (const err of [
      withCode('connect ECONNREFUSED 127.0.0.1:54329', 'ECONNREFUSED'),
      withCode('read ECONNRESET', 'ECONNRESET'),
      withCode('terminating connection due to unexpected postmaster exit', '57P01'),
      withCode('the database system is in recovery mode', '57P02'),
      withCode('the database system is not yet accepting connections', '57P03'),
      withCode('sorry, too many clients already', '53300'),
      withCode('connection failure', '08006'),
      new Error('Connection terminated unexpectedly'),
      new Error('Client has encountered a connection error and is not queryable'),
      new Error('timeout exceeded when trying to connect'),
      new AggregateError([withCode('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')], ''),
      new Error('query failed', { cause: withCode('read ECONNRESET', 'ECONNRESET') }),
    ]) {
      assert.equal(isDatabaseUnavailable(err), true, err.message);
    }
  });

  test('a broken rule, a bad query or a bug is not an outage', () => {
    for (const err of [
      withCode('duplicate key value violates unique constraint "units_code_key"', '23505'),
      withCode('syntax error at or near "form"', '42601'),
      withCode('permission denied for table audit_log', '42501'),
      new TypeError("Cannot read properties of undefined (reading 'id')"),
      new Error('Connection to the partner failed'),
    ]) {
      assert.equal(isDatabaseUnavailable(err), false, err.message);
    }
    assert.equal(isDatabaseUnavailable('ECONNREFUSED'), false, 'only errors are judged');
  });
});
