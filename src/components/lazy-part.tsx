// Parts of the dashboard that the first screen does not need (other pages, the details drawer,
// the bulk dialogs) are loaded on first use. Loading can fail (network lost, a new version
// deployed meanwhile): the part then says so, with a way to try again, and nothing else breaks.
import { Button } from '@fluentui/react-components';
import { Component, Suspense, lazy, type ComponentType, type ReactNode } from 'react';
import { t } from '../i18n/i18n';
import { useFirstScreenShown } from './first-screen';
import { InlineAlert } from './inline-alert';
import { PartFailed } from './part-boundary';
import { LazyLoadError } from './lazy-load-error';
import { retryableImport } from './retryable-import';
import { Spinner } from './spinner';

// One retryable download per importer: parts whose importer is the same function (several
// parts of one chunk) share it, and so share one copy of the module after a retry too.
const retryables = new WeakMap<() => Promise<unknown>, () => Promise<unknown>>();
function retrying<M>(importer: () => Promise<M>): () => Promise<M> {
  let r = retryables.get(importer);
  if (!r) retryables.set(importer, (r = retryableImport(importer)));
  return r as () => Promise<M>;
}

/**
 * `React.lazy` for a named export of a module. A failed download is kept (so the part shows its
 * message rather than trying again at every render) until "Try again" clears it, and then
 * downloads again (retryable-import.ts: under a fresh URL, which browsers fetch anew).
 */
export function lazyNamed<M, K extends keyof M>(
  importer: () => Promise<M>,
  name: K,
): M[K] extends ComponentType<infer P> ? ComponentType<P> : never {
  // Inside, props are passed through untouched; the signature gives callers the real type.
  type P = Record<string, unknown>;
  const download = retrying(importer);
  const load = (): Promise<ComponentType<P>> =>
    download().then((m) => m[name] as unknown as ComponentType<P>);
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  let failed = false;
  const get = (): Promise<ComponentType<P>> => {
    loading ??= load().then(
      (component) => {
        loaded = component;
        // Parts that gave up quietly try again: the network is evidently back.
        loadListeners.forEach((listener) => listener());
        return component;
      },
      (error: unknown) => {
        failed = true;
        throw new LazyLoadError(error);
      },
    );
    return loading;
  };
  // React.lazy keeps its first outcome for good, so each download attempt gets its own; a part
  // preloaded while idle resolves synchronously (a thenable that calls back at once), so its
  // first render does not suspend.
  const makeLazy = () =>
    lazy<ComponentType<P>>(() =>
      loaded
        ? (resolvedThenable({ default: loaded }) as Promise<{ default: ComponentType<P> }>)
        : get().then((component) => ({ default: component })),
    );
  let current = makeLazy();
  function LazyNamed(props: P) {
    const Current = current;
    return <Current {...props} />;
  }
  const preload = (): Promise<void> =>
    get().then(
      () => undefined,
      () => undefined,
    );
  registry.add({
    preload,
    forgetFailure: () => {
      if (!failed) return;
      failed = false;
      loading = undefined;
      current = makeLazy();
    },
  });
  return LazyNamed as M[K] extends ComponentType<infer Q> ? ComponentType<Q> : never;
}

/** A thenable that calls back at once: React.lazy then treats the module as already loaded. */
function resolvedThenable<T>(value: T): PromiseLike<T> {
  return {
    then: <R1 = T, R2 = never>(onFulfilled?: ((v: T) => R1 | PromiseLike<R1>) | null): PromiseLike<R1 | R2> =>
      resolvedThenable(onFulfilled ? (onFulfilled(value) as R1) : (value as unknown as R1)),
  };
}

const registry = new Set<{ preload: () => Promise<void>; forgetFailure: () => void }>();
const loadListeners = new Set<() => void>();

/**
 * Loads every lazily loaded part now (failures are left for the part itself to report). The app
 * calls it when the browser is idle after the first screen, so the drawer and dialogs open at once.
 */
export function preloadLazyParts(): Promise<void> {
  return Promise.all([...registry].map((part) => part.preload())).then(() => undefined);
}

/** "Try again": failed downloads are forgotten, so the next render of any part downloads again. */
function forgetFailedLoads(): void {
  registry.forEach((part) => part.forgetFailure());
}

