import { apiFile } from './api-client';

/**
 * Saves a file the API serves under the given name. It is fetched with the bearer token (a plain
 * link cannot send it) and handed to the browser as a download, never rendered in the console's origin.
 */
export async function saveApiFile(url: string, filename: string): Promise<void> {
  const href = URL.createObjectURL(await apiFile(url));
  const link = document.createElement('a');
  link.href = href;
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
