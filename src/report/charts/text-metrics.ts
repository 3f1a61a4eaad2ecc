/**
 * Text widths in DejaVu Sans, so that vega lays out axes, legends and labels for the font the
 * PNG is drawn with, the same way on every machine (vega would otherwise use a canvas when one
 * is installed, or guess 0.8 em per character, which hides labels it thinks overlap).
 */

/**
 * Advance widths of the printable ASCII characters (space to "~"), in font units of 2048 per em,
 * read from the hmtx tables of DejaVu Sans 2.37 (Debian fonts-dejavu-core).
 */
const regular = [
  651, 821, 942, 1716, 1303, 1946, 1597, 563, 799, 799, 1024, 1716, 651, 739, 651, 690, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 690, 690, 1716, 1716, 1716, 1087, 2048, 1401, 1405, 1430, 1577, 1294, 1178, 1587, 1540, 604, 604, 1343, 1141, 1767, 1532, 1612, 1235, 1612, 1423, 1300, 1251, 1499, 1401, 2025, 1403, 1251, 1403, 799, 690, 799, 1716, 1024, 1024, 1255, 1300, 1126, 1300, 1260, 721, 1300, 1298, 569, 569, 1186, 569, 1995, 1298, 1253, 1300, 1300, 842, 1067, 803, 1298, 1212, 1675, 1212, 1212, 1075, 1303, 690, 1303, 1716,
];
const bold = [
  713, 934, 1067, 1716, 1425, 2052, 1786, 627, 936, 936, 1071, 1716, 778, 850, 778, 748, 1425, 1425, 1425, 1425, 1425, 1425, 1425, 1425, 1425, 1425, 819, 819, 1716, 1716, 1716, 1188, 2048, 1585, 1561, 1503, 1700, 1399, 1399, 1681, 1714, 762, 762, 1587, 1305, 2038, 1714, 1741, 1501, 1741, 1577, 1475, 1397, 1663, 1585, 2259, 1579, 1483, 1485, 936, 748, 936, 1716, 1024, 1024, 1382, 1466, 1214, 1466, 1389, 891, 1466, 1458, 702, 702, 1362, 702, 2134, 1458, 1407, 1466, 1466, 1010, 1219, 979, 1458, 1335, 1892, 1321, 1335, 1192, 1458, 748, 1458, 1716,
];
const unitsPerEm = 2048;
/** Other characters: the width of "n", near the average of a lowercase run. */
const fallback = { regular: 1298, bold: 1458 };

/** What vega passes in: a text item's font settings and, for truncation, its limit in px. */
export interface TextItem {
  fontSize?: number | string;
  fontWeight?: number | string;
  limit?: number;
  text?: unknown;
}

function isBold(weight: number | string | undefined): boolean {
  if (weight === undefined) return false;
  const numeric = Number(weight);
  return Number.isFinite(numeric) ? numeric >= 600 : weight === "bold" || weight === "bolder";
}

/**
 * Width in CSS pixels of `text` set in DejaVu Sans at `fontSize` px, ignoring kerning.
 *
 * @example
 * dejaVuWidth("0", 10) // => 6.3623046875
 */
export function dejaVuWidth(text: string, fontSize: number, boldFace = false): number {
  const table = boldFace ? bold : regular;
  let units = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    units += code >= 32 && code <= 126 ? table[code - 32] : boldFace ? fallback.bold : fallback.regular;
  }
  return (units / unitsPerEm) * fontSize;
}

/**
 * vega's text-width hook: the width of one line of a text item (vega's default size 11 px),
 * at most the item's `limit` since vega truncates longer text to it.
 *
 * @example
 * textItemWidth({ fontSize: 10 }, " 0 ") // => 6.3623046875
 */
export function textItemWidth(item: TextItem, text?: unknown): number {
  const value = text === undefined || text === null ? "" : String(text).trim();
  const size = item.fontSize === undefined ? 11 : Number(item.fontSize) || 0;
  if (size <= 0 || value === "") return 0;
  const width = dejaVuWidth(value, size, isBold(item.fontWeight));
  return item.limit !== undefined && item.limit > 0 ? Math.min(width, item.limit) : width;
}
