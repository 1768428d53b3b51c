/**
 * An init script (page.addInitScript) for a page of the dispatcher app: `look`, the source of a
 * function of the day's map, runs after each frame the map renders until it returns true. It
 * looks only when the map has drawn, where polling on every animation frame would take the
 * page's main thread from the drawing it watches. A string, as it runs in the page.
 */
export function afterEachMapFrame(look: string): string {
  return `(() => {
    const look = ${look};
    let map;
    Object.defineProperty(window, '__tourneeMap', {
      configurable: true,
      get: () => map,
      set: (m) => {
        map = m;
        const next = () => {
          if (!look(m)) m.once('render', next);
        };
        m?.once('render', next);
      },
    });
  })();`;
}
