/** Typed errors with stable codes; the CLI maps codes to exit statuses and one-line messages. */

export type ErrorCode =
  | 'INPUT_NOT_FOUND'
  | 'INPUT_EMPTY'
  | 'INPUT_BINARY'
  | 'INPUT_INVALID_UTF8'
  | 'INPUT_TOO_LARGE'
  | 'INPUT_INVALID'
  | 'BAD_OPTION'
  | 'GOLD_INVALID'
  | 'STORE_ERROR'
  | 'STAGE_REQUIRES_MISSING_LAYER'
  | 'INTERNAL';

export class ParallaxError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ParallaxError';
    this.code = code;
  }
}

/** An error that means the program itself is wrong, not its input. */
export class InternalError extends ParallaxError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('INTERNAL', `internal error (this is a bug): ${message}`, options);
    this.name = 'InternalError';
  }
}

/** Exit status per code: 2 for bad usage or input, 3 for store problems, 70 for bugs. */
export function exitStatusFor(code: ErrorCode): number {
  switch (code) {
    case 'STORE_ERROR':
      return 3;
    case 'INTERNAL':
    case 'STAGE_REQUIRES_MISSING_LAYER':
      return 70;
    default:
      return 2;
  }
}
