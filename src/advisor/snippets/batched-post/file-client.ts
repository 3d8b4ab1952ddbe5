// Uploads a file as one request (R19: a file upload is an upload, not a stream), with an
// Idempotency-Key so a retry after a dropped connection does not store it twice, and backoff.
// For files beyond the server's cap, upload to object storage with a pre-signed URL instead (POST-4).

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function uploadFile(url: string, file: Blob, signal?: AbortSignal): Promise<void> {
  const key = crypto.randomUUID();
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await fetch(url, {
        method: 'POST',
        body: file,
        headers: { 'Content-Type': file.type || 'application/octet-stream', 'Idempotency-Key': key },
        signal,
      });
      if (res.ok) return;
      throw Object.assign(new Error(`upload refused: ${res.status}`), { fatal: res.status < 500 }); // 5xx: try again
    } catch (err) {
      if (signal?.aborted || (err as { fatal?: boolean }).fatal || attempt >= 4) throw err;
    }
    await sleep(Math.random() * Math.min(30_000, 1000 * 2 ** attempt));
  }
}
