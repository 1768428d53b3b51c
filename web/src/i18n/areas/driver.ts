/** UI text for the driver screens; the French has every English key (the type checks it). */
export const driverEn = {} as const;

export const driverFr: Record<keyof typeof driverEn, string> = {};
