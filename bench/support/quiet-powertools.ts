/**
 * Imported first by the benchmark world: the handlers run in the benchmark's process, and one log
 * line and one metric line per event would make the benchmark measure the terminal. Powertools
 * reads these when its logger and metrics are created, at module load.
 */
process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';

export {};
