import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NOT_SENT_BY_1_9_6, SDKS, SENT_TO_EVERY_1_9_FORMAT, modelKeys, modelProblems, parseModels, sdkModels, undeclaredKeys } from '../sdk-versions.js';

const names = (sdk: string, model: string) => modelKeys(sdk, model).map((k) => `${k.key}${k.optional ? '?' : ''}:${k.type}`);

describe('SDKS', () => {
  it.each(SDKS)('$name sends the response format it declares ($format)', ({ name, format }) => {
    const root = dirname(createRequire(import.meta.url).resolve(`${name}/package.json`));
    const source = readFileSync(join(root, 'dist', 'esm', 'sdk.js'), 'utf8');
    expect(source).toContain(`'X-Appwrite-Response-Format': '${format}'`);
  });

  it.each(SDKS)('$name is major version $version', async ({ name, version, load }) => {
    const pkg = createRequire(import.meta.url)(`${name}/package.json`) as { version: string };
    expect(pkg.version.split('.')[0]).toBe(String(version));
    expect(typeof (await load()).Account).toBe('function');
  });
});

describe('parseModels on the real models.d.ts', () => {
  it('reads SDK 13 (non-exported types) User exactly, prefs as the open Preferences model', () => {
    expect(names('appwrite-13', 'User')).toEqual([
      '$id:string', '$createdAt:string', '$updatedAt:string', 'name:string', 'password?:string', 'hash?:string',
      'hashOptions?:object', 'registration:string', 'status:boolean', 'labels:array:string', 'passwordUpdate:string',
      'email:string', 'phone:string', 'emailVerification:boolean', 'phoneVerification:boolean', 'prefs:model:Preferences',
      'accessedAt:string',
    ]);
    expect(sdkModels('appwrite-13').get('Preferences')).toEqual({ name: 'Preferences', keys: [], open: true });
  });

  it('reads SDK 28 User with targets, mfa and the optional impersonation keys', () => {
    const user = names('appwrite-28', 'User');
    expect(user).toContain('targets:array:model:Target');
    expect(user).toContain('mfa:boolean');
    expect(user).toContain('impersonator?:boolean');
    expect(user).toContain('impersonatorUserId?:string');
    expect(user).toContain('passwordPwned?:boolean');
    // The generic parameter stands for its default: `User<Preferences extends Models.Preferences = Models.DefaultPreferences>`.
    expect(user).toContain('prefs:model:DefaultPreferences');
    // 18+ declare `Preferences = {}` and an open DefaultPreferences.
    expect(sdkModels('appwrite-28').get('Preferences')?.keys).toEqual([]);
    expect(sdkModels('appwrite-28').get('DefaultPreferences')?.open).toBe(true);
  });

  it('reads lists as arrays of models and generics without their arguments', () => {
    expect(names('appwrite-14', 'SessionList')).toEqual(['total:number', 'sessions:array:model:Session']);
    expect(names('appwrite-22', 'IdentityList')).toEqual(['total:number', 'identities:array:model:Identity']);
    expect(names('appwrite-16', 'TeamList')).toEqual(['total:number', 'teams:array:model:Team']);
  });

  it('follows the key history of the reference (Token.phrase from 14, Session.$updatedAt from 15, no Log in 28)', () => {
    expect(names('appwrite-13', 'Token')).toEqual(['$id:string', '$createdAt:string', 'userId:string', 'secret:string', 'expire:string']);
    expect(names('appwrite-14', 'Token')).toContain('phrase:string');
    expect(names('appwrite-14', 'Session')).not.toContain('$updatedAt:string');
    expect(names('appwrite-16', 'Session')).toContain('$updatedAt:string');
    expect(names('appwrite-14', 'Session')).toEqual(expect.arrayContaining(['factors:array:string', 'secret:string', 'mfaUpdatedAt:string']));
    expect(sdkModels('appwrite-26').has('Log')).toBe(true);
    expect(sdkModels('appwrite-28').has('Log')).toBe(false);
    expect(names('appwrite-18', 'Target')).toContain('expired:boolean');
  });

  it.each(SDKS)('maps every key of every model of $name to a known coarse type', ({ name }) => {
    const unknown = [...sdkModels(name).values()].flatMap((m) => m.keys.filter((k) => k.type.includes('unknown')).map((k) => `${m.name}.${k.key}`));
    expect(unknown).toEqual([]);
    expect(sdkModels(name).size).toBeGreaterThan(40);
  });

  it('parses a hand-written namespace (comments, export, intersections, empty models)', () => {
    const models = parseModels([
      'export declare namespace Models {',
      '    /**', '     * A', '     */',
      '    export type A<P extends Models.B = Models.C> = {', '        /** one line */', '        $id: string;',
      '        b?: B;', '        list: A[];', '        p: P;', '    };',
      '    export type B = {};',
      '    export type C = B & {', '        [key: string]: any;', '    };',
      '}',
    ].join('\n'));
    expect([...models.keys()]).toEqual(['A', 'B', 'C']);
    expect(models.get('A')!.keys).toEqual([
      { key: '$id', optional: false, type: 'string' },
      { key: 'b', optional: true, type: 'model:B' },
      { key: 'list', optional: false, type: 'array:model:A' },
      { key: 'p', optional: false, type: 'model:C' },
    ]);
    expect(models.get('C')!.open).toBe(true);
  });
});

