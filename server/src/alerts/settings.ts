/** The organisation's alert thresholds: stored figures over the defaults. */
import { type AlertSettings, DEFAULT_ALERTS } from '@tournee/shared';

export const settingsOf = (stored: Partial<AlertSettings> | null | undefined): AlertSettings => ({
  ...DEFAULT_ALERTS,
  ...stored,
});
