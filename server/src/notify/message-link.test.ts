import { describe, expect, it } from 'vitest';
import { messageLink } from './triggers.ts';

describe('the tracking link of a message', () => {
  it("names the message's language, so the page opens in it whatever the phone's language", () => {
    expect(messageLink('https://t.example/', 'abc', 'fr')).toBe('https://t.example/t/abc?lang=fr');
    expect(messageLink('https://t.example', 'abc', 'fr-BE')).toBe('https://t.example/t/abc?lang=fr');
    expect(messageLink('https://t.example', 'abc', 'en-GB')).toBe('https://t.example/t/abc?lang=en');
  });
});
