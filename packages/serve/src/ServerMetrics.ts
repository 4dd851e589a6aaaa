// Prometheus metrics of one server, on its own registry so several servers in one process
// (tests, embedding) do not collide: requests and failures per model, queue vs compute
// latency, batch sizes, queue depth, and the process's memory and event-loop figures.
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'

const LATENCY_BUCKETS = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10]

/** The server's metric families; names start with `mlstack_serve_`. */
export class ServerMetrics {
  readonly registry = new Registry()
  readonly requests = new Counter({
    name: 'mlstack_serve_requests_total',
    help: 'Inference requests received, per model and version',
    labelNames: ['model', 'version'] as const,
    registers: [this.registry],
  })
  readonly failures = new Counter({
    name: 'mlstack_serve_request_failures_total',
    help: 'Inference requests answered with an error, per model, version and HTTP status',
    labelNames: ['model', 'version', 'status'] as const,
    registers: [this.registry],
  })
  readonly requestSeconds = new Histogram({
    name: 'mlstack_serve_request_duration_seconds',
    help: 'Inference request latency from arrival to answer',
    labelNames: ['model', 'version'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  })
  readonly queueSeconds = new Histogram({
    name: 'mlstack_serve_queue_duration_seconds',
    help: 'Time a request waited in the batching queue',
    labelNames: ['model', 'version'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  })
  readonly computeSeconds = new Histogram({
    name: 'mlstack_serve_compute_duration_seconds',
    help: 'Time of one model run (one batch)',
    labelNames: ['model', 'version'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  })
  readonly batchSize = new Histogram({
    name: 'mlstack_serve_batch_size',
    help: 'Rows per model run',
    labelNames: ['model', 'version'] as const,
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256],
    registers: [this.registry],
  })
  readonly modelRuns = new Counter({
    name: 'mlstack_serve_model_runs_total',
    help: 'Model runs (batches) executed',
    labelNames: ['model', 'version'] as const,
    registers: [this.registry],
  })
  readonly queueDepth = new Gauge({
    name: 'mlstack_serve_queue_depth',
    help: 'Requests waiting in the batching queue',
    labelNames: ['model', 'version'] as const,
    registers: [this.registry],
  })
  readonly inFlight = new Gauge({
    name: 'mlstack_serve_inflight_requests',
    help: 'HTTP inference requests being handled',
    registers: [this.registry],
  })

  constructor(options: { processMetrics?: boolean } = {}) {
    if (options.processMetrics !== false) collectDefaultMetrics({ register: this.registry })
  }
}
