/** Why a "Sign in with IETF Datatracker" attempt ended without a session; /sign-in?error=<code> shows the message. */
export const DATATRACKER_SIGN_IN_ERRORS = {
  "datatracker-denied":
    "You did not allow the IETF Datatracker to sign you in here. Sign in with your password or a link instead.",
  "datatracker-failed":
    "Signing in with the IETF Datatracker did not work: its answer could not be verified (the sign-in may have expired or been opened twice). Try again.",
  "datatracker-unavailable":
    "The IETF Datatracker could not be reached. Try again later, or sign in with your password or a link.",
  "datatracker-no-email":
    "Your Datatracker account gave no e-mail address, so it cannot be matched to an account here.",
  "datatracker-disabled": "This account may not sign in. Ask the Secretariat.",
} as const;

export type DatatrackerErrorCode = keyof typeof DATATRACKER_SIGN_IN_ERRORS;

export class DatatrackerSignInError extends Error {
  constructor(
    readonly code: DatatrackerErrorCode,
    /** what went wrong, for the server log (never shown: it may name provider internals) */
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
    this.name = "DatatrackerSignInError";
  }
}

export function datatrackerErrorMessage(code: string | undefined): string | null {
  return code && Object.hasOwn(DATATRACKER_SIGN_IN_ERRORS, code)
    ? DATATRACKER_SIGN_IN_ERRORS[code as DatatrackerErrorCode]
    : null;
}
