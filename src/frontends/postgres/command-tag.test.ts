import { test } from 'node:test'
import assert from 'node:assert/strict'
import { commandTag, isRowReturning, isWrappableQuery } from './command-tag.ts'

test('command tags are worded as PostgreSQL words them', () => {
  assert.equal(commandTag('select 1', 1, undefined), 'SELECT 1')
  assert.equal(commandTag('  insert into t values (1)', 0, 3), 'INSERT 0 3')
  assert.equal(commandTag('update t set a = 1', 0, 2), 'UPDATE 2')
  assert.equal(commandTag('DELETE FROM t', 0, 0), 'DELETE 0')
  assert.equal(commandTag('create or replace temp view v as select 1', 0, undefined), 'CREATE VIEW')
  assert.equal(commandTag('create table if not exists t (a int)', 0, undefined), 'CREATE TABLE')
  assert.equal(commandTag('create table t as select 1', 0, 1), 'SELECT 1')
  assert.equal(commandTag('drop materialized view m', 0, undefined), 'DROP MATERIALIZED VIEW')
  assert.equal(commandTag('truncate t', 0, undefined), 'TRUNCATE TABLE')
  assert.equal(commandTag('/* c */ with x as (select 1) select * from x', 1, undefined), 'SELECT 1')
})

test('row-returning and wrappable statements', () => {
  assert.ok(isRowReturning('(select 1)'))
  assert.ok(isRowReturning('show tables'))
  assert.ok(!isRowReturning('insert into t values (1)'))
  assert.ok(isWrappableQuery('values (1)'))
  assert.ok(!isWrappableQuery('explain select 1'))
})