describe('modelProblems', () => {
  const target = { $id: 't', $createdAt: 'd', $updatedAt: 'd', name: '', userId: 'u', providerType: 'email', identifier: 'a@b.c', expired: false };

  it('reports missing keys, wrong types (nested) and extras by name', () => {
    const session = Object.fromEntries(modelKeys('appwrite-28', 'Session').map((k) => [k.key, k.type === 'boolean' ? true : k.type === 'array:string' ? [] : 'x']));
    expect(modelProblems('appwrite-28', 'SessionList', { total: 1, sessions: [session] })).toEqual([]);
    const { userId: _, ...noUser } = session;
    expect(modelProblems('appwrite-28', 'SessionList', { total: '1', sessions: [{ ...noUser, current: 'yes', extra: 1 }] })).toEqual([
      'SessionList.total: expected number, got string',
      'SessionList.sessions[0].userId: missing',
      'SessionList.sessions[0].current: expected boolean, got string',
      'SessionList.sessions[0].extra: not declared by Session',
    ]);
    expect(modelProblems('appwrite-28', 'Target', { ...target, expired: 0 })).toEqual(['Target.expired: expected boolean, got number']);
    expect(modelProblems('appwrite-28', 'Target', target)).toEqual([]);
    expect(modelProblems('appwrite-13', 'Preferences', { any: 1 })).toEqual([]);
    expect(modelProblems('appwrite-28', 'Target', { ...target, providerId: null })).toEqual([]);
    expect(modelProblems('appwrite-28', 'Target', { ...target, name: null })).toEqual(['Target.name: expected string, got null']);
    expect(modelProblems('appwrite-13', 'Token', null)).toEqual(['Token: expected an object, got null']);
  });

  it('tolerates only the named extras, in nested models too, and lists undeclared keys', () => {
    const session = Object.fromEntries(modelKeys('appwrite-14', 'Session').map((k) => [k.key, k.type === 'boolean' ? true : k.type === 'array:string' ? [] : 'x']));
    const list = { total: 1, sessions: [{ ...session, $updatedAt: 'x', other: 1 }] };
    expect(modelProblems('appwrite-14', 'SessionList', list, { tolerate: SENT_TO_EVERY_1_9_FORMAT })).toEqual([
      'SessionList.sessions[0].other: not declared by Session',
    ]);
    expect(undeclaredKeys('appwrite-14', 'Session', list.sessions[0]!)).toEqual(['$updatedAt', 'other']);
    expect(undeclaredKeys('appwrite-16', 'Session', list.sessions[0]!)).toEqual(['other']);
  });

  it('lets only the named required keys be absent', () => {
    const identity = Object.fromEntries(modelKeys('appwrite-28', 'Identity').map((k) => [k.key, 'x']));
    const { providerIdToken: _, userId: __, ...partial } = identity;
    expect(modelProblems('appwrite-28', 'Identity', partial, { absent: NOT_SENT_BY_1_9_6 })).toEqual(['Identity.userId: missing']);
    expect(modelProblems('appwrite-28', 'Identity', partial)).toEqual(['Identity.userId: missing', 'Identity.providerIdToken: missing']);
  });

  it('throws for a model the SDK does not declare', () => {
    expect(() => modelKeys('appwrite-13', 'Target')).toThrow('appwrite-13 declares no model Target');
  });
});
