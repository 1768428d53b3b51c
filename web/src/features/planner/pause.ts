import type { StopKind } from '@tournee/shared';

/**
 * The sign of a route's stop that is no visit, where a visit shows its number: a break (☕) or
 * a multi-trip vehicle's reload at its depot (↻).
 */
export const pauseIcon = (kind: StopKind): string => (kind === 'reload' ? '↻' : '☕');
