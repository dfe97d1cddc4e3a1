export default async function globalTeardown() {
  await globalThis.__SWITCHBOARD_EMBEDDED_PG__?.stop();
}
