import { describe, expect, it } from 'vitest';
import { colorAt } from './scale.ts';

describe('map colours', () => {
  const stops = ['#000000', '#ff0000', '#ffffff'];
  it('runs through evenly spaced stops and stays within them', () => {
    expect(colorAt(0, 0, 10, stops)).toBe('#000000');
    expect(colorAt(5, 0, 10, stops)).toBe('#ff0000');
    expect(colorAt(10, 0, 10, stops)).toBe('#ffffff');
    expect(colorAt(2.5, 0, 10, stops)).toBe('#800000');
    expect(colorAt(-4, 0, 10, stops)).toBe('#000000');
    expect(colorAt(40, 0, 10, stops)).toBe('#ffffff');
    // a diverging scale centred on 0
    expect(colorAt(0, -8, 8, stops)).toBe('#ff0000');
    // nothing to spread over: the first colour
    expect(colorAt(3, 3, 3, stops)).toBe('#000000');
  });
});
