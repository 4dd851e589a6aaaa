/**
 * Changes the learning rate every epoch: from a function `(epoch, lr) => newLr` (Keras) or by
 * stepping a scheduler from @mlstack/optimizers (`StepLR`, `CosineAnnealingLR`, ...) after
 * each epoch.
 */
import { ConfigError } from '../errors.js'
import { Callback, type Logs } from './Callback.js'

export type LrSchedule = (epoch: number, lr: number) => number

/**
 * @example
 * new LearningRateScheduler((epoch, lr) => (epoch < 5 ? lr : lr * 0.9))
 * new LearningRateScheduler(new StepLR(optimizer, { stepSize: 5 }))
 */
export class LearningRateScheduler extends Callback {
  private readonly schedule: LrSchedule | { step(): void }
  constructor(schedule: LrSchedule | { step(): void }) {
    super()
    if (typeof schedule !== 'function' && typeof schedule?.step !== 'function') {
      throw new ConfigError(
        'LearningRateScheduler',
        'expected a function (epoch, lr) => lr or a scheduler with step()',
      )
    }
    this.schedule = schedule
  }

  override onEpochBegin(epoch: number): void {
    const s = this.schedule
    if (typeof s !== 'function') return
    const opt = this.model?.optimizer
    if (!opt) return
    for (const g of opt.paramGroups as { lr: number }[]) {
      const lr = s(epoch, g.lr)
      if (!(Number.isFinite(lr) && lr >= 0)) {
        throw new ConfigError(
          'LearningRateScheduler',
          `schedule returned ${lr} at epoch ${epoch} (expected a finite lr >= 0)`,
        )
      }
      g.lr = lr
    }
  }

  override onEpochEnd(_epoch: number, logs?: Logs): void {
    const s = this.schedule
    if (typeof s !== 'function') s.step()
    const g = this.model?.optimizer?.paramGroups[0] as { lr: number } | undefined
    if (logs && g) logs.lr = g.lr
  }
}
