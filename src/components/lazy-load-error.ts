/** A part's code could not be downloaded (as opposed to failing once it ran). */
export class LazyLoadError extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = 'LazyLoadError';
  }
}
