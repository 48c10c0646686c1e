import type { Behaviour } from '../http/behaviour.js';

type Entry = readonly [code: number, message: string];
/** One type's code and default message per behaviour; null where that server has no such type. */
interface ErrorEntry {
  readonly '1.4': Entry | null;
  readonly '1.9': Entry | null;
}
const same = (code: number, message: string): ErrorEntry => ({ '1.4': [code, message], '1.9': [code, message] });
const since19 = (code: number, message: string): ErrorEntry => ({ '1.4': null, '1.9': [code, message] });

/**
 * Appwrite's error tables (app/config/errors.php), 1.4.14 and 1.9.6 side by side: type -> HTTP status and
 * default English message per behaviour. Only the types the Account API can produce are listed. Throw sites
 * may override the message.
 */
export const ERROR_TYPES = {
  general_unknown: { '1.4': [500, 'An unknown error has occured. Please check the logs for more information.'], '1.9': [500, 'An unknown error has occurred. Please check the logs for more information.'] },
  general_access_forbidden: same(401, 'Access to this API is forbidden.'),
  general_unknown_origin: same(403, 'The request originated from an unknown origin. If you trust this domain, please list it as a trusted platform in the Appwrite console.'),
  general_service_disabled: { '1.4': [503, 'The requested service is disabled. You can enable the service from the Appwrite console.'], '1.9': [403, 'The requested service is disabled. You can enable the service from the Appwrite console.'] },
  general_unauthorized_scope: same(401, 'The current user or API key does not have the required scopes to access the requested resource.'),
  general_rate_limit_exceeded: same(429, 'Rate limit for the current endpoint has been exceeded. Please try again after some time.'),
  general_smtp_disabled: same(503, 'SMTP is disabled on your Appwrite instance. You can <a href="/docs/email-delivery">learn more about setting up SMTP</a> in our docs.'),
  general_phone_disabled: same(503, 'Phone provider is not configured. Please check the _APP_SMS_PROVIDER environment variable of your Appwrite server.'),
  general_argument_invalid: same(400, 'The request contains one or more invalid arguments. Please refer to the endpoint documentation.'),
  general_query_invalid: same(400, "The query's syntax is invalid. Please check the query and try again."),
  general_route_not_found: { '1.4': [404, 'The requested route was not found. Please refer to the API docs and try again.'], '1.9': [404, 'Route not found. Please ensure the endpoint is configured correctly and that the API route is valid for this SDK version. Refer to the API docs for more details.'] },
  general_cursor_not_found: same(400, 'The cursor is invalid. This can happen if the item represented by the cursor has been deleted.'),
  general_server_error: same(500, 'An internal server error occurred.'),
  user_count_exceeded: { '1.4': [501, 'The current project has exceeded the maximum number of users. Please check your user limit in the Appwrite console.'], '1.9': [400, 'The current project has exceeded the maximum number of users. Please check your user limit in the Appwrite console.'] },
  user_jwt_invalid: same(401, 'The JWT token is invalid. Please check the value of the X-Appwrite-JWT header to ensure the correct token is being used.'),
  user_already_exists: same(409, 'A user with the same id, email, or phone already exists in this project.'),
  user_blocked: { '1.4': [401, 'The current user has been blocked. You can unblock the user by making a request to the User API\'s "Update User Status" endpoint or in the Appwrite Console\'s Auth section.'], '1.9': [403, 'The current user has been blocked.'] },
  user_invalid_token: same(401, 'Invalid token passed in the request.'),
  user_password_reset_required: same(412, 'The current user requires a password reset.'),
  user_invalid_credentials: same(401, 'Invalid credentials. Please check the email and password.'),
  user_anonymous_console_prohibited: same(401, 'Anonymous users cannot be created for the console project.'),
  user_session_already_exists: { '1.4': [401, 'Creation of anonymous users is prohibited when a session is active.'], '1.9': [401, 'Creation of a session is prohibited when a session is active.'] },
  user_not_found: same(404, 'User with the requested ID could not be found.'),
  user_email_already_exists: same(409, 'A user with the same email already exists in the current project.'),
  user_password_mismatch: same(400, 'Passwords do not match. Please check the password and confirm password.'),
  password_recently_used: same(400, 'The password you are trying to use is similar to your previous password. For your security, please choose a different password and try again.'),
  password_personal_data: same(400, 'The password you are trying to use contains references to your name, email, phone or userID. For your security, please choose a different password and try again.'),
  user_session_not_found: same(404, 'The current user session could not be found.'),
  user_identity_not_found: same(404, 'The identity could not be found. Please sign in with OAuth provider to create identity first.'),
  user_unauthorized: same(401, 'The current user is not authorized to perform the requested action.'),
  user_auth_method_unsupported: same(501, 'The requested authentication method is either disabled or unsupported. Please check the supported authentication methods in the Appwrite console.'),
  user_phone_already_exists: same(409, 'A user with the same phone number already exists in the current project.'),
  user_phone_not_found: same(400, 'The current user does not have a phone number associated with their account.'),
  user_missing_id: same(400, 'Missing ID from OAuth2 provider.'),
  user_oauth2_bad_request: same(400, 'OAuth2 provider rejected the bad request.'),
  user_oauth2_unauthorized: same(401, 'OAuth2 provider rejected the unauthorized request.'),
  // 424 in Appwrite's table; sent as 500 because 424 is not a passed-through status (see toHttpStatus).
  // Cloud 2.x (1.9 spec §7.1), not in 1.9.6's table: the ID-token route's verification failure; 401 per an upstream thread.
  user_oauth2_token_invalid: since19(401, 'The OAuth2 ID token is invalid.'),
  user_oauth2_provider_error: same(424, 'OAuth2 provider returned some error.'),
  // Appwrite 1.4's own spelling, typo included: apps compare against it.
  user_email_alread_verified: { '1.4': [409, 'User email is already verified'], '1.9': null },
  user_phone_already_verified: same(409, 'User phone is already verified'),
  project_not_found: same(404, 'Project with the requested ID could not be found. Please check the value of the X-Appwrite-Project header to ensure the correct project ID is being used.'),
  project_provider_disabled: same(412, 'The chosen OAuth provider is disabled. You can enable the OAuth provider using the Appwrite console.'),
  project_provider_unsupported: { '1.4': [501, 'The chosen OAuth provider is unsupported. Please check the <a href="/docs/client/account?sdk=web-default#accountCreateOAuth2Session">Create OAuth2 Session docs</a> for the complete list of supported OAuth providers.'], '1.9': [400, 'The chosen OAuth provider is unsupported. Please check the <a href="/docs/client/account?sdk=web-default#accountCreateOAuth2Session">Create OAuth2 Session docs</a> for the complete list of supported OAuth providers.'] },
  project_invalid_success_url: same(400, 'Invalid redirect URL for OAuth success.'),
  project_invalid_failure_url: same(400, 'Invalid redirect URL for OAuth failure.'),
  document_update_conflict: same(409, 'Remote document is newer than local.'),
  // New in 1.5 ... 1.9 (1.4 never sends them).
  general_api_disabled: since19(403, 'The requested API is disabled. You can enable the API from the Appwrite console.'),
  general_bad_request: since19(400, 'There was an error processing your request. Please check the inputs and try again.'),
  general_invalid_email: since19(400, 'Value must be a valid email address.'),
  database_query_order_null: since19(400, 'The order attribute/column had a null value. Cursor pagination requires all documents/rows order attribute/column values are non-null.'),
  user_jwt_and_cookie_set: since19(403, 'JWT and cookie used in the same request. Use either `setJWT` or `setCookie`. Learn about which authentication method to use in the SSR docs: https://appwrite.io/docs/products/auth/server-side-rendering'),
  user_email_already_verified: since19(409, 'User email is already verified'),
  user_email_not_found: since19(400, 'User email could not be found.'),
  user_email_not_verified: since19(400, 'User email is not verified'),
  user_phone_not_verified: since19(400, 'User phone is not verified'),
  user_more_factors_required: since19(401, 'More factors are required to complete the sign in process.'),
  user_challenge_required: since19(401, 'A recently successful challenge is required to complete this action. A challenge is considered recent for 5 minutes.'),
  user_authenticator_already_verified: since19(409, 'This authenticator is already verified on the current user.'),
  user_authenticator_not_found: since19(404, 'Authenticator could not be found on the current user.'),
  user_recovery_codes_already_exists: since19(409, 'The current user already generated recovery codes and they can only be read once for security reasons.'),
  user_recovery_codes_not_found: since19(404, 'Recovery codes could not be found on the current user.'),
  user_target_already_exists: since19(409, 'A target with the same ID already exists.'),
  user_target_not_found: since19(404, 'The target could not be found.'),
} as const satisfies Record<string, ErrorEntry>;

export type ErrorType = keyof typeof ERROR_TYPES;

/** The code and default message of `type` as `behaviour`'s server has them (the other server's when it has none). */
export function errorEntry(type: ErrorType, behaviour: Behaviour): Entry {
  const entry: ErrorEntry = ERROR_TYPES[type];
  return (entry[behaviour] ?? entry[behaviour === '1.4' ? '1.9' : '1.4'])!;
}

/** The statuses Appwrite passes through; any other code is sent as 500 "Server Error" (spec §2.1). */
const PASSED_THROUGH = {
  '1.4': new Set([400, 401, 402, 403, 404, 408, 409, 412, 416, 429, 501, 503]),
  '1.9': new Set([400, 401, 402, 403, 404, 405, 408, 409, 412, 416, 422, 429, 451, 501, 503]),
};

export function toHttpStatus(code: number, behaviour: Behaviour = '1.4'): number {
  return PASSED_THROUGH[behaviour].has(code) ? code : 500;
}
