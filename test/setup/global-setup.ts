// Replaced by the platform setup (database per run, service checks).
export default async function globalSetup(): Promise<void> {}
