// Prometheus metrics of one server, on its own registry so several servers in one process
// (tests, embedding) do not collide: requests and failures per model, queue vs compute
// latency, batch sizes, queue depth, and the process's memory and event-loop figures.
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'

const LATENCY_BUCKETS = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10]

// Every series but the in-flight gauge is per model version.
const PER_VERSION = ['model', 'version'] as const

/** The server's metric families; names start with `mlstack_serve_`. */
export class ServerMetrics {
  readonly registry = new Registry()
  readonly requests = new Counter(
    this.perVersion(
      'mlstack_serve_requests_total',
      'Inference requests received, per model and version',
    ),
  )
  readonly failures = new Counter({
    ...this.perVersion(
      'mlstack_serve_request_failures_total',
      'Inference requests answered with an error, per model, version and HTTP status',
    ),
    labelNames: [...PER_VERSION, 'status'] as const,
  })
  readonly requestSeconds = new Histogram({
    ...this.perVersion(
      'mlstack_serve_request_duration_seconds',
      'Inference request latency from arrival to answer',
    ),
    buckets: LATENCY_BUCKETS,
  })
  readonly queueSeconds = new Histogram({
    ...this.perVersion(
      'mlstack_serve_queue_duration_seconds',
      'Time a request waited in the batching queue',
    ),
    buckets: LATENCY_BUCKETS,
  })
  readonly computeSeconds = new Histogram({
    ...this.perVersion(
      'mlstack_serve_compute_duration_seconds',
      'Time of one model run (one batch)',
    ),
    buckets: LATENCY_BUCKETS,
  })
  readonly batchSize = new Histogram({
    ...this.perVersion('mlstack_serve_batch_size', 'Rows per model run'),
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256],
  })
  readonly modelRuns = new Counter(
    this.perVersion('mlstack_serve_model_runs_total', 'Model runs (batches) executed'),
  )
  readonly queueDepth = new Gauge(
    this.perVersion('mlstack_serve_queue_depth', 'Requests waiting in the batching queue'),
  )
  readonly inFlight = new Gauge({
    name: 'mlstack_serve_inflight_requests',
    help: 'HTTP inference requests being handled',
    registers: [this.registry],
  })

  constructor(options: { processMetrics?: boolean } = {}) {
    if (options.processMetrics !== false) collectDefaultMetrics({ register: this.registry })
  }

  /** The options every per-version family shares: its labels and this server's registry. */
  private perVersion(name: string, help: string) {
    return { name, help, labelNames: PER_VERSION, registers: [this.registry] }
  }
}
