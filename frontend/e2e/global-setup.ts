/**
 * Starts the backend for the e2e run: a fresh SQLite database in a temporary folder, migrations, an admin,
 * the built SPA served at `/`, on a free port. Then creates the test organisation and its users through
 * the API as the admin (deterministic; no demo data). Writes what the tests need to `e2e/artifacts/`.
 */

import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { ADMIN, COACHES, E2E_DIR, type E2EState, HR, ORGANISATION, OTHER_ORGANISATION } from "./fixtures";

const FRONTEND = resolve(E2E_DIR, "..");
const ROOT = resolve(FRONTEND, "..");

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => ok(port));
    });
  });
}

async function waitFor(url: string, child: ChildProcess, seconds: number): Promise<void> {
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`backend exited with ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`backend did not answer ${url} within ${seconds}s`);
}

async function call<T>(
  base: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export default async function globalSetup(): Promise<void> {
  const artifacts = join(FRONTEND, "e2e", "artifacts");
  mkdirSync(join(artifacts, "screenshots"), { recursive: true });
  if (!existsSync(join(FRONTEND, "dist", "index.html"))) {
    execFileSync("npm", ["run", "build"], { cwd: FRONTEND, stdio: "inherit" });
  }
  const dataDir = mkdtempSync(join(tmpdir(), "koers-e2e-"));
  const port = await freePort();
  const env = {
    ...process.env,
    KOERS_ENV: "test",
    DATA_DIR: dataDir,
    DATABASE_URL: "",
    FRONTEND_DIST: join(FRONTEND, "dist"),
    KOERS_ADMIN_PASSWORD: ADMIN.password,
    LOGIN_RATE_PER_ACCOUNT: "1000/minute",
    LOGIN_RATE_PER_ADDRESS: "1000/minute",
    ARGON2_TIME_COST: "1",
    ARGON2_MEMORY_COST: "8192",
    LOG_LEVEL: "WARNING",
  };
  // `serve` applies the migrations first; the admin is created once the database answers.
  const child = spawn("uv", ["run", "koers", "serve", "--port", String(port)], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "inherit", "inherit"],
    detached: true,
  });
  const base = `http://127.0.0.1:${port}`;
  // Per run, not in a shared file: several people may run the suite in one working tree at once.
  process.env.E2E_BACKEND_PID = String(child.pid);
  await waitFor(`${base}/api/v1/health/ready`, child, 90);
  try {
    execFileSync("uv", ["run", "koers", "create-admin", ADMIN.email], { cwd: ROOT, env, stdio: "pipe" });
  } catch (error) {
    // The admin login below tells whether the admin exists; print the CLI's complaint and go on.
    console.warn(`create-admin: ${String((error as { stderr?: Buffer }).stderr ?? error).slice(-300)}`);
  }

  const tokenRes = await fetch(`${base}/api/v1/auth/token`, {
    method: "POST",
    body: new URLSearchParams({ username: ADMIN.email, password: ADMIN.password }),
  });
  if (!tokenRes.ok) throw new Error(`admin login failed: ${tokenRes.status}`);
  const { access_token: token } = (await tokenRes.json()) as { access_token: string };

  const org = await call<{ id: string }>(base, token, "POST", "/organisations", { name: ORGANISATION });
  const other = await call<{ id: string }>(base, token, "POST", "/organisations", {
    name: OTHER_ORGANISATION,
  });
  const users: Record<string, string> = {};
  for (const user of [HR, ...COACHES]) {
    const created = await call<{ id: string }>(base, token, "POST", "/users", {
      email: user.email,
      full_name: user.fullName,
      password: user.password,
    });
    users[user.email] = created.id;
  }
  await call(base, token, "POST", `/organisations/${org.id}/members`, {
    user_id: users[HR.email],
    role: "hr",
  });
  for (const coach of COACHES) {
    await call(base, token, "POST", `/organisations/${org.id}/members`, {
      user_id: users[coach.email],
      role: "coach",
    });
  }
  // The first coach is external and also works for another organisation (the organisation switcher).
  await call(base, token, "POST", `/organisations/${other.id}/members`, {
    user_id: users[COACHES[0].email],
    role: "coach",
  });

  const state: E2EState = {
    baseURL: base,
    organisationId: org.id,
    otherOrganisationId: other.id,
    users,
    dataDir,
  };
  const stateFile = join(dataDir, "state.json");
  writeFileSync(stateFile, JSON.stringify(state, null, 2));
  process.env.E2E_STATE_FILE = stateFile;
}
