/** A configuration value that was rejected at start-up; `variable` names the bad setting. */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(
    readonly variable: string,
    readonly value: string | undefined,
    reason: string,
  ) {
    super(`${variable}=${value === undefined ? '(unset)' : JSON.stringify(value)}: ${reason}`);
    this.name = 'ConfigError';
  }
}
