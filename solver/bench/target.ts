/** Prints `target <what>: <figure> (target <goal>) met|MISSED`: one line per target of issue 19. */
export function target(what: string, figure: string, goal: string, met: boolean): void {
  console.log(`target ${what}: ${figure} (target ${goal}) ${met ? 'met' : 'MISSED'}`);
}
