/**
 * Appwrite 1.4's error table (app/config/errors.php): type -> HTTP status and default English message.
 * Only the types the Account API can produce are listed. Throw sites may override the message.
 */
export const ERROR_TYPES = {
  general_unknown: [500, 'An unknown error has occured. Please check the logs for more information.'],
  general_access_forbidden: [401, 'Access to this API is forbidden.'],
  general_unknown_origin: [403, 'The request originated from an unknown origin. If you trust this domain, please list it as a trusted platform in the Appwrite console.'],
  general_service_disabled: [503, 'The requested service is disabled. You can enable the service from the Appwrite console.'],
  general_unauthorized_scope: [401, 'The current user or API key does not have the required scopes to access the requested resource.'],
  general_rate_limit_exceeded: [429, 'Rate limit for the current endpoint has been exceeded. Please try again after some time.'],
  general_smtp_disabled: [503, 'SMTP is disabled on your Appwrite instance. You can <a href="/docs/email-delivery">learn more about setting up SMTP</a> in our docs.'],
  general_phone_disabled: [503, 'Phone provider is not configured. Please check the _APP_SMS_PROVIDER environment variable of your Appwrite server.'],
  general_argument_invalid: [400, 'The request contains one or more invalid arguments. Please refer to the endpoint documentation.'],
  general_query_invalid: [400, "The query's syntax is invalid. Please check the query and try again."],
  general_route_not_found: [404, 'The requested route was not found. Please refer to the API docs and try again.'],
  general_cursor_not_found: [400, 'The cursor is invalid. This can happen if the item represented by the cursor has been deleted.'],
  general_server_error: [500, 'An internal server error occurred.'],
  user_count_exceeded: [501, 'The current project has exceeded the maximum number of users. Please check your user limit in the Appwrite console.'],
  user_jwt_invalid: [401, 'The JWT token is invalid. Please check the value of the X-Appwrite-JWT header to ensure the correct token is being used.'],
  user_already_exists: [409, 'A user with the same id, email, or phone already exists in this project.'],
  user_blocked: [401, 'The current user has been blocked. You can unblock the user by making a request to the User API\'s "Update User Status" endpoint or in the Appwrite Console\'s Auth section.'],
  user_invalid_token: [401, 'Invalid token passed in the request.'],
  user_password_reset_required: [412, 'The current user requires a password reset.'],
  user_invalid_credentials: [401, 'Invalid credentials. Please check the email and password.'],
  user_anonymous_console_prohibited: [401, 'Anonymous users cannot be created for the console project.'],
  user_session_already_exists: [401, 'Creation of anonymous users is prohibited when a session is active.'],
  user_not_found: [404, 'User with the requested ID could not be found.'],
  user_email_already_exists: [409, 'A user with the same email already exists in the current project.'],
  user_password_mismatch: [400, 'Passwords do not match. Please check the password and confirm password.'],
  password_recently_used: [400, 'The password you are trying to use is similar to your previous password. For your security, please choose a different password and try again.'],
  password_personal_data: [400, 'The password you are trying to use contains references to your name, email, phone or userID. For your security, please choose a different password and try again.'],
  user_session_not_found: [404, 'The current user session could not be found.'],
  user_identity_not_found: [404, 'The identity could not be found. Please sign in with OAuth provider to create identity first.'],
  user_unauthorized: [401, 'The current user is not authorized to perform the requested action.'],
  user_auth_method_unsupported: [501, 'The requested authentication method is either disabled or unsupported. Please check the supported authentication methods in the Appwrite console.'],
  user_phone_already_exists: [409, 'A user with the same phone number already exists in the current project.'],
  user_phone_not_found: [400, 'The current user does not have a phone number associated with their account.'],
  user_missing_id: [400, 'Missing ID from OAuth2 provider.'],
  user_oauth2_bad_request: [400, 'OAuth2 provider rejected the bad request.'],
  user_oauth2_unauthorized: [401, 'OAuth2 provider rejected the unauthorized request.'],
  // 424 in Appwrite's table; sent as 500 because 424 is not a passed-through status (see toHttpStatus).
  user_oauth2_provider_error: [424, 'OAuth2 provider returned some error.'],
  // Appwrite 1.4's own spelling, typo included: apps compare against it.
  user_email_alread_verified: [409, 'User email is already verified'],
  user_phone_already_verified: [409, 'User phone is already verified'],
  project_not_found: [404, 'Project with the requested ID could not be found. Please check the value of the X-Appwrite-Project header to ensure the correct project ID is being used.'],
  project_provider_disabled: [412, 'The chosen OAuth provider is disabled. You can enable the OAuth provider using the Appwrite console.'],
  project_provider_unsupported: [501, 'The chosen OAuth provider is unsupported. Please check the <a href="/docs/client/account?sdk=web-default#accountCreateOAuth2Session">Create OAuth2 Session docs</a> for the complete list of supported OAuth providers.'],
  project_invalid_success_url: [400, 'Invalid redirect URL for OAuth success.'],
  project_invalid_failure_url: [400, 'Invalid redirect URL for OAuth failure.'],
  document_update_conflict: [409, 'Remote document is newer than local.'],
} as const satisfies Record<string, readonly [number, string]>;

export type ErrorType = keyof typeof ERROR_TYPES;

/** The statuses Appwrite passes through; any other code is sent as 500 "Server Error" (spec §2.1). */
const PASSED_THROUGH = new Set([400, 401, 402, 403, 404, 408, 409, 412, 416, 429, 501, 503]);

export function toHttpStatus(code: number): number {
  return PASSED_THROUGH.has(code) ? code : 500;
}
