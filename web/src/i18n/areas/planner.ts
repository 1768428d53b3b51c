/** UI text for the planner screens; the French has every English key (the type checks it). */
export const plannerEn = {} as const;

export const plannerFr: Record<keyof typeof plannerEn, string> = {};
