/** UI text for the rules screens; the French has every English key (the type checks it). */
export const rulesEn = {} as const;

export const rulesFr: Record<keyof typeof rulesEn, string> = {};
