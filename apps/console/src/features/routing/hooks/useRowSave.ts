import { useState } from 'react';

/**
 * Saving one row of the routing screen: `busy` while the save runs, so its button cannot send it
 * twice, and cleared again whether the save worked or not (the screen reports failures).
 */
export function useRowSave(write: () => Promise<unknown>) {
  const [busy, setBusy] = useState(false);
  async function save() {
    setBusy(true);
    try {
      await write();
    } finally {
      setBusy(false);
    }
  }
  return { busy, save };
}
