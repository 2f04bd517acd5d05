import type { ReactNode } from 'react';

// Plain markup on purpose: these pages must render even when nothing else can be set up (no
// configuration, no MSAL, a part of the app that could not start).
export function StartupErrorPage({
  title,
  children,
  todo,
}: {
  title: string;
  /** What went wrong. */
  children: ReactNode;
  /** What to do about it. */
  todo: ReactNode;
}) {
  return (
    <main
      style={{
        fontFamily: 'Segoe UI, system-ui, sans-serif',
        maxWidth: 720,
        margin: '10vh auto',
        padding: 24,
        lineHeight: 1.5,
      }}
    >
      <h1 style={{ fontSize: 24, fontWeight: 600 }}>{title}</h1>
      {children}
      <h2 style={{ fontSize: 16, fontWeight: 600, marginTop: 24 }}>What to do</h2>
      {todo}
      <p>
        <button type="button" onClick={() => window.location.reload()} style={{ font: 'inherit' }}>
          Reload
        </button>
      </p>
    </main>
  );
}
