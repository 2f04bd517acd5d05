import type { ConfigProblem } from '../config/app-config';

// Plain markup on purpose: this page must render even when nothing else can be set up.
export function ConfigErrorPage({ problems }: { problems: readonly ConfigProblem[] }) {
  return (
    <main
      style={{
        fontFamily: 'Segoe UI, system-ui, sans-serif',
        maxWidth: 720,
        margin: '10vh auto',
        padding: 24,
      }}
    >
      <h1 style={{ fontSize: 24, fontWeight: 600 }}>Reprocess Desk cannot start</h1>
      <p>
        The runtime configuration <code>/config.json</code> has a problem. Fix the values below and reload the
        page.
      </p>
      <ul>
        {problems.map((p) => (
          <li key={`${p.key}:${p.message}`} style={{ marginBottom: 8 }}>
            <code style={{ fontWeight: 600 }}>{p.key}</code>: {p.message}
          </li>
        ))}
      </ul>
    </main>
  );
}
