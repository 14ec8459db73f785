/**
 * The `error` codes the sign-in endpoint answers with, and what the form says for each.
 * Every failure of the password step says the same thing, whether the email exists or not.
 */
export const SIGN_IN_ERRORS = {
  invalid: "CredentialsSignin",
  blocked: "TooManyAttempts",
  codeRequired: "CodeRequired",
  codeInvalid: "InvalidCode",
} as const;

export const SIGN_IN_MESSAGES: Record<string, string> = {
  [SIGN_IN_ERRORS.invalid]: "Invalid email or password",
  [SIGN_IN_ERRORS.blocked]: "Too many sign-in attempts. Try again later.",
  [SIGN_IN_ERRORS.codeInvalid]: "Invalid authentication code",
};

export function signInMessage(code: string | null | undefined): string {
  return SIGN_IN_MESSAGES[code ?? ""] ?? SIGN_IN_MESSAGES[SIGN_IN_ERRORS.invalid]!;
}