interface LazyPartProps {
  /**
   * What the part is, for the message, in the language in use: "the Activity page", "the request
   * details" (pt-BR: "a página Atividade", with its article).
   */
  name: string;
  children: ReactNode;
  /** Shown while the part loads; nothing by default (dialogs and drawers open when ready). */
  fallback?: ReactNode;
  /** Shown instead of the error message when the part is an extra the page works without. */
  quietFallback?: ReactNode;
}

interface LazyPartState {
  error: unknown;
  attempt: number;
}

/**
 * Suspense for a lazily loaded part, with a calm message and "Try again" if it fails to load, and
 * an error boundary: a part that throws while running shows "Something went wrong in <part>".
 */
export class LazyPart extends Component<LazyPartProps, LazyPartState> {
  override state: LazyPartState = { error: undefined, attempt: 0 };

  static getDerivedStateFromError(error: unknown): Partial<LazyPartState> {
    return { error };
  }

  // A part that failed quietly tries again as soon as any other part loads (the user's "Try
  // again" on a part that shows the message, or the idle preloading).
  private readonly retryQuietly = (): void => {
    if (this.state.error !== undefined) this.setState((s) => ({ error: undefined, attempt: s.attempt + 1 }));
  };

  // ... or when the browser says it is back online.
  private readonly retryWhenOnline = (): void => {
    if (this.state.error === undefined) return;
    forgetFailedLoads();
    this.retryQuietly();
  };

  override componentDidMount(): void {
    if (this.props.quietFallback === undefined) return;
    loadListeners.add(this.retryQuietly);
    window.addEventListener('online', this.retryWhenOnline);
  }

  override componentWillUnmount(): void {
    loadListeners.delete(this.retryQuietly);
    window.removeEventListener('online', this.retryWhenOnline);
  }

  override render() {
    const { error, attempt } = this.state;
    if (error !== undefined) {
      const notDownloaded = error instanceof LazyLoadError;
      // Only a failed download is quiet: a part that broke while running always says so.
      if (notDownloaded && this.props.quietFallback !== undefined) return this.props.quietFallback;
      if (!notDownloaded) return <PartFailed name={this.props.name} error={error} />;
      return (
        <InlineAlert
          intent="error"
          title={t(
            { id: 'app.partNotLoaded.title', defaultMessage: 'Could not load {name}' },
            { name: this.props.name },
          )}
          actions={
            <Button
              onClick={() => {
                forgetFailedLoads();
                this.setState({ error: undefined, attempt: attempt + 1 });
              }}
            >
              {t({ id: 'common.tryAgain', defaultMessage: 'Try again' })}
            </Button>
          }
        >
          {error.message
            ? t(
                {
                  id: 'app.partNotLoaded.bodyWithError',
                  defaultMessage:
                    'The dashboard could not download this part of itself ({error}). Check the connection, then try again; if a new version was deployed, reloading the page picks it up.',
                },
                { error: error.message },
              )
            : t({
                id: 'app.partNotLoaded.body',
                defaultMessage:
                  'The dashboard could not download this part of itself. Check the connection, then try again; if a new version was deployed, reloading the page picks it up.',
              })}
        </InlineAlert>
      );
    }
    return (
      <Suspense key={attempt} fallback={this.props.fallback ?? null}>
        {this.props.children}
      </Suspense>
    );
  }
}

/** The fallback for a whole page. */
export function PageLoading({ label }: { label: string }) {
  return <Spinner label={label} style={{ marginTop: '10vh' }} />;
}

/**
 * A part the first screen does without: `placeholder` (which should keep its room) until the
 * first screen is shown, then the part, loaded lazily.
 */
export function AfterFirstScreen({
  name,
  placeholder,
  quiet = false,
  children,
}: {
  name: string;
  placeholder: ReactNode;
  /** If it fails to load, keep the placeholder (another part says so) and retry with the others. */
  quiet?: boolean;
  children: ReactNode;
}) {
  const shown = useFirstScreenShown();
  if (!shown) return placeholder;
  return (
    <LazyPart name={name} fallback={placeholder} {...(quiet && { quietFallback: placeholder })}>
      {children}
    </LazyPart>
  );
}
