import { createMemo } from 'solid-js';

/**
 * The trend of the last periods as an inline SVG line (no chart library: a wall shows dozens of these).
 * Gaps (periods without a value) break the line. It stretches to its box.
 */
export function Sparkline(props: { values: (number | null)[]; color: string; max?: number; testid?: string }) {
  const path = createMemo(() => {
    const vs = props.values;
    const known = vs.filter((v): v is number => v !== null);
    if (!known.length) return { d: '' };
    const max = Math.max(props.max ?? 0, ...known) || 1;
    const min = Math.min(0, ...known);
    const x = (i: number) => (vs.length === 1 ? 50 : (i / (vs.length - 1)) * 100);
    const y = (v: number) => 28 - ((v - min) / (max - min || 1)) * 26;
    let d = '';
    let pen = false;
    vs.forEach((v, i) => {
      if (v === null) return void (pen = false);
      d += `${pen ? 'L' : 'M'}${x(i).toFixed(2)},${y(v).toFixed(2)}`;
      pen = true;
    });
    return { d };
  });
  return (
    <svg class="ind-spark" viewBox="-2 0 104 30" preserveAspectRatio="none" data-testid={props.testid} aria-hidden="true">
      <path d={path().d} fill="none" stroke={props.color} stroke-width="2.2" vector-effect="non-scaling-stroke" stroke-linejoin="round" stroke-linecap="round" />
    </svg>
  );
}
