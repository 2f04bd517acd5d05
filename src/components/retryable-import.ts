// A dynamic import that can be tried again after its download failed. Browsers keep a failed
// module fetch in their module map (the HTML standard's behaviour until 2024, and still Chromium's
// here): importing the same URL again fails at once without asking the network. So a retry
// imports the same file under a new URL (a `?retry=` query), which the browser fetches afresh;
// the chunks it imports in turn keep their URLs, so the app still shares one copy of each.
// Written by hand: the bundler's own retry hooks cover preloaded CSS and dependencies, not this.

/** The module URL a failed dynamic import names (Chromium and Firefox put it in the message). */
export function moduleUrlOf(error: unknown): string | undefined {
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  const urls = message.match(/https?:\/\/[^\s'"<>]+/g);
  const url = urls?.[urls.length - 1];
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    // Only this app's own code is imported again.
    if (typeof location !== 'undefined' && parsed.origin !== location.origin) return undefined;
    parsed.searchParams.delete('retry');
    return parsed.href;
  } catch {
    return undefined;
  }
}

/**
 * Wraps an importer: callers share one download while it is under way; after it failed, the next
 * call downloads again, under a fresh URL when the browser named the failed one.
 */
export function retryableImport<M>(importer: () => Promise<M>): () => Promise<M> {
  let pending: Promise<M> | undefined;
  let failedUrl: string | undefined;
  let attempt = 0;
  return () => {
    if (pending) return pending;
    const url = failedUrl;
    const next = url ? (import(/* @vite-ignore */ withRetry(url, ++attempt)) as Promise<M>) : importer();
    pending = next.catch((error: unknown) => {
      pending = undefined;
      failedUrl = moduleUrlOf(error) ?? failedUrl;
      throw error;
    });
    return pending;
  };
}

function withRetry(url: string, attempt: number): string {
  const u = new URL(url);
  u.searchParams.set('retry', String(attempt));
  return u.href;
}
