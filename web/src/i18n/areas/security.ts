/** UI text for the security screens; the French has every English key (the type checks it). */
export const securityEn = {} as const;

export const securityFr: Record<keyof typeof securityEn, string> = {};
