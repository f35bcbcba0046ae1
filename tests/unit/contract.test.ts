import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { callNames, calls, shellCallNames } from '../../main/contract/calls';
import { AppError } from '../../main/contract/errors';
import { validateCall } from '../../main/contract/validate';
import { Services } from '../../main/services/services';
import { resourcesDir, useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
let services: Services | undefined;
afterEach(() => services?.close());

function openServices(): Services {
  services = new Services({ resourcesDir });
  services.open(join(tempDir(), 'contract.sqlite'));
  return services;
}

function rejection(name: unknown, args: unknown): AppError {
  try {
    validateCall(name, args);
  } catch (error) {
    return error as AppError;
  }
  throw new Error(`${String(name)} accepted ${JSON.stringify(args)}`);
}

describe('the contract', () => {
  it('declares every call once, each with an argument and a result schema', () => {
    expect(new Set(callNames).size).toBe(callNames.length);
    for (const name of callNames) {
      expect(calls[name].args).toBeDefined();
      expect(calls[name].result).toBeDefined();
    }
  });

  it('rejects calls it does not declare', () => {
    expect(rejection('store.delete', {}).code).toBe('UNKNOWN_CALL');
    expect(rejection(42, {}).code).toBe('UNKNOWN_CALL');
    expect(rejection('__proto__', {}).code).toBe('UNKNOWN_CALL');
    expect(rejection('toString', {}).code).toBe('UNKNOWN_CALL');
  });

  it.each([
    ['extra keys', 'overview.get', { sql: 'DROP TABLE applications' }],
    ['a string where a number belongs', 'demo.load', { scale: '1000' }],
    ['a fraction', 'demo.load', { scale: 1.5 }],
    ['a scale past the limit', 'demo.load', { scale: 1_000_000 }],
    ['a negative seed', 'demo.load', { seed: -1 }],
    ['an unknown mode', 'store.pickAndOpen', { mode: 'delete' }],
    ['a path smuggled into a shell call', 'store.pickAndOpen', { mode: 'open', path: '/etc/passwd' }],
    ['an array for an object', 'store.info', []],
    ['a string for an object', 'store.info', 'hello'],
  ])('rejects %s with INVALID_ARGUMENT and the reason', (_case, name, args) => {
    const error = rejection(name, args);
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toMatch(/Invalid argument/);
    expect((error.details as { issues: unknown[] }).issues.length).toBeGreaterThan(0);
  });

  it('fills defaults for what may be left out', () => {
    expect(validateCall('demo.load', {}).args).toEqual({ scale: 1, seed: 2021 });
    expect(validateCall('store.info', undefined).args).toEqual({});
  });
});

describe('the services behind it', () => {
  it('answer with errors as data: a code and a message, never a stack', async () => {
    const envelope = await openServices().call('demo.load', { scale: 'lots' });
    expect(envelope).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'INVALID_ARGUMENT', message: expect.any(String) }),
    });
    expect(JSON.stringify(envelope)).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('leave the shell’s calls to the shell', async () => {
    const envelope = await openServices().call(shellCallNames[0], { mode: 'open' });
    expect(envelope).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
  });

  it('return results that match the declared result schemas', async () => {
    const s = openServices();
    const info = await s.call('store.info', {});
    expect(calls['store.info'].result.safeParse(info.ok && info.value).success).toBe(true);
    const demo = await s.call('demo.load', { scale: 1 });
    expect(calls['demo.load'].result.safeParse(demo.ok && demo.value).success).toBe(true);
    const overview = await s.call('overview.get', {});
    expect(calls['overview.get'].result.safeParse(overview.ok && overview.value).success).toBe(true);
    const onboarded = await s.call('store.markOnboarded', {});
    expect(onboarded).toMatchObject({ ok: true, value: { onboarded: true, isEmpty: false } });
  });

  it('keep the current store when another cannot be opened', async () => {
    const s = openServices();
    expect(() => s.open(join(resourcesDir, 'reference', 'counties.csv'))).toThrow(expect.objectContaining({ code: 'STORE_FOREIGN' }));
    expect(await s.call('store.info', {})).toMatchObject({ ok: true, value: { path: expect.stringContaining('contract.sqlite') } });
  });
});
