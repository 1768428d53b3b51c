/** Distinct, colour-blind-friendly route colours (Okabe–Ito plus Tableau), cycled by route index; no grey: it marks unplanned orders. */
const PALETTE = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#D55E00',
  '#56B4E9',
  '#8C564B',
  '#F0E442',
  '#332288',
  '#17BECF',
  '#BCBD22',
  '#1F77B4',
];

export const routeColor = (index: number): string => PALETTE[index % PALETTE.length]!;
