import express from 'express';
import { describe, expect, it } from 'vitest';
import { trustProxySetting } from './trust-proxy.ts';

describe('trustProxySetting', () => {
  it('trusts no proxy when TRUST_PROXY is unset, empty or false', () => {
    expect(trustProxySetting(undefined)).toBe(false);
    expect(trustProxySetting('')).toBe(false);
    expect(trustProxySetting('false')).toBe(false);
  });

  it('reads true, a hop count and a list of addresses', () => {
    expect(trustProxySetting('true')).toBe(true);
    expect(trustProxySetting('2')).toBe(2);
    expect(trustProxySetting('loopback, 10.0.0.0/8')).toEqual(['loopback', '10.0.0.0/8']);
  });

  it('makes Express refuse a mistyped address at start-up', () => {
    expect(() => express().set('trust proxy', trustProxySetting('10.0.0.300'))).toThrow();
  });
});
