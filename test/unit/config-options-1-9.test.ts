/**
 * The options of the 1.9.6 project settings and of the server's providers, as resolveConfig takes them: defaults
 * (a new 1.9.6 project, a server with SMTP and SMS), what is kept, and a TypeError saying what to do on misuse.
 */
import { describe, expect, it } from 'vitest';
import { resolveConfig, type EmulatorOptions } from '../../src/config.js';

const base = { projectId: 'p' };
const resolve = (extra: Record<string, unknown>) => resolveConfig({ ...base, ...extra } as EmulatorOptions);

describe('the 1.9.6 options\' defaults', () => {
  it('a server with SMTP and SMS; a new 1.9.6 project: invalidateSessions on, no alerts, no mock numbers, min 8', () => {
    const config = resolveConfig(base);
    expect(config.smtp).toBe(true);
    expect(config.sms).toBe(true);
    expect(config.auth.invalidateSessions).toBe(true);
    expect(config.auth.sessionAlerts).toBe(false);
    expect(config.auth.mockNumbers).toEqual([]);
    expect(config.auth.passwordStrength).toEqual({ min: 8, uppercase: false, lowercase: false, number: false, symbols: false });
  });

  it('keeps what is given (mock numbers copied, unknown keys of a number left out)', () => {
    const numbers = [{ phone: '+15555550100', otp: '123456', note: 'x' }];
    const config = resolve({
      smtp: false, sms: false,
      auth: { invalidateSessions: false, sessionAlerts: true, mockNumbers: numbers, passwordStrength: { min: 12, symbols: true } },
    });
    expect([config.smtp, config.sms, config.auth.invalidateSessions, config.auth.sessionAlerts]).toEqual([false, false, false, true]);
    expect(config.auth.mockNumbers).toEqual([{ phone: '+15555550100', otp: '123456' }]);
    expect(config.auth.mockNumbers[0]).not.toBe(numbers[0]);
    expect(config.auth.passwordStrength).toEqual({ min: 12, uppercase: false, lowercase: false, number: false, symbols: true });
  });

  it('accepts ten mock numbers and the strength bounds 8 and 256', () => {
    const ten = Array.from({ length: 10 }, (_, i) => ({ phone: `+1555555010${i}`, otp: '000000' }));
    expect(resolve({ auth: { mockNumbers: ten } }).auth.mockNumbers).toHaveLength(10);
    expect(resolve({ auth: { passwordStrength: { min: 256 } } }).auth.passwordStrength.min).toBe(256);
  });
});

describe('misuse of the 1.9.6 options', () => {
  const phone = '+15555550100';
  it.each<[string, Record<string, unknown>, RegExp]>([
    ['a string smtp', { smtp: 'no' }, /option smtp must be a boolean/],
    ['a numeric sms', { sms: 0 }, /option sms must be a boolean/],
    ['a string invalidateSessions', { auth: { invalidateSessions: 'true' } }, /auth\.invalidateSessions must be a boolean/],
    ['a numeric sessionAlerts', { auth: { sessionAlerts: 1 } }, /auth\.sessionAlerts must be a boolean/],
    ['mockNumbers as an object', { auth: { mockNumbers: { phone, otp: '123456' } } }, /auth\.mockNumbers must be an array/],
    ['a mock number without otp', { auth: { mockNumbers: [{ phone }] } }, /auth\.mockNumbers/],
    ['a mock number as a string', { auth: { mockNumbers: [phone] } }, /auth\.mockNumbers/],
    ['a null mock number', { auth: { mockNumbers: [null] } }, /auth\.mockNumbers/],
    ['a mock phone without +', { auth: { mockNumbers: [{ phone: '15555550100', otp: '123456' }] } }, /E\.164/],
    ['a mock phone of 16 digits', { auth: { mockNumbers: [{ phone: '+1555555010012345', otp: '123456' }] } }, /E\.164/],
    ['a 5-digit otp', { auth: { mockNumbers: [{ phone, otp: '12345' }] } }, /six digits/],
    ['a numeric otp', { auth: { mockNumbers: [{ phone, otp: 123456 }] } }, /six digits/],
    ['a letter in the otp', { auth: { mockNumbers: [{ phone, otp: '12345a' }] } }, /six digits/],
    ['eleven mock numbers', { auth: { mockNumbers: Array.from({ length: 11 }, () => ({ phone, otp: '123456' })) } }, /at most 10/],
    ['passwordStrength as a list', { auth: { passwordStrength: [] } }, /auth\.passwordStrength must be an object/],
    ['a strength min of 7', { auth: { passwordStrength: { min: 7 } } }, /auth\.passwordStrength\.min must be an integer from 8 to 256/],
    ['a strength min of 257', { auth: { passwordStrength: { min: 257 } } }, /from 8 to 256/],
    ['a string uppercase rule', { auth: { passwordStrength: { uppercase: 'yes' } } }, /auth\.passwordStrength\.uppercase must be a boolean/],
  ])('throws TypeError for %s', (_label, extra, message) => {
    expect(() => resolve(extra)).toThrow(TypeError);
    expect(() => resolve(extra)).toThrow(message);
  });
});
