// Re-run the current node script inside a new network namespace that has only loopback, so that
// nothing it starts (Chromium, the Agents Playground, the bot) can reach any address except
// 127.0.0.0/8 and ::1. Needs root (unshare(1) from util-linux, ip(8) from iproute2).
// KINERJABOT_E2E_ALLOW_HOST_NET=1 skips this (then only the browser's loopback filter in
// lib/browser.mjs remains); scripts/test.sh sets it when namespaces are not permitted.
import { spawnSync } from "node:child_process";

const MARK = "KINERJABOT_E2E_IN_NETNS";

export function reexecInLoopbackNetns() {
  if (process.env[MARK] === "1" || process.env.KINERJABOT_E2E_ALLOW_HOST_NET === "1") return;
  const r = spawnSync("unshare",
    ["--net", "sh", "-c", 'ip link set lo up && exec "$@"', "netns", process.execPath, ...process.argv.slice(1)],
    { stdio: "inherit", env: { ...process.env, [MARK]: "1" } });
  if (r.error || r.status === null) {
    if (r.signal) process.kill(process.pid, r.signal);
    console.error(`cannot run in a loopback-only network namespace (${r.error?.message ?? r.signal}); ` +
      "run as root with unshare and ip available, or set KINERJABOT_E2E_ALLOW_HOST_NET=1");
    process.exit(3);
  }
  process.exit(r.status);
}
