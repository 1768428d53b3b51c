/** UI text for the text screens; the French has every English key (the type checks it). */
export const textEn = {} as const;

export const textFr: Record<keyof typeof textEn, string> = {};
