export async function sync(items: string[]) {
  try {
    await push(items);
  } catch (err) {
    logger.warn({ err }, 'push failed; will retry');
    throw err;
  }
}
