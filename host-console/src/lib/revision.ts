/** Same bound as the server's verdict:revise schema: a reason of at least 3 characters after trimming. */
export const MIN_REASON = 3;

export const isReasonValid = (reason: string): boolean => reason.trim().length >= MIN_REASON;
