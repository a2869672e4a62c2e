// Colours of the choropleth, computed here so that regions without a figure keep their own grey.

const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

/** The colour of a value on a scale of evenly spaced colour stops. */
export function colorAt(value: number, min: number, max: number, stops: readonly string[]): string {
  const t = max > min ? Math.min(1, Math.max(0, (value - min) / (max - min))) : 0;
  const at = t * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(at));
  const a = rgb(stops[i] ?? '#000000');
  const b = rgb(stops[i + 1] ?? stops[i] ?? '#000000');
  const f = at - i;
  return `#${a.map((x, k) => Math.round(x + ((b[k] ?? x) - x) * f).toString(16).padStart(2, '0')).join('')}`;
}
