/**
 * Just enough of a Dockerfile reader to replay the project's own Dockerfile without docker: the
 * stages, and per stage its COPY, RUN, ENV, CMD and HEALTHCHECK instructions in order.
 */

export type Instruction =
  | { op: 'COPY'; from?: string; sources: string[]; dest: string }
  | { op: 'RUN'; command: string }
  | { op: 'ENV'; vars: Record<string, string> }
  | { op: 'CMD'; argv: string[] }
  | { op: 'HEALTHCHECK'; command: string }
  | { op: 'OTHER'; keyword: string; args: string };

export interface Stage {
  name?: string;
  instructions: Instruction[];
}

/** Joins `\`-continued lines and drops comments and blank lines. */
function logicalLines(text: string): string[] {
  const lines: string[] = [];
  let pending = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (pending === '' && (line === '' || line.startsWith('#'))) continue;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1).trim()} `;
      continue;
    }
    lines.push(pending + line);
    pending = '';
  }
  if (pending !== '') lines.push(pending.trim());
  return lines;
}

function parseInstruction(keyword: string, args: string): Instruction {
  switch (keyword) {
    case 'COPY': {
      const words = args.split(/\s+/);
      const from = words.find((w) => w.startsWith('--from='))?.slice('--from='.length);
      if (words.some((w) => w.startsWith('--') && !w.startsWith('--from='))) {
        throw new Error(`COPY flag not understood by this reader: ${args}`);
      }
      const paths = words.filter((w) => !w.startsWith('--'));
      const dest = paths.pop();
      if (dest === undefined || paths.length === 0) throw new Error(`COPY without source: ${args}`);
      return { op: 'COPY', ...(from !== undefined ? { from } : {}), sources: paths, dest };
    }
    case 'RUN':
      return { op: 'RUN', command: args };
    case 'ENV':
      return {
        op: 'ENV',
        vars: Object.fromEntries(
          args
            .split(/\s+/)
            .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
        ),
      };
    case 'CMD':
      return { op: 'CMD', argv: JSON.parse(args) as string[] };
    case 'HEALTHCHECK': {
      const cmd = /(?:^|\s)CMD\s+(.*)$/.exec(args);
      if (!cmd?.[1]) throw new Error(`HEALTHCHECK without CMD: ${args}`);
      return { op: 'HEALTHCHECK', command: cmd[1].trim() };
    }
    default:
      return { op: 'OTHER', keyword, args };
  }
}

export function parseDockerfile(text: string): Stage[] {
  const stages: Stage[] = [];
  for (const line of logicalLines(text)) {
    const space = line.search(/\s/);
    const keyword = line.slice(0, space).toUpperCase();
    const args = line.slice(space + 1).trim();
    if (keyword === 'FROM') {
      const name = /\bAS\s+(\S+)$/i.exec(args)?.[1];
      stages.push({ ...(name !== undefined ? { name } : {}), instructions: [] });
      continue;
    }
    const stage = stages.at(-1);
    if (!stage) throw new Error(`${keyword} before FROM`);
    stage.instructions.push(parseInstruction(keyword, args));
  }
  return stages;
}
