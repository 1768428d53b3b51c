/** UI text for the integrations screens; the French has every English key (the type checks it). */
export const integrationsEn = {} as const;

export const integrationsFr: Record<keyof typeof integrationsEn, string> = {};
