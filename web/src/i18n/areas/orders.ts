/** UI text for the orders screens; the French has every English key (the type checks it). */
export const ordersEn = {} as const;

export const ordersFr: Record<keyof typeof ordersEn, string> = {};
