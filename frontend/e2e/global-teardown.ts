/** Stops the backend that global-setup started (its whole process group) and removes its data folder. */

import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { E2E_DIR, STATE_FILE } from "./fixtures";

export default async function globalTeardown(): Promise<void> {
  const pidFile = join(E2E_DIR, "artifacts", "backend.pid");
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, "utf8"));
    try {
      process.kill(-pid, "SIGTERM");
    } catch {
      // already gone
    }
    rmSync(pidFile);
  }
  if (existsSync(STATE_FILE)) {
    const { dataDir } = JSON.parse(readFileSync(STATE_FILE, "utf8")) as { dataDir: string };
    if (dataDir?.includes("koers-e2e-")) rmSync(dataDir, { recursive: true, force: true });
  }
}
