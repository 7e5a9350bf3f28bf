/**
 * CoAP transport metrics, registered on the registry the gateway passes in (or a private one).
 * What became of uplinks after submit is the pipeline's to count; these count responses.
 */
import { Counter, Gauge, Registry } from 'prom-client';

export interface CoapMetrics {
  /** Responses sent, by CoAP code and reason code (accepted, duplicate, COAP_PATH_UNKNOWN, …). */
  responses: Counter<'code' | 'reason'>;
  /** Requests awaiting their commit. */
  inFlight: Gauge;
  /** Retransmissions answered from the in-flight table (the cache answers later ones). */
  retransmissions: Counter;
}

function existing<T>(registry: Registry, name: string): T | undefined {
  return registry.getSingleMetric(name) as T | undefined;
}

export function coapMetrics(registry: Registry = new Registry()): CoapMetrics {
  return {
    responses:
      existing<Counter<'code' | 'reason'>>(registry, 'meterflow_coap_responses_total') ??
      new Counter({
        name: 'meterflow_coap_responses_total',
        help: 'CoAP responses sent, by response code and reason',
        labelNames: ['code', 'reason'] as const,
        registers: [registry],
      }),
    inFlight:
      existing<Gauge>(registry, 'meterflow_coap_in_flight') ??
      new Gauge({
        name: 'meterflow_coap_in_flight',
        help: 'CoAP requests awaiting their commit',
        registers: [registry],
      }),
    retransmissions:
      existing<Counter>(registry, 'meterflow_coap_retransmissions_total') ??
      new Counter({
        name: 'meterflow_coap_retransmissions_total',
        help: 'CoAP retransmissions that arrived while the original was still being committed',
        registers: [registry],
      }),
  };
}
