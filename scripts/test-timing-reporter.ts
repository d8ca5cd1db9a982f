import type { Reporter, TestModule } from 'vitest/node';

/**
 * Prints one line per test file at the end of a run, slowest first: wall time (import + tests and hooks), the CPU
 * time the file used in its own process and in its children, chromium's among them (scripts/test-timing-setup.ts),
 * and how many tests it holds. A slow file shows at once.
 * Wired into vitest.config.ts and e2e/vitest.config.ts next to the default reporter.
 */
export default class TestTimingReporter implements Reporter {
  private started = Date.now();

  onTestRunStart() {
    this.started = Date.now();
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>) {
    if (modules.length === 0) return;
    const rows = modules.map((m) => {
      const d = m.diagnostic();
      const tests = [...m.children.allTests()];
      return {
        file: m.relativeModuleId,
        total: d.collectDuration + d.duration,
        importMs: d.collectDuration,
        testsMs: d.duration,
        cpuMs: m.meta().cpuMs,
        childCpuMs: m.meta().childCpuMs,
        tests: tests.length,
        failed: tests.filter((t) => t.result().state === 'failed').length,
        state: m.state(),
      };
    });
    rows.sort((a, b) => b.total - a.total);
    const s = (ms: number | undefined) => (ms === undefined ? '—' : (ms / 1000).toFixed(1));
    const width = Math.max(4, ...rows.map((r) => r.file.length));
    const line = (cols: string[]) => `  ${cols[0].padEnd(width)}  ${cols.slice(1).map((c) => c.padStart(9)).join('')}`;
    const out = ['', ' Time per test file (s), slowest first', line(['file', 'total', 'import', 'tests', 'cpu', 'children', '#tests', 'state'])];
    for (const r of rows) out.push(line([r.file, s(r.total), s(r.importMs), s(r.testsMs), s(r.cpuMs), s(r.childCpuMs), String(r.tests), r.failed ? `${r.failed} fail` : r.state]));
    const sum = rows.reduce((n, r) => n + r.total, 0);
    const cpu = rows.reduce((n, r) => n + (r.cpuMs ?? 0), 0);
    const children = rows.reduce((n, r) => n + (r.childCpuMs ?? 0), 0);
    out.push(line(['sum of files', s(sum), '', '', s(cpu), s(children), String(rows.reduce((n, r) => n + r.tests, 0)), '']));
    out.push(` run wall time ${s(Date.now() - this.started)} s`, '');
    process.stdout.write(`${out.join('\n')}\n`);
  }
}
