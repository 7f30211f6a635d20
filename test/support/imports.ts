import { type api, eventually } from './runtime-process.ts';

type Api = ReturnType<typeof api>;

/** Imports a file as a user does: starts the job, then follows its Location until it has finished. */
export async function importFile(call: Api, body: string, contentType = 'application/x-ndjson', waitMs = 300_000) {
  const started = await call('POST', '/entities/imports', body, { 'content-type': contentType });
  if (started.status !== 202) throw new Error(`import: ${started.status} ${started.text}`);
  const location = started.headers.get('location') ?? '';
  const finished = await eventually(async () => {
    const job = await call('GET', location);
    return job.json?.status === 'running' ? undefined : job;
  }, waitMs);
  return { started, location, job: finished.json };
}
