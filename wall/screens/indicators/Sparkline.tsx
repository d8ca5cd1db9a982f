import { createMemo } from 'solid-js';

const W = 100;
const H = 30;

/**
 * The trend of the last periods as inline SVG (no chart library: a wall shows dozens of these): the figure
 * as a solid line in its status colour, and what the plan expected as a dashed grey line under it.
 * Gaps (periods without a value) break the line. It stretches to its box.
 */
export function Sparkline(props: { values: (number | null)[]; plan?: number[]; color: string; max?: number; testid?: string }) {
  const paths = createMemo(() => {
    const vs = props.values;
    const plan = props.plan ?? [];
    const known = [...vs.filter((v): v is number => v !== null), ...plan];
    if (!known.length) return { line: '', plan: '' };
    const max = Math.max(props.max ?? 0, ...known) || 1;
    const min = Math.min(0, ...known);
    const x = (i: number) => (vs.length === 1 ? W / 2 : (i / (vs.length - 1)) * W);
    const y = (v: number) => H - 2 - ((v - min) / (max - min || 1)) * (H - 4);
    const draw = (series: (number | null)[]) => {
      let d = '';
      let pen = false;
      series.forEach((v, i) => {
        if (v === null) return void (pen = false);
        d += `${pen ? 'L' : 'M'}${x(i).toFixed(2)},${y(v).toFixed(2)}`;
        pen = true;
      });
      return d;
    };
    return { line: draw(vs), plan: draw(plan) };
  });
  return (
    <svg class="ind-spark" viewBox={`-2 0 ${W + 4} ${H}`} preserveAspectRatio="none" data-testid={props.testid} aria-hidden="true">
      <path d={paths().plan} fill="none" stroke="#8e9bb0" stroke-width="1.6" stroke-dasharray="4 4" vector-effect="non-scaling-stroke" />
      <path d={paths().line} fill="none" stroke={props.color} stroke-width="3" vector-effect="non-scaling-stroke" stroke-linejoin="round" stroke-linecap="round" />
    </svg>
  );
}
