/** Imports a file through the job (POST /entities/imports) and waits for it to finish, as a user's client would. */
export async function importAndWait(
  url: string,
  token: string,
  body: string | Uint8Array,
  headers: Record<string, string> = { 'content-type': 'application/x-ndjson' },
): Promise<{ accepted: number; duplicates: number; rejected: number; rowsDone: number; total: number; status: string }> {
  const started = await fetch(`${url}/entities/imports`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, ...headers },
    body,
  });
  if (started.status !== 202) throw new Error(`import: ${started.status} ${await started.text()}`);
  const location = started.headers.get('location') ?? '';
  for (;;) {
    const job = (await (await fetch(`${url}${location}`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
      status: string;
      accepted: number;
      duplicates: number;
      rejected: number;
      rowsDone: number;
      total: number;
    };
    if (job.status !== 'running') return job;
    await new Promise((r) => setTimeout(r, 100));
  }
}
