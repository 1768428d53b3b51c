/** UI text for the settings screens; the French has every English key (the type checks it). */
export const settingsEn = {} as const;

export const settingsFr: Record<keyof typeof settingsEn, string> = {};
