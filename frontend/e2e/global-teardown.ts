/** Stops the backend that global-setup started (its whole process group) and removes its data folder. */
import { existsSync, readFileSync, rmSync } from "node:fs";

export default async function globalTeardown(): Promise<void> {
  const pid = Number(process.env.E2E_BACKEND_PID ?? "0");
  if (pid > 0) {
    try {
      process.kill(-pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
  const stateFile = process.env.E2E_STATE_FILE;
  if (stateFile && existsSync(stateFile)) {
    const { dataDir } = JSON.parse(readFileSync(stateFile, "utf8")) as { dataDir: string };
    if (dataDir?.includes("koers-e2e-")) rmSync(dataDir, { recursive: true, force: true });
  }
}
