import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The front end's build id: a hash of the built index.html, which names the entry script by its content hash,
 * so every release has a new one. Read again when the file changes, so a release copied into dist/ under a
 * running hub is noticed too. Null when the hub serves no front end.
 */
export function buildIdOf(staticDir: string | null): () => string | null {
  let cached: { mtimeMs: number; size: number; id: string } | null = null;
  return () => {
    if (!staticDir) return null;
    const file = join(staticDir, 'index.html');
    try {
      const st = statSync(file);
      if (cached && cached.mtimeMs === st.mtimeMs && cached.size === st.size) return cached.id;
      const id = createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 16);
      cached = { mtimeMs: st.mtimeMs, size: st.size, id };
      return id;
    } catch {
      return null;
    }
  };
}
