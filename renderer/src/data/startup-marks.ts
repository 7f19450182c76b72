// Named moments of a console start, as performance marks: the console benchmark reads them to say where the first screen's time goes.
export function startupMark(name: string): void {
  globalThis.performance?.mark?.(`otklik:${name}`);
}
