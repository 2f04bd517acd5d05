import type { ConfigProblem } from '../config/app-config';
import { StartupErrorPage } from './startup-error-page';

export function ConfigErrorPage({ problems }: { problems: readonly ConfigProblem[] }) {
  // The file itself (missing, unreachable, not JSON) or the values in it.
  const fileProblem = problems.some((p) => p.key === 'config.json');
  return (
    <StartupErrorPage
      title="Reprocess Desk cannot start"
      todo={
        fileProblem ? (
          <p>
            Put a <code>config.json</code> next to <code>index.html</code> on the web server (the README’s
            “Use it with a real tenant” shows one), check that the server sends it as it is, then reload. If
            the network is down, reload when it is back.
          </p>
        ) : (
          <p>
            Correct the values named above in <code>config.json</code> on the web server, then reload the
            page.
          </p>
        )
      }
    >
      <p>
        The runtime configuration <code>/config.json</code> has a problem.
      </p>
      <ul>
        {problems.map((p) => (
          <li key={`${p.key}:${p.message}`} style={{ marginBottom: 8 }}>
            <code style={{ fontWeight: 600 }}>{p.key}</code>: {p.message}
          </li>
        ))}
      </ul>
    </StartupErrorPage>
  );
}
