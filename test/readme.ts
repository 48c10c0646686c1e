/** The README's text, for the tests that run its recipes as written. */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const README = fileURLToPath(new URL('../README.md', import.meta.url));

/** The body of the README's `## <title>` section (up to the next `## `), or '' when it has none. */
export async function readmeSection(title: string): Promise<string> {
  return (await readFile(README, 'utf8')).split(`\n## ${title}\n`)[1]?.split('\n## ')[0] ?? '';
}
