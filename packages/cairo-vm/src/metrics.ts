/** Metrics the VM reports through; the node package supplies the implementation. */
export interface VmMetrics {
  /** One finished run (or a run that failed): steps executed and wall time. */
  run(steps: number, durationMs: number, failed: boolean): void;
}
