/**
 * A template's order as an import row: the canonical fields the import validation reads
 * (orders/import/validate-row.ts), so a generated order is checked exactly like an imported one.
 */
import type { TemplateOrder } from '@tournee/shared';

/** The order ref of one occurrence: `<template ref>-<YYYY-MM-DD>`. */
export const occurrenceRef = (templateRef: string, date: string) => `${templateRef}-${date}`;

/** The import row (canonical field → cell) of the occurrence on `date`. */
export function importRecord(ref: string, date: string, o: TemplateOrder): Record<string, string> {
  const rec: Record<string, string> = { ref: occurrenceRef(ref, date), date, name: o.name, address: o.address };
  if (o.lat != null) rec.lat = String(o.lat);
  if (o.lon != null) rec.lon = String(o.lon);
  if (o.phone) rec.phone = o.phone;
  if (o.email) rec.email = o.email;
  if (o.notes) rec.notes = o.notes;
  o.timeWindows.forEach((w, i) => {
    const n = i === 0 ? '' : String(i + 1);
    rec[`tw${n}_start`] = w.start;
    rec[`tw${n}_end`] = w.end;
  });
  if (o.serviceMin != null) rec.service_min = String(o.serviceMin);
  for (const [dim, v] of Object.entries(o.demand)) rec[`demand_${dim}`] = String(v);
  if (o.skills.length) rec.skills = o.skills.join(',');
  if (o.priority) rec.priority = String(o.priority);
  if (o.requireProof.length) rec.require_proof = o.requireProof.join(',');
  return rec;
}

/** Where a canonical field lives in the template's JSON, for error messages. */
export function templateField(field: string): string {
  const tw = /^tw(\d*)_(start|end)$/.exec(field);
  if (tw) return `order.timeWindows[${Number(tw[1] || 1) - 1}].${tw[2]}`;
  if (field.startsWith('demand_')) return `order.demand.${field.slice(7)}`;
  const named: Record<string, string> = {
    ref: 'ref',
    date: 'startsOn',
    service_min: 'order.serviceMin',
    require_proof: 'order.requireProof',
    postcode: 'order.address',
    city: 'order.address',
    country: 'order.address',
  };
  return named[field] ?? `order.${field}`;
}
