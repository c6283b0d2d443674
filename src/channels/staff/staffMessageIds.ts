/** Every message id the staff sign-in and administration API answers with (prompts/messages/staff.yaml). */
export const staffMessageIds = [
  'staff.error.signed_out',
  'staff.error.forbidden',
  'staff.error.csrf',
  'staff.error.wrong_credentials',
  'staff.error.locked',
  'staff.error.password_change_required',
  'staff.error.password_too_short',
  'staff.error.password_unchanged',
  'staff.error.wrong_password',
  'staff.error.rate_limited',
  'staff.error.invalid_login',
  'staff.error.login_taken',
  'staff.error.unknown_account',
  'staff.error.invalid_request',
  'staff.error.unknown_call',
  'staff.error.nothing_to_reveal',
] as const;

export type StaffMessageId = (typeof staffMessageIds)[number];
