/**
 * The error table against the 1.9 spec's §3.2 (1.9.6, with its "Δ vs 1.4.14" column) and the 1.4 spec: for a
 * sample of types, the code and default message each server sends, verbatim.
 */
import { describe, expect, it } from 'vitest';
import { AppwriteError } from '../../src/errors/appwrite-error.js';
import { errorEntry, toHttpStatus, type ErrorType } from '../../src/errors/error-types.js';

const BLOCKED_14 = 'The current user has been blocked. You can unblock the user by making a request to the User API\'s "Update User Status" endpoint or in the Appwrite Console\'s Auth section.';
const USERS_EXCEEDED = 'The current project has exceeded the maximum number of users. Please check your user limit in the Appwrite console.';
const PROVIDER_UNSUPPORTED = 'The chosen OAuth provider is unsupported. Please check the <a href="/docs/client/account?sdk=web-default#accountCreateOAuth2Session">Create OAuth2 Session docs</a> for the complete list of supported OAuth providers.';
const SERVICE_DISABLED = 'The requested service is disabled. You can enable the service from the Appwrite console.';

const TABLE: Array<[ErrorType, [number, string], [number, string]]> = [
  ['user_blocked', [401, BLOCKED_14], [403, 'The current user has been blocked.']],
  ['user_count_exceeded', [501, USERS_EXCEEDED], [400, USERS_EXCEEDED]],
  ['general_route_not_found',
    [404, 'The requested route was not found. Please refer to the API docs and try again.'],
    [404, 'Route not found. Please ensure the endpoint is configured correctly and that the API route is valid for this SDK version. Refer to the API docs for more details.']],
  ['user_session_already_exists',
    [401, 'Creation of anonymous users is prohibited when a session is active.'],
    [401, 'Creation of a session is prohibited when a session is active.']],
  ['project_provider_unsupported', [501, PROVIDER_UNSUPPORTED], [400, PROVIDER_UNSUPPORTED]],
  ['general_service_disabled', [503, SERVICE_DISABLED], [403, SERVICE_DISABLED]],
  ['general_unknown',
    [500, 'An unknown error has occured. Please check the logs for more information.'],
    [500, 'An unknown error has occurred. Please check the logs for more information.']],
];

describe('ERROR_TYPES', () => {
  it.each(TABLE)('%s has each server\'s code and message', (type, in14, in19) => {
    expect(errorEntry(type, '1.4')).toEqual(in14);
    expect(errorEntry(type, '1.9')).toEqual(in19);
    const error = new AppwriteError(type);
    expect(error.resolve('1.4')).toEqual({ code: in14[0], message: in14[1] });
    expect(error.resolve('1.9')).toEqual({ code: in19[0], message: in19[1] });
  });

  it('keeps a throw site\'s own message under both servers, with each server\'s code', () => {
    const error = new AppwriteError('user_count_exceeded', 'custom');
    expect(error.resolve('1.4')).toEqual({ code: 501, message: 'custom' });
    expect(error.resolve('1.9')).toEqual({ code: 400, message: 'custom' });
  });

  it('gives types new in 1.9.6 to 1.4 requests with the 1.9.6 entry (they are only thrown by 1.9.6 rules)', () => {
    expect(errorEntry('user_target_already_exists', '1.9')).toEqual([409, 'A target with the same ID already exists.']);
    expect(errorEntry('general_bad_request', '1.9')).toEqual([400, 'There was an error processing your request. Please check the inputs and try again.']);
    expect(errorEntry('user_target_already_exists', '1.4')).toEqual(errorEntry('user_target_already_exists', '1.9'));
  });

  it('passes 1.9.6\'s new statuses through (405, 422, 451) but not under 1.4', () => {
    for (const code of [405, 422, 451]) {
      expect(toHttpStatus(code, '1.9')).toBe(code);
      expect(toHttpStatus(code, '1.4')).toBe(500);
    }
    expect(toHttpStatus(424, '1.9')).toBe(500);
  });
});
