/**
 * Columns and rows for `n` tiles of aspect `aspect` in a w×h box with `gap` between them, chosen so each
 * tile's picture is as large as it can be and nothing scrolls. Pure, so it is cheap to run on every resize.
 */
export function fitGrid(n: number, w: number, h: number, gap: number, aspect = 16 / 9): { cols: number; rows: number } {
  if (n <= 0 || w <= 0 || h <= 0) return { cols: 1, rows: 1 };
  let best = { cols: 1, rows: n, area: -1 };
  for (let cols = 1; cols <= n; cols++) {
    const rows = Math.ceil(n / cols);
    // Only the smallest column count for a given row count: more columns would leave a column empty.
    if (cols > 1 && Math.ceil(n / (cols - 1)) === rows) continue;
    const tw = (w - gap * (cols - 1)) / cols;
    const th = (h - gap * (rows - 1)) / rows;
    if (tw <= 0) break; // more columns only get narrower
    if (th <= 0) continue; // too many rows: more columns will have fewer
    const pw = Math.min(tw, th * aspect);
    const area = (pw * pw) / aspect;
    if (area > best.area) best = { cols, rows, area };
  }
  return { cols: best.cols, rows: best.rows };
}
