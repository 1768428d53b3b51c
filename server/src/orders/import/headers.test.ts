import { describe, expect, it } from 'vitest';
import { fieldForHeader, normaliseHeader, planColumns } from './headers.ts';

describe('header aliases', () => {
  it('normalises case, accents and punctuation', () => {
    expect(normaliseHeader('  Début  créneau ')).toBe('debut creneau');
    expect(normaliseHeader('Volume (m³)')).toBe('volume m3');
  });
  it('recognises French and English aliases', () => {
    const cases: Record<string, string> = {
      Référence: 'ref',
      Client: 'name',
      Téléphone: 'phone',
      Adresse: 'address',
      'Code postal': 'postcode',
      Ville: 'city',
      Latitude: 'lat',
      Longitude: 'lon',
      Date: 'date',
      'Début créneau': 'tw_start',
      'Fin créneau': 'tw_end',
      'Durée (min)': 'service_min',
      'Poids (kg)': 'demand_kg',
      Priorité: 'priority',
      Remarques: 'notes',
      Courriel: 'email',
      'E-mail': 'email',
      TW2_START: 'tw2_start',
      'Fin créneau 2': 'tw2_end',
      demand_parcels: 'demand_parcels',
      Colis: 'demand_parcels',
      date_from: 'date_from',
      Compétences: 'skills',
    };
    for (const [header, field] of Object.entries(cases)) expect(fieldForHeader(header), header).toBe(field);
  });
  it('ignores headers it does not know', () => {
    expect(fieldForHeader('Couleur préférée')).toBeNull();
  });
});

describe('planColumns', () => {
  it('maps headers, with the mapping winning over aliases', () => {
    const plan = planColumns(['N° cmd', 'Jour', 'Client', 'Divers'], ['kg'], { 'n° CMD': 'ref', Client: '' });
    expect(plan.fields).toEqual(['ref', 'date', null, null]);
    expect(plan.ignored).toEqual(['Client', 'Divers']);
    expect(plan.errors).toEqual([]);
  });
  it('names a demand column whose dimension the organisation does not have', () => {
    const plan = planColumns(['ref', 'date', 'demand_pallets'], ['kg', 'm3'], {});
    expect(plan.errors).toEqual([expect.objectContaining({ row: 1, column: 'demand_pallets' })]);
    expect(plan.errors[0]!.message).toMatch(/pallets.*kg, m3/);
  });
  it('requires a ref and a date column', () => {
    const plan = planColumns(['Client'], ['kg']);
    expect(plan.errors.map((e) => e.column)).toEqual(['ref', 'date']);
  });
  it('refuses two columns feeding one field', () => {
    const plan = planColumns(['ref', 'date', 'Adresse', 'address'], ['kg']);
    expect(plan.errors).toEqual([expect.objectContaining({ column: 'address' })]);
  });
});
