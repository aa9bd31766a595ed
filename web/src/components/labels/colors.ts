// Colors for labels and skeleton points created without one; the same order the server uses,
// so a label keeps the color the user saw in the form.

export const LABEL_PALETTE = [
  "#33ddff",
  "#fa3253",
  "#34d1b7",
  "#ff007c",
  "#ddff33",
  "#24b353",
  "#b83df5",
  "#66ff66",
  "#32b7fa",
  "#ffcc33",
  "#83e070",
  "#fafa37",
  "#5986b3",
  "#8c78f0",
  "#ff6a4d",
  "#f078f0",
  "#2a7dd1",
  "#b25050",
  "#cc3366",
  "#cc9933",
  "#aaf0d1",
  "#ff00cc",
  "#3df53d",
  "#fa32b7",
  "#3d3df5",
  "#733380",
  "#ff355e",
  "#ffcc00",
  "#9966ff",
  "#0066ff",
  "#00cc99",
  "#cc6600",
] as const;

const HEX_COLOR = /^#[0-9a-f]{6}$/i;

export function isHexColor(value: string): boolean {
  return HEX_COLOR.test(value);
}

/** The first palette color not in `used`; past the palette, a color derived from the count. */
export function pickColor(used: Iterable<string>): string {
  const taken = new Set([...used].map((c) => c.toLowerCase()));
  for (const color of LABEL_PALETTE) {
    if (!taken.has(color)) return color;
  }
  const n = taken.size;
  const hex = (v: number) => (v % 256).toString(16).padStart(2, "0");
  return `#${hex(n * 67)}${hex(n * 131)}${hex(n * 199)}`;
}
