/** A problem the input itself has: `field` names it the way a user would find it in their file. */
export class ProblemError extends Error {
  readonly code = 'bad_request';
  constructor(
    readonly field: string,
    detail: string,
  ) {
    super(`${field}: ${detail}`);
    this.name = 'ProblemError';
  }
}

/** The engine failed (WebAssembly trap, out of memory, worker crash): not the input's fault. */
export class SolverError extends Error {
  readonly code = 'internal';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SolverError';
  }
}
