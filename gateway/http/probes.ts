/**
 * Operations endpoints, outside API authentication (keep the port off the public internet or
 * filter these paths at the proxy):
 *   GET /healthz   200 while the process serves requests
 *   GET /readyz    200 when every readiness probe passes (database reachable, transports
 *                  started …), else 503 naming the failing ones; 503 while shutting down
 *   GET /metrics   Prometheus text exposition of the registry the gateway passes in
 */
import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';

/** True (or { ok: true }) when the part is ready; a thrown error or false means not ready. */
export type ReadinessProbe = () => Promise<boolean | { ok: boolean; detail?: string }>;

export interface ProbeDeps {
  readiness: Record<string, ReadinessProbe>;
  registry?: Registry;
  /** False once the server is shutting down. */
  accepting: () => boolean;
  probeTimeoutMs: number;
}

async function runProbe(probe: ReadinessProbe, timeoutMs: number): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  const checked = probe().then(
    (r) => {
      const ok = typeof r === 'boolean' ? r : r.ok;
      const detail = typeof r === 'boolean' ? undefined : r.detail;
      return ok ? 'ok' : `not ready${detail ? `: ${detail}` : ''}`;
    },
    (err: unknown) => `failed: ${err instanceof Error ? err.message : String(err)}`,
  );
  const result = await Promise.race([checked, timeout]);
  clearTimeout(timer);
  return result;
}

export function registerProbes(app: FastifyInstance, deps: ProbeDeps): void {
  app.get('/healthz', async (_request, reply) => reply.send({ status: 'ok' }));

  app.get('/readyz', async (_request, reply) => {
    const names = Object.keys(deps.readiness);
    const results = await Promise.all(names.map((n) => runProbe(deps.readiness[n]!, deps.probeTimeoutMs)));
    const checks: Record<string, string> = {};
    names.forEach((n, i) => {
      checks[n] = results[i]!;
    });
    const accepting = deps.accepting();
    if (!accepting) checks.http = 'shutting down';
    const ready = accepting && results.every((r) => r === 'ok');
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', checks });
  });

  const registry = deps.registry;
  if (registry) {
    app.get('/metrics', async (_request, reply) => {
      const text = await registry.metrics();
      return reply.type(registry.contentType).send(text);
    });
  }
}
