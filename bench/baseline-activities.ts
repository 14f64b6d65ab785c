/** The baseline worker's only activity: does nothing, so a history can be grown cheaply. */
export async function noop(): Promise<void> {}
