// The instances of one loaded model (ONNX runtimes, worker threads): each run goes to the least
// busy one, and one whose worker thread died is replaced before its next run, once, however many
// runs ask for it meanwhile. Shared by the ONNX and the mlstack loaders.

export class InstancePool<T extends { readonly failed?: Error }> {
  private readonly busy: number[]
  private readonly restarting = new Map<number, Promise<T>>()

  /**
   * @param what names the model in the log line when an instance is replaced
   * @param respawn makes a fresh, loaded instance
   */
  constructor(
    readonly instances: T[],
    private readonly what: string,
    private readonly respawn: () => Promise<T>,
    private readonly log: (msg: string) => void,
  ) {
    this.busy = instances.map(() => 0)
  }

  /** Runs `f` on the least busy instance, counted busy until `f` settles. */
  async use<R>(f: (instance: T) => Promise<R>): Promise<R> {
    let k = 0
    for (let i = 1; i < this.busy.length; i++)
      if ((this.busy[i] as number) < (this.busy[k] as number)) k = i
    this.busy[k] = (this.busy[k] as number) + 1
    try {
      return await f(await this.instance(k))
    } finally {
      this.busy[k] = (this.busy[k] as number) - 1
    }
  }

  /** The instance in slot k, replaced first if its worker died (requests then in it failed). */
  private instance(k: number): Promise<T> | T {
    const current = this.instances[k] as T
    if (!current.failed) return current
    let p = this.restarting.get(k)
    if (!p) {
      this.log(`${this.what} instance ${k} failed (${current.failed.message}); starting a new one`)
      p = this.respawn().then((fresh) => {
        this.instances[k] = fresh
        return fresh
      })
      this.restarting.set(k, p)
      void p.finally(() => this.restarting.delete(k)).catch(() => undefined)
    }
    return p
  }
}
